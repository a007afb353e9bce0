"""The results pages of the synthetic government-wide demo wave in a real browser: items per
block with the report's figures, scales and correlations, and the unit heatmap, for the
rijkscoordinator and a ministry's coordinator. Every page is checked with axe (WCAG 2.1 AA)
and for Content-Security-Policy errors. Run with ``pytest -m browser``."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.conftest import login_verified
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser


def _log_in(page: Page, live_server: Any, username: str) -> None:
    """Share a verified session (password and TOTP done) with the browser; the log-in
    itself is covered by test_login_flow.py."""
    client = login_verified(Client(), Gebruiker.objects.get(username=username))
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def test_rijkscoordinator_reads_the_demo_results(page: Page, live_server: Any) -> None:
    demo_load()
    golf = Golf.objects.get(synthetisch=True)
    _log_in(page, live_server, "rijkscoordinator.bzk")

    page.goto(reverse("medewerkersonderzoek:golf_detail", kwargs={"pk": golf.pk}))
    page.get_by_role("link", name="Resultaten per vraag").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultaten")
    expect(page.get_by_text("synthetische gegevens").first).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Figuren uit het rapport")).to_be_visible()
    expect(page.get_by_role("cell", name="rapport 76 %")).to_be_visible()
    expect(page.get_by_role("img").first).to_be_visible()
    axe_check(page)

    # a ministry is the lowest level the rijkscoordinator may pick
    labels = page.get_by_label("Eenheid").locator("option").all_inner_texts()
    assert any("Financiën" in label for label in labels)
    assert all(label.count("– ") <= 1 for label in labels)
    page.get_by_label("Eenheid").select_option(label="– Ministerie van Financiën")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_text("Resultaten van Ministerie van Financiën")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Idem, rijksbreed").first).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Schalen en samenhang").click()
    expect(page.get_by_role("heading", level=2, name="Samenhang tussen de schalen")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Eenheden vergelijken").click()
    expect(page.get_by_role("table").first).to_contain_text("Cultuur")
    page.get_by_role("link", name="Vergelijken met rijksbreed").click()
    expect(page.get_by_text("Verschillen ten opzichte van de rijksbrede waarde.")).to_be_visible()
    axe_check(page)


def test_ocw_coordinator_heatmap_marks_suppressed_units(page: Page, live_server: Any) -> None:
    demo_load()
    golf = Golf.objects.get(synthetisch=True)
    _log_in(page, live_server, "coordinator.ocw")
    page.goto(reverse("medewerkersonderzoek:resultaten_eenheden", kwargs={"pk": golf.pk}))
    expect(page.get_by_text("Resultaten van Ministerie van Onderwijs")).to_be_visible()
    heat = page.get_by_role("table").first
    expect(heat).to_contain_text("Cultuur")
    axe_check(page)
    # another ministry is not there to pick, and asking for it is a 404
    labels = page.get_by_label("Eenheid").locator("option").all_inner_texts()
    assert not any("Financiën" in label for label in labels)
    response = page.goto(
        reverse("medewerkersonderzoek:resultaten", kwargs={"pk": golf.pk}) + "?eenheid=FIN"
    )
    assert response is not None and response.status == 404
