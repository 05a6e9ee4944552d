"""`kiosk set-pin`: ask for a PIN twice and write its salted hash into the settings file.

The rest of the file is kept as it is; the result is checked against the schema before it
is written, so a mistake never leaves a broken file behind.
"""

from __future__ import annotations

import getpass
import re
import sys
from pathlib import Path

from kiosk.admin.pin import hash_pin, valid_pin
from kiosk.config import ConfigError, find_config, parse_config, system_path


def with_pin_hash(text: str, pin_hash: str) -> str:
    """`text` (TOML) with admin.pin_hash set, everything else unchanged."""
    line = f'pin_hash = "{pin_hash}"'
    section = re.search(r"(?m)^\[admin\][^\n]*\n", text)
    if section is None:
        return (text.rstrip("\n") + "\n\n" if text.strip() else "") + f"[admin]\n{line}\n"
    start = section.end()
    following = re.search(r"(?m)^\[", text[start:])
    end = start + following.start() if following else len(text)
    body = text[start:end]
    if re.search(r"(?m)^\s*pin_hash\s*=", body):
        body = re.sub(r"(?m)^\s*pin_hash\s*=.*$", line, body, count=1)
    else:
        body = line + "\n" + body
    return text[:start] + body + text[end:]


def read_pin(stdin=sys.stdin) -> str:
    if stdin.isatty():
        first = getpass.getpass("New admin PIN (4 to 12 digits): ")
        second = getpass.getpass("The same PIN again: ")
    else:  # piped in (automation): two lines
        first, second = (stdin.readline().strip(), stdin.readline().strip())
    if first != second:
        raise ValueError("the two PINs differ")
    if not valid_pin(first):
        raise ValueError("a PIN is 4 to 12 digits")
    return first


def set_pin(config_path: Path | None = None, stdin=sys.stdin, out=sys.stdout) -> int:
    path = find_config(config_path) or system_path()
    try:
        pin = read_pin(stdin)
    except ValueError as error:
        print(f"kiosk set-pin: {error}; nothing was changed", file=out)
        return 1
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    new_text = with_pin_hash(text, hash_pin(pin))
    try:
        parse_config(new_text, path)
    except ConfigError as error:
        print(f"kiosk set-pin: the settings file has a mistake; fix it first: {error}", file=out)
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new_text, encoding="utf-8")
    except OSError as error:
        print(f"kiosk set-pin: cannot write {path} ({error.strerror}); run it as the administrator", file=out)
        return 1
    print(f"kiosk set-pin: the PIN's hash is written to {path} (the PIN itself is not stored)", file=out)
    return 0
