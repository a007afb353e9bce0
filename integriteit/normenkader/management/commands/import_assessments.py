"""``integriteit import_assessments``: set ratings from a CSV or XLSX file, all or nothing."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from integriteit.normenkader.management.commands.export_assessments import (
    cyclus_from_options,
    soort_from_option,
)
from integriteit.normenkader.uitwisseling import MAX_BYTES, ratings_import


class Command(BaseCommand):
    help = (
        "Zet oordelen uit een CSV- of XLSX-bestand (kopregel organisation,norm,level en "
        "eventueel finding) in de conceptbeoordelingen van één cyclus en soort; een "
        "beoordeling die er nog niet is, wordt begonnen. Alles of niets: bij één fout wordt "
        "niets opgeslagen, komen alle fouten op stderr en is de exitcode 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, metavar="PATH", help="CSV- of XLSX-bestand.")
        parser.add_argument(
            "--framework", required=True, help="Code van het normenkader, bv. ark-2024."
        )
        parser.add_argument(
            "--cycle", required=True, type=int, help="Jaar van de cyclus, bv. 2024."
        )
        parser.add_argument("--kind", required=True, help="zelfevaluatie, auditor of coordinator.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        cyclus = cyclus_from_options(options["framework"], options["cycle"])
        soort = soort_from_option(options["kind"], cyclus)
        try:
            with path.open("rb") as file:
                data = file.read(MAX_BYTES + 1)  # one byte more, so a file too big is refused
        except OSError as exc:
            raise CommandError(f"{path}: kan het bestand niet lezen ({exc.strerror}).") from exc
        try:
            # Run from the server's shell: whoever can run it can change the database anyway.
            summary = ratings_import(
                acting_user=None,
                cyclus=cyclus,
                soort=soort,
                data=data,
                filename=path.name,
                system=True,
            )
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            sys.exit(1)
        counts = asdict(summary)
        self.stdout.write(
            "Import geslaagd: {beoordelingen_aangemaakt} beoordeling(en) begonnen, "
            "{oordelen_gezet} oordeel/oordelen gezet, {oordelen_ongewijzigd} ongewijzigd.".format(
                **counts
            )
        )
