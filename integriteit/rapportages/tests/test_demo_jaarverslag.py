"""The demo's concept annual report over 2023: made once, with the first chapter started."""

from __future__ import annotations

import pytest

from integriteit.rapportages.demo import DEMO_JAAR, rapportages_demo_load
from integriteit.rapportages.models import Jaarverslag


@pytest.mark.django_db
def test_demo_makes_one_concept_with_a_narrative() -> None:
    rapportages_demo_load()
    rapportages_demo_load()
    verslag = Jaarverslag.objects.get(jaar=DEMO_JAAR)
    assert verslag.status == "concept"
    assert verslag.tekst("structuur").startswith("In 2023 toetste de Algemene Rekenkamer")
    assert verslag.tekst("cultuur") == ""
