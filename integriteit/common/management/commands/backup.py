"""``integriteit backup --out FILE``: the database and media files, encrypted (ADR 0019)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integriteit.beheer import sleutels
from integriteit.beheer.archief import ArchiefFout, sleutel_nieuw
from integriteit.beheer.backup import backup_maken


class Command(BaseCommand):
    help = (
        "Maakt een versleutelde back-up van de hele database en de mediamap in één bestand. "
        "Sleutel uit INTEGRITEIT_BACKUP_KEY (of INTEGRITEIT_BACKUP_KEY_FILE), anders een "
        "wachtwoord dat in de terminal wordt gevraagd. Herstellen: integriteit restore FILE."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, help="Het back-upbestand (mag nog niet bestaan).")
        parser.add_argument(
            "--wachtwoord",
            action="store_true",
            help="Vraag een wachtwoord, ook als INTEGRITEIT_BACKUP_KEY is gezet.",
        )
        parser.add_argument(
            "--nieuwe-sleutel",
            action="store_true",
            help="Toon een nieuwe willekeurige sleutel voor INTEGRITEIT_BACKUP_KEY en stop.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["nieuwe_sleutel"]:
            self.stdout.write(sleutel_nieuw())
            return
        out: Path | None = options["out"]
        if out is None:
            raise CommandError("Geef met --out het bestand op waarin de back-up komt.")
        if out.exists():
            raise CommandError(f"{out} bestaat al; kies een nieuwe naam.")
        try:
            sleutel = sleutels.sleutel_voor_backup(
                wachtwoord=options["wachtwoord"], vraag=sleutels.terminal_vraag()
            )
        except ArchiefFout as error:
            raise CommandError(str(error)) from error
        tijdelijk = out.with_name(f".{out.name}.bezig")
        try:
            # Only the owner may read it: the archive holds everything, if only encrypted.
            fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as uit:
                samenvatting = backup_maken(uit=uit, sleutel=sleutel, voortgang=self._voortgang)
                uit.flush()
                os.fsync(uit.fileno())
            tijdelijk.rename(out)
        except OSError as error:
            tijdelijk.unlink(missing_ok=True)
            raise CommandError(f"{out}: kan niet schrijven ({error.strerror}).") from error
        except BaseException:
            tijdelijk.unlink(missing_ok=True)
            raise
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up geschreven naar {out}: {samenvatting.tabellen} tabellen, "
                f"{samenvatting.rijen} rijen, {samenvatting.bestanden} mediabestanden."
            )
        )

    def _voortgang(self, regel: str) -> None:
        self.stderr.write(regel)
