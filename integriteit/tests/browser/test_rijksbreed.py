"""Issue 8 in a real browser: BZK's coordinator opens the dashboard, a ministry's page and its
talking points, writes the annual report's narrative and publishes it; the published report
is then readable without an account; a coordinator makes and revokes an API token. Every page
state is checked with axe (WCAG 2.1 AA) and for CSP errors. Run with ``pytest -m browser``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from integriteit.accounts.models import Gebruiker
from integriteit.api.models import ApiToken
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.rapportages.models import Jaarverslag
from integriteit.tests.browser.conftest import CSP_ERRORS_ATTR, axe_check, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Pagina = Callable[[Gebruiker | None], Page]


@pytest.fixture
def pagina(browser: Browser, live_server: Any) -> Iterator[Pagina]:  # noqa: F811
    contexten: list[Any] = []

    def maak(gebruiker: Gebruiker | None) -> Page:
        context = browser.new_context(locale="nl-NL", base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexten.append(context)
        nieuw = context.new_page()
        fouten: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if "Content Security Policy" in message.text:
                fouten.append(message.text)

        nieuw.on("console", on_console)
        setattr(nieuw, CSP_ERRORS_ATTR, fouten)
        if gebruiker is not None:
            client = login_verified(Client(), gebruiker)
            naam = settings.SESSION_COOKIE_NAME
            waarde = client.cookies[naam].value
            context.add_cookies([{"name": naam, "value": waarde, "url": live_server.url}])
        return nieuw

    yield maak
    for context in contexten:
        context.close()


def test_bzk_dashboard_talking_points_and_annual_report(
    world: World, make_user: MakeUser, pagina: Pagina
) -> None:
    jaar = timezone.localdate().year
    bzk = pagina(make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    bzk.goto("/rapportages/")
    expect(bzk.get_by_role("heading", level=1)).to_contain_text("Rijksbreed dashboard")
    axe_check(bzk)
    bzk.goto("/rapportages/ministerie/OCW/")
    expect(bzk.get_by_role("heading", level=1)).to_contain_text("Onderwijs")
    axe_check(bzk)
    bzk.goto("/rapportages/ministerie/OCW/gesprekspunten/")
    expect(bzk.get_by_role("heading", level=1)).to_contain_text("Gesprekspunten")
    axe_check(bzk)

    bzk.goto("/rapportages/jaarverslag/")
    axe_check(bzk)
    bzk.locator("input[name=jaar]").fill(str(jaar))
    bzk.get_by_role("button", name="Concept maken").click()
    verslag = Jaarverslag.objects.get(jaar=jaar)
    bzk.goto(f"/rapportages/jaarverslag/{jaar}/bewerken/")
    axe_check(bzk)
    bzk.locator("textarea").first.fill("Tekst van BZK over de structuurmaatregelen.")
    bzk.get_by_role("button", name="Opslaan").first.click()
    verslag.refresh_from_db()
    assert "structuurmaatregelen" in verslag.tekst("structuur")
    bzk.goto(f"/rapportages/jaarverslag/{jaar}/publiceren/")
    axe_check(bzk)
    bzk.get_by_role("button", name="Definitief publiceren").click()
    expect(bzk.locator(".utrecht-form-field-error-message").first).to_contain_text(
        "Bevestig dat publiceren definitief is."
    )
    verslag.refresh_from_db()
    assert not verslag.gepubliceerd  # not without the confirmation
    axe_check(bzk)
    bzk.get_by_label("Ik begrijp dat publiceren definitief is").check()
    bzk.get_by_role("button", name="Definitief publiceren").click()
    expect(bzk.get_by_role("heading", level=1)).to_contain_text(str(jaar))
    verslag.refresh_from_db()
    assert verslag.gepubliceerd

    publiek = pagina(None)
    publiek.goto(f"/rapportages/jaarverslag/{jaar}/")
    expect(publiek.get_by_text("Tekst van BZK over de structuurmaatregelen.")).to_be_visible()
    axe_check(publiek)


def test_coordinator_makes_and_revokes_an_api_token(
    world: World, make_user: MakeUser, pagina: Pagina
) -> None:
    gebruiker = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    p = pagina(gebruiker)
    p.goto("/api/")
    axe_check(p)
    p.goto("/api/tokens/")
    axe_check(p)
    p.locator("input[name=naam]").fill("Rapportage-script")
    p.get_by_role("button", name="Token maken").click()
    token = ApiToken.objects.get(gebruiker=gebruiker)
    axe_check(p)
    p.get_by_role("button", name="Intrekken (Rapportage-script)").click()
    token.refresh_from_db()
    assert token.ingetrokken_op is not None
    axe_check(p)
