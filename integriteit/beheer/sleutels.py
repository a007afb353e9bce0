"""Where the backup key comes from: ``INTEGRITEIT_BACKUP_KEY`` (or ``…_FILE``), else a
passphrase typed on the terminal (ADR 0019).

The key is read when a command runs, not into the settings, so it never shows up in a
settings dump or an error page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from integriteit.beheer.archief import (
    MODUS_SLEUTEL,
    ArchiefFout,
    Kop,
    Sleutel,
    sleutel_uit_tekst,
    sleutel_uit_wachtwoord,
)
from integriteit.settings.env import env_str

ENV_SLEUTEL = "INTEGRITEIT_BACKUP_KEY"
MIN_WACHTWOORD = 12
#: A header asking for more than this is damaged or hostile: refuse before deriving.
MAX_ARGON2_MEM = 4 * 1024 * 1024 * 1024
MAX_ARGON2_OPS = 64

Vraag = Callable[[str], str]


def _omgeving() -> str:
    try:
        return env_str(ENV_SLEUTEL)
    except OSError as error:
        raise ArchiefFout(
            f"{ENV_SLEUTEL}_FILE kan niet worden gelezen ({error.strerror})."
        ) from error


def sleutel_voor_backup(*, wachtwoord: bool, vraag: Vraag | None) -> Sleutel:
    """The key to encrypt with: the environment's, or a new passphrase asked twice."""
    tekst = "" if wachtwoord else _omgeving()
    if tekst:
        return sleutel_uit_tekst(tekst)
    if vraag is None:
        raise ArchiefFout(
            f"Geen sleutel: zet {ENV_SLEUTEL} (of {ENV_SLEUTEL}_FILE), of start de opdracht "
            "in een terminal om een wachtwoord in te typen."
        )
    eerste = vraag("Wachtwoord voor de back-up: ")
    if len(eerste) < MIN_WACHTWOORD:
        raise ArchiefFout(f"Het wachtwoord moet minstens {MIN_WACHTWOORD} tekens hebben.")
    if vraag("Herhaal het wachtwoord: ") != eerste:
        raise ArchiefFout("De wachtwoorden zijn niet gelijk. Er is geen back-up gemaakt.")
    return sleutel_uit_wachtwoord(
        eerste, ops=settings.KLUIS_ARGON2_OPS, mem=settings.KLUIS_ARGON2_MEM
    )


def sleutel_voor_herstel(kop: Kop, *, vraag: Vraag | None) -> Sleutel:
    """The key the archive's header asks for."""
    if kop.modus == MODUS_SLEUTEL:
        tekst = _omgeving()
        if not tekst:
            raise ArchiefFout(
                f"Deze back-up is versleuteld met een sleutel: zet {ENV_SLEUTEL} (of "
                f"{ENV_SLEUTEL}_FILE). Er is niets hersteld."
            )
        return sleutel_uit_tekst(tekst)
    if kop.mem > MAX_ARGON2_MEM or kop.ops > MAX_ARGON2_OPS:
        raise ArchiefFout("De kop van de back-up is beschadigd. Er is niets hersteld.")
    if vraag is None:
        raise ArchiefFout(
            "Deze back-up is versleuteld met een wachtwoord: start de opdracht in een "
            "terminal om het in te typen. Er is niets hersteld."
        )
    try:
        return sleutel_uit_wachtwoord(
            vraag("Wachtwoord van de back-up: "), ops=kop.ops, mem=kop.mem, salt=kop.salt
        )
    except (ValueError, RuntimeError) as error:  # libsodium refuses absurd parameters
        raise ArchiefFout("De kop van de back-up is beschadigd. Er is niets hersteld.") from error


def terminal_vraag() -> Vraag | None:
    """``getpass`` when a person sits at a terminal, else ``None`` (cron, CI: no prompts)."""
    import getpass
    import sys

    return getpass.getpass if sys.stdin.isatty() else None
