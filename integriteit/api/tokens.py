"""Making and checking token strings. Pure functions: no database.

A token is ``igt_<prefix>_<secret>``: the prefix (8 hex characters) is public and finds the
row; the secret is 32 random bytes (URL-safe base64). Only the SHA-256 of the whole string is
stored. A fast hash is enough here, unlike for passwords: the secret has 256 bits of entropy,
so there is nothing to brute-force, and the check runs on every request (ADR 0017).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

VOORVOEGSEL = "igt"
PREFIX_BYTES = 4
SECRET_BYTES = 32

_VORM = re.compile(r"^igt_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class NieuwToken:
    prefix: str
    token: str
    sleutel_hash: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_maken() -> NieuwToken:
    prefix = secrets.token_hex(PREFIX_BYTES)
    token = f"{VOORVOEGSEL}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return NieuwToken(prefix=prefix, token=token, sleutel_hash=token_hash(token))


def prefix_van(token: str) -> str | None:
    """The public prefix of a well-formed token, else ``None``."""
    match = _VORM.match(token)
    return match.group(1) if match else None


def hash_klopt(token: str, sleutel_hash: str) -> bool:
    """Constant-time comparison of the token's hash with the stored one."""
    return hmac.compare_digest(token_hash(token), sleutel_hash)
