"""The answering pages with the test client: code → blocks → response, single use,
save-and-continue, and ``ask_if`` routing as the respondent meets it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from integriteit.conftest import World
from integriteit.medewerkersonderzoek.constants import GolfStatus, Rol
from integriteit.medewerkersonderzoek.models import ConceptAntwoord, Golf, Respons, Uitnodiging
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
from integriteit.medewerkersonderzoek.services import (
    golf_create,
    golf_transition,
    respons_submit,
    uitnodigingen_create,
    vragenlijst_load,
)
from integriteit.medewerkersonderzoek.views.invullen import CODE_KEY

pytestmark = pytest.mark.django_db

START = reverse("medewerkersonderzoek:invullen")
KLAAR = reverse("medewerkersonderzoek:invullen_klaar")
BLOKKEN = 7  # ark-2023: achtergrond … risicos


def blok_url(stap: int) -> str:
    return reverse("medewerkersonderzoek:invullen_blok", kwargs={"stap": stap})


@pytest.fixture
def golf(world: World) -> Golf:
    vragenlijst = vragenlijst_load(
        acting_user=None, data=(SHIPPED_DIR / "ark-2023.yaml").read_bytes(), filename="ark.yaml"
    )
    golf = golf_create(
        acting_user=None,
        vragenlijst=vragenlijst,
        organisatie=world.ocw,
        titel="Medewerkersonderzoek OCW",
        start=date(2025, 10, 1),
        eind=date(2025, 10, 31),
    )
    return golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)


@pytest.fixture
def token(golf: Golf) -> str:
    eenheid = golf.eenheden.get()
    [nieuw] = uitnodigingen_create(acting_user=None, golf=golf, per_eenheid={eenheid.pk: 1})
    return nieuw.token


def begin(client: Client, token: str) -> None:
    response = client.post(START, {"code": token})
    assert response.status_code == 302
    assert response["Location"] == blok_url(1)


def is_checked(page: str, name: str, value: str) -> bool:
    return re.search(rf'name="{name}" value="{value}"[^>]*\bchecked\b', page) is not None


def post(client: Client, stap: int, data: dict[str, Any], actie: str = "volgende") -> Any:
    return client.post(blok_url(stap), {**data, "actie": actie})


#: Answers per block of a manager who suspected a violation and did not report it.
MANAGER: dict[int, dict[str, Any]] = {
    1: {"leidinggevende": "1"},
    2: {"com_gedragscode": "4", "com_melden": "9"},
    3: {"bek_gedragscode": "5"},
    4: {"cul_vrij_bespreken": "2", "cul_werkoverleg": "1"},
    5: {"mel_vermoeden": "1", "mel_gemeld": "2", "mel_reden": ["1", "3"]},
    6: {"vb_goed_voorbeeld": "4", "lg_ondersteuning": "2", "lg_toegerust": "3"},
    7: {"ris_financieel": "1", "opmerkingen": "  Goed initiatief.  "},
}


def test_start_page_explains_and_fills_the_code_from_the_link(client: Client) -> None:
    response = client.get(START, {"code": "abc-123"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uw persoonlijke code" in html
    assert "anoniem" in html
    assert "gedeelde computer" in html
    assert 'value="abc-123"' in html  # filled in, never submitted by itself
    assert CODE_KEY not in client.session
    assert "no-store" in response["Cache-Control"]


def test_answering_end_to_end_stores_unit_and_role_and_no_token(
    client: Client, golf: Golf, token: str
) -> None:
    begin(client, token)
    page = client.get(blok_url(2)).content.decode()
    assert "Blok 2 van 7" in page
    assert "<progress" in page
    assert "Weet niet" in page  # "weet niet" offered where the scale has it
    for stap in range(1, BLOKKEN + 1):
        response = post(client, stap, MANAGER[stap], "versturen" if stap == BLOKKEN else "volgende")
        assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == KLAAR
    assert "Bedankt" in client.get(KLAAR).content.decode()

    respons = Respons.objects.get(golf=golf)
    assert respons.golf_eenheid == golf.eenheden.get()
    assert respons.rol == Rol.LEIDINGGEVENDE
    assert respons.antwoorden == {
        "leidinggevende": 1,
        "com_gedragscode": 4,
        "com_melden": 9,
        "bek_gedragscode": 5,
        "cul_vrij_bespreken": 2,
        "cul_werkoverleg": 1,
        "mel_vermoeden": 1,
        "mel_gemeld": 2,
        **{f"mel_reden_{i}": int(i in (1, 3)) for i in range(1, 7)},
        "vb_goed_voorbeeld": 4,
        "lg_ondersteuning": 2,
        "lg_toegerust": 3,
        "ris_financieel": 1,
        "opmerkingen": "Goed initiatief.",
    }
    stored = {str(getattr(respons, f.attname)) for f in Respons._meta.concrete_fields}
    assert token not in " ".join(stored)
    assert Uitnodiging.objects.get().gebruikt
    assert not ConceptAntwoord.objects.exists()
    assert CODE_KEY not in client.session  # flushed


def test_the_code_is_refused_the_second_time(client: Client, golf: Golf, token: str) -> None:
    begin(client, token)
    for stap in range(1, BLOKKEN + 1):
        post(client, stap, {}, "versturen" if stap == BLOKKEN else "volgende")
    assert Respons.objects.filter(golf=golf).count() == 1

    again = Client()
    response = again.post(START, {"code": token})
    assert response.status_code == 200
    assert "Deze code is onbekend of al gebruikt." in response.content.decode()
    assert CODE_KEY not in again.session
    unknown = again.post(START, {"code": "verzonnen"})
    assert "Deze code is onbekend of al gebruikt." in unknown.content.decode()
    assert "Vul uw persoonlijke code in." in again.post(START, {"code": ""}).content.decode()


def test_a_closed_wave_says_so(client: Client, golf: Golf, token: str) -> None:
    golf_transition(acting_user=None, golf=golf, naar=GolfStatus.GESLOTEN)
    response = client.post(START, {"code": token})
    assert "gesloten" in response.content.decode()


def test_blocks_need_a_code_in_the_session(client: Client, golf: Golf, token: str) -> None:
    response = client.get(blok_url(1))
    assert response.status_code == 302
    assert response["Location"] == START
    begin(client, token)
    assert client.get(blok_url(BLOKKEN + 1)).status_code == 404
    assert client.get(blok_url(0)).status_code == 404


def test_the_session_key_changes_when_the_code_is_accepted(client: Client, token: str) -> None:
    client.get(START)
    session = client.session
    session["iets"] = "x"
    session.save()
    before = session.session_key
    begin(client, token)
    assert client.session.session_key != before


def test_save_and_continue_keeps_the_answers(client: Client, golf: Golf, token: str) -> None:
    begin(client, token)
    post(client, 1, {"leidinggevende": "2"})
    response = post(client, 2, {"com_gedragscode": "5"}, "opslaan")
    assert response.status_code == 302
    assert response["Location"] == START
    follow = client.get(START).content.decode()
    assert "dezelfde code" in follow
    assert CODE_KEY not in client.session
    assert ConceptAntwoord.objects.get().antwoorden == {"leidinggevende": 2, "com_gedragscode": 5}

    later = Client()
    begin(later, token)
    page = later.get(blok_url(2)).content.decode()
    assert is_checked(page, "com_gedragscode", "5")
    assert is_checked(later.get(blok_url(1)).content.decode(), "leidinggevende", "2")
    for stap in range(3, BLOKKEN + 1):
        post(later, stap, {}, "versturen" if stap == BLOKKEN else "volgende")
    respons = Respons.objects.get(golf=golf)
    assert respons.antwoorden == {"leidinggevende": 2, "com_gedragscode": 5}
    assert respons.rol == Rol.MEDEWERKER


def test_previous_keeps_the_answers_of_the_block(client: Client, token: str) -> None:
    begin(client, token)
    post(client, 1, {"leidinggevende": "1"})
    response = post(client, 2, {"com_melden": "3"}, "vorige")
    assert response["Location"] == blok_url(1)
    assert is_checked(client.get(blok_url(2)).content.decode(), "com_melden", "3")
    assert client.session["medewerkersonderzoek_antwoorden"] == {
        "leidinggevende": 1,
        "com_melden": 3,
    }


def test_a_non_manager_never_sees_the_manager_items(client: Client, golf: Golf, token: str) -> None:
    begin(client, token)
    post(client, 1, {"leidinggevende": "2"})
    page = client.get(blok_url(6)).content.decode()
    assert "vb_goed_voorbeeld" in page
    assert "lg_ondersteuning" not in page
    assert "lg_toegerust" not in page
    # A crafted post with a manager answer is not accepted into the response…
    post(client, 6, {"vb_goed_voorbeeld": "4", "lg_ondersteuning": "1", "lg_toegerust": "5"})
    assert "lg_ondersteuning" not in client.session["medewerkersonderzoek_antwoorden"]
    # …and the service refuses it outright.
    with pytest.raises(ValidationError, match="lg_ondersteuning"):
        respons_submit(token=token, antwoorden={"leidinggevende": 2, "lg_ondersteuning": 1})
    for stap in range(6, BLOKKEN + 1):
        post(client, stap, {}, "versturen" if stap == BLOKKEN else "volgende")
    respons = Respons.objects.get(golf=golf)
    assert not any(key.startswith("lg_") for key in respons.antwoorden)
    assert respons.rol == Rol.MEDEWERKER


def test_a_manager_sees_the_manager_items(client: Client, token: str) -> None:
    begin(client, token)
    post(client, 1, {"leidinggevende": "1"})
    page = client.get(blok_url(6)).content.decode()
    assert "lg_ondersteuning" in page
    assert "lg_toegerust" in page


def test_same_block_conditions_show_a_hint_and_drop_unmet_answers(
    client: Client, token: str
) -> None:
    begin(client, token)
    page = client.get(blok_url(5)).content.decode()
    assert "Alleen beantwoorden als u bij de vraag" in page
    assert "‘Ja’ antwoordde" in page
    # "Nee" to the suspicion: the follow-up answers cannot apply and are dropped.
    post(client, 5, {"mel_vermoeden": "2", "mel_gemeld": "2", "mel_reden": ["1"]})
    antwoorden = client.session["medewerkersonderzoek_antwoorden"]
    assert antwoorden == {"mel_vermoeden": 2}


def test_changing_an_earlier_answer_drops_answers_that_no_longer_apply(
    client: Client, golf: Golf, token: str
) -> None:
    begin(client, token)
    post(client, 1, {"leidinggevende": "1"})
    post(client, 6, {"lg_ondersteuning": "3"})
    post(client, 1, {"leidinggevende": "2"})
    assert "lg_ondersteuning" not in client.session["medewerkersonderzoek_antwoorden"]


def test_invalid_answers_are_named_at_their_question(client: Client, token: str) -> None:
    begin(client, token)
    response = post(client, 2, {"com_gedragscode": "7", "com_melden": "4"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "id_com_gedragscode_error" in html
    assert "Het formulier bevat fouten" in html
    assert "com_melden" not in client.session.get("medewerkersonderzoek_antwoorden", {})


def test_free_text_note_and_progress_on_the_last_block(client: Client, token: str) -> None:
    begin(client, token)
    page = client.get(blok_url(BLOKKEN)).content.decode()
    assert "Blok 7 van 7" in page
    assert "nooit per afdeling of eenheid getoond" in page
    assert "<textarea" in page
    assert "Versturen" in page
    assert 'value="volgende"' not in page


def test_thanks_page_says_nothing_about_answers(client: Client) -> None:
    response = client.get(KLAAR)
    assert response.status_code == 200
    assert "Bedankt" in response.content.decode()
