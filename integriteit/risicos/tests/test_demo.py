"""The demo analysis of OCW: established, 14 adopted risks, one overdue measure, three
vulnerable positions, linked to the demo wave; FIN nothing; idempotent."""

from __future__ import annotations

from django.utils import timezone

from integriteit.conftest import World
from integriteit.medewerkersonderzoek.demo import enquete_demo_load
from integriteit.risicos.demo import risicos_demo_load
from integriteit.risicos.enquete import enquete_invoer
from integriteit.risicos.models import Risicoanalyse
from integriteit.risicos.normbewijs import normbewijs
from integriteit.risicos.samenvatting import analyse_samenvatting
from integriteit.risicos.selectors import register


def test_demo_fills_ocw_only_and_is_idempotent(world: World) -> None:
    golf = enquete_demo_load()
    risicos_demo_load()
    risicos_demo_load()
    analyse = Risicoanalyse.objects.get()
    assert analyse.organisatie == world.ocw and analyse.is_vastgesteld
    assert analyse.matrix_grootte == 5 and analyse.golf == golf
    s = analyse_samenvatting(organisatie=world.ocw)
    assert s is not None
    assert s.aantal_risicos == 14 and s.kwetsbare_functies == 3
    assert s.maatregelen_te_laat == 1 and s.medewerkers_betrokken
    assert all(r.catalogus_code and r.heeft_rest for r in register(analyse=analyse))
    assert analyse_samenvatting(organisatie=world.fin) is None
    vandaag = timezone.localdate()
    assert (
        normbewijs(organisatie=world.fin, peildatum=vandaag, gebruiker=None)[0].niveau == "onbekend"
    )
    invoer = enquete_invoer(analyse=analyse, risicos=register(analyse=analyse))
    assert invoer is not None and [e.code for e in invoer.eenheden] == ["OCW-DGCM"]


def test_demo_without_wave_and_without_ocw(db: None) -> None:
    risicos_demo_load()
    assert not Risicoanalyse.objects.exists()
