"""The public report path in a real browser: report anonymously with an attachment, note the
receipt code (shown once), open the mailbox with it, read the handler's message and reply
with a file. Every page checked with axe (WCAG 2.1 AA) and for CSP errors; no audit event.
Run with ``pytest -m browser``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import FilePayload, Page, expect

from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.meldingen import services
from integriteit.meldingen.constants import Zichtbaarheid
from integriteit.meldingen.models import Bericht, Melding
from integriteit.tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser


def test_report_anonymously_and_use_the_mailbox(
    page: Page, live_server: Any, world: World, make_user: MakeUser
) -> None:
    coordinator = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    private = kluis.gebruikersleutel_openen(gebruiker=coordinator, wachtwoord=TEST_PASSWORD)

    page.goto(reverse("melden:index"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Melden")
    axe_check(page)
    page.get_by_role("link", name=world.ocw.naam).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Melden bij")
    axe_check(page)

    # First without a description: a Dutch error, nothing saved.
    page.get_by_label("Belangenverstrengeling").check()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_text("Beschrijf wat er is gebeurd.")).to_be_visible()
    assert not Melding.objects.exists()
    axe_check(page)

    page.get_by_label("Wat is er gebeurd?").fill("Opdrachten gaan steeds naar dezelfde zwager.")
    page.get_by_label("Waar was dat?").fill("Inkoop")
    page.get_by_label("Bijlagen").set_input_files(
        files=[FilePayload(name="overzicht.txt", mimeType="text/plain", buffer=b"drie facturen")]
    )
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw melding is ontvangen")
    code_text = page.locator(".igt-melden-code__waarde").inner_text()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code_text.strip())
    assert "ontvangen" in page.url and re.sub(r"\D", "", code_text) not in page.url
    axe_check(page)
    page.reload()
    expect(page.get_by_text("Uw ontvangstcode is al getoond.")).to_be_visible()
    expect(page.locator(".igt-melden-code__waarde")).to_have_count(0)

    melding = Melding.objects.get()
    sleutel = services.kluis_van_behandelaar(
        melding=melding, gebruiker=coordinator, private=private
    )
    services.bericht_plaatsen(
        melding=melding,
        auteur=coordinator,
        kluis_private=sleutel,
        tekst="Dank voor uw melding. Om welke opdrachten gaat het?",
        zichtbaarheid=Zichtbaarheid.MELDER,
    )
    events = AuditEvent.objects.count()

    page.get_by_role("link", name="uw postbus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw postbus")
    axe_check(page)
    page.get_by_label("Uw ontvangstcode").fill("1234 5678 9012 3456")
    page.get_by_role("button", name="Postbus openen").click()
    expect(page.get_by_text("Deze ontvangstcode klopt niet.")).to_be_visible()
    axe_check(page)
    page.get_by_label("Uw ontvangstcode").fill(code_text)
    page.get_by_role("button", name="Postbus openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Uw melding {melding.nummer}")
    expect(page.get_by_text("Om welke opdrachten gaat het?")).to_be_visible()
    page.get_by_text("Wat u meldde").click()
    expect(page.get_by_text("Opdrachten gaan steeds naar dezelfde zwager.")).to_be_visible()
    axe_check(page)

    page.get_by_label("Uw bericht").fill("Het gaat om de drie facturen in de bijlage.")
    page.get_by_label("Bijlagen").set_input_files(
        files=[FilePayload(name="facturen.pdf", mimeType="application/pdf", buffer=b"%PDF-1.4")]
    )
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    expect(page.get_by_text("Het gaat om de drie facturen in de bijlage.")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="facturen.pdf").click()
    download = info.value
    assert download.suggested_filename == "facturen.pdf"
    with open(download.path(), "rb") as bestand:
        assert bestand.read() == b"%PDF-1.4"
    axe_check(page)
    assert Bericht.objects.filter(melding=melding, van_melder=True).count() == 1

    page.get_by_role("button", name="Sluit de postbus").click()
    expect(page.get_by_text("Uw postbus is gesloten.")).to_be_visible()
    expect(page.get_by_label("Uw ontvangstcode")).to_be_visible()
    assert AuditEvent.objects.count() == events, "the reporter's paths write no audit event"
