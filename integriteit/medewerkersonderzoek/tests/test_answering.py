"""Answering with a token: single use, validation against the questionnaire (codes and
``ask_if`` routing), save-and-continue, and what a stored response can never reveal."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.medewerkersonderzoek.constants import GolfStatus, Rol
from integriteit.medewerkersonderzoek.models import ConceptAntwoord, Golf, Respons, Uitnodiging
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
from integriteit.medewerkersonderzoek.selectors import concept_antwoorden
from integriteit.medewerkersonderzoek.services import (
    concept_opslaan,
    golf_create,
    golf_transition,
    respons_submit,
    token_hash,
    uitnodiging_redeem,
    uitnodigingen_create,
    vragenlijst_load,
)

EMPLOYEE = {
    "leidinggevende": 2,
    "com_gedragscode": 4,
    "cul_vrij_bespreken": 9,  # weet niet
    "mel_vermoeden": 1,
    "mel_gemeld": 2,
    "mel_reden_1": 1,
    "mel_reden_2": 0,
    "opmerkingen": "Goed dat dit gevraagd wordt.",
}


@pytest.fixture
def golf(world: World) -> Golf:
    vragenlijst = vragenlijst_load(
        acting_user=None, data=(SHIPPED_DIR / "ark-2023.yaml").read_bytes(), filename="ark.yaml"
    )
    golf = golf_create(
        acting_user=None,
        vragenlijst=vragenlijst,
        organisatie=world.ocw,
        titel="Medewerkersonderzoek",
        start=date(2025, 10, 1),
        eind=date(2025, 10, 31),
    )
    return golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)


def tokens(golf: Golf, n: int = 1) -> list[str]:
    eenheid = golf.eenheden.get()
    nieuw = uitnodigingen_create(acting_user=None, golf=golf, per_eenheid={eenheid.pk: n})
    return [item.token for item in nieuw]


def test_token_is_single_use(golf: Golf) -> None:
    [token] = tokens(golf)
    assert uitnodiging_redeem(token=token).golf == golf
    respons_submit(token=token, antwoorden=EMPLOYEE)
    with pytest.raises(ValidationError, match="al geantwoord"):
        uitnodiging_redeem(token=token)
    with pytest.raises(ValidationError, match="al geantwoord"):
        respons_submit(token=token, antwoorden=EMPLOYEE)
    assert Respons.objects.count() == 1
    assert Uitnodiging.objects.get().gebruikt


def test_unknown_token_and_waves_not_open_are_refused(golf: Golf) -> None:
    with pytest.raises(ValidationError, match="onbekend"):
        uitnodiging_redeem(token="verzonnen-token")
    [token] = tokens(golf)
    golf_transition(acting_user=None, golf=golf, naar=GolfStatus.GESLOTEN)
    with pytest.raises(ValidationError, match="gesloten"):
        respons_submit(token=token, antwoorden=EMPLOYEE)
    assert not Respons.objects.exists()
    assert not Uitnodiging.objects.get().gebruikt


def test_wave_in_preparation_refuses_answers(world: World, golf: Golf) -> None:
    prepared = golf_create(
        acting_user=None,
        vragenlijst=golf.vragenlijst,
        organisatie=world.fin,
        titel="Nog niet open",
        start=date(2025, 11, 1),
        eind=date(2025, 11, 30),
    )
    [token] = tokens(prepared)
    with pytest.raises(ValidationError, match="nog niet geopend"):
        uitnodiging_redeem(token=token)


def test_stored_response_cannot_reveal_token_user_or_time(golf: Golf) -> None:
    [token] = tokens(golf)
    respons_submit(token=token, antwoorden=EMPLOYEE)
    respons = Respons.objects.get()
    fields = {f.name: f for f in Respons._meta.get_fields()}
    assert set(fields) == {"id", "golf", "golf_eenheid", "rol", "antwoorden", "ingevuld_in"}
    assert not any(isinstance(f, models.DateTimeField | models.TimeField) for f in fields.values())
    assert isinstance(fields["id"], models.UUIDField)  # no counter to match against the order
    assert respons.ingevuld_in.day == 1
    columns = {c for item in golf.vragenlijst.spec().items for c in item.columns()}
    assert set(respons.antwoorden) <= columns
    assert set(respons.antwoorden) == set(EMPLOYEE)
    row = json.dumps(list(Respons.objects.values().get().values()), default=str)
    assert token not in row and token_hash(token) not in row
    # And nothing keyed by the token outlives the submission.
    assert not ConceptAntwoord.objects.exists()
    assert respons.rol == Rol.MEDEWERKER


def test_manager_only_question_refused_for_non_manager(golf: Golf) -> None:
    [token] = tokens(golf)
    with pytest.raises(ValidationError) as info:
        respons_submit(token=token, antwoorden={**EMPLOYEE, "lg_ondersteuning": 1})
    assert any("lg_ondersteuning" in m and "niet gesteld" in m for m in info.value.messages)
    without_role = {"com_gedragscode": 4, "lg_toegerust": 5}
    with pytest.raises(ValidationError, match="lg_toegerust"):
        respons_submit(token=token, antwoorden=without_role)
    assert not Respons.objects.exists()
    assert not Uitnodiging.objects.get().gebruikt


def test_manager_answers_manager_questions(golf: Golf) -> None:
    [token] = tokens(golf)
    answers = {"leidinggevende": "1", "lg_ondersteuning": "3", "lg_toegerust": 5}
    respons_submit(token=token, antwoorden=answers)
    respons = Respons.objects.get()
    assert respons.rol == Rol.LEIDINGGEVENDE
    assert respons.antwoorden == {"leidinggevende": 1, "lg_ondersteuning": 3, "lg_toegerust": 5}


def test_follow_up_routing_is_chained(golf: Golf) -> None:
    [token] = tokens(golf)
    # Reasons for not reporting only when a suspicion was not reported.
    with pytest.raises(ValidationError, match="mel_reden"):
        respons_submit(
            token=token, antwoorden={"mel_vermoeden": 2, "mel_gemeld": 2, "mel_reden_1": 1}
        )


@pytest.mark.parametrize(
    ("antwoorden", "fragment"),
    [
        ({"com_gedragscode": 7}, "com_gedragscode"),
        ({"com_gedragscode": "veel"}, "com_gedragscode"),
        ({"com_gedragscode": True}, "com_gedragscode"),
        ({"leidinggevende": 3}, "leidinggevende"),
        ({**EMPLOYEE, "mel_reden_1": 2}, "mel_reden_1"),
        ({"bestaat_niet": 1}, "bestaat_niet"),
        ({"opmerkingen": 5}, "opmerkingen"),
        ({"opmerkingen": "x" * 4001}, "opmerkingen"),
    ],
)
def test_invalid_answers_are_refused_naming_the_item(
    golf: Golf, antwoorden: dict[str, Any], fragment: str
) -> None:
    [token] = tokens(golf)
    with pytest.raises(ValidationError) as info:
        respons_submit(token=token, antwoorden=antwoorden)
    assert any(fragment in message for message in info.value.messages)
    assert not Respons.objects.exists()
    assert not Uitnodiging.objects.get().gebruikt


def test_empty_answers_are_missing(golf: Golf) -> None:
    [token] = tokens(golf)
    respons_submit(token=token, antwoorden={"com_gedragscode": "", "com_melden": None})
    assert Respons.objects.get().antwoorden == {}


def test_save_and_continue(golf: Golf) -> None:
    [token, other] = tokens(golf, 2)
    concept_opslaan(token=token, antwoorden={"leidinggevende": 2})
    concept_opslaan(token=token, antwoorden={"leidinggevende": 2, "com_gedragscode": 5})
    assert concept_antwoorden(token=token) == {"leidinggevende": 2, "com_gedragscode": 5}
    assert concept_antwoorden(token=other) == {}
    assert ConceptAntwoord.objects.get().token_hash == token_hash(token)
    with pytest.raises(ValidationError, match="com_melden"):
        concept_opslaan(token=token, antwoorden={"com_melden": 0})
    respons_submit(token=token, antwoorden=concept_antwoorden(token=token))
    assert not ConceptAntwoord.objects.exists()
    with pytest.raises(ValidationError, match="al geantwoord"):
        concept_opslaan(token=token, antwoorden={})


def test_audit_events_contain_no_token_or_answers(golf: Golf) -> None:
    [token] = tokens(golf)
    concept_opslaan(token=token, antwoorden={"leidinggevende": 2})
    respons_submit(token=token, antwoorden=EMPLOYEE)
    respons = Respons.objects.get()
    events = AuditEvent.objects.filter(action__in=["concept.opgeslagen", "respons.ingediend"])
    assert events.count() == 2
    dump = json.dumps([[e.object_type, e.object_id, e.details] for e in events])
    for secret in (token, token_hash(token), str(respons.pk), "Goed dat dit", "mel_reden"):
        assert secret not in dump
    assert {e.object_type for e in events} == {"golf"}
    assert all(e.actor_id is None for e in events)
