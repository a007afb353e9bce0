"""``integriteit generate_survey``: synthetic responses of a survey profile as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integriteit.medewerkersonderzoek.questionnaire import shipped_questionnaire
from integriteit.medewerkersonderzoek.synthetic import (
    PROFILES,
    demo_units,
    generate_survey,
    survey_write_csv,
)


class Command(BaseCommand):
    help = (
        "Genereert synthetische antwoorden op een medewerkersonderzoek (latent-variabelenmodel, "
        "gekalibreerd op het rapport) en schrijft ze als CSV. Deterministisch per seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--profile", choices=sorted(PROFILES), default="ark-2023", help="Profiel."
        )
        parser.add_argument(
            "--n", type=int, default=None, help="Aantal antwoorden (standaard: uit het profiel)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Seed (standaard 1).")
        parser.add_argument("--out", required=True, type=Path, help="Uitvoerbestand (CSV).")

    def handle(self, *args: Any, **options: Any) -> None:
        profile = PROFILES[options["profile"]]
        n = profile.default_n if options["n"] is None else options["n"]
        if n < 1:
            raise CommandError("--n moet minstens 1 zijn.")
        if options["seed"] < 0:
            raise CommandError("--seed moet 0 of groter zijn.")
        questionnaire = shipped_questionnaire(profile.questionnaire)
        units = demo_units(profile.reference_date)
        data = generate_survey(questionnaire=questionnaire, n=n, seed=options["seed"], units=units)
        try:
            rows = survey_write_csv(options["out"], questionnaire, data)
        except OSError as error:
            raise CommandError(f"{options['out']}: {error}") from error
        ministries = len({unit.ministry for unit in units})
        managers = int((data["role"] == "leidinggevende").sum())
        self.stdout.write(
            f"{rows} synthetische antwoorden ({profile.code}, seed {options['seed']}; "
            f"{managers} leidinggevenden) over {len(units)} eenheden van {ministries} "
            f"ministeries geschreven naar {options['out']}."
        )
