"""Current values of indicators, computed from real rows of the other modules: a survey wave
with responses, reports received through the report module's service, an investigation
opened through its service, and a rating in an assessment."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from integriteit.beleid import indicatoren, services
from integriteit.beleid.constants import Bron, Streefniveau
from integriteit.beleid.indicatoren import Meetcontext
from integriteit.beleid.tests.helpers import doel_gegevens, golf_met_antwoorden, vandaag
from integriteit.conftest import MakeUser, World
from integriteit.meldingen import services as meldingen
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.services import Inhoud, Invoer
from integriteit.normenkader.models import Niveau
from integriteit.normenkader.services import oordeel_update
from integriteit.normenkader.tests import world as normwereld
from integriteit.onderzoeken.tests.helpers import maak_team, openen
from integriteit.organisaties.models import Organisatie


def _context() -> Meetcontext:
    return Meetcontext(peildatum=vandaag())


def test_survey_item_share_agree_and_scale_mean_from_the_newest_wave(world: World) -> None:
    golf_met_antwoorden(world.ocw, world.ocw_unit, eens=15, oneens=5)
    item = indicatoren.enquete_item(
        organisatie=world.ocw, code="vb_goed_voorbeeld", context=_context()
    )
    assert item.getal == pytest.approx(75.0)
    assert item.tekst == "75 %"
    assert "Medewerkersonderzoek 2025" in item.herkomst
    schaal = indicatoren.enquete_schaal(
        organisatie=world.ocw, code="voorbeeldgedrag", context=_context()
    )
    assert schaal.getal == pytest.approx(3.5)  # (15 × 4 + 5 × 2) / 20
    assert schaal.tekst == "3,50"
    # FIN has no wave: no value, and it says why
    geen = indicatoren.enquete_item(
        organisatie=world.fin, code="vb_goed_voorbeeld", context=_context()
    )
    assert (geen.getal, geen.status, geen.tekst) == (
        None,
        indicatoren.GEEN_GEGEVENS,
        "geen enquête",
    )


def test_suppressed_group_shows_insufficient_response_never_a_number(world: World) -> None:
    golf_met_antwoorden(world.ocw, world.ocw_unit, eens=4, oneens=2)  # 6 < minimum 10
    waarde = indicatoren.enquete_item(
        organisatie=world.ocw, code="vb_goed_voorbeeld", context=_context()
    )
    assert waarde.getal is None
    assert waarde.status == indicatoren.ONVOLDOENDE_RESPONS
    assert waarde.tekst == "onvoldoende respons"


def test_a_wave_in_preparation_does_not_count(world: World) -> None:
    from integriteit.medewerkersonderzoek.tests.test_waves import make_golf

    make_golf(world.ocw)
    waarde = indicatoren.enquete_item(
        organisatie=world.ocw, code="vb_goed_voorbeeld", context=_context()
    )
    assert waarde.status == indicatoren.GEEN_GEGEVENS


def _melding(organisatie: Organisatie, soort: str, dagen_geleden: int) -> None:
    meldingen.melding_ontvangen(
        invoer=Invoer(
            organisatie=organisatie,
            soort=soort,
            inhoud=Inhoud(wat="Omschrijving die de beleidsmodule nooit leest"),
            kanaal=Kanaal.TELEFOON,
            ontvangen_op=vandaag() - timedelta(days=dagen_geleden),
        )
    )


def test_report_count_of_the_last_twelve_months_with_units_and_type(world: World) -> None:
    _melding(world.ocw, "omgangsvormen", 10)
    _melding(world.ocw_unit, "omgangsvormen", 200)  # a unit counts for its ministry
    _melding(world.ocw, "belangen", 30)
    _melding(world.ocw, "omgangsvormen", 400)  # older than 12 months
    _melding(world.fin, "omgangsvormen", 5)  # another ministry
    alle = indicatoren.meldingen(organisatie=world.ocw, soort="", context=_context())
    assert alle.getal == 3
    assert "Meldingenregister" in alle.herkomst
    omgang = indicatoren.meldingen(organisatie=world.ocw, soort="omgangsvormen", context=_context())
    assert omgang.getal == 2
    # a year ago the picture was different: the window moves with the reference date
    eerder = Meetcontext(peildatum=vandaag() - timedelta(days=365))
    assert indicatoren.meldingen(organisatie=world.ocw, soort="", context=eerder).getal == 1


def test_investigation_count(world: World, make_user: MakeUser) -> None:
    team = maak_team(world, make_user)
    openen(world, team)
    assert indicatoren.onderzoeken(organisatie=world.ocw, context=_context()).getal == 1
    assert indicatoren.onderzoeken(organisatie=world.fin, context=_context()).getal == 0


def test_norm_level_from_the_newest_assessment_and_whether_the_target_is_met(
    world: World,
) -> None:
    oordeel = normwereld.oordeel(world.ocw, "9")
    kleine_stap = Niveau.objects.get(normenkader=normwereld.ark_2024(), code="kleine-stap")
    oordeel_update(acting_user=None, oordeel=oordeel, niveau=kleine_stap, bevinding="Deels.")
    waarde = indicatoren.norm(organisatie=world.ocw, code="9", context=_context())
    assert waarde.getal == 2
    assert waarde.tekst == kleine_stap.label
    doel = services.doel_opslaan(
        acting_user=None,
        organisatie=world.ocw,
        gegevens=doel_gegevens(
            bron=Bron.NORM, bron_code="9", streefwaarde=None, streefniveau=Streefniveau.VOLDOET
        ),
    )
    assert indicatoren.huidige_waarde(doel, _context(), world.ocw) == waarde
    assert indicatoren.gehaald(doel, waarde) is False
    doel.streefniveau = Streefniveau.KLEINE_STAP
    assert indicatoren.gehaald(doel, waarde) is True
    # an unrated norm has no value
    assert indicatoren.norm(organisatie=world.ocw, code="10", context=_context()).getal is None


def test_met_follows_the_direction(world: World) -> None:
    hoger = services.doel_opslaan(
        acting_user=None, organisatie=world.ocw, gegevens=doel_gegevens(streefwaarde=Decimal(75))
    )
    lager = services.doel_opslaan(
        acting_user=None,
        organisatie=world.ocw,
        gegevens=doel_gegevens(
            bron=Bron.MELDINGEN, bron_code="", richting="lager", streefwaarde=Decimal(2)
        ),
    )
    assert indicatoren.gehaald(hoger, indicatoren.Waarde(75.0, "75 %")) is True
    assert indicatoren.gehaald(hoger, indicatoren.Waarde(74.9, "75 %")) is False
    assert indicatoren.gehaald(lager, indicatoren.Waarde(3.0, "3")) is False
    assert indicatoren.gehaald(lager, indicatoren.Waarde(2.0, "2")) is True
    assert indicatoren.gehaald(lager, indicatoren.Waarde(None, "geen")) is None
    assert indicatoren.streef_tekst(hoger) == "≥ 75 %"
    assert indicatoren.streef_tekst(lager) == "≤ 2"
