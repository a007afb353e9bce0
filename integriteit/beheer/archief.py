"""The encrypted, authenticated container of a backup (ADR 0019). No Django, no database.

Layout of a file::

    header  = MAGIC | version (1 byte) | mode (1 byte)
              | [mode 2: salt (16) | opslimit (8) | memlimit (8)]
              | secretstream header (24)
    frames  = ( length (4 bytes, big-endian) | secretstream ciphertext )*

Every frame is one libsodium ``crypto_secretstream_xchacha20poly1305`` message: encrypted
and authenticated (XChaCha20-Poly1305), in order — a frame cannot be dropped, repeated,
reordered or moved to another file. The first frame authenticates the whole header as
associated data; the last frame carries ``TAG_FINAL``, so a truncated file is detected, and
nothing may follow it. The key is 32 random bytes (mode 1, ``INTEGRITEIT_BACKUP_KEY``) or
derived from a passphrase with Argon2id (mode 2, the cost stored in the header).

Each plaintext message is a *record*: one type byte and its payload (see ``backup.py``).
"""

from __future__ import annotations

import base64
import binascii
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from nacl import bindings, pwhash
from nacl.exceptions import CryptoError
from nacl.utils import random as random_bytes

MAGIC = b"INTEGRITEIT-BACKUP\n"
VERSIE = 1
MODUS_SLEUTEL = 1
MODUS_WACHTWOORD = 2
KEY_BYTES = bindings.crypto_secretstream_xchacha20poly1305_KEYBYTES
SALT_BYTES = pwhash.argon2id.SALTBYTES
STREAM_HEADER_BYTES = bindings.crypto_secretstream_xchacha20poly1305_HEADERBYTES
ABYTES = bindings.crypto_secretstream_xchacha20poly1305_ABYTES
#: No record is larger than this; a larger length field means a damaged or hostile file.
MAX_FRAME = 16 * 1024 * 1024
_TAG_MESSAGE = bindings.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = bindings.crypto_secretstream_xchacha20poly1305_TAG_FINAL


class ArchiefFout(Exception):  # noqa: N818 (Dutch: "archive error")
    """The archive cannot be used; the message is Dutch and meant for the operator."""


ONLEESBAAR = (
    "De back-up kan niet worden geopend: verkeerde sleutel of wachtwoord, of het bestand is "
    "beschadigd of gewijzigd. Er is niets hersteld."
)


@dataclass(frozen=True)
class Sleutel:
    """The key material of one archive: a raw key, or a passphrase with its Argon2id cost."""

    modus: int
    sleutel: bytes
    salt: bytes = b""
    ops: int = 0
    mem: int = 0


def sleutel_nieuw() -> str:
    """A fresh random key, as the base64 text ``INTEGRITEIT_BACKUP_KEY`` expects."""
    return base64.b64encode(bindings.crypto_secretstream_xchacha20poly1305_keygen()).decode()


