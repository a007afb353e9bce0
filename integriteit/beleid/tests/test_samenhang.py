"""The samenhang of the cycle: what is missing or out of date, the "niet actueel" flag at the
configured age, and the risk analysis read through the risicos contract (created with the
risicos app's own service)."""

from __future__ import annotations

from datetime import date, timedelta

from integriteit.beleid import services
from integriteit.beleid.constants import InstrumentSoort
from integriteit.beleid.models import Beleid, maanden_later
from integriteit.beleid.samenhang import Samenhang, samenhang_bepalen
from integriteit.beleid.selectors import beleid_van
from integriteit.beleid.tests.helpers import jaren_terug, vandaag, volledig_beleid
from integriteit.conftest import World
from integriteit.organisaties.models import Organisatie
from integriteit.risicos.services import AnalyseOpzet, analyse_create


def _samenhang(organisatie: Organisatie, peildatum: date | None = None) -> Samenhang:
    return samenhang_bepalen(
        organisatie=organisatie,
        beleid=beleid_van(organisatie=organisatie),
        peildatum=peildatum or vandaag(),
    )


def _analyse(organisatie: Organisatie, datum: date) -> None:
    analyse_create(
        organisatie=organisatie,
        opzet=AnalyseOpzet(titel="Risicoanalyse integriteit", datum=datum, methoden=["workshop"]),
        acting_user=None,
    )


def test_nothing_recorded_everything_missing(world: World) -> None:
    s = _samenhang(world.ocw)
    assert s.codes == {"geen_risicoanalyse", "geen_beleid", "geen_recente_evaluatie"}
    assert [(stap.code, stap.staat) for stap in s.stappen] == [
        ("risicoanalyse", "ontbreekt"),
        ("beleid", "ontbreekt"),
        ("evaluatie", "ontbreekt"),
    ]


def test_complete_cycle_has_no_signals(world: World) -> None:
    volledig_beleid(world.ocw)
    _analyse(world.ocw, jaren_terug(3, dagen=-30))  # just under 3 years: still current
    s = _samenhang(world.ocw)
    # the only signals: the goal's norm is not rated yet, and the draft analysis
    assert s.codes == {"doel_zonder_waarde", "risicoanalyse_concept"}
    assert s.risicoanalyse is not None
    assert s.risicoanalyse.methoden == ("Workshop",)
    assert [stap.staat for stap in s.stappen] == ["aandacht", "aandacht", "goed"]


def test_out_of_date_parts_are_listed(world: World) -> None:
    volledig_beleid(world.ocw)
    beleid = Beleid.objects.get(organisatie=world.ocw)
    _analyse(world.ocw, jaren_terug(3, dagen=1))  # older than 3 years
    # the policy was re-established after its last evaluation
    beleid.document_vastgesteld_op = vandaag() - timedelta(days=10)
    beleid.save()
    evaluatie = beleid.evaluaties.get()
    actie = evaluatie.acties.get()
    actie.deadline = vandaag() - timedelta(days=1)
    actie.save()
    instrument = beleid.instrumenten.get(soort=InstrumentSoort.COMMUNICATIE)
    instrument.delete()
    s = _samenhang(world.ocw)
    assert {
        "risicoanalyse_verouderd",
        "beleid_niet_geevalueerd",
        "acties_te_laat",
        "instrument_ontbreekt",
    } <= s.codes
    assert s.ontbrekend == ["Communicatie"]
    teksten = " ".join(sig.tekst for sig in s.signalen)
    assert "ouder dan 3 jaar" in teksten
    assert "1 vervolgactie van een evaluatie is over haar deadline." in teksten


def test_evaluation_older_than_four_years_is_not_recent(world: World) -> None:
    services.evaluatie_opslaan(
        acting_user=None,
        organisatie=world.ocw,
        gegevens=services.EvaluatieGegevens(
            datum=jaren_terug(4, dagen=1), reikwijdte="Gedragscode", bevindingen="—"
        ),
    )
    s = _samenhang(world.ocw)
    assert "geen_recente_evaluatie" in s.codes
    assert s.laatste_evaluatie is not None


def test_instrument_becomes_niet_actueel_at_the_configured_age(world: World) -> None:
    services.beleid_opslaan(
        acting_user=None,
        organisatie=world.ocw,
        gegevens=services.BeleidGegevens(visie="Visie", actualiteit_maanden=24),
    )
    herzien = date(2023, 5, 31)
    services.instrument_opslaan(
        acting_user=None,
        organisatie=world.ocw,
        gegevens=services.InstrumentGegevens(
            soort=InstrumentSoort.GEDRAGSCODE, naam="Gedragscode", eigenaar="SG", herzien_op=herzien
        ),
    )
    grens = maanden_later(herzien, 24)
    assert grens == date(2025, 5, 31)
    assert "instrument_niet_actueel" not in _samenhang(world.ocw, grens - timedelta(days=1)).codes
    assert "instrument_niet_actueel" in _samenhang(world.ocw, grens).codes
    # with the default of 36 months it is still current on that day
    beleid = Beleid.objects.get(organisatie=world.ocw)
    beleid.actualiteit_maanden = 36
    beleid.save()
    assert "instrument_niet_actueel" not in _samenhang(world.ocw, grens).codes


def test_months_later_clamps_to_the_end_of_the_month() -> None:
    assert maanden_later(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert maanden_later(date(2024, 3, 15), -12) == date(2023, 3, 15)
