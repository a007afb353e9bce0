"""Fixtures of the government-wide reports: a small government with assessments, a survey
wave, reports, adviser contacts and a risk analysis (see :func:`rijk_data`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from integriteit.conftest import World
from integriteit.normenkader.models import Verbeteractie
from integriteit.rapportages.tests import helpers as h
from integriteit.risicos import services as risicoservices
from integriteit.risicos.tests.helpers import analyse, functie, maatregel, risico
from integriteit.vertrouwenspersonen.tests.conftest import contacten, profiel_voor


@pytest.fixture(autouse=True)
def _lege_cache() -> Iterator[None]:
    """Survey results are cached per wave id and response count; ids repeat across tests."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class RijkData:
    world: World
    actie_te_laat: Verbeteractie
    actie_op_tijd: Verbeteractie


@pytest.fixture
def rijk_data(world: World) -> RijkData:
    """OCW: final 2023 (norm 9 "kleine-stap") and 2024 (9 "stap", 3 "kleine-stap"), a draft
    of 2025 (everything "stap", to be ignored); one overdue and one current action; 30
    respondents with a low culture score; 3 reports about interests and 6 financial in 2025;
    2 adviser contacts; no risk analysis. FIN: final 2024 (3 "stap", 9 "voldoet"); 30
    respondents with a high culture score; 7 reports; an adopted risk analysis."""
    c23 = h.cyclus(2023)
    c24 = h.cyclus(2024, vorige=c23)
    c25 = h.cyclus(2025, vorige=c24)
    h.definitief(world.ocw, c23, {"9": "kleine-stap"})
    ocw24 = h.definitief(world.ocw, c24, {"9": "stap", "3": "kleine-stap"})
    h.definitief(world.fin, c24, {"3": "stap"})
    from integriteit.normenkader.services import beoordeling_start

    beoordeling_start(acting_user=None, cyclus=c25, organisatie=world.ocw, soort="zelfevaluatie")
    vandaag = timezone.localdate()
    te_laat = h.actie(ocw24, "9", vandaag - timedelta(days=10), "Meldregeling herzien")
    op_tijd = h.actie(ocw24, "3", vandaag + timedelta(days=60), "Training leidinggevenden")
    h.rijksgolf(
        world.rijk,
        {world.ocw_unit: [2, 3] * 15, world.fin_unit: [4, 5] * 15},
    )
    for _i in range(3):
        h.melding(world.ocw, date(h.JAAR, 3, 3))
    for _i in range(6):
        h.melding(world.ocw, date(h.JAAR, 4, 4), soort="financieel")
    for _i in range(7):
        h.melding(world.fin, date(h.JAAR, 5, 5))
    h.fte(world.ocw, 300)
    h.fte(world.fin, 700)
    contacten(profiel_voor(world.ocw, None, "Vera"), h.JAAR, pesten=2)
    contacten(profiel_voor(world.fin, None, "Frits"), h.JAAR, pesten=6, intimidatie=5)
    a = analyse(world.fin, datum=vandaag - timedelta(days=100))
    hoog = risico(a, kans=5, impact=5, rest_kans=4, rest_impact=3)
    maatregel(hoog)
    functie(a)
    risicoservices.analyse_vaststellen(analyse=a, acting_user=None)
    return RijkData(world=world, actie_te_laat=te_laat, actie_op_tijd=op_tijd)
