"""``integriteit import_reports FILE.csv --organisation CODE``: import a historical registry of
reports, encrypted on the way in, all or nothing, with a progress bar on stderr."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from integriteit.meldingen.importeren import VERPLICHT, ImportFout, meldingen_importeren
from integriteit.organisaties.models import Organisatie


class _Balk:
    """The import's progress callback drawn as a tqdm bar (or nothing when disabled)."""

    def __init__(self, *, uit: bool) -> None:
        self.balk = tqdm(total=0, file=sys.stderr, disable=uit, unit=" meldingen", leave=True)

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
        "Importeert een historisch meldingenregister (CSV met de kolommen "
        + ",".join(VERPLICHT)
        + ") voor een organisatie. Beschrijving en identiteit worden versleuteld opgeslagen, "
        "zoals bij het online meldpunt. Alles of niets: bij een fout wordt niets opgeslagen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Het CSV-bestand (UTF-8, ',' of ';').")
        parser.add_argument(
            "--organisation", required=True, help="Code van de organisatie, bv. OCW."
        )
        parser.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisatie = Organisatie.objects.filter(code=options["organisation"]).first()
        if organisatie is None:
            raise CommandError(f"Organisatie {options['organisation']} bestaat niet.")
        bestand: Path = options["file"]
        try:
            data = bestand.read_bytes()
        except OSError as error:
            raise CommandError(f"{bestand}: {error.strerror or error}") from error
        balk = _Balk(uit=options["no_progress"] or not sys.stderr.isatty())
        try:
            uitkomst = meldingen_importeren(organisatie=organisatie, data=data, voortgang=balk)
        except ImportFout as fout:
            balk.close()
            raise CommandError("Niets geïmporteerd.\n" + "\n".join(fout.fouten)) from fout
        balk.close()
        for waarschuwing in uitkomst.waarschuwingen:
            self.stderr.write(f"Waarschuwing: {waarschuwing}")
        self.stdout.write(uitkomst.samenvatting())
