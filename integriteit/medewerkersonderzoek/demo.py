"""Demo data for the employee survey: one government-wide wave filled with synthetic responses
(issue 4, item 6: "The demo world holds one such wave, and every page that shows it says the
data are synthetic").

The wave uses the shipped ``ark-2023`` questionnaire on the Rijk root, is marked
``synthetisch`` and closed. Its responses come from :func:`synthetic.generate_survey` (profile
``ark-2023``, seed 1, n = 4,492) and are written in bulk, *not* through ``respons_submit``:
there are no tokens to redeem, and one audit event ``golf.demo_geladen`` records the counts.
So that the response rate shows, the wave gets the profile's 20,144 invitations: per unit as
many used ones as it has responses, and the unused rest spread over the units by headcount.
Their tokens are random and thrown away, so none of them can ever be redeemed.

Idempotent: when any synthetic wave exists, nothing is created.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np
from django.db import transaction

from integriteit.common.audit import audit_log
from integriteit.medewerkersonderzoek import services
from integriteit.medewerkersonderzoek.constants import TOKEN_BYTES, GolfStatus, Rol
from integriteit.medewerkersonderzoek.models import (
    Golf,
    GolfEenheid,
    Respons,
    Uitnodiging,
    Vragenlijst,
)
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
from integriteit.medewerkersonderzoek.spec import Questionnaire
from integriteit.medewerkersonderzoek.synthetic import PROFILES, Unit, demo_units, generate_survey
from integriteit.organisaties.constants import RIJK_CODE
from integriteit.organisaties.models import Organisatie

DEMO_PROFILE = "ark-2023"
DEMO_SEED = 1
DEMO_TITEL = "Rijksbreed medewerkersonderzoek 2023 (synthetisch)"
DEMO_START = date(2023, 9, 1)
DEMO_EIND = date(2023, 10, 31)
DEMO_INGEVULD_IN = date(2023, 10, 1)
DEMO_MIN_GROUP_SIZE = 10


def _vragenlijst(code: str) -> Vragenlijst:
    path = SHIPPED_DIR / f"{code}.yaml"
    return services.vragenlijst_load(acting_user=None, data=path.read_bytes(), filename=path.name)


def _units(golf: Golf, eenheden: Mapping[str, GolfEenheid]) -> list[Unit]:
    """The demo tree's units when all of them are in the wave (the normal case: the same
    numbers as ``generate_survey`` on the command line); otherwise the wave's own units."""
    units = demo_units(PROFILES[DEMO_PROFILE].reference_date)
    if units and all(unit.code in eenheden for unit in units):
        return units
    return [
        Unit(code, e.organisatie.naam, golf.organisatie.code, e.aantal_medewerkers)
        for code, e in eenheden.items()
        if e.aantal_medewerkers > 0
    ]


def _answers(spec: Questionnaire, data: Mapping[str, Any], n: int) -> list[dict[str, int]]:
    """Per respondent: data column → integer code, without the unanswered and text ones."""
    answers: list[dict[str, int]] = [{} for _i in range(n)]
    for item in spec.items:
        if item.kind == "text":
            continue
        for column in item.columns():
            values = np.asarray(data[column], dtype=np.float64)
            for index in np.flatnonzero(~np.isnan(values)):
                answers[index][column] = int(values[index])
    return answers


def _spread(weights: Mapping[int, int], total: int) -> dict[int, int]:
    """``total`` spread over the keys in proportion to ``weights`` (largest remainder)."""
    whole = sum(weights.values())
    if whole <= 0 or total <= 0:
        return dict.fromkeys(weights, 0)
    exact = {key: total * weight / whole for key, weight in weights.items()}
    result = {key: int(value) for key, value in exact.items()}
    rest = total - sum(result.values())
    for key in sorted(exact, key=lambda key: (result[key] - exact[key], key))[:rest]:
        result[key] += 1
    return result


def _invitations(golf: Golf, responded: Mapping[int, int], invited_total: int) -> int:
    """Used invitations as many as each unit's responses, the unused rest by headcount."""
    headcounts = {e.pk: e.aantal_medewerkers for e in golf.eenheden.all()}
    unused = _spread(headcounts, invited_total - sum(responded.values()))
    rows: list[Uitnodiging] = []
    for pk in headcounts:
        for gebruikt, count in ((True, responded.get(pk, 0)), (False, unused.get(pk, 0))):
            rows.extend(
                Uitnodiging(
                    golf=golf,
                    golf_eenheid_id=pk,
                    token_hash=services.token_hash(secrets.token_urlsafe(TOKEN_BYTES)),
                    aangemaakt_op=golf.start,
                    gebruikt=gebruikt,
                )
                for _i in range(count)
            )
    Uitnodiging.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@transaction.atomic
def enquete_demo_load() -> Golf | None:
    """Create the synthetic government-wide wave unless a synthetic wave exists; return the
    new wave, or ``None`` when nothing was created (one exists already, or there is no Rijk
    root to hang it on)."""
    if Golf.objects.filter(synthetisch=True).exists():
        return None
    rijk = Organisatie.objects.filter(code=RIJK_CODE).first()
    if rijk is None:
        return None
    profile = PROFILES[DEMO_PROFILE]
    vragenlijst = _vragenlijst(profile.questionnaire)
    golf = services.golf_create(
        acting_user=None,
        vragenlijst=vragenlijst,
        organisatie=rijk,
        titel=DEMO_TITEL,
        start=DEMO_START,
        eind=DEMO_EIND,
        min_group_size=DEMO_MIN_GROUP_SIZE,
        synthetisch=True,
    )
    eenheden = {e.organisatie.code: e for e in golf.eenheden.select_related("organisatie")}
    spec = vragenlijst.spec()
    n = profile.default_n
    data = generate_survey(
        questionnaire=spec,
        n=n,
        seed=DEMO_SEED,
        units=_units(golf, eenheden),
        profile=profile,
    )
    unit_codes = [str(code) for code in data["unit"]]
    roles = [str(role) for role in data["role"]]
    responses = [
        Respons(
            golf=golf,
            golf_eenheid=eenheden[code],
            rol=Rol(role),
            antwoorden=antwoorden,
            ingevuld_in=DEMO_INGEVULD_IN,
        )
        for code, role, antwoorden in zip(unit_codes, roles, _answers(spec, data, n), strict=True)
    ]
    Respons.objects.bulk_create(responses, batch_size=1000)
    responded: dict[int, int] = {}
    for respons in responses:
        responded[respons.golf_eenheid.pk] = responded.get(respons.golf_eenheid.pk, 0) + 1
    invited = _invitations(golf, responded, profile.invitations)
    audit_log(
        actor=None,
        action="golf.demo_geladen",
        object_type="golf",
        object_id=golf.pk,
        organisatie_id=golf.organisatie_id,
        details={
            "profiel": profile.code,
            "seed": DEMO_SEED,
            "responsen": len(responses),
            "uitnodigingen": invited,
            "eenheden": len(responded),
        },
    )
    golf = services.golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    return services.golf_transition(acting_user=None, golf=golf, naar=GolfStatus.GESLOTEN)
