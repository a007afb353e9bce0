"""The main path of assessing, in a real browser: OCW's coordinator opens the heatmap,
starts the 2024 self-assessment, rates norm 9 with a finding and an improvement action,
submits, and sees the new level in the heatmap. Every page visited is checked with axe
(WCAG 2.1 AA) and for Content-Security-Policy errors. Run with ``pytest -m browser``."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.conftest import login_verified
from integriteit.normenkader import services
from integriteit.normenkader.constants import ONBEKEND, Soort, Status
from integriteit.normenkader.models import Beoordeling, Cyclus, Niveau
from integriteit.organisaties.models import Organisatie
from integriteit.tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator.ocw"


def _log_in(page: Page, live_server: Any, username: str) -> None:
    """Share a verified session (password and TOTP done) with the browser; the log-in
    itself is covered by test_login_flow.py."""
    client = login_verified(Client(), Gebruiker.objects.get(username=username))
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def _cyclus_2024() -> Cyclus:
    """The open 2024 cycle that demo_load creates from 2023 (created here if it does not)."""
    c2023 = Cyclus.objects.get(jaar=2023)
    found = Cyclus.objects.filter(jaar=2024, normenkader=c2023.normenkader).first()
    return found or services.cyclus_create(
        acting_user=None, jaar=2024, normenkader=c2023.normenkader, vorige=c2023
    )


def _rate_the_rest_unknown(beoordeling: Beoordeling) -> None:
    """Norm 9 goes through the pages; the other fourteen through the service, because
    fourteen more identical round trips would test nothing the first one does not and
    would only make this test slow."""
    onbekend = Niveau.objects.get(normenkader=beoordeling.cyclus.normenkader, code=ONBEKEND)
    for oordeel in beoordeling.oordelen.filter(niveau__isnull=True):
        services.oordeel_update(acting_user=None, oordeel=oordeel, niveau=onbekend, bevinding="")


def _start_self_assessment(page: Page, cyclus: Cyclus) -> None:
    """Start OCW's self-assessment from the form, preselected through the query string."""
    start = reverse("normenkader:beoordeling_start")
    page.goto(f"{start}?cyclus={cyclus.pk}&organisatie=OCW&soort={Soort.ZELFEVALUATIE}")
    expect(page.get_by_label("Organisatie")).to_have_value("OCW")
    axe_check(page)
    page.get_by_role("button", name="Beoordeling beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zelfevaluatie")
    expect(page.get_by_text("0 van 15 normen beoordeeld")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Vorige (2023, auditor)").first).to_be_visible()
    axe_check(page)


def _rate_norm_9_with_an_action(page: Page) -> None:
    """From the assessment page: norm 9 gets an improvement action, then 'voldoet'."""
    beoordeling_url = page.url
    page.get_by_role("link", name="Beoordelen norm 9", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Norm 9")
    axe_check(page)
    page.get_by_label("Wat moet er gebeuren?").fill("Onderzoeksprotocol jaarlijks actualiseren")
    page.get_by_label("Eigenaar").fill("Integriteitscoördinator")
    deadline = timezone.localdate() + timedelta(days=180)
    page.get_by_label("Deadline").fill(deadline.isoformat())
    page.get_by_role("button", name="Verbeteractie toevoegen").click()
    expect(page.get_by_text("De verbeteractie is vastgelegd.")).to_be_visible()
    action = page.get_by_role("rowheader", name="Onderzoeksprotocol jaarlijks actualiseren")
    expect(action).to_be_visible()
    axe_check(page)

    page.get_by_label("Voldoet", exact=True).check()
    page.get_by_label("Bevinding").fill("Het onderzoeksprotocol is in 2024 vastgesteld.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page).to_have_url(beoordeling_url)
    expect(page.get_by_text("Het oordeel op norm 9 is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("1 van 15 normen beoordeeld")).to_be_visible()


def test_coordinator_rates_norm_9_submits_and_sees_it_in_the_heatmap(
    page: Page, live_server: Any
) -> None:
    demo_load()
    cyclus = _cyclus_2024()
    _log_in(page, live_server, COORDINATOR)
    heatmap = f"{reverse('normenkader:heatmap')}?cyclus={cyclus.pk}&soort={Soort.ZELFEVALUATIE}"
    page.goto(heatmap)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page)

    _start_self_assessment(page, cyclus)
    _rate_norm_9_with_an_action(page)
    beoordeling = Beoordeling.objects.get(
        cyclus=cyclus, organisatie=Organisatie.objects.get(code="OCW"), soort=Soort.ZELFEVALUATIE
    )
    assert beoordeling.oordelen.get(norm__code="9").verbeteracties.count() == 1
    _rate_the_rest_unknown(beoordeling)
    page.reload()
    expect(page.get_by_text("15 van 15 normen beoordeeld")).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("De beoordeling is ingediend.")).to_be_visible()
    axe_check(page)
    beoordeling.refresh_from_db()
    assert beoordeling.status == Status.INGEDIEND

    # Back on the heatmap, OCW's cell for norm 9 now reads "Voldoet".
    page.goto(heatmap)
    cell = page.get_by_role("link", name=re.compile(r"OCW, norm 9: oordeel openen"))
    expect(cell).to_contain_text("Voldoet")
    axe_check(page)


def _final_with_action_and_evidence() -> Beoordeling:
    coordinator = Gebruiker.objects.get(username=COORDINATOR)
    beoordeling = services.beoordeling_start(
        acting_user=coordinator,
        cyclus=_cyclus_2024(),
        organisatie=Organisatie.objects.get(code="OCW"),
        soort=Soort.ZELFEVALUATIE,
    )
    negen = beoordeling.oordelen.get(norm__code="9")
    services.bewijs_add(
        acting_user=coordinator,
        oordeel=negen,
        omschrijving="Onderzoeksprotocol",
        peildatum=timezone.localdate(),
        url="https://intranet.example/protocol",
    )
    _rate_the_rest_unknown(beoordeling)
    for naar in (Status.INGEDIEND, Status.DEFINITIEF):
        beoordeling = services.beoordeling_transition(
            acting_user=coordinator, beoordeling=beoordeling, naar=naar
        )
    services.verbeteractie_create(
        acting_user=coordinator,
        oordeel=negen,
        omschrijving="Protocol oefenen",
        eigenaar="Coördinator",
        deadline=timezone.localdate() - timedelta(days=1),
    )
    return beoordeling


def test_the_other_assessing_pages_and_their_errors_are_accessible(
    page: Page, live_server: Any
) -> None:
    demo_load()
    final = _final_with_action_and_evidence()
    negen = final.oordelen.get(norm__code="9")
    actie = negen.verbeteracties.get()
    _log_in(page, live_server, COORDINATOR)

    page.goto(reverse("normenkader:beoordeling", kwargs={"pk": final.pk}))
    page.get_by_role("button", name="Corrigeren").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef de reden van de correctie.")
    axe_check(page)

    page.goto(reverse("normenkader:oordeel_edit", kwargs={"pk": negen.pk}))
    expect(page.get_by_role("link", name="https://intranet.example/protocol")).to_be_visible()
    page.get_by_role("button", name="Verbeteractie toevoegen").click()
    expect(page.locator(".utrecht-form-field--invalid").first).to_be_visible()
    axe_check(page)

    page.goto(reverse("normenkader:actie_list"))
    expect(page.get_by_text("1 open actie, waarvan 1 te laat.")).to_be_visible()
    axe_check(page)

    page.goto(reverse("normenkader:actie_edit", kwargs={"pk": actie.pk}))
    page.get_by_label("Status", exact=True).select_option("afgerond")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Beschrijf waaruit blijkt dat de actie is uitgevoerd.")).to_be_visible()
    axe_check(page)

    page.goto(reverse("normenkader:beoordeling_start"))
    page.get_by_role("button", name="Beoordeling beginnen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)
