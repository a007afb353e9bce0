"""``integriteit purge_expired [--dry-run]``: crypto-shred every report past its retention
date (ADR 0011). Each report is destroyed in its own transaction and audited; the metadata
stays for the statistics."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from integriteit.meldingen import bewaren


class Command(BaseCommand):
    help = (
        "Vernietigt de inhoud van meldingen waarvan de bewaartermijn is verstreken: alle "
        "verzegelde sleutels, bijlagen en versleutelde tekst. De metadata blijft voor de "
        "tellingen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tonen welke meldingen vernietigd zouden worden.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        te_vernietigen = list(bewaren.verlopen())
        if options["dry_run"]:
            for melding in te_vernietigen:
                self.stdout.write(
                    f"{melding.nummer}: bewaren tot {melding.bewaren_tot:%d-%m-%Y} "
                    f"({melding.get_afloop_display()})"
                )
            self.stdout.write(
                f"Proefdraai: {len(te_vernietigen)} melding(en) zouden worden vernietigd; "
                "er is niets gewijzigd."
            )
            return
        sleutels = bijlagen = 0
        for melding in te_vernietigen:
            uitkomst = bewaren.melding_vernietigen(melding=melding)
            sleutels += uitkomst.verzegelde_sleutels
            bijlagen += uitkomst.bijlagen
            self.stdout.write(f"{melding.nummer}: vernietigd")
        self.stdout.write(
            f"{len(te_vernietigen)} melding(en) vernietigd: {sleutels} verzegelde sleutel(s) "
            f"en {bijlagen} bijlage(n) verwijderd; de metadata blijft voor de tellingen."
        )
