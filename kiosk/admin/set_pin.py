"""`kiosk set-pin`: ask for a PIN twice and write its salted hash to the PIN file
(kiosk/admin/pin_file.py: beside the settings file, mode 0640, group kiosk).

An old `pin_hash` line in the settings file (where earlier versions kept it, readable by
every account) is removed; the rest of that file is kept as it is, and checked before it is
written, so a mistake never leaves a broken file behind.
"""

from __future__ import annotations

import getpass
import re
import sys
from pathlib import Path

from kiosk.admin.pin import PIN_MAX, PIN_MIN, PIN_RULE, hash_pin, valid_pin
from kiosk.admin.pin_file import pin_path, write_pin_hash
from kiosk.config import ConfigError, find_config, parse_config


def without_pin_hash(text: str) -> str:
    """`text` (TOML) without a pin_hash line in its [admin] section, everything else unchanged."""
    section = re.search(r"(?m)^\[admin\][^\n]*\n", text)
    if section is None:
        return text
    start = section.end()
    following = re.search(r"(?m)^\[", text[start:])
    end = start + following.start() if following else len(text)
    body = re.sub(r"(?m)^\s*pin_hash\s*=.*\n?", "", text[start:end])
    return text[:start] + body + text[end:]


def read_pin(stdin=sys.stdin) -> str:
    if stdin.isatty():
        first = getpass.getpass(f"New admin PIN ({PIN_MIN} to {PIN_MAX} digits): ")
        second = getpass.getpass("The same PIN again: ")
    else:  # piped in (automation): two lines
        first, second = (stdin.readline().strip(), stdin.readline().strip())
    if first != second:
        raise ValueError("the two PINs differ")
    if not valid_pin(first):
        raise ValueError(PIN_RULE)
    return first


def set_pin(config_path: Path | None = None, stdin=sys.stdin, out=sys.stdout) -> int:
    settings = find_config(config_path)
    path = pin_path(config_path)
    try:
        pin = read_pin(stdin)
    except ValueError as error:
        print(f"kiosk set-pin: {error}; nothing was changed", file=out)
        return 1
    old_text = settings.read_text(encoding="utf-8") if settings and settings.is_file() else ""
    new_text = without_pin_hash(old_text)
    if new_text != old_text:
        try:
            parse_config(new_text, settings)
        except ConfigError as error:
            print(f"kiosk set-pin: the settings file has a mistake; fix it first: {error}", file=out)
            return 1
    try:
        who = write_pin_hash(path, hash_pin(pin))
        if new_text != old_text:
            settings.write_text(new_text, encoding="utf-8")
    except OSError as error:
        print(f"kiosk set-pin: cannot write {error.filename or path} ({error.strerror}); run it as root",
              file=out)
        return 1
    print(f"kiosk set-pin: the PIN's hash is written to {path}, which {who} can read (the PIN itself is "
          "not stored)", file=out)
    if new_text != old_text:
        print(f"kiosk set-pin: removed the old pin_hash line from {settings} (every account can read that file)",
              file=out)
    return 0
