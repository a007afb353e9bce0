"""Issue 7 in a real browser: an adviser logs contacts (one refused by the name warning until
confirmed), writes the annual report and issues it; the competent authority finds the
recommendation open and responds; the coordinator sees only shielded counts; anyone sees the
public page. Every page is checked with axe (WCAG 2.1 AA) and for CSP errors. Run with
``pytest -m browser``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from integriteit.accounts.models import Gebruiker
from integriteit.kluis import sessie
from integriteit.tests.browser.conftest import CSP_ERRORS_ATTR, axe_check, browser  # noqa: F401
from integriteit.vertrouwenspersonen.models import Aanbeveling, Contact
from integriteit.vertrouwenspersonen.tests.conftest import Vp, login_met_sleutel, vp  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Pagina = Callable[[Gebruiker | None], Page]


@pytest.fixture
def pagina(browser: Browser, live_server: Any) -> Iterator[Pagina]:  # noqa: F811
    contexten: list[Any] = []

    def maak(gebruiker: Gebruiker | None) -> Page:
        context = browser.new_context(locale="nl-NL", base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexten.append(context)
        nieuw = context.new_page()
        fouten: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if "Content Security Policy" in message.text:
                fouten.append(message.text)

        nieuw.on("console", on_console)
        setattr(nieuw, CSP_ERRORS_ATTR, fouten)
        if gebruiker is not None:
            client = login_met_sleutel(Client(), gebruiker)
            context.add_cookies(
                [
                    {"name": naam, "value": client.cookies[naam].value, "url": live_server.url}
                    for naam in (settings.SESSION_COOKIE_NAME, sessie.COOKIE)
                ]
            )
        return nieuw

    yield maak
    for context in contexten:
        context.close()


def _contact(p: Page, categorie: str, notitie: str = "") -> None:
    p.goto("/vertrouwenspersonen/logboek/contact/")
    p.get_by_label("Duur in minuten").fill("45")
    p.get_by_label("Categorie").select_option(label=categorie)
    p.get_by_label("Advies gegeven").check()
    p.get_by_label("Eigen notitie").fill(notitie)
    p.get_by_role("button", name="Vastleggen").click()


def test_adviseur_tot_reactie_van_het_bevoegd_gezag(vp: Vp, pagina: Pagina) -> None:  # noqa: F811
    p = pagina(vp.adviseur)
    p.goto("/vertrouwenspersonen/logboek/")
    axe_check(p)
    _contact(p, "Pesten")
    expect(p.locator(".igt-messages")).to_contain_text("Het contact is vastgelegd.")
    _contact(p, "Discriminatie", "Gesprek met mevrouw Jansen over haar team.")
    expect(p.get_by_text("mevrouw Jansen", exact=False).first).to_be_visible()
    axe_check(p)
    assert Contact.objects.count() == 1
    p.get_by_label("Ik heb gecontroleerd: de tekst noemt niemand").check()
    p.get_by_role("button", name="Vastleggen").click()
    expect(p.locator(".igt-messages")).to_contain_text("Het contact is vastgelegd.")
    assert Contact.objects.count() == 2

    jaar = timezone.localdate().year
    p.get_by_role("link", name=f"Jaarverslag {jaar}").click()
    axe_check(p)
    expect(p.locator('[data-categorie="pesten"] [data-kolom="dit"]')).to_have_text("<5")
    p.get_by_role("textbox", name="Waarnemingen").fill(
        "Vragen over omgangsvormen in teams onder druk."
    )
    p.get_by_role("button", name="Waarnemingen opslaan").click()
    p.get_by_role("textbox", name="Aanbeveling aan het bevoegd gezag").fill(
        "Bespreek omgangsvormen vast in het managementoverleg."
    )
    p.get_by_role("button", name="Aanbeveling toevoegen").click()
    p.get_by_role("button", name=f"Jaarverslag {jaar} uitbrengen").click()
    expect(p.locator(".igt-messages")).to_contain_text("uitgebracht")
    axe_check(p)

    gezag = pagina(vp.gezag)
    gezag.goto("/vertrouwenspersonen/aanbevelingen/")
    expect(gezag.locator('[data-status="open"]')).to_have_count(1)
    axe_check(gezag)
    gezag.get_by_role("link", name="Bespreek omgangsvormen").click()
    gezag.get_by_role("textbox", name="Inhoudelijke reactie").fill("Gezien")
    gezag.get_by_role("button", name="Reactie vastleggen").click()
    expect(gezag.locator(".utrecht-form-field-error-message")).to_contain_text(
        "geen inhoudelijke reactie"
    )
    axe_check(gezag)
    gezag.get_by_role("textbox", name="Inhoudelijke reactie").fill(
        "Vanaf het volgende kwartaal is omgangsvormen een vast agendapunt van het MT."
    )
    gezag.get_by_role("button", name="Reactie vastleggen").click()
    expect(gezag.locator(".igt-messages")).to_contain_text("Vastgelegd.")
    assert Aanbeveling.objects.get().status == "gereageerd"

    coordinator = pagina(vp.coordinator)
    coordinator.goto("/vertrouwenspersonen/beheer/")
    axe_check(coordinator)
    expect(coordinator.get_by_text("mevrouw Jansen")).to_have_count(0)

    publiek = pagina(None)
    publiek.goto("/vertrouwenspersonen/OCW/")
    expect(publiek.get_by_role("heading", name="Vera Een")).to_be_visible()
    axe_check(publiek)
