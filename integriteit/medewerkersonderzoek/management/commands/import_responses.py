"""``integriteit import_responses``: import survey responses into a wave from the command line,
with a progress bar on stderr."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from integriteit.medewerkersonderzoek.imports import FORMATEN, ImportFout, responses_import
from integriteit.medewerkersonderzoek.models import Golf


class _Balk:
    """The import's progress callback drawn as a tqdm bar (or nothing when disabled)."""

    def __init__(self, *, uit: bool) -> None:
        self.balk = tqdm(total=0, file=sys.stderr, disable=uit, unit=" rijen", leave=True)

    def __call__(self, gedaan: int, totaal: int, stap: str = "") -> None:
        if totaal and self.balk.total != totaal:
            self.balk.total = totaal
        if stap:
            self.balk.set_description_str(stap, refresh=False)
        self.balk.update(max(0, gedaan - self.balk.n))

    def close(self) -> None:
        self.balk.close()


class Command(BaseCommand):
    help = (
        "Importeert antwoorden van een medewerkersonderzoek in een golf uit CSV, XLSX, SPSS "
        "(.sav) of een LimeSurvey-export, eventueel met een koppelbestand (YAML). Alles of "
        "niets: bij een fout wordt niets opgeslagen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--golf", required=True, type=int, help="Id van de golf.")
        parser.add_argument("--file", required=True, type=Path, help="Het antwoordbestand.")
        parser.add_argument("--mapping", type=Path, help="Koppelbestand (YAML).")
        parser.add_argument(
            "--format",
            choices=["auto", *FORMATEN],
            default="auto",
            help="Formaat; standaard afgeleid van de extensie en de inhoud.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen controleren, niets opslaan."
        )
        parser.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk.")

    def _lees(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error

    def handle(self, *args: Any, **options: Any) -> None:
        golf = Golf.objects.select_related("vragenlijst").filter(pk=options["golf"]).first()
        if golf is None:
            raise CommandError(f"Golf {options['golf']} bestaat niet.")
        bestand: Path = options["file"]
        data = self._lees(bestand)
        mapping: Path | None = options["mapping"]
        koppeling = self._lees(mapping) if mapping else None
        balk = _Balk(uit=options["no_progress"] or not sys.stderr.isatty())
        try:
            uitkomst = responses_import(
                acting_user=None,
                golf=golf,
                data=data,
                bestandsnaam=bestand.name,
                formaat=options["format"],
                koppeling=koppeling,
                koppeling_naam=mapping.name if mapping else "",
                dry_run=options["dry_run"],
                voortgang=balk,
            )
        except ImportFout as fout:
            balk.close()
            for waarschuwing in fout.waarschuwingen:
                self.stderr.write(f"Waarschuwing: {waarschuwing}")
            raise CommandError("\n".join(fout.fouten)) from fout
        balk.close()
        for waarschuwing in uitkomst.waarschuwingen:
            self.stderr.write(f"Waarschuwing: {waarschuwing}")
        self.stdout.write(uitkomst.samenvatting())
