"""Where the admin PIN's hash lives, and reading and writing it safely.

It has a file of its own, `admin-pin`, beside the settings file in use (on Linux
/etc/xdg/infusion-kiosk/admin-pin), owned by root and readable by the kiosk's group only
(0640): the settings file is readable by every account, and a 6-digit PIN's hash in
anyone's hands falls to a search in hours. The kiosk refuses a PIN file every account can
read or write, and one whose hash asks for unsafe scrypt parameters, each in one line
naming the file and the fix; staff access is then off, the kiosk itself runs on.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from kiosk.admin.pin import parse_pin_hash
from kiosk.config import find_config, system_path

try:
    import grp
except ImportError:  # Windows: the folder's access rules decide (the deployment guide says how)
    grp = None

log = logging.getLogger(__name__)

FILE_NAME = "admin-pin"
MODE = 0o640
KIOSK_GROUP = "kiosk"  # the account the deployment guide makes for the kiosk
LOCKOUT_FILE = "admin-lockout.json"  # in the kiosk's data folder: written by the kiosk itself


class PinFileError(Exception):
    """One line: file: problem — fix."""


def pin_path(config_file: Path | None = None) -> Path:
    """Beside the settings file in use (the same rule as the kiosk), else the system's folder."""
    settings = find_config(config_file) or system_path()
    return settings.parent / FILE_NAME


def read_pin_hash(path: Path) -> str:
    """The stored hash; "" when there is no PIN file (staff access off). PinFileError if unusable."""
    try:
        info = path.stat()
        text = path.read_text("ascii")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not a PIN hash"
        raise PinFileError(f"{path}: cannot be read ({reason}) — run `kiosk set-pin` as root to write it "
                           "again") from None
    if grp is not None and info.st_mode & (stat.S_IROTH | stat.S_IWOTH | stat.S_IWGRP):
        raise PinFileError(f"{path}: other accounts can read or change it (mode {stat.S_IMODE(info.st_mode):04o}) "
                           f"— run `chmod 640 {path}` as root, or `kiosk set-pin` again")
    try:
        parse_pin_hash(text)
    except ValueError as error:
        raise PinFileError(f"{path}: {error} — run `kiosk set-pin` as root to write a new one") from None
    return text.strip()


def load_pin_hash(config_file: Path | None = None) -> str:
    """For the kiosk: the hash, or "" with the reason logged once (staff access off)."""
    path = pin_path(config_file)
    try:
        stored = read_pin_hash(path)
    except PinFileError as error:
        log.error("admin PIN: %s; staff access is off until then", error)
        return ""
    if not stored:
        log.info("admin PIN: no %s; staff access is off (`kiosk set-pin` sets a PIN)", path)
    return stored


def write_pin_hash(path: Path, pin_hash: str, group: str | None = KIOSK_GROUP) -> str:
    """Write atomically with mode 0640 (and the group `group` when it exists and we may);
    returns a few words on who can read it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.unlink(missing_ok=True)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, MODE)
    try:
        who = "only its owner and group"
        if hasattr(os, "fchmod"):
            os.fchmod(fd, MODE)  # whatever the umask
        if group and grp is not None:
            try:
                os.fchown(fd, -1, grp.getgrnam(group).gr_gid)
                who = f"only its owner and the group '{group}'"
            except KeyError:
                who = f"only its owner and group (there is no group '{group}' here)"
        os.write(fd, (pin_hash + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)
    return who