def sleutel_uit_tekst(tekst: str) -> Sleutel:
    """The key of ``INTEGRITEIT_BACKUP_KEY``: 32 bytes as base64 (standard or URL-safe)."""
    try:
        ruw = base64.b64decode(tekst.strip().replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ArchiefFout(
            "INTEGRITEIT_BACKUP_KEY is geen geldige sleutel: verwacht 32 bytes als base64 "
            "(maak er een met ‘integriteit backup --nieuwe-sleutel’)."
        ) from error
    if len(ruw) != KEY_BYTES:
        raise ArchiefFout(
            f"INTEGRITEIT_BACKUP_KEY is {len(ruw)} bytes lang; een sleutel is precies "
            f"{KEY_BYTES} bytes (base64). Maak er een met ‘integriteit backup --nieuwe-sleutel’."
        )
    return Sleutel(modus=MODUS_SLEUTEL, sleutel=ruw)


def sleutel_uit_wachtwoord(
    wachtwoord: str, *, ops: int, mem: int, salt: bytes | None = None
) -> Sleutel:
    """A key derived from a passphrase with Argon2id (a new random salt unless given)."""
    salt = salt if salt is not None else random_bytes(SALT_BYTES)
    sleutel = pwhash.argon2id.kdf(KEY_BYTES, wachtwoord.encode(), salt, opslimit=ops, memlimit=mem)
    return Sleutel(modus=MODUS_WACHTWOORD, sleutel=sleutel, salt=salt, ops=ops, mem=mem)


def _header_zonder_stream(sleutel: Sleutel) -> bytes:
    kop = MAGIC + bytes([VERSIE, sleutel.modus])
    if sleutel.modus == MODUS_WACHTWOORD:
        kop += sleutel.salt + struct.pack(">QQ", sleutel.ops, sleutel.mem)
    return kop


class ArchiefSchrijver:
    """Writes records to ``uit``, each encrypted as one secretstream message."""

    def __init__(self, uit: BinaryIO, sleutel: Sleutel) -> None:
        self._uit = uit
        self._state = bindings.crypto_secretstream_xchacha20poly1305_state()
        stream_header = bindings.crypto_secretstream_xchacha20poly1305_init_push(
            self._state, sleutel.sleutel
        )
        self._ad: bytes | None = _header_zonder_stream(sleutel) + stream_header
        uit.write(self._ad)
        self._gesloten = False

    def schrijf(self, record: bytes, *, laatste: bool = False) -> None:
        if self._gesloten:
            raise ValueError("archive already closed")
        if len(record) + ABYTES > MAX_FRAME:
            raise ValueError("record too large")
        tag = _TAG_FINAL if laatste else _TAG_MESSAGE
        blob = bindings.crypto_secretstream_xchacha20poly1305_push(
            self._state, record, self._ad, tag
        )
        self._ad = None  # only the first frame carries the header as associated data
        self._uit.write(struct.pack(">I", len(blob)) + blob)
        self._gesloten = laatste


@dataclass(frozen=True)
class Kop:
    """What the unencrypted header says: how to obtain the key."""

    modus: int
    salt: bytes
    ops: int
    mem: int
    ruw: bytes


def _lees_precies(invoer: BinaryIO, n: int) -> bytes:
    data = invoer.read(n)
    if len(data) != n:
        raise ArchiefFout(
            "De back-up is onvolledig (afgekapt): het bestand houdt te vroeg op. "
            "Er is niets hersteld."
        )
    return data


def kop_lezen(invoer: BinaryIO) -> Kop:
    """Read and check the header; tell the caller which key it needs."""
    magic = invoer.read(len(MAGIC))
    if magic != MAGIC:
        raise ArchiefFout("Dit bestand is geen back-up van integriteit. Er is niets hersteld.")
    versie, modus = _lees_precies(invoer, 2)
    if versie != VERSIE:
        raise ArchiefFout(
            f"Deze back-up heeft formaatversie {versie}; deze versie van integriteit leest "
            f"alleen versie {VERSIE}. Er is niets hersteld."
        )
    ruw = MAGIC + bytes([versie, modus])
    salt, ops, mem = b"", 0, 0
    if modus == MODUS_WACHTWOORD:
        salt = _lees_precies(invoer, SALT_BYTES)
        kosten = _lees_precies(invoer, 16)
        ops, mem = struct.unpack(">QQ", kosten)
        ruw += salt + kosten
    elif modus != MODUS_SLEUTEL:
        raise ArchiefFout("De kop van de back-up is beschadigd. Er is niets hersteld.")
    return Kop(modus=modus, salt=salt, ops=ops, mem=mem, ruw=ruw)


def records_lezen(invoer: BinaryIO, kop: Kop, sleutel: Sleutel) -> Iterator[bytes]:
    """Decrypt and yield every record; raise :class:`ArchiefFout` on any damage.

    The caller must consume the iterator to its end: only then is the final tag checked and
    the absence of trailing data confirmed. Until then nothing may be committed.
    """
    stream_header = _lees_precies(invoer, STREAM_HEADER_BYTES)
    state = bindings.crypto_secretstream_xchacha20poly1305_state()
    try:
        bindings.crypto_secretstream_xchacha20poly1305_init_pull(
            state, stream_header, sleutel.sleutel
        )
    except (CryptoError, ValueError) as error:
        raise ArchiefFout(ONLEESBAAR) from error
    ad: bytes | None = kop.ruw + stream_header
    while True:
        lengte_veld = invoer.read(4)
        if len(lengte_veld) < 4:
            raise ArchiefFout(
                "De back-up is onvolledig (afgekapt): het slotstuk ontbreekt. Er is niets hersteld."
            )
        (lengte,) = struct.unpack(">I", lengte_veld)
        if lengte < ABYTES or lengte > MAX_FRAME:
            raise ArchiefFout(ONLEESBAAR)
        blob = _lees_precies(invoer, lengte)
        try:
            record, tag = bindings.crypto_secretstream_xchacha20poly1305_pull(state, blob, ad)
        except (CryptoError, ValueError) as error:
            raise ArchiefFout(ONLEESBAAR) from error
        ad = None
        yield bytes(record)
        if tag == _TAG_FINAL:
            break
    if invoer.read(1):
        raise ArchiefFout(
            "Na het slotstuk van de back-up staan nog gegevens: het bestand is gewijzigd. "
            "Er is niets hersteld."
        )
