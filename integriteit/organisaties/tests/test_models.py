from __future__ import annotations

from datetime import date

from integriteit.conftest import World
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.tests.factories import OrganisatieFactory


def test_binnen_selects_whole_subtrees(world: World) -> None:
    codes = Organisatie.objects.binnen([world.ocw.pad]).values_list("code", flat=True)
    assert sorted(codes) == ["OCW", "OCW-DGCM"]
    assert not Organisatie.objects.binnen([]).exists()


def test_geldigheid_includes_both_ends(world: World) -> None:
    node = OrganisatieFactory.create(
        code="OCW-TIJDELIJK",
        parent=world.ocw,
        geldig_van=date(2024, 1, 1),
        geldig_tot=date(2024, 12, 31),
    )
    assert [node.is_geldig_op(date(2024, d, 1)) for d in (1, 12)] == [True, True]
    assert not node.is_geldig_op(date(2023, 12, 31))
    assert not node.is_geldig_op(date(2025, 1, 1))
    assert list(Organisatie.objects.geldig_op(date(2025, 1, 1)).filter(code=node.code)) == []
