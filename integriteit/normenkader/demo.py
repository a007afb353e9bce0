"""Demo data for the norm framework: the shipped frameworks, the Court of Audit's 2023
ratings, and an open 2024 cycle that starts from 2023 (nothing assessed yet)."""

from __future__ import annotations

from integriteit.normenkader.loader import normenkader_load_shipped
from integriteit.normenkader.models import Cyclus
from integriteit.normenkader.rekenkamer import rekenkamer_2023_load
from integriteit.normenkader.services import cyclus_create


def normenkader_demo_load() -> None:
    normenkader_load_shipped()
    cyclus_2023 = rekenkamer_2023_load()
    if not Cyclus.objects.filter(jaar=2024, normenkader=cyclus_2023.normenkader).exists():
        cyclus_create(
            acting_user=None,
            jaar=2024,
            normenkader=cyclus_2023.normenkader,
            titel="Zelfevaluatie 2024",
            vorige=cyclus_2023,
        )
