"""The exchange and administration pages in a real browser: loading a framework from YAML,
the cycles, the export and the import of ratings, and the improvement actions. Every page
(and every error state) is checked with axe (WCAG 2.1 AA) and for Content-Security-Policy
errors. Run with ``pytest -m browser``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from playwright.sync_api import FilePayload, Page, expect

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.conftest import login_verified
from integriteit.normenkader.constants import Soort
from integriteit.normenkader.models import Beoordeling, Cyclus, Normenkader, Oordeel
from integriteit.tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

#: A small framework that the loader refuses: no title, and a colour that is not #rrggbb.
BROKEN_YAML = """\
code: kapot-kader
version: 1
source: "Een test."
applies_to: organisation
scale:
  - {code: voldoet, label: "Voldoet", rank: 1, color: rood}
  - {code: onbekend, label: "Onbekend", rank: 0, color: "#b4b4b4"}
groups:
  - code: preventie
    title: Preventie
    norms:
      - code: "1"
        text: Is er een risicoanalyse?
"""

#: The smallest valid framework, under a code the demo does not use.
VALID_YAML = """\
code: browser-kader
version: 1
title: Browsertest-kader
source: "Een test."
applies_to: organisation
scale:
  - {code: voldoet, label: "Voldoet", rank: 1, color: "#39870c"}
  - {code: onbekend, label: "Onbekend", rank: 0, color: "#b4b4b4"}
groups:
  - code: preventie
    title: Preventie
    norms:
      - code: "1"
        text: Is er een risicoanalyse?
"""


def _log_in(page: Page, live_server: Any, username: str) -> None:
    """Share a verified session (password and TOTP done) with the browser; the log-in
    itself is covered by test_login_flow.py."""
    client = login_verified(Client(), Gebruiker.objects.get(username=username))
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def _upload(page: Page, label: str, name: str, content: str, mime: str) -> None:
    page.get_by_label(label, exact=True).set_input_files(
        files=FilePayload(name=name, mimeType=mime, buffer=content.encode())
    )


def _cyclus(jaar: int) -> Cyclus:
    return Cyclus.objects.get(jaar=jaar, normenkader__code="ark-2024")


def _zelfevaluatie_ocw(cyclus: Cyclus) -> QuerySet[Beoordeling]:
    return Beoordeling.objects.filter(
        cyclus=cyclus, organisatie__code="OCW", soort=Soort.ZELFEVALUATIE
    )


def test_beheerder_loads_a_framework_and_creates_a_cycle(page: Page, live_server: Any) -> None:
    demo_load()
    _log_in(page, live_server, "beheerder")

    page.goto(reverse("normenkader:kader_upload"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Normenkader laden")
    axe_check(page)

    _upload(page, "YAML-bestand", "kapot.yaml", BROKEN_YAML, "application/yaml")
    page.get_by_role("button", name="Controleren en laden").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("er is niets geladen")
    expect(alert).to_contain_text(
        "kapot.yaml, regel 6, veld scale[0].color: ‘rood’ is geen kleur als #rrggbb."
    )
    expect(alert).to_contain_text("veld title: ontbreekt.")
    axe_check(page)
    assert not Normenkader.objects.filter(code="kapot-kader").exists()

    _upload(page, "YAML-bestand", "browser-kader.yaml", VALID_YAML, "application/yaml")
    page.get_by_role("button", name="Controleren en laden").click()
    kader = Normenkader.objects.get(code="browser-kader")
    expect(page).to_have_url(
        re.compile(re.escape(reverse("normenkader:kader_detail", args=[kader.pk])) + "$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Browsertest-kader")
    expect(page.get_by_role("status")).to_contain_text("is geladen")
    axe_check(page)

    page.goto(reverse("normenkader:cyclus_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Beoordelingscycli")
    axe_check(page)

    page.get_by_role("link", name="Nieuwe cyclus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe cyclus")
    axe_check(page)
    c2024 = _cyclus(2024)
    page.get_by_label("Jaar").fill("2025")
    page.get_by_label("Normenkader").select_option(str(c2024.normenkader_id))
    page.get_by_label("Beginnen vanaf de vorige cyclus").select_option(str(c2024.pk))
    page.get_by_role("button", name="Cyclus aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beoordelingscycli")
    expect(page.get_by_role("status").first).to_contain_text("is aangemaakt")
    expect(page.get_by_role("table")).to_contain_text("2025 — Beoordeling 2025")
    axe_check(page)
    created = _cyclus(2025)
    assert created.vorige == c2024


def test_coordinator_exports_and_imports_ratings(page: Page, live_server: Any) -> None:
    demo_load()
    _log_in(page, live_server, "coordinator.ocw")
    c2024 = _cyclus(2024)

    page.goto(reverse("normenkader:export"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Oordelen exporteren")
    axe_check(page)

    page.goto(reverse("normenkader:import"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Oordelen importeren")
    axe_check(page)

    page.get_by_label("Cyclus", exact=True).select_option(str(c2024.pk))
    page.get_by_label("Soort beoordeling", exact=True).select_option(Soort.ZELFEVALUATIE.value)
    bad = "organisation,norm,level\nXYZ,1,stap\nOCW,2,goed\n"
    _upload(page, "Bestand", "oordelen.csv", bad, "text/csv")
    page.get_by_role("button", name="Controleren en importeren").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("er is niets opgeslagen")
    expect(alert).to_contain_text("Regel 2: organisatie ‘XYZ’ bestaat niet.")
    expect(alert).to_contain_text("Regel 3: niveau ‘goed’ bestaat niet")
    axe_check(page)
    assert not _zelfevaluatie_ocw(c2024).exists()

    page.get_by_label("Cyclus", exact=True).select_option(str(c2024.pk))
    page.get_by_label("Soort beoordeling", exact=True).select_option(Soort.ZELFEVALUATIE.value)
    good = "organisation,norm,level\nOCW,1,stap\nOCW,2,voldoet\n"
    _upload(page, "Bestand", "oordelen.csv", good, "text/csv")
    page.get_by_role("button", name="Controleren en importeren").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("normenkader:heatmap")) + r"\?"))
    expect(page.get_by_role("status").first).to_contain_text("Import geslaagd")
    axe_check(page)
    levels = dict(
        Oordeel.objects.filter(beoordeling__in=_zelfevaluatie_ocw(c2024))
        .filter(niveau__isnull=False)
        .values_list("norm__code", "niveau__code")
    )
    assert levels == {"1": "stap", "2": "voldoet"}

    page.goto(reverse("normenkader:actie_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verbeteracties")
    axe_check(page)


def test_rijkscoordinator_downloads_the_2023_auditor_csv(page: Page, live_server: Any) -> None:
    demo_load()
    _log_in(page, live_server, "rijkscoordinator.bzk")
    query = f"?cyclus={_cyclus(2023).pk}&soort={Soort.AUDITOR.value}&format=csv"
    response = page.request.get(reverse("normenkader:export") + query)
    assert response.ok
    assert "attachment" in response.headers["content-disposition"]
    lines = response.text().splitlines()
    assert lines[0] == "organisation,norm,level"
    assert "OCW,9,kleine-stap" in lines
