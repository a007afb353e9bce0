"""Loads the Court of Audit's 2023 ratings (``data/cyclus-2023-ark-2024.yaml``) as the
final auditor assessments of cycle 2023. Idempotent; every rating cites its section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from integriteit.common.audit import audit_log
from integriteit.normenkader.constants import Soort, Status
from integriteit.normenkader.models import (
    Beoordeling,
    Cyclus,
    Niveau,
    Normenkader,
    Oordeel,
    StatusWijziging,
)
from integriteit.normenkader.services import norms_for
from integriteit.organisaties.models import Organisatie

DATA_FILE = Path(__file__).resolve().parent / "data" / "cyclus-2023-ark-2024.yaml"
REPORT = "Algemene Rekenkamer, Integriteit als basis (2024)"


def _levels_per_norm(data: dict[str, Any]) -> dict[str, dict[str, tuple[str, str]]]:
    """norm code → organisation code → (level, citation)."""
    result: dict[str, dict[str, tuple[str, str]]] = {}
    for finding in data["findings"]:
        cite = f"{REPORT}, §{finding['section']}: “{finding['quote'].strip()}”"
        levels = {org: ("voldoet", cite) for org in data["organisations"]}
        levels.update({org: ("stap", cite) for org in finding["stap"]})
        levels.update({org: ("kleine-stap", cite) for org in finding["kleine-stap"]})
        result[str(finding["norm"])] = levels
    return result


def _coordination(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    result = {}
    for rating in data["coordination"]["ratings"]:
        note = " (onze lezing van de tekst)" if rating.get("interpretatie") else ""
        cite = f"{REPORT}, §{rating['section']}{note}: “{rating['quote'].strip()}”"
        result[str(rating["norm"])] = (str(rating["level"]), cite)
    return result


def _assessment(
    cyclus: Cyclus,
    organisatie: Organisatie,
    levels: dict[str, tuple[str, str]],
    niveaus: dict[str, Niveau],
) -> Beoordeling:
    now = timezone.now()
    beoordeling = Beoordeling.objects.create(
        cyclus=cyclus,
        organisatie=organisatie,
        soort=Soort.AUDITOR,
        status=Status.DEFINITIEF,
        beoordelaar="Algemene Rekenkamer",
        ingediend_op=now,
        definitief_op=now,
    )
    not_reported = f"{REPORT}: deze norm is in de tekst niet per ministerie beoordeeld."
    Oordeel.objects.bulk_create(
        [
            Oordeel(
                beoordeling=beoordeling,
                norm=norm,
                niveau=niveaus[levels.get(norm.code, ("onbekend", ""))[0]],
                bron=levels.get(norm.code, ("", not_reported))[1],
            )
            for norm in norms_for(normenkader=cyclus.normenkader, organisatie=organisatie)
        ]
    )
    StatusWijziging.objects.create(
        beoordeling=beoordeling, naar=Status.DEFINITIEF, toelichting="Geladen uit het rapport."
    )
    return beoordeling


@transaction.atomic
def rekenkamer_2023_load(*, acting_user: Any = None) -> Cyclus:
    """Cycle 2023 on ark-2024 with the report's ratings; does nothing if already loaded."""
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    kader = Normenkader.objects.filter(code=data["framework"]).order_by("-versie").first()
    if kader is None:
        raise LookupError(f"Normenkader {data['framework']} is niet geladen.")
    cyclus, created = Cyclus.objects.get_or_create(
        jaar=data["year"], normenkader=kader, defaults={"titel": data["title"]}
    )
    if Beoordeling.objects.filter(cyclus=cyclus, soort=Soort.AUDITOR).exists():
        return cyclus
    niveaus = {n.code: n for n in kader.niveaus.all()}
    per_norm = _levels_per_norm(data)
    for org in Organisatie.objects.filter(code__in=data["organisations"]):
        levels = {norm: per_org[org.code] for norm, per_org in per_norm.items()}
        _assessment(cyclus, org, levels, niveaus)
    rijk = Organisatie.objects.get(code=data["coordination"]["organisation"])
    _assessment(cyclus, rijk, _coordination(data), niveaus)
    audit_log(
        actor=acting_user,
        action="cyclus.rekenkamer_geladen",
        object_type="cyclus",
        object_id=cyclus.pk,
        details={
            "jaar": cyclus.jaar,
            "organisaties": len(data["organisations"]) + 1,
            "nieuw": created,
        },
    )
    return cyclus
