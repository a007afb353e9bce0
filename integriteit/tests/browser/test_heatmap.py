"""The norm framework's overview pages in a real browser, as the coordinating minister's staff
and as a ministry's integrity coordinator, each page checked with axe (WCAG 2.1 AA) and for
Content-Security-Policy errors. Run with ``pytest -m browser``."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.conftest import login_verified
from integriteit.normenkader.models import Normenkader
from integriteit.tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser


def _log_in(page: Page, live_server: Any, username: str) -> None:
    """Share a verified session (password and TOTP done) with the browser."""
    client = login_verified(Client(), Gebruiker.objects.get(username=username))
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def _check(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    axe_check(page)


@pytest.mark.parametrize("username", ["rijkscoordinator.bzk", "coordinator.ocw"])
def test_overview_pages_are_accessible(page: Page, live_server: Any, username: str) -> None:
    demo_load()
    _log_in(page, live_server, username)

    page.goto(reverse("normenkader:heatmap"))
    _check(page, "Beoordelingen: overzicht per norm")
    footer = page.locator("tfoot tr").first.locator("td").nth(8)
    expect(footer).to_have_text("6 van 12 voldoen")

    # a cell of OCW (in scope for both users) opens the rating
    page.get_by_role("link", name="OCW, norm 9: oordeel openen").click()
    _check(page, "Norm 9 bij Ministerie van Onderwijs, Cultuur en Wetenschap")
    expect(page.get_by_text("Bij de helft van de ministeries is dat in orde.")).to_be_visible()

    page.get_by_role("link", name="Ministerie van Onderwijs, Cultuur en Wetenschap").click()
    _check(page, "Beoordelingen van Ministerie van Onderwijs, Cultuur en Wetenschap")

    page.get_by_role("link", name="9. Is er een actueel, operationeel").click()
    _check(page, "Norm 9")
    expect(page.get_by_role("heading", name="Wie doet het goed")).to_be_visible()

    page.goto(reverse("normenkader:heatmap") + "?rol=coordinator")
    _check(page, "Beoordelingen: overzicht per norm")

    page.goto(reverse("normenkader:heatmap"))
    page.get_by_role("link", name="Cycli vergelijken").click()
    _check(page, "Cycli vergelijken")
    page.get_by_label("Latere cyclus (niet verplicht)", exact=True).select_option(
        label="Zelfevaluatie 2024 (2024)"
    )
    page.get_by_role("button", name="Vergelijk").click()
    _check(page, "Cycli vergelijken")
    expect(page.get_by_role("heading", name="Van 2023 naar 2024")).to_be_visible()

    page.goto(reverse("normenkader:kader_list"))
    _check(page, "Normenkaders")
    page.get_by_role(
        "link", name="Normenkader integriteitsbeleid (Algemene Rekenkamer, 2024)"
    ).click()
    _check(page, "Normenkader integriteitsbeleid")


def test_other_ministries_show_levels_without_links(page: Page, live_server: Any) -> None:
    demo_load()
    _log_in(page, live_server, "coordinator.ocw")
    page.goto(reverse("normenkader:heatmap"))
    fin_row = page.locator("tbody tr", has_text="Ministerie van Financiën")
    expect(fin_row.locator("a")).to_have_count(0)
    expect(fin_row.locator(".igt-heat__kort").nth(8)).to_have_text("voldoet")
    ocw_row = page.locator("tbody tr", has_text="Ministerie van Onderwijs")
    expect(ocw_row.locator("a.igt-heat__link")).to_have_count(15)
    kader = Normenkader.objects.get(code="ark-2024")
    page.goto(reverse("normenkader:norm", args=[kader.pk, "BZK-2"]))
    _check(page, "Norm BZK-2")
