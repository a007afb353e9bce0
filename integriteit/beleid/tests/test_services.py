"""Writes of the policy record: bad input gets a Dutch message on the field and changes
nothing (no row, no audit event); good input is saved with one audit event."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from integriteit.beleid import services
from integriteit.beleid.constants import ActieStatus, Bron, InstrumentSoort, Streefniveau
from integriteit.beleid.models import Beleid, Doel, Evaluatie, Instrument, Vervolgactie
from integriteit.beleid.tests.helpers import doel_gegevens, vandaag
from integriteit.common.models import AuditEvent
from integriteit.conftest import World


def _weigert(veld: str, woorden: str, call: object) -> None:
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as info:
        call()  # type: ignore[operator]
    berichten = info.value.message_dict[veld]
    assert any(woorden in b for b in berichten), berichten
    assert AuditEvent.objects.count() == events


def test_goal_without_indicator_is_refused_and_nothing_saved(world: World) -> None:
    _weigert(
        "indicator",
        "zonder indicator",
        lambda: services.doel_opslaan(
            acting_user=None, organisatie=world.ocw, gegevens=doel_gegevens(indicator="  ")
        ),
    )
    assert not Doel.objects.exists()
    assert not Beleid.objects.exists()  # the record is not even created


@pytest.mark.parametrize(
    ("bron", "code", "woorden"),
    [
        (Bron.ENQUETE_ITEM, "vb_bestaat_niet", "Onbekende vraagcode ‘vb_bestaat_niet’"),
        (Bron.ENQUETE_ITEM, "leidinggevende", "Onbekende vraagcode"),  # a choice item, no "eens"
        (Bron.ENQUETE_SCHAAL, "moed", "Onbekende schaalcode ‘moed’"),
        (Bron.NORM, "16", "Onbekende normcode ‘16’"),
        (Bron.MELDINGEN, "diefstal", "Onbekende soort melding"),
    ],
)
def test_unknown_reference_is_refused_naming_the_field(
    world: World, bron: str, code: str, woorden: str
) -> None:
    gegevens = doel_gegevens(bron=bron, bron_code=code, streefniveau=Streefniveau.VOLDOET)
    _weigert(
        "bron_code",
        woorden,
        lambda: services.doel_opslaan(acting_user=None, organisatie=world.ocw, gegevens=gegevens),
    )
    assert not Doel.objects.exists()


def test_targets_are_required_per_kind_of_source(world: World) -> None:
    _weigert(
        "streefwaarde",
        "streefwaarde",
        lambda: services.doel_opslaan(
            acting_user=None, organisatie=world.ocw, gegevens=doel_gegevens(streefwaarde=None)
        ),
    )
    _weigert(
        "streefwaarde",
        "tussen 0 en 100",
        lambda: services.doel_opslaan(
            acting_user=None,
            organisatie=world.ocw,
            gegevens=doel_gegevens(streefwaarde=Decimal(120)),
        ),
    )
    _weigert(
        "streefniveau",
        "Kies",
        lambda: services.doel_opslaan(
            acting_user=None,
            organisatie=world.ocw,
            gegevens=doel_gegevens(bron=Bron.NORM, bron_code="9", streefwaarde=None),
        ),
    )
    assert not Doel.objects.exists()


def test_valid_goals_of_each_source_are_saved_with_an_audit_event(world: World) -> None:
    for gegevens in (
        doel_gegevens(),
        doel_gegevens(
            bron=Bron.ENQUETE_SCHAAL, bron_code="voorbeeldgedrag", streefwaarde=Decimal("3.8")
        ),
        doel_gegevens(
            bron=Bron.MELDINGEN,
            bron_code="omgangsvormen",
            richting="lager",
            streefwaarde=Decimal(5),
        ),
        doel_gegevens(bron=Bron.ONDERZOEKEN, bron_code="", streefwaarde=Decimal(3)),
        doel_gegevens(
            bron=Bron.NORM, bron_code="2", streefwaarde=Decimal(3), streefniveau="voldoet"
        ),
    ):
        services.doel_opslaan(acting_user=None, organisatie=world.ocw, gegevens=gegevens)
    doelen = list(Doel.objects.order_by("volgorde"))
    assert [d.bron for d in doelen] == [
        Bron.ENQUETE_ITEM, Bron.ENQUETE_SCHAAL, Bron.MELDINGEN, Bron.ONDERZOEKEN, Bron.NORM
    ]  # fmt: skip
    assert doelen[-1].streefwaarde is None  # a norm goal keeps a level, not a number
    assert doelen[-1].streefniveau == "voldoet"
    assert AuditEvent.objects.filter(action="beleid.doel_toegevoegd").count() == 5
    event = AuditEvent.objects.filter(action="beleid.doel_toegevoegd").last()
    assert event is not None
    assert event.organisatie_id == world.ocw.pk
    assert "Leidinggevenden" not in str(event.details)  # codes only, never texts


def test_evaluation_dated_in_the_future_is_refused(world: World) -> None:
    _weigert(
        "datum",
        "in de toekomst",
        lambda: services.evaluatie_opslaan(
            acting_user=None,
            organisatie=world.ocw,
            gegevens=services.EvaluatieGegevens(
                datum=vandaag() + timedelta(days=1), reikwijdte="Beleid", bevindingen="—"
            ),
        ),
    )
    assert not Evaluatie.objects.exists()


def test_instrument_revised_in_the_future_is_refused(world: World) -> None:
    _weigert(
        "herzien_op",
        "niet in de toekomst",
        lambda: services.instrument_opslaan(
            acting_user=None,
            organisatie=world.ocw,
            gegevens=services.InstrumentGegevens(
                soort=InstrumentSoort.GEDRAGSCODE,
                naam="Gedragscode",
                eigenaar="SG",
                herzien_op=vandaag() + timedelta(days=30),
            ),
        ),
    )
    assert not Instrument.objects.exists()


def test_record_and_position_validation(world: World) -> None:
    _weigert(
        "actualiteit_maanden",
        "tussen 6 en 120",
        lambda: services.beleid_opslaan(
            acting_user=None,
            organisatie=world.ocw,
            gegevens=services.BeleidGegevens(visie="Visie", actualiteit_maanden=3),
        ),
    )
    _weigert(
        "document_url",
        "webadres",
        lambda: services.beleid_opslaan(
            acting_user=None,
            organisatie=world.ocw,
            gegevens=services.BeleidGegevens(visie="Visie", document_url="javascript:alert(1)"),
        ),
    )
    _weigert(
        "rapporteert_aan",
        "Kies",
        lambda: services.positie_opslaan(
            acting_user=None,
            organisatie=world.ocw,
            gegevens=services.PositieGegevens(
                coordinator_fte=Decimal(1), taken_vastgelegd_op=None, directe_toegang_top=True,
                rapporteert_aan="minister",
            ),
        ),
    )  # fmt: skip
    assert not Beleid.objects.exists()
    beleid = services.positie_opslaan(
        acting_user=None,
        organisatie=world.ocw,
        gegevens=services.PositieGegevens(
            coordinator_fte=Decimal("1.5"),
            taken_vastgelegd_op=date(2024, 3, 1),
            directe_toegang_top=True,
            rapporteert_aan="sg",
        ),
    )
    assert beleid.positie_ingevuld
    assert AuditEvent.objects.filter(action="beleid.positie_vastgelegd").count() == 1


def test_action_of_another_evaluation_is_refused(world: World) -> None:
    def evaluatie(org: object) -> Evaluatie:
        return services.evaluatie_opslaan(
            acting_user=None,
            organisatie=org,  # type: ignore[arg-type]
            gegevens=services.EvaluatieGegevens(
                datum=date(2024, 1, 1), reikwijdte="Beleid", bevindingen="Bevindingen"
            ),
        )

    ocw, fin = evaluatie(world.ocw), evaluatie(world.fin)
    gegevens = services.ActieGegevens(
        omschrijving="Actie", eigenaar="SG", deadline=date(2025, 1, 1)
    )
    actie = services.actie_opslaan(acting_user=None, evaluatie=ocw, gegevens=gegevens)
    with pytest.raises(ValidationError):
        services.actie_opslaan(acting_user=None, evaluatie=fin, gegevens=gegevens, actie=actie)
    _weigert(
        "deadline",
        "uiterlijk",
        lambda: services.actie_opslaan(
            acting_user=None,
            evaluatie=ocw,
            gegevens=services.ActieGegevens(omschrijving="Actie", eigenaar="SG", deadline=None),
        ),
    )
    assert Vervolgactie.objects.get().evaluatie == ocw
    veranderd = services.actie_opslaan(
        acting_user=None,
        evaluatie=ocw,
        gegevens=services.ActieGegevens(
            omschrijving="Actie",
            eigenaar="SG",
            deadline=date(2025, 1, 1),
            status=ActieStatus.AFGEROND,
        ),
        actie=actie,
    )
    assert not veranderd.te_laat
