"""Survey input: the share who saw each risk type per unit, with the minimum group size
(primary and secondary suppression) and the register's risks beside each type."""

from __future__ import annotations

from datetime import date

from integriteit.conftest import World, _node
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, GolfEenheid, Respons, Vragenlijst
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
from integriteit.medewerkersonderzoek.services import golf_create, vragenlijst_load
from integriteit.organisaties.constants import Soort
from integriteit.risicos.enquete import enquete_invoer, golf_voor
from integriteit.risicos.tests.helpers import analyse, risico


def _vragenlijst() -> Vragenlijst:
    bestaand = Vragenlijst.objects.filter(code="ark-2023").order_by("-versie").first()
    if bestaand is not None:
        return bestaand
    data = (SHIPPED_DIR / "ark-2023.yaml").read_bytes()
    return vragenlijst_load(acting_user=None, data=data, filename="ark-2023.yaml")


def golf_met_antwoorden(
    world: World, per_eenheid: dict[str, list[dict[str, int]]], *, status: str = "gesloten"
) -> Golf:
    """A wave of OCW (minimum group size 5) with the given answers per unit code."""
    for code in per_eenheid:
        if code != "OCW-DGCM":
            _node(code, f"Directoraat {code}", Soort.ONDERDEEL, world.ocw, 50)
    golf = golf_create(
        acting_user=None,
        vragenlijst=_vragenlijst(),
        organisatie=world.ocw,
        titel="Medewerkersonderzoek 2025",
        start=date(2025, 10, 1),
        eind=date(2025, 10, 31),
        min_group_size=5,
    )
    Golf.objects.filter(pk=golf.pk).update(status=status)
    for code, antwoorden in per_eenheid.items():
        eenheid = GolfEenheid.objects.get(golf=golf, organisatie__code=code)
        Respons.objects.bulk_create(
            Respons(
                golf=golf,
                golf_eenheid=eenheid,
                rol="medewerker",
                antwoorden=a,
                ingevuld_in=date(2025, 10, 1),
            )
            for a in antwoorden
        )
    return Golf.objects.get(pk=golf.pk)


def _antwoorden(waarden: list[int]) -> list[dict[str, int]]:
    return [{"ris_belangen": w, "ris_geweld": 1} for w in waarden]


def test_shares_with_primary_and_secondary_suppression(world: World) -> None:
    golf = golf_met_antwoorden(
        world,
        {
            "OCW-DGCM": _antwoorden([1, 1, 2, 3, 4, 9]),  # 3 of 5 answered saw it (9 = weet niet)
            "OCW-DGHO": _antwoorden([1, 1, 1, 1, 2, 2, 2]),  # 3 of 7
            "OCW-DGOO": _antwoorden([4, 4, 4, 4, 4, 4, 4, 4]),  # 8 of 8
            "OCW-DGXX": _antwoorden([4, 4]),  # 2 respondents: under 5, hidden
        },
    )
    a = analyse(world.ocw, golf=golf)
    eigen = risico(a, schending="belangen")
    invoer = enquete_invoer(analyse=a, risicos=[eigen])
    assert invoer is not None
    per_code = {e.code: e for e in invoer.eenheden}
    assert per_code["OCW-DGXX"].onderdrukt and per_code["OCW-DGXX"].n is None
    assert per_code["OCW-DGXX"].aandelen == {}
    # Only one unit hidden: the smallest visible sibling (DGCM, 6) is hidden as well.
    assert per_code["OCW-DGCM"].onderdrukt
    assert not per_code["OCW-DGHO"].onderdrukt and per_code["OCW-DGHO"].n == 7
    dgho = per_code["OCW-DGHO"].aandelen["belangen"]
    assert (dgho.gezien, dgho.beantwoord) == (3, 7)
    assert per_code["OCW-DGOO"].aandelen["belangen"].procent == 100.0
    assert per_code["OCW-DGOO"].aandelen["geweld"].procent == 0.0
    assert invoer.totaal is not None and invoer.totaal.n == 23
    totaal = invoer.totaal.aandelen["belangen"]
    assert (totaal.gezien, totaal.beantwoord) == (3 + 3 + 8 + 2, 22)
    rijen = {r.code: r for r in invoer.rijen()}
    assert rijen["belangen"].register == [eigen]
    assert rijen["geweld"].register == []
    waarden = dict(zip([e.code for e in invoer.eenheden], rijen["belangen"].waarden, strict=True))
    assert waarden["OCW-DGXX"] is None and waarden["OCW-DGHO"] == "43 %"


def test_small_wave_hides_the_total(world: World) -> None:
    golf = golf_met_antwoorden(world, {"OCW-DGCM": _antwoorden([2, 2, 2])})
    invoer = enquete_invoer(analyse=analyse(world.ocw, golf=golf), risicos=[])
    assert invoer is not None and invoer.totaal is None
    assert invoer.eenheden[0].onderdrukt


def test_closed_ark_wave_is_used_without_a_link(world: World) -> None:
    a = analyse(world.ocw)
    assert golf_voor(a) is None
    golf_met_antwoorden(world, {"OCW-DGCM": []}, status=GolfStatus.OPEN)
    assert golf_voor(a) is None
    Golf.objects.update(status=GolfStatus.GESLOTEN)
    assert golf_voor(a) is not None
    assert golf_voor(analyse(world.fin)) is None
