"""Evidence for norms 2, 3 and 15 and the suggested levels (rules in normbewijs.py)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from integriteit.beleid import services
from integriteit.beleid.constants import InstrumentSoort
from integriteit.beleid.models import Beleid
from integriteit.beleid.normbewijs import normbewijs
from integriteit.beleid.tests.helpers import jaren_terug, vandaag, volledig_beleid
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader.normbewijs import Normbewijs, normbewijs_voor


def _niveaus(world: World, gebruiker: object = None) -> dict[str, Normbewijs]:
    return {
        b.norm_code: b
        for b in normbewijs(organisatie=world.ocw, peildatum=vandaag(), gebruiker=gebruiker)
    }


def _positie(world: World, **extra: object) -> None:
    waarden: dict[str, object] = {
        "coordinator_fte": Decimal("2"),
        "taken_vastgelegd_op": date(2024, 1, 1),
        "directe_toegang_top": True,
        "rapporteert_aan": "sg",
    }
    waarden.update(extra)
    services.positie_opslaan(
        acting_user=None,
        organisatie=world.ocw,
        gegevens=services.PositieGegevens(**waarden),  # type: ignore[arg-type]
    )


def test_no_record(world: World) -> None:
    bewijs = _niveaus(world)
    assert {code: b.niveau for code, b in bewijs.items()} == {
        "2": "onbekend",
        "3": "onbekend",
        "15": "onbekend",
    }
    assert all(a.url == "" for b in bewijs.values() for a in b.aanwijzingen)


def test_complete_record_meets_norms_2_3_and_15(world: World, make_user: MakeUser) -> None:
    volledig_beleid(world.ocw)
    _positie(world)
    coordinator = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    bewijs = _niveaus(world, coordinator)
    assert {code: b.niveau for code, b in bewijs.items()} == {
        "2": "voldoet",
        "3": "voldoet",
        "15": "voldoet",
    }
    assert bewijs["2"].bron == "Integriteitsbeleid"
    assert all(a.url == "/beleid/OCW/" for a in bewijs["2"].aanwijzingen)


def test_partial_records_give_the_smaller_step(world: World) -> None:
    volledig_beleid(world.ocw)
    beleid = Beleid.objects.get(organisatie=world.ocw)
    beleid.instrumenten.filter(soort=InstrumentSoort.GEDRAGSCODE).update(
        herzien_op=jaren_terug(4)
    )  # not current any more
    actie = beleid.evaluaties.get().acties.get()
    actie.deadline = vandaag() - timedelta(days=3)
    actie.save()
    _positie(world, rapporteert_aan="hoofd_po")
    bewijs = _niveaus(world)
    assert bewijs["2"].niveau == "kleine-stap"
    assert any("niet actueel" in r for r in bewijs["2"].redenen)
    assert bewijs["3"].niveau == "kleine-stap"
    assert bewijs["3"].redenen == ("Rapporteert aan: Hoofd P&O/HR",)
    assert bewijs["15"].niveau == "kleine-stap"
    assert bewijs["15"].redenen == ("1 vervolgactie over haar deadline",)
    _positie(world, rapporteert_aan="hoofd_po", directe_toegang_top=False)
    assert _niveaus(world)["3"].niveau == "stap"


def test_vision_only_is_a_smaller_step_for_norm_2(world: World) -> None:
    services.beleid_opslaan(
        acting_user=None, organisatie=world.ocw, gegevens=services.BeleidGegevens(visie="Visie")
    )
    assert _niveaus(world)["2"].niveau == "kleine-stap"


def test_url_only_for_readers_in_scope(world: World, make_user: MakeUser) -> None:
    volledig_beleid(world.ocw)
    for gebruiker in (
        make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin),
        make_user(Rol.RIJKSCOORDINATOR, world.rijk),
    ):
        assert all(a.url == "" for b in _niveaus(world, gebruiker).values() for a in b.aanwijzingen)
    auditor = make_user(Rol.AUDITOR, world.rijk)
    assert _niveaus(world, auditor)["15"].aanwijzingen[0].url == "/beleid/OCW/"


def test_registered_with_the_assessment_evidence(world: World) -> None:
    per_norm = normbewijs_voor(organisatie=world.ocw, peildatum=vandaag(), gebruiker=None)
    assert any(b.bron == "Integriteitsbeleid" for b in per_norm["15"])
