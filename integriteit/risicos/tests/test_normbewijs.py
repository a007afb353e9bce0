"""The summary contract and the evidence for norm 1: stap, kleine-stap and voldoet."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.risicos import services
from integriteit.risicos.normbewijs import normbewijs
from integriteit.risicos.samenvatting import analyse_samenvatting
from integriteit.risicos.tests.helpers import analyse, functie, maatregel, risico


def _vastgesteld(world: World, datum: date | None = None) -> int:
    a = analyse(world.ocw, datum=datum)
    hoog = risico(a, kans=5, impact=5, rest_kans=4, rest_impact=3)
    risico(a, kans=2, impact=2, rest_kans=1, rest_impact=1)
    maatregel(hoog)
    functie(a)
    services.analyse_vaststellen(analyse=a, acting_user=None)
    return a.pk


def test_summary_of_the_newest_analysis(world: World) -> None:
    assert analyse_samenvatting(organisatie=world.ocw) is None
    pk = _vastgesteld(world)
    s = analyse_samenvatting(organisatie=world.ocw)
    assert s is not None and s.pk == pk
    assert s.methoden == ("Workshop", "Enquête")
    assert s.medewerkers_betrokken and s.vastgesteld
    assert (s.aantal_risicos, s.aantal_hoog_restrisico, s.hoog_zonder_maatregel) == (2, 1, 0)
    assert (s.maatregelen_open, s.maatregelen_te_laat, s.kwetsbare_functies) == (1, 0, 1)
    later = timezone.localdate() + timedelta(days=60)
    assert analyse_samenvatting(organisatie=world.ocw, peildatum=later).maatregelen_te_laat == 1  # type: ignore[union-attr]
    assert analyse_samenvatting(organisatie=world.ocw, peildatum=date(2000, 1, 1)) is None
    assert analyse_samenvatting(organisatie=world.fin) is None


def test_documentstudy_alone_does_not_involve_employees(world: World) -> None:
    analyse(world.ocw, methoden=("documentstudie",))
    s = analyse_samenvatting(organisatie=world.ocw)
    assert s is not None and not s.medewerkers_betrokken


def test_no_analysis_is_onbekend(world: World, make_user: MakeUser) -> None:
    """Nothing in the module is no proof that there is no analysis (ADR 0015)."""
    user = make_user(Rol.AUDITOR, world.ocw)
    [bewijs] = normbewijs(organisatie=world.ocw, peildatum=timezone.localdate(), gebruiker=user)
    assert (bewijs.norm_code, bewijs.niveau) == ("1", "onbekend")
    assert "elders" in bewijs.redenen[0]


def test_established_complete_analysis_is_voldoet_with_link(
    world: World, make_user: MakeUser
) -> None:
    pk = _vastgesteld(world)
    user = make_user(Rol.AUDITOR, world.ocw)
    [bewijs] = normbewijs(organisatie=world.ocw, peildatum=timezone.localdate(), gebruiker=user)
    assert bewijs.niveau == "voldoet"
    assert bewijs.aanwijzingen[0].url == f"/risicos/{pk}/"
    buiten = make_user(Rol.AUDITOR, world.fin)
    [bewijs] = normbewijs(organisatie=world.ocw, peildatum=timezone.localdate(), gebruiker=buiten)
    assert bewijs.aanwijzingen[0].url == ""


def test_gaps_give_kleine_stap_with_reasons(world: World, make_user: MakeUser) -> None:
    a = analyse(world.ocw, methoden=("documentstudie",))
    risico(a, kans=5, impact=5)
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    [bewijs] = normbewijs(organisatie=world.ocw, peildatum=timezone.localdate(), gebruiker=user)
    assert bewijs.niveau == "kleine-stap"
    tekst = " ".join(bewijs.redenen)
    assert "niet vastgesteld" in tekst and "werkvloer" in tekst and "geen maatregel" in tekst


def test_older_than_three_years_is_stap(world: World, make_user: MakeUser) -> None:
    _vastgesteld(world, datum=timezone.localdate() - timedelta(days=3 * 365 + 5))
    user = make_user(Rol.AUDITOR, world.ocw)
    [bewijs] = normbewijs(organisatie=world.ocw, peildatum=timezone.localdate(), gebruiker=user)
    assert bewijs.niveau == "stap" and "ouder dan 3 jaar" in bewijs.redenen[0]
