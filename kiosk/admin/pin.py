"""The admin PIN: stored only as a salted scrypt hash; five wrong tries lock the pad, and the
lockout is kept on disk so a restart does not end it.

Hash format (one line of the PIN file, kiosk/admin/pin_file.py):
scrypt$<n>$<r>$<p>$<salt, base64>$<hash, base64>.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # ~16 MB, ~50 ms: slow for a guesser, quick at the pad
# What a stored hash may ask for: weaker is refused (a guesser's gain), stronger than this
# would take seconds and more memory than hashlib allows at the pad.
N_RANGE, R_RANGE, P_RANGE = (2**14, 2**20), (8, 32), (1, 16)
SCRYPT_MAXMEM = 2**30
MIN_SALT_BYTES, HASH_BYTES = 16, 32
PIN_MIN, PIN_MAX = 6, 12
PIN_PATTERN = re.compile(rf"^\d{{{PIN_MIN},{PIN_MAX}}}$")
MAX_TRIES = 5
LOCKOUT_S = 5 * 60
PIN_RULE = f"a PIN is {PIN_MIN} to {PIN_MAX} digits, not one digit repeated nor a run like 123456"


def valid_pin(pin: str) -> bool:
    """6 to 12 digits, and not among the first a guesser tries: one digit repeated, or a run
    up or down (123456, 987654)."""
    if not PIN_PATTERN.match(pin):
        return False
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:])}
    return not (len(steps) == 1 and steps <= {0, 1, 9})


@dataclass(frozen=True)
class PinHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def parse_pin_hash(stored: str) -> PinHash:
    """The hash and its scrypt parameters, checked; ValueError (one line, what is wrong) if unusable."""
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError("is not a PIN hash written by `kiosk set-pin`")
    try:
        n, r, p = (int(value) for value in parts[1:4])
        salt, digest = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        raise ValueError("is not a PIN hash written by `kiosk set-pin` (damaged numbers or base64)") from None
    if n & (n - 1) or not N_RANGE[0] <= n <= N_RANGE[1]:
        raise ValueError(f"asks for scrypt n={n}; it must be a power of 2 from {N_RANGE[0]} to {N_RANGE[1]}")
    if not R_RANGE[0] <= r <= R_RANGE[1] or not P_RANGE[0] <= p <= P_RANGE[1]:
        raise ValueError(f"asks for scrypt r={r}, p={p}; r must be {R_RANGE[0]}-{R_RANGE[1]}, "
                         f"p {P_RANGE[0]}-{P_RANGE[1]}")
    if 128 * n * r * p > SCRYPT_MAXMEM:
        raise ValueError(f"asks for {128 * n * r * p // 2**20} MB of memory per try (at most {SCRYPT_MAXMEM // 2**20})")
    if len(salt) < MIN_SALT_BYTES or len(digest) != HASH_BYTES:
        raise ValueError(f"has a {len(salt)}-byte salt and a {len(digest)}-byte hash "
                         f"(at least {MIN_SALT_BYTES} and exactly {HASH_BYTES})")
    return PinHash(n, r, p, salt, digest)


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    if not valid_pin(pin):
        raise ValueError(PIN_RULE)
    salt = salt or os.urandom(MIN_SALT_BYTES)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=HASH_BYTES)
    b64 = lambda data: base64.b64encode(data).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        parsed = parse_pin_hash(stored)
    except ValueError:
        return False
    actual = hashlib.scrypt(pin.encode(), salt=parsed.salt, n=parsed.n, r=parsed.r, p=parsed.p,
                            maxmem=SCRYPT_MAXMEM + 2**20, dklen=HASH_BYTES)
    return hmac.compare_digest(actual, parsed.digest)


class PinGate:
    """Counts wrong tries; after MAX_TRIES the pad is locked for LOCKOUT_S seconds.

    With a `state_file` the count and the lockout are kept there (wall-clock time), so
    switching the kiosk off and on does not give a guesser five more tries. A lockout never
    runs longer than LOCKOUT_S from now, even if the clock was set back."""

    def __init__(self, stored_hash: str, clock: Callable[[], float] = time.time, state_file: Path | None = None):
        self.stored_hash = stored_hash
        self.clock = clock
        self.state_file = state_file
        self.wrong = 0
        self.locked_until = 0.0
        self._load()

    def enabled(self) -> bool:
        return bool(self.stored_hash)

    def locked_for(self) -> float:
        """Seconds left of a lockout (0 when the pad can be used)."""
        return min(float(LOCKOUT_S), max(0.0, self.locked_until - self.clock()))

    def try_pin(self, pin: str) -> bool:
        if not self.enabled() or self.locked_for() > 0:
            return False
        if verify_pin(pin, self.stored_hash):
            self.wrong = 0
            self._save()
            return True
        self.wrong += 1
        if self.wrong >= MAX_TRIES:
            self.wrong = 0
            self.locked_until = self.clock() + LOCKOUT_S
            log.warning("admin PIN pad locked for %d minutes after %d wrong PINs", LOCKOUT_S // 60, MAX_TRIES)
        self._save()
        return False

    def _load(self) -> None:
        if self.state_file is None or not self.state_file.exists():
            return
        try:
            state = json.loads(self.state_file.read_text("utf-8"))
            self.wrong = max(0, min(MAX_TRIES - 1, int(state["wrong"])))
            self.locked_until = float(state["locked_until"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            # Unreadable: the safe reading is "locked" (a guesser may have damaged it).
            log.warning("admin PIN: cannot read %s (%s); the pad starts locked for %d minutes",
                        self.state_file, error, LOCKOUT_S // 60)
            self.locked_until = self.clock() + LOCKOUT_S

    def _save(self) -> None:
        if self.state_file is None:
            return
        temporary = self.state_file.with_name(self.state_file.name + ".new")
        try:
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps({"wrong": self.wrong, "locked_until": self.locked_until}), "utf-8")
            os.replace(temporary, self.state_file)
        except OSError as error:
            log.warning("admin PIN: cannot write %s (%s); wrong tries are counted until restart only",
                        self.state_file, error.strerror or error)
