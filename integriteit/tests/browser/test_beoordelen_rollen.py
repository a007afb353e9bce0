"""Issue 3, done when: besides the coordinator (test_beoordelen.py), the auditor and BZK's
government coordinator can each do their part in the browser. The auditor records an
independent rating of FIN; the government coordinator rates the coordinating-role norms on
the Rijk row. Every page visited is checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from integriteit.accounts.demo import demo_load
from integriteit.normenkader.constants import Soort
from integriteit.normenkader.models import Beoordeling
from integriteit.tests.browser.conftest import axe_check
from integriteit.tests.browser.test_beoordelen import _cyclus_2024, _log_in

pytestmark = pytest.mark.browser


def _start(page: Page, cyclus_pk: int, organisatie: str, soort: str) -> None:
    start = reverse("normenkader:beoordeling_start")
    page.goto(f"{start}?cyclus={cyclus_pk}&organisatie={organisatie}&soort={soort}")
    axe_check(page)
    page.get_by_role("button", name="Beoordeling beginnen").click()
    expect(page.get_by_text("De beoordeling is aangemaakt als concept.")).to_be_visible()
    axe_check(page)


def _rate(page: Page, norm: str, level_label: str, finding: str) -> None:
    page.get_by_role("link", name=f"Beoordelen norm {norm}", exact=True).click()
    axe_check(page)
    page.get_by_label(level_label, exact=True).check()
    page.get_by_label("Bevinding").fill(finding)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text(f"Het oordeel op norm {norm} is opgeslagen.")).to_be_visible()


def test_auditor_records_an_independent_rating(page: Page, live_server: Any) -> None:
    demo_load()
    cyclus = _cyclus_2024()
    _log_in(page, live_server, "auditor.ar")
    _start(page, cyclus.pk, "FIN", Soort.AUDITOR)
    _rate(page, "8", "Nog een stap te zetten", "De meldregeling is verspreid over drie documenten.")
    beoordeling = Beoordeling.objects.get(
        cyclus=cyclus, soort=Soort.AUDITOR, organisatie__code="FIN"
    )
    oordeel = beoordeling.oordelen.get(norm__code="8")
    assert oordeel.niveau is not None
    assert oordeel.niveau.code == "stap"
    # The auditor reads the rating back from the heatmap of auditor ratings for 2024.
    page.goto(f"{reverse('normenkader:heatmap')}?cyclus={cyclus.pk}&soort={Soort.AUDITOR}")
    expect(
        page.get_by_role("link", name="FIN, norm 8: oordeel openen", exact=False)
    ).to_contain_text("stap")
    axe_check(page)


def test_government_coordinator_rates_the_coordinating_role(page: Page, live_server: Any) -> None:
    demo_load()
    cyclus = _cyclus_2024()
    _log_in(page, live_server, "rijkscoordinator.bzk")
    _start(page, cyclus.pk, "RIJK", Soort.COORDINATOR)
    expect(page.get_by_text("0 van 5 normen beoordeeld")).to_be_visible()
    _rate(page, "BZK-2", "Voldoet", "De visie op de coördinerende rol is in 2024 vastgesteld.")
    beoordeling = Beoordeling.objects.get(cyclus=cyclus, soort=Soort.COORDINATOR)
    assert beoordeling.organisatie.code == "RIJK"
    oordeel = beoordeling.oordelen.get(norm__code="BZK-2")
    assert oordeel.niveau is not None
    assert oordeel.niveau.code == "voldoet"
    heatmap = reverse("normenkader:heatmap")
    page.goto(f"{heatmap}?cyclus={cyclus.pk}&soort={Soort.COORDINATOR}&rol=coordinator")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page)
