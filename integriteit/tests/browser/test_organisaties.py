"""The organisation pages in a real browser, each checked with axe (WCAG 2.1 AA) and for
Content-Security-Policy errors. Run with ``pytest -m browser``."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import FilePayload, Page, expect

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.conftest import login_verified
from integriteit.organisaties.csv_io import HEADER
from integriteit.tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser


def _log_in(page: Page, live_server: Any, username: str) -> None:
    """Share a verified session (password and TOTP done) with the browser."""
    client = login_verified(Client(), Gebruiker.objects.get(username=username))
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


@pytest.mark.parametrize(
    "url",
    [
        reverse("organisaties:tree"),
        reverse("organisaties:tree") + "?peildatum=2024-01-01",
        reverse("organisaties:tree") + "?peildatum=gisteren",
        reverse("organisaties:detail", args=["OCW"]),
        reverse("organisaties:edit", args=["OCW"]),
        reverse("organisaties:create", args=["OCW"]),
        reverse("organisaties:import"),
    ],
)
def test_page_is_accessible(page: Page, live_server: Any, url: str) -> None:
    demo_load()
    _log_in(page, live_server, "beheerder")
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page)


def test_form_and_import_errors_are_accessible(page: Page, live_server: Any) -> None:
    demo_load()
    _log_in(page, live_server, "beheerder")
    page.goto(reverse("organisaties:create", args=["OCW"]))
    page.get_by_role("button", name="Onderdeel aanmaken").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    axe_check(page)

    page.goto(reverse("organisaties:import"))
    csv = ",".join(HEADER) + "\nOCW-A,A,FOO,onderdeel,,,,\nOCW-B,B,OCW,onderdeel,veel,,,\n"
    page.get_by_label("CSV-bestand").set_input_files(
        files=FilePayload(name="org.csv", mimeType="text/csv", buffer=csv.encode())
    )
    page.get_by_role("button", name="Controleren en importeren").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Regel 2: bovenliggende organisatie ‘FOO’ bestaat niet")
    expect(alert).to_contain_text("Regel 3: fte ‘veel’ is geen getal")
    axe_check(page)
