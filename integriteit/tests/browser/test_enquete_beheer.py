"""Running a survey in a real browser: a coordinator creates a wave through the form, opens
it, downloads invitations and sees the response per unit. Every page (and the error state of
the form) is checked with axe (WCAG 2.1 AA) and for Content-Security-Policy errors. Run with
``pytest -m browser``."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.conftest import login_verified
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.services import uitnodiging_redeem
from integriteit.organisaties.models import Organisatie
from integriteit.tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser


def _log_in(page: Page, live_server: Any, username: str) -> None:
    """Share a verified session (password and TOTP done) with the browser; the log-in
    itself is covered by test_login_flow.py."""
    client = login_verified(Client(), Gebruiker.objects.get(username=username))
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def _fill_wave(page: Page, *, min_group_size: str) -> None:
    ocw = Organisatie.objects.get(code="OCW")
    # demo_load already stored ark-2023 (its synthetic wave uses it); otherwise the form
    # offers to load the shipped file. Either way the option's label names ark-2023.
    select = page.get_by_label("Vragenlijst")
    label = next(text for text in select.locator("option").all_inner_texts() if "ark-2023" in text)
    select.select_option(label=label)
    page.get_by_label("Organisatie").select_option(label=f"{ocw.naam} (OCW)")
    page.get_by_label("Titel").fill("Medewerkersonderzoek 2026")
    page.get_by_label("Startdatum").fill("2026-03-01")
    page.get_by_label("Einddatum").fill("2026-03-31")
    page.get_by_label("Minimale groepsgrootte").fill(min_group_size)
    page.get_by_role("button", name="Golf aanmaken").click()


def test_coordinator_runs_a_wave(page: Page, live_server: Any) -> None:
    demo_load()
    _log_in(page, live_server, "coordinator.ocw")

    page.goto(reverse("medewerkersonderzoek:golf_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Medewerkersonderzoek")
    axe_check(page)
    page.get_by_role("link", name="Nieuwe golf").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe golf")
    axe_check(page)

    _fill_wave(page, min_group_size="3")  # below the floor: refused, named on the field
    expect(page.get_by_text("Minder dan 5 mag nooit")).to_be_visible()
    axe_check(page)
    assert not Golf.objects.filter(titel="Medewerkersonderzoek 2026").exists()

    _fill_wave(page, min_group_size="10")
    expect(page.get_by_role("heading", level=1)).to_have_text("Medewerkersonderzoek 2026")
    expect(page.get_by_role("status").first).to_contain_text("is aangemaakt met")
    golf = Golf.objects.get(titel="Medewerkersonderzoek 2026")
    axe_check(page)

    page.get_by_role("button", name="Golf openen").click()
    expect(page.get_by_text("De golf is nu open.")).to_be_visible()
    golf.refresh_from_db()
    assert golf.status == GolfStatus.OPEN
    axe_check(page)

    page.get_by_role("link", name="Uitnodigingen", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="De links worden maar één keer getoond"))
    axe_check(page)
    page.get_by_label("Een vast aantal per eenheid (hieronder)").check()
    page.get_by_role("spinbutton", name="Vast aantal per eenheid").fill("2")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Uitnodigingen maken en downloaden").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"uitnodigingen-{golf.pk}-")
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    units = golf.eenheden.count()
    assert len(rows) == 2 * units
    assert rows[0]["link"].startswith(live_server.url)
    assert uitnodiging_redeem(token=rows[0]["code"]).golf_id == golf.pk

    page.goto(reverse("medewerkersonderzoek:golf_detail", kwargs={"pk": golf.pk}))
    table = page.get_by_role("table")
    expect(table).to_contain_text("Uitgenodigd")
    # Nobody has answered yet: every unit is below the minimum, so no count is shown.
    expect(table.get_by_text("te weinig reacties om te tonen (minder dan 10)")).to_have_count(
        units + 1
    )
    axe_check(page)

    page.goto(reverse("medewerkersonderzoek:vragenlijst_list"))
    expect(page.get_by_role("cell", name="ark-2023")).to_be_visible()
    axe_check(page)
