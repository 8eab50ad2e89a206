"""Staff secrets: argon2id password hashes, the password rules, and TOTP codes (RFC 6238).

Library choices: argon2-cffi is the reference binding of the Password Hashing Competition
winner (memory-hard, so stolen hashes are slow to crack on GPUs); PyOTP implements RFC 6238
and hands back the matched time step, which is what makes each code single-use.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from importlib import resources

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ISSUER = "feedback_bot"
MAX_PASSWORD_LENGTH = 256
CODE = re.compile(r"\d{6}\Z")

_hasher = PasswordHasher()  # argon2id, the library's RFC 9106 "low memory" profile (64 MiB)


@functools.cache
def _dummy_hash() -> str:
    """Verified when an email address is unknown, so the answer takes as long either way.
    Made on first use: hashing takes 64 MiB, which a process that never signs anyone in
    (a worker serving children, an export) should not spend."""
    return _hasher.hash("not a real password, only here to spend the same time")


def hash_password(password: str) -> str:
    """An argon2id hash with its own salt and parameters."""
    return _hasher.hash(password)


def check_password(stored_hash: str | None, password: str) -> bool:
    """True when the password matches; always does the same work, even with no account."""
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def common_passwords() -> frozenset[str]:
    """The most common passwords, lower-cased (see the file's header for its source)."""
    text = (resources.files("feedback_bot.staff") / "common-passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def password_problem(password: str, email: str, min_length: int) -> str | None:
    """Why a new password will not do, in words for the person choosing it; None if fine.

    Length is what matters (NCSC, NIST SP 800-63B): no rules about symbols or digits.
    """
    if len(password) < min_length:
        return f"Use at least {min_length} characters. A few random words work well."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Use {MAX_PASSWORD_LENGTH} characters or fewer."
    lowered = password.lower()
    bare = lowered.rstrip("0123456789!?.*#@$ ")
    common = common_passwords()
    if not bare or lowered in common or bare in common or len(set(lowered)) < 4:
        return "This password is too easy to guess. Choose a less common one."
    local = email.lower().partition("@")[0]
    if len(local) >= 4 and local in lowered:
        return "Do not use your email address in your password."
    return None


def new_totp_secret() -> str:
    """A random 160-bit base32 seed (PyOTP uses the operating system's CSPRNG)."""
    return pyotp.random_base32(32)


def totp_uri(email: str, secret: str) -> str:
    """The otpauth:// address an authenticator app reads from a QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def accepted_step(secret: str, code: str, last_step: int | None, now: dt.datetime) -> int | None:
    """The time step a 6-digit code belongs to (now, or one step either side), if it is new.

    ``now`` is naive UTC (see clock.now). A code whose step is not later than the last one
    accepted is refused, so a code seen over someone's shoulder cannot be used again.
    """
    code = re.sub(r"\s", "", code)
    if not CODE.match(code):
        return None
    try:
        step = pyotp.TOTP(secret).verify_and_get_timecode(
            code, for_time=now.replace(tzinfo=dt.UTC), valid_window=1
        )
    except pyotp.exceptions.OTPVerificationError:
        return None
    return step if last_step is None or step > last_step else None
