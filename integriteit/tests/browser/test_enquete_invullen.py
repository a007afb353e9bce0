"""Answering the employee survey in a real browser with a personal code: every kind of page
checked with axe (WCAG 2.1 AA) and for CSP errors, the reused code refused, and the response
counted in the wave. Run with ``pytest -m browser``."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from integriteit.conftest import World
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
from integriteit.medewerkersonderzoek.services import (
    golf_create,
    golf_transition,
    uitnodigingen_create,
    vragenlijst_load,
)
from integriteit.tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

REFUSED = "Deze code is onbekend of al gebruikt."


def _open_wave(world: World) -> tuple[Golf, str]:
    path = SHIPPED_DIR / "ark-2023.yaml"
    vragenlijst = vragenlijst_load(acting_user=None, data=path.read_bytes(), filename=path.name)
    golf = golf_create(
        acting_user=None,
        vragenlijst=vragenlijst,
        organisatie=world.ocw,
        titel="Medewerkersonderzoek OCW",
        start=date(2025, 10, 1),
        eind=date(2025, 10, 31),
    )
    golf = golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    eenheid = golf.eenheden.get()
    [nieuw] = uitnodigingen_create(acting_user=None, golf=golf, per_eenheid={eenheid.pk: 1})
    return golf, nieuw.token


def _enter_code(page: Page, code: str) -> None:
    page.get_by_label("Uw persoonlijke code").fill(code)
    page.get_by_role("button", name="Beginnen").click()


def _answer_block(page: Page) -> None:
    """The first option of every question (radio buttons and checkboxes)."""
    for fieldset in page.locator("fieldset").all():
        fieldset.locator("input").first.check()


def test_answer_the_survey_with_a_code(page: Page, live_server: Any, world: World) -> None:
    golf, token = _open_wave(world)
    page.goto(reverse("medewerkersonderzoek:invullen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Medewerkersonderzoek integriteit")
    axe_check(page)

    _enter_code(page, "geen-geldige-code")
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_text(REFUSED)).to_be_visible()
    axe_check(page)

    _enter_code(page, token)
    expect(page.locator("#voortgang-tekst")).to_have_text("Blok 1 van 7")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "1")
    axe_check(page)
    stap = 1
    while True:
        _answer_block(page)
        versturen = page.get_by_role("button", name="Versturen")
        if versturen.count():
            versturen.click()
            break
        page.get_by_role("button", name="Volgende").click()
        stap += 1
        expect(page.locator("#voortgang-tekst")).to_have_text(f"Blok {stap} van 7")
    assert stap == 7
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor het invullen")
    axe_check(page)

    page.goto(reverse("medewerkersonderzoek:invullen") + f"?code={token}")
    expect(page.get_by_label("Uw persoonlijke code")).to_have_value(token)
    page.get_by_role("button", name="Beginnen").click()
    expect(page.get_by_text(REFUSED)).to_be_visible()
    axe_check(page)

    assert Respons.objects.filter(golf=golf).count() == 1
