"""``integriteit export_assessments``: the ratings of one cycle as CSV, JSON or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integriteit.normenkader.constants import Soort
from integriteit.normenkader.models import Cyclus, Normenkader
from integriteit.normenkader.selectors import soort_default
from integriteit.normenkader.uitwisseling import (
    FORMATS,
    assessments_csv,
    assessments_json,
    assessments_rows,
    assessments_xlsx,
)


def cyclus_from_options(framework: str, year: int) -> Cyclus:
    """The cycle of ``year`` on framework ``framework`` (its newest version that has one)."""
    if not Normenkader.objects.filter(code=framework).exists():
        known = ", ".join(sorted(set(Normenkader.objects.values_list("code", flat=True))))
        raise CommandError(
            f"Normenkader ‘{framework}’ bestaat niet. Geladen normenkaders: {known or 'geen'}."
        )
    cycli = Cyclus.objects.filter(normenkader__code=framework).select_related("normenkader")
    cyclus = cycli.filter(jaar=year).order_by("-normenkader__versie").first()
    if cyclus is None:
        years = ", ".join(str(y) for y in sorted(set(cycli.values_list("jaar", flat=True))))
        raise CommandError(
            f"Er is geen cyclus {year} voor normenkader ‘{framework}’. "
            f"Cycli van dit normenkader: {years or 'geen'}."
        )
    return cyclus


def soort_from_option(kind: str | None, cyclus: Cyclus) -> str:
    if kind is None:
        return soort_default(cyclus=cyclus)
    if kind not in Soort.values:
        raise CommandError(f"Onbekende soort ‘{kind}’. Kies uit: {', '.join(Soort.values)}.")
    return kind


class Command(BaseCommand):
    help = (
        "Exporteert de oordelen van één cyclus. CSV met de kopregel organisation,norm,level "
        "(één regel per beoordeelde organisatie en norm), JSON met ook cyclus, soort, status, "
        "versie en bron, of XLSX met een heatmap en legenda. Per organisatie de nieuwste "
        "definitieve versie. CSV en JSON gaan naar stdout, tenzij --out is gegeven."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--framework", required=True, help="Code van het normenkader, bv. ark-2024."
        )
        parser.add_argument(
            "--cycle", required=True, type=int, help="Jaar van de cyclus, bv. 2023."
        )
        parser.add_argument("--format", required=True, help="csv, json of xlsx.")
        parser.add_argument(
            "--kind",
            help="zelfevaluatie, auditor of coordinator; standaard de soort met de meeste "
            "beoordeelde organisaties in de cyclus.",
        )
        parser.add_argument(
            "--out", type=Path, help="Schrijf naar dit bestand (verplicht voor xlsx)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = str(options["format"]).lower()
        if fmt not in FORMATS:
            raise CommandError(f"Onbekend formaat ‘{fmt}’. Kies uit: {', '.join(FORMATS)}.")
        out: Path | None = options["out"]
        if fmt == "xlsx" and out is None:
            raise CommandError("Geef met --out een bestand op: XLSX gaat niet naar stdout.")
        cyclus = cyclus_from_options(options["framework"], options["cycle"])
        soort = soort_from_option(options["kind"], cyclus)
        rows = assessments_rows(gebruiker=None, cyclus=cyclus, soort=soort)
        if fmt == "xlsx":
            content: str | bytes = assessments_xlsx(rows, cyclus=cyclus, soort=soort)
        else:
            content = assessments_csv(rows) if fmt == "csv" else assessments_json(rows)
        if out is None:
            self.stdout.write(str(content), ending="")
            return
        self._write(out, content)
        self.stderr.write(f"{len(rows)} oordelen geschreven naar {out}.")

    def _write(self, out: Path, content: str | bytes) -> None:
        try:
            if isinstance(content, bytes):
                out.write_bytes(content)
            else:
                out.write_text(content, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{out}: kan niet schrijven ({exc.strerror}).") from exc
