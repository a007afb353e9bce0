"""The wave-results bridge (resultaten.py): engine results per node of the unit tree, tree
suppression, the role rules of who reads which node, and the government-wide comparison."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from integriteit.accounts.tests.factories import GebruikerFactory, LidmaatschapFactory
from integriteit.common.permissions import Capability
from integriteit.common.roles import Rol
from integriteit.conftest import World
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.resultaten import (
    golf_resultaten,
    rijksbreed,
    zichtbare_knopen,
)
from integriteit.medewerkersonderzoek.services import golf_create, golf_transition
from integriteit.medewerkersonderzoek.tests.test_waves import load_ark, make_golf, node
from integriteit.organisaties.models import Organisatie


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def answers(i: int) -> dict[str, int]:
    """A response: voorbeeldgedrag items agree for even i, disagree for odd i."""
    value = 4 if i % 2 == 0 else 2
    return {
        "leidinggevende": 2,
        "vb_goed_voorbeeld": value,
        "vb_aanspreken": value,
        "vb_open_bespreken": value,
        "cul_vrij_bespreken": 4,
    }


def respond(golf: Golf, unit: Organisatie, n: int) -> None:
    eenheid = golf.eenheden.get(organisatie=unit)
    Respons.objects.bulk_create(
        Respons(
            golf=golf,
            golf_eenheid=eenheid,
            rol="medewerker",
            antwoorden=answers(i),
            ingevuld_in=date(2025, 10, 1),
        )
        for i in range(n)
    )


@pytest.fixture
def wave(world: World) -> Golf:
    """Government-wide: OCW-DGCM 20 and OCW-KLEIN 3 (suppressed, so DGCM too), FIN-DGFZ 15."""
    node("OCW-KLEIN", world.ocw, 4)
    golf = make_golf(world.rijk)
    respond(golf, world.ocw_unit, 20)
    respond(golf, Organisatie.objects.get(code="OCW-KLEIN"), 3)
    respond(golf, world.fin_unit, 15)
    return golf


def test_every_node_has_its_size_and_suppression(wave: Golf) -> None:
    result = golf_resultaten(golf=wave)
    assert result.n_responses == 38
    sizes = {code: (k.n, k.onderdrukt) for code, k in result.knopen.items()}
    assert sizes == {
        "RIJK": (38, False),
        "OCW": (23, False),
        "FIN": (15, False),
        "OCW-DGCM": (20, True),  # secondary: OCW minus DGCM would reveal OCW-KLEIN
        "OCW-KLEIN": (3, True),
        "FIN-DGFZ": (15, False),
    }
    assert set(result.per_knoop) == {"RIJK", "OCW", "FIN", "FIN-DGFZ"}
    assert result.kinderen("OCW")[0].code == "OCW-DGCM"
    assert [k.code for k in result.voorouders("FIN-DGFZ")] == ["FIN", "RIJK"]


def test_node_results_are_the_engine_results_of_its_responses(wave: Golf) -> None:
    result = golf_resultaten(golf=wave)
    total = result.per_knoop["RIJK"]
    assert total["n_responses"] == 38
    # 20 + 3 + 15 responses, of which 10 + 2 + 8 agree (even i)
    assert total["items"]["vb_goed_voorbeeld"]["agree_pct"] == pytest.approx(100 * 20 / 38)
    fin = result.per_knoop["FIN-DGFZ"]
    assert fin["n_responses"] == 15
    assert fin["items"]["vb_goed_voorbeeld"]["counts"]["4"] == 8
    assert fin["scales"]["voorbeeldgedrag"]["mean"] == pytest.approx((8 * 4 + 7 * 2) / 15)


def test_results_are_cached_until_a_response_is_added(wave: Golf, world: World) -> None:
    first = golf_resultaten(golf=wave)
    assert golf_resultaten(golf=wave) is not None
    respond(wave, world.fin_unit, 1)
    again = golf_resultaten(golf=wave)
    assert again.n_responses == first.n_responses + 1


def _user(world: World, rol: Rol, org: Organisatie, *, recursief: bool = True) -> object:
    user = GebruikerFactory.create(username=f"{rol}.{org.code}")
    LidmaatschapFactory.create(gebruiker=user, organisatie=org, rol=rol, recursief=recursief)
    return user


@pytest.mark.parametrize(
    ("rol", "org_code", "capability", "expected"),
    [
        (Rol.INTEGRITEITSCOORDINATOR, "OCW", Capability.ENQUETE_RESULTATEN, {"OCW"}),
        (Rol.INTEGRITEITSCOORDINATOR, "FIN", Capability.ENQUETE_RESULTATEN, {"FIN", "FIN-DGFZ"}),
        (Rol.RIJKSCOORDINATOR, "RIJK", Capability.ENQUETE_RESULTATEN, {"RIJK", "OCW", "FIN"}),
        (Rol.LEIDINGGEVENDE, "FIN-DGFZ", Capability.ENQUETE_PRAATPLAAT, {"FIN-DGFZ"}),
        (Rol.LEIDINGGEVENDE, "FIN", Capability.ENQUETE_PRAATPLAAT, {"FIN"}),
        (Rol.LEIDINGGEVENDE, "OCW-DGCM", Capability.ENQUETE_PRAATPLAAT, set()),  # suppressed
        (Rol.LEIDINGGEVENDE, "FIN-DGFZ", Capability.ENQUETE_RESULTATEN, set()),
        (Rol.BEHEERDER, "RIJK", Capability.ENQUETE_RESULTATEN, set()),
    ],
)
def test_who_reads_which_node(
    wave: Golf, world: World, rol: Rol, org_code: str, capability: Capability, expected: set[str]
) -> None:
    user = _user(world, rol, Organisatie.objects.get(code=org_code))
    result = golf_resultaten(golf=wave)
    assert zichtbare_knopen(resultaten=result, gebruiker=user, capability=capability) == expected


def test_government_wide_comparison(wave: Golf, world: World) -> None:
    own = rijksbreed(golf=wave)
    assert own is not None and own[0] == wave and own[1]["n_responses"] == 38

    ministry_wave = make_golf(world.fin)
    assert rijksbreed(golf=ministry_wave) is None, "the government-wide wave is not open yet"
    golf_transition(acting_user=None, golf=wave, naar=GolfStatus.OPEN)
    found = rijksbreed(golf=ministry_wave)
    assert found is not None and found[0] == wave


def test_a_wave_below_the_minimum_shows_nothing(world: World) -> None:
    golf = golf_create(
        acting_user=None,
        vragenlijst=load_ark(),
        organisatie=world.fin,
        titel="Klein",
        start=date(2025, 10, 1),
        eind=date(2025, 10, 31),
    )
    respond(golf, world.fin_unit, 4)
    result = golf_resultaten(golf=golf)
    assert result.per_knoop == {}
    assert all(k.onderdrukt for k in result.knopen.values())
    assert rijksbreed(golf=golf) is None
