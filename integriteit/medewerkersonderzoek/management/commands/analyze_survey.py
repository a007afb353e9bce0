from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from integriteit.medewerkersonderzoek.analysis.data import (
    FloatArray,
    ResponseData,
    ResponseDataError,
    responses_read_csv,
)
from integriteit.medewerkersonderzoek.analysis.groups import MIN_GROUP_SIZE, min_group_size_clamp
from integriteit.medewerkersonderzoek.analysis.report import survey_analyze
from integriteit.medewerkersonderzoek.analysis.weights import (
    Margins,
    WeightInfo,
    WeightsError,
    margins_read_csv,
    weights_compute,
)
from integriteit.medewerkersonderzoek.spec import Questionnaire


def _questionnaire_load(path: Path) -> Questionnaire:
    """The YAML loader, imported lazily (it lives in a sibling package)."""
    module = importlib.import_module("integriteit.medewerkersonderzoek.questionnaire")
    loader = cast(Callable[[Path], Questionnaire], module.questionnaire_load_path)
    return loader(path)


def _margins_load(path: Path) -> Margins:
    try:
        return margins_read_csv(path)
    except WeightsError as error:
        raise CommandError(f"{path}: {error}") from error
    except OSError as error:
        raise CommandError(f"{path}: {error}") from error


class Command(BaseCommand):
    help = (
        "Analyseert de antwoorden van een medewerkersonderzoek: items, schalen (alfa, omega), "
        "correlaties en desgewenst per groep met onderdrukking van kleine groepen en met weging "
        "naar populatieaantallen. "
        "Schrijft JSON naar stdout."
    )

    def _weighting(
        self, data: ResponseData, margins: Margins | None, path: Path
    ) -> tuple[FloatArray, WeightInfo] | None:
        if margins is None:
            return None
        try:
            weighting = weights_compute(data.covariates, margins)
        except WeightsError as error:
            raise CommandError(f"{path}: {error}") from error
        if not weighting[1].converged:
            self.stderr.write("Waarschuwing: de weging (raking) is niet geconvergeerd.")
        return weighting

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--questionnaire", required=True, type=Path, help="Vragenlijst (YAML).")
        parser.add_argument("--responses", required=True, type=Path, help="Antwoorden (CSV).")
        parser.add_argument("--group-by", dest="group_by", help="Kolom om op te groeperen.")
        parser.add_argument(
            "--min-group-size",
            dest="min_group_size",
            type=int,
            default=MIN_GROUP_SIZE,
            help="Minimale groepsgrootte (standaard 10, nooit onder 5).",
        )
        parser.add_argument("--spearman", action="store_true", help="Ook Spearman-correlaties.")
        parser.add_argument(
            "--weights",
            type=Path,
            help="Populatieaantallen voor weging (CSV: variable,value,population).",
        )
        parser.add_argument("--format", choices=["json"], default="json", help="Uitvoerformaat.")

    def handle(self, *args: Any, **options: Any) -> None:
        min_size, warning = min_group_size_clamp(options["min_group_size"])
        if warning:
            self.stderr.write(f"Waarschuwing: {warning}")
        try:
            questionnaire = _questionnaire_load(options["questionnaire"])
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        except OSError as error:
            raise CommandError(f"{options['questionnaire']}: {error}") from error
        margins = _margins_load(options["weights"]) if options["weights"] else None
        try:
            data = responses_read_csv(
                options["responses"], questionnaire, options["group_by"], tuple(margins or ())
            )
        except (ResponseDataError, OSError) as error:
            raise CommandError(f"{options['responses']}: {error}") from error
        except UnicodeDecodeError as error:
            message = f"{options['responses']}: het bestand is geen UTF-8 (byte {error.start})."
            raise CommandError(message) from error
        if data.ignored:
            names = ", ".join(data.ignored)
            self.stderr.write(
                f"Waarschuwing: kolommen zonder vraag in de vragenlijst genegeerd: {names}"
            )
        if data.absent:
            names = ", ".join(data.absent)
            self.stderr.write(f"Waarschuwing: kolommen ontbreken en tellen als leeg: {names}")
        weighting = self._weighting(data, margins, options["weights"])
        result = survey_analyze(
            questionnaire,
            data,
            min_group_size=min_size,
            spearman=options["spearman"],
            weighting=weighting,
        )
        self.stdout.write(json.dumps(result, ensure_ascii=False, allow_nan=False))
