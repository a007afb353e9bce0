"""Cryptographic primitives of the vault (ADR 0010). No Django, no database.

Everything here is libsodium through PyNaCl, except Shamir's secret sharing, which is
PyCryptodome's. Nothing is invented: X25519 key pairs, sealed boxes (X25519 + XSalsa20-
Poly1305, anonymous sender), XChaCha20-Poly1305 (IETF AEAD) for content, Argon2id for
passwords and receipt codes.

- A **key pair** belongs to a user, a case (its content), a case's identity vault, a
  reporter (derived from the receipt code) or an organisation (the recovery key).
- **Content** is enveloped to a public key: a fresh 32-byte data key encrypts the content
  (AEAD, with a context string bound as associated data so a ciphertext cannot be moved to
  another field or case), and the data key is sealed to the public key.
- A user's **private key** is wrapped with a key derived from the password (Argon2id, the
  parameters stored beside it, so they can be raised later).
- **Receipt codes**: 16 random digits (53 bits). Stored only as an Argon2id hash with a
  deployment-wide salt (an index to find the case) — and, with a per-case salt, the seed of
  the reporter's key pair.
- **Shamir**: a 32-byte secret is split m-of-n as two 16-byte halves (PyCryptodome's Shamir
  works on 16 bytes); a share is 32 bytes plus its index. A wrong combination gives garbage,
  not an error: callers check the result against a known public key.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import struct
from dataclasses import dataclass

from Crypto.Protocol.SecretSharing import Shamir
from nacl import bindings, pwhash
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.utils import random as random_bytes

__all__ = [
    "Argon2Kosten",
    "OntsleutelFout",
    "Sleutelpaar",
    "Verpakt",
    "random_bytes",
]

KEY_BYTES = 32
NONCE_BYTES = bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
SALT_BYTES = pwhash.argon2id.SALTBYTES
RECEIPT_DIGITS = 16

#: Argon2id cost for passwords and receipt codes (libsodium's "moderate": 256 MiB, 3 passes)
#: unless the deployment chooses otherwise; tests use the minimum.
ARGON2_OPS = pwhash.argon2id.OPSLIMIT_MODERATE
ARGON2_MEM = pwhash.argon2id.MEMLIMIT_MODERATE
ARGON2_MIN_OPS = pwhash.argon2id.OPSLIMIT_MIN
ARGON2_MIN_MEM = pwhash.argon2id.MEMLIMIT_MIN


class OntsleutelFout(Exception):  # noqa: N818 (Dutch: "decryption error")
    """Wrong key, wrong password or tampered data; never says which."""


@dataclass(frozen=True)
class Sleutelpaar:
    public: bytes
    private: bytes


@dataclass(frozen=True)
class Argon2Kosten:
    ops: int = ARGON2_OPS
    mem: int = ARGON2_MEM


@dataclass(frozen=True)
class Verpakt:
    """A secret wrapped with a password-derived key, with what is needed to unwrap it."""

    salt: bytes
    ops: int
    mem: int
    ciphertext: bytes


# --- key pairs ------------------------------------------------------------------------------


def sleutelpaar_nieuw() -> Sleutelpaar:
    key = PrivateKey.generate()
    return Sleutelpaar(public=bytes(key.public_key), private=bytes(key))


def sleutelpaar_uit_zaad(zaad: bytes) -> Sleutelpaar:
    """The key pair deterministically derived from a 32-byte seed."""
    key = PrivateKey.from_seed(zaad)
    return Sleutelpaar(public=bytes(key.public_key), private=bytes(key))


def publiek_van(private: bytes) -> bytes:
    return bytes(PrivateKey(private).public_key)


# --- symmetric content encryption -----------------------------------------------------------


def versleutel(sleutel: bytes, data: bytes, context: bytes = b"") -> bytes:
    """XChaCha20-Poly1305 with a random nonce (prepended); ``context`` is authenticated."""
    nonce = random_bytes(NONCE_BYTES)
    return nonce + bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
        data, context, nonce, sleutel
    )


def ontsleutel(sleutel: bytes, blob: bytes, context: bytes = b"") -> bytes:
    nonce, ciphertext = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
    try:
        return bytes(
            bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, context, nonce, sleutel)
        )
    except (CryptoError, ValueError) as error:
        raise OntsleutelFout from error


def gesplitst_verzegelen(data: bytes, context: bytes) -> tuple[str, str]:
    """``data`` encrypted with a fresh random secret, for keeping in two places (a session and
    a cookie) so that neither alone opens it: (ciphertext, secret), both as base64 text."""
    geheim = secrets.token_bytes(KEY_BYTES)
    blob = versleutel(geheim, data, context)
    return base64.b64encode(blob).decode(), base64.urlsafe_b64encode(geheim).decode()


def gesplitst_openen(blob: str, geheim: str, context: bytes) -> bytes | None:
    """What :func:`gesplitst_verzegelen` returned, opened again; ``None`` when either half is
    wrong, tampered or malformed."""
    try:
        return ontsleutel(
            base64.urlsafe_b64decode(geheim.encode()), base64.b64decode(blob), context
        )
    except (OntsleutelFout, binascii.Error, ValueError):
        return None


# --- sealed boxes and envelopes -------------------------------------------------------------


def verzegel(public: bytes, data: bytes) -> bytes:
    """Encrypt to ``public``; only its private key opens it (the sender stays anonymous)."""
    return bytes(SealedBox(PublicKey(public)).encrypt(data))


def ontzegel(private: bytes, blob: bytes) -> bytes:
    try:
        return bytes(SealedBox(PrivateKey(private)).decrypt(blob))
    except (CryptoError, ValueError) as error:
        raise OntsleutelFout from error


def envelop(public: bytes, data: bytes, context: bytes) -> bytes:
    """Content for the holder of ``public``'s private key: a fresh data key encrypts the data,
    the data key is sealed to ``public``. Layout: 2-byte length, sealed key, ciphertext."""
    data_key = random_bytes(KEY_BYTES)
    sealed = verzegel(public, data_key)
    return struct.pack(">H", len(sealed)) + sealed + versleutel(data_key, data, context)


def envelop_open(private: bytes, blob: bytes, context: bytes) -> bytes:
    if len(blob) < 2:
        raise OntsleutelFout
    (size,) = struct.unpack(">H", blob[:2])
    data_key = ontzegel(private, blob[2 : 2 + size])
    return ontsleutel(data_key, blob[2 + size :], context)


# --- passwords ------------------------------------------------------------------------------


def afgeleide_sleutel(geheim: str, salt: bytes, kosten: Argon2Kosten) -> bytes:
    """A 32-byte key from a password or code (Argon2id)."""
    return bytes(
        pwhash.argon2id.kdf(
            KEY_BYTES, geheim.encode(), salt, opslimit=kosten.ops, memlimit=kosten.mem
        )
    )


def verpak_met_wachtwoord(geheim: bytes, wachtwoord: str, kosten: Argon2Kosten) -> Verpakt:
    salt = random_bytes(SALT_BYTES)
    sleutel = afgeleide_sleutel(wachtwoord, salt, kosten)
    return Verpakt(
        salt=salt, ops=kosten.ops, mem=kosten.mem, ciphertext=versleutel(sleutel, geheim)
    )


def pak_uit_met_wachtwoord(verpakt: Verpakt, wachtwoord: str) -> bytes:
    kosten = Argon2Kosten(ops=verpakt.ops, mem=verpakt.mem)
    return ontsleutel(afgeleide_sleutel(wachtwoord, verpakt.salt, kosten), verpakt.ciphertext)


# --- receipt codes --------------------------------------------------------------------------


def ontvangstcode_nieuw() -> str:
    """16 random digits, shown to the reporter as four groups of four."""
    return f"{secrets.randbelow(10**RECEIPT_DIGITS):0{RECEIPT_DIGITS}d}"


def ontvangstcode_normaliseer(invoer: str) -> str | None:
    """The 16 digits of what a reporter typed (spaces and dashes allowed), else ``None``."""
    digits = "".join(ch for ch in invoer if ch not in " -\u00a0\t")
    if len(digits) != RECEIPT_DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def ontvangstcode_opmaak(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, RECEIPT_DIGITS, 4))


def ontvangstcode_index(code: str, salt: bytes, kosten: Argon2Kosten) -> str:
    """The lookup hash of a code (Argon2id with the deployment-wide salt), hex."""
    return afgeleide_sleutel(code, salt, kosten).hex()


def ontvangstcode_sleutelpaar(code: str, salt: bytes, kosten: Argon2Kosten) -> Sleutelpaar:
    """The reporter's key pair, derived from the code with the case's own salt."""
    return sleutelpaar_uit_zaad(afgeleide_sleutel(code, salt, kosten))


# --- Shamir ---------------------------------------------------------------------------------


def geheim_delen(geheim: bytes, m: int, n: int) -> list[tuple[int, bytes]]:
    """Split a 32-byte secret into ``n`` shares of which any ``m`` restore it."""
    if len(geheim) != KEY_BYTES:
        raise ValueError("Alleen geheimen van 32 bytes worden gedeeld.")
    if not 2 <= m <= n <= 255:
        raise ValueError("Nodig: 2 ≤ m ≤ n ≤ 255.")
    first = Shamir.split(m, n, geheim[:16], ssss=False)
    second = Shamir.split(m, n, geheim[16:], ssss=False)
    return [(i, a + b) for (i, a), (j, b) in zip(first, second, strict=True) if i == j]


def geheim_samenvoegen(delen: list[tuple[int, bytes]]) -> bytes:
    """The secret from ``m`` or more shares (fewer give a wrong value, not an error)."""
    if len({i for i, _ in delen}) != len(delen):
        raise ValueError("Elk deel mag maar één keer meetellen.")
    first = Shamir.combine([(i, share[:16]) for i, share in delen], ssss=False)
    second = Shamir.combine([(i, share[16:]) for i, share in delen], ssss=False)
    return bytes(first + second)
