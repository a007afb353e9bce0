from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from integriteit.normenkader.loader import MAX_BYTES, normenkader_load


class Command(BaseCommand):
    help = (
        "Laadt normenkaders uit YAML-bestanden, één versie per bestand. Een versie die al met "
        "dezelfde inhoud is geladen, blijft zoals ze is. Een bestand met fouten wordt niet "
        "geladen: alle fouten komen op stderr en de exitcode is 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="YAML-bestand")

    def _load(self, path: Path) -> bool:
        try:
            with path.open("rb") as file:
                # One byte more than allowed, so that the loader can refuse a file too big.
                data = file.read(MAX_BYTES + 1)
        except OSError as exc:
            message = _("%(pad)s: kan het bestand niet lezen (%(reden)s).")
            self.stderr.write(message % {"pad": path, "reden": exc.strerror})
            return False
        try:
            kader, created = normenkader_load(acting_user=None, data=data, filename=str(path))
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            return False
        message = _("geladen: %(kader)s uit %(pad)s") if created else _("al aanwezig: %(kader)s")
        self.stdout.write(message % {"kader": kader, "pad": path})
        return True

    def handle(self, *args: Any, **options: Any) -> None:
        results = [self._load(path) for path in options["paths"]]
        if not all(results):
            sys.exit(1)
