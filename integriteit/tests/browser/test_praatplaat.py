"""Talk sheets in a real browser on the demo's synthetic government-wide wave: a manager
goes from the start page to the own unit's sheet and downloads the PDF; a coordinator reads
the list of the own organisation's sheets. Every page is checked with axe (WCAG 2.1 AA) and
for Content-Security-Policy errors. Run with ``pytest -m browser``."""

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


def test_manager_reads_the_own_talk_sheet(page: Page, live_server: Any) -> None:
    demo_load()
    golf = Golf.objects.get(synthetisch=True)
    _log_in(page, live_server, "leidinggevende.ocw")

    page.goto(reverse("home"))
    page.get_by_role("link", name="Praatplaat van mijn onderdeel").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Praatplaat DG Cultuur en Media")
    expect(page.get_by_text("Synthetische gegevens:")).to_be_visible()
    expect(page.get_by_role("heading", name="Sterke punten")).to_be_visible()
    expect(page.get_by_role("heading", name="Aandachtspunten")).to_be_visible()
    expect(page.get_by_role("img", name="Staafdiagram")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Rijksbreed")
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als pdf").click()
    download = download_info.value
    assert download.suggested_filename == f"praatplaat-{golf.pk}-OCW-DGCM.pdf"
    assert download.path().read_bytes().startswith(b"%PDF")

    # Another unit's sheet does not exist for this manager.
    response = page.goto(reverse("medewerkersonderzoek:praatplaat", args=[golf.pk, "OCW"]))
    assert response is not None and response.status == 404


def test_coordinator_lists_the_organisations_sheets(page: Page, live_server: Any) -> None:
    demo_load()
    golf = Golf.objects.get(synthetisch=True)
    _log_in(page, live_server, "coordinator.ocw")

    page.goto(reverse("medewerkersonderzoek:golf_detail", args=[golf.pk]))
    page.get_by_role("link", name="Praatplaten", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Praatplaten")
    table = page.get_by_role("table")
    expect(table).to_contain_text("DG Cultuur en Media")
    axe_check(page)
    table.get_by_role("link", name="DG Cultuur en Media", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Praatplaat DG Cultuur en Media")
    axe_check(page)
