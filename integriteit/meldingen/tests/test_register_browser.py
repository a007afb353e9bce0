"""The registry in a real browser: the list, a report's page with its content (read with the
coordinator's key), acknowledging it through the form, and the registration form with its
errors. Every page is checked with axe (WCAG 2.1 AA) and for CSP errors. Run with
``pytest -m browser``."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.kluis.sessie import COOKIE
from integriteit.meldingen import services
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.tests.helpers import login_met_sleutel
from integriteit.tests.browser.conftest import axe_check, browser, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_works_the_registry(
    page: Page,  # noqa: F811
    live_server: Any,
    world: World,
    make_user: MakeUser,
) -> None:
    coordinator = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, first_name="Cora")
    kluis.gebruikersleutel_openen(gebruiker=coordinator, wachtwoord=TEST_PASSWORD)
    melding = services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat="Een collega beoordeelt een aanvraag van familie."),
        )
    ).melding
    client = login_met_sleutel(Client(), coordinator)
    page.context.add_cookies(
        [
            {"name": name, "value": client.cookies[name].value, "url": live_server.url}
            for name in ("sessionid", COOKIE)
        ]
    )

    page.goto(reverse("meldingen:register"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingenregister")
    axe_check(page)
    page.get_by_role("link", name=melding.nummer).click()
    expect(page.get_by_text("Een collega beoordeelt een aanvraag van familie.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Bevestiging vastleggen").click()
    expect(page.get_by_text("De ontvangstbevestiging is vastgelegd.")).to_be_visible()
    axe_check(page)

    page.goto(reverse("meldingen:register_nieuw"))
    page.get_by_role("button", name="Melding registreren").click()
    expect(page.get_by_text("Het formulier bevat fouten")).to_be_visible()
    axe_check(page)
