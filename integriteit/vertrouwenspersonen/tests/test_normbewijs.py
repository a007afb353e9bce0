"""Evidence for norms 10-12: the suggested level and its reasons from the profiles, meetings,
reports and recommendations — and the demo data, which should make a sensible picture."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from integriteit.accounts.demo import DEMO_USERS, _ensure_tree, _ensure_user
from integriteit.common.roles import Rol
from integriteit.conftest import World
from integriteit.normenkader.normbewijs import Normbewijs
from integriteit.organisaties.models import Organisatie
from integriteit.vertrouwenspersonen import te_doen
from integriteit.vertrouwenspersonen.constants import JaarverslagStatus, Soort
from integriteit.vertrouwenspersonen.demo import vertrouwenspersonen_demo_load
from integriteit.vertrouwenspersonen.models import (
    Aanbeveling,
    Contact,
    Jaarverslag,
    Overleg,
    Vertrouwenspersoon,
)
from integriteit.vertrouwenspersonen.normbewijs import normbewijs
from integriteit.vertrouwenspersonen.tests.conftest import Vp, gebruiker, profiel_voor

pytestmark = pytest.mark.django_db
PEIL = date(2026, 6, 30)


def _per_norm(organisatie: Organisatie, wie: object = None) -> dict[str, Normbewijs]:
    return {
        b.norm_code: b for b in normbewijs(organisatie=organisatie, peildatum=PEIL, gebruiker=wie)
    }


def test_geen_profielen_onbekend(world: World) -> None:
    bewijs = _per_norm(world.ocw)
    assert {b.niveau for b in bewijs.values()} == {"onbekend"}
    assert set(bewijs) == {"10", "11", "12"}


def test_norm_10_en_11(world: World) -> None:
    a = profiel_voor(world.ocw, None, "A")
    b = profiel_voor(world.ocw, None, "B", soort=Soort.EXTERN)
    bewijs = _per_norm(world.ocw)
    # Two advisers and an external one, but nobody trained: part of it.
    assert bewijs["10"].niveau == "kleine-stap"
    assert bewijs["11"].niveau == "stap"
    for p in (a, b):
        p.basisopleiding_op = date(2024, 1, 1)
        p.uren_per_week = Decimal(4)
        p.taken_vastgelegd = p.intervisie = p.scholingsbudget = True
        p.save()
    bewijs = _per_norm(world.ocw)
    assert bewijs["10"].niveau == "voldoet"
    assert bewijs["11"].niveau == "voldoet"
    b.termijn_tot = PEIL - timedelta(days=1)
    b.save()
    bewijs = _per_norm(world.ocw)
    assert bewijs["10"].niveau == "kleine-stap"


def test_norm_12(world: World) -> None:
    p = profiel_voor(world.ocw, None, "A")
    bewijs = _per_norm(world.ocw)
    assert bewijs["12"].niveau == "stap"
    verslag = Jaarverslag.objects.create(
        vertrouwenspersoon=p,
        jaar=2025,
        status=JaarverslagStatus.UITGEBRACHT,
        uitgebracht_op=date(2026, 1, 20),
        waarnemingen="x",
    )
    oud = Aanbeveling.objects.create(
        vertrouwenspersoon=p, jaarverslag=verslag, datum=date(2026, 1, 20), tekst="Iets doen."
    )
    for d in (date(2025, 9, 1), date(2026, 2, 1)):
        Overleg.objects.create(
            vertrouwenspersoon=p, datum=d, onderwerpen="x", aanwezig_bevoegd_gezag="sg"
        )
    bewijs = _per_norm(world.ocw)
    assert bewijs["12"].niveau == "kleine-stap"
    assert "zonder inhoudelijke reactie: 1" in bewijs["12"].aanwijzingen[2].tekst
    oud.reactie = "Een inhoudelijke reactie van voldoende lengte, met wat we gaan doen."
    oud.reactie_op = date(2026, 3, 1)
    oud.save()
    assert _per_norm(world.ocw)["12"].niveau == "voldoet"


def test_url_alleen_voor_wie_de_pagina_mag_openen(vp: Vp) -> None:
    coordinator = _per_norm(vp.world.ocw, vp.coordinator)
    assert coordinator["10"].aanwijzingen[0].url
    auditor = gebruiker(Rol.AUDITOR, vp.world.rijk, "auditor")
    assert not _per_norm(vp.world.ocw, auditor)["10"].aanwijzingen[0].url
    assert _per_norm(vp.world.ocw, vp.gezag)["12"].aanwijzingen[0].url


def test_te_doen_voor_gezag_en_adviseur(vp: Vp) -> None:
    Aanbeveling.objects.create(
        vertrouwenspersoon=vp.profiel, datum=timezone.localdate(), tekst="Iets doen."
    )
    taken = te_doen.voor(vp.gezag)
    assert len(taken) == 1 and "wacht op uw inhoudelijke reactie" in taken[0].tekst
    assert te_doen.voor(vp.coordinator) == []
    taken = te_doen.voor(vp.adviseur)
    assert len(taken) == 1 and "nog niet uitgebracht" in taken[0].tekst


def test_demo_is_volledig_en_idempotent(db: None) -> None:
    _ensure_tree()
    for spec in DEMO_USERS:
        _ensure_user(spec)
    vertrouwenspersonen_demo_load()
    vertrouwenspersonen_demo_load()
    ocw = Organisatie.objects.get(code="OCW")
    assert Vertrouwenspersoon.objects.filter(organisatie=ocw).count() == 3
    assert Vertrouwenspersoon.objects.filter(organisatie__code="FIN").count() == 1
    assert Contact.objects.count() == 60
    assert len({c.categorie for c in Contact.objects.all()}) >= 6
    verslag = Jaarverslag.objects.get(status=JaarverslagStatus.UITGEBRACHT)
    statussen = sorted(a.status for a in verslag.aanbevelingen.all())
    assert statussen == ["afgerond", "gereageerd", "open"]
    assert Overleg.objects.count() == 2
