"""The admin PIN: stored only as a salted scrypt hash; five wrong tries lock the pad.

Format in the settings file (admin.pin_hash): scrypt$<n>$<r>$<p>$<salt, base64>$<hash, base64>.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import time
from collections.abc import Callable

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # ~16 MB, ~50 ms: slow for a guesser, quick at the pad
PIN_PATTERN = re.compile(r"^\d{4,12}$")
MAX_TRIES = 5
LOCKOUT_S = 5 * 60


def valid_pin(pin: str) -> bool:
    return bool(PIN_PATTERN.match(pin))


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = lambda data: base64.b64encode(data).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


class PinGate:
    """Counts wrong tries; after MAX_TRIES the pad is locked for LOCKOUT_S seconds."""

    def __init__(self, stored_hash: str, clock: Callable[[], float] = time.monotonic):
        self.stored_hash = stored_hash
        self.clock = clock
        self.wrong = 0
        self.locked_until = 0.0

    def enabled(self) -> bool:
        return bool(self.stored_hash)

    def locked_for(self) -> float:
        """Seconds left of a lockout (0 when the pad can be used)."""
        return max(0.0, self.locked_until - self.clock())

    def try_pin(self, pin: str) -> bool:
        if not self.enabled() or self.locked_for() > 0:
            return False
        if verify_pin(pin, self.stored_hash):
            self.wrong = 0
            return True
        self.wrong += 1
        if self.wrong >= MAX_TRIES:
            self.wrong = 0
            self.locked_until = self.clock() + LOCKOUT_S
        return False
