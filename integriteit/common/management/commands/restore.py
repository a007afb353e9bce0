"""``integriteit restore FILE``: put a backup back, all or nothing (ADR 0019)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integriteit.beheer import sleutels
from integriteit.beheer.archief import ArchiefFout, kop_lezen
from integriteit.beheer.backup import backup_herstellen


class Command(BaseCommand):
    help = (
        "Herstelt een back-up van ‘integriteit backup’: de hele database en de mediamap. "
        "Alleen in een lege database (na ‘migrate’), tenzij --force: dan worden alle "
        "huidige gegevens vervangen. Een verkeerde sleutel, een gewijzigd of afgekapt bestand: "
        "er wordt niets hersteld."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", type=Path, help="Het back-upbestand.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook herstellen als de database niet leeg is (vervangt alle gegevens).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        pad: Path = options["bestand"]
        try:
            with pad.open("rb") as invoer:
                kop = kop_lezen(invoer)
                sleutel = sleutels.sleutel_voor_herstel(kop, vraag=sleutels.terminal_vraag())
                samenvatting = backup_herstellen(
                    invoer=invoer,
                    kop=kop,
                    sleutel=sleutel,
                    forceren=options["force"],
                    voortgang=self.stderr.write,
                )
        except OSError as error:
            raise CommandError(f"{pad}: kan niet lezen ({error.strerror}).") from error
        except ArchiefFout as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up van {samenvatting.gemaakt_op} hersteld: {samenvatting.rijen} rijen, "
                f"{samenvatting.bestanden} mediabestanden. Controleer met ‘integriteit "
                "verify_audit’."
            )
        )
