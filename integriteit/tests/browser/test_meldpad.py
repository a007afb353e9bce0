"""The whole reporting path of issue 5 in a real browser, with two people at once: an
anonymous reporter (one browser context) and OCW's integrity coordinator (another), who logs
in through the real log-in form with password and TOTP code.

Report on OCW's page → receipt code shown once → the coordinator opens the registry and the
report, records the acknowledgement and the triage, posts a message shared with the reporter
→ the reporter opens the mailbox with the code, sees status and message, replies → the
coordinator sees the reply, records the feedback and closes the report → the reporter's
mailbox shows it closed. Every new page is checked with axe (WCAG 2.1 AA) and for CSP
errors. Afterwards ``integriteit verify_audit`` passes; after one audit row is changed with
raw SQL it fails. The reporter's requests leave no audit event at all. Run with
``pytest -m browser``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, ConsoleMessage, FilePayload, Page, expect

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.accounts.totp import DEVICE_NAME, current_code
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.meldingen.constants import Status
from integriteit.meldingen.models import Bericht, Melding
from integriteit.tests.browser.conftest import CSP_ERRORS_ATTR, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAT = "De afdelingschef laat subsidies toekennen aan de stichting van zijn partner."
VRAAG = "Dank voor uw melding. Om welke subsidieronde gaat het?"
ANTWOORD = "Het gaat om de ronde van maart; zie de bijlage."


@pytest.fixture(autouse=True)
def _schoon(settings: Any, tmp_path: Path) -> Iterator[None]:
    """Own media folder; the rate-limit counters live in the cache, which outlives a test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tweede_pagina(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A second, independent browser context (own cookies), set up as the ``page`` fixture:
    Dutch, relative URLs, CSP violations collected for :func:`axe_check`."""
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    nieuw = context.new_page()
    fouten: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            fouten.append(message.text)

    nieuw.on("console", on_console)
    setattr(nieuw, CSP_ERRORS_ATTR, fouten)
    yield nieuw
    context.close()


def _coordinator(make_user: MakeUser, world: World) -> Gebruiker:
    """OCW's coordinator: logged in once before (so has a key the report is sealed to) and
    with a confirmed authenticator app."""
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, username="cora.ocw")
    kluis.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)
    TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    return user


def _melden(page: Page, world: World) -> str:
    """The reporter files a report with an attachment; returns the code as shown."""
    page.goto(reverse("melden:index"))
    axe_check(page)
    page.get_by_role("link", name=world.ocw.naam).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Melden bij")
    axe_check(page)
    page.get_by_label("Belangenverstrengeling").check()
    page.get_by_label("Wat is er gebeurd?").fill(WAT)
    page.get_by_label("Bijlagen").set_input_files(
        files=[FilePayload(name="besluiten.txt", mimeType="text/plain", buffer=b"drie besluiten")]
    )
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw melding is ontvangen")
    code = page.locator(".igt-melden-code__waarde").inner_text().strip()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)
    axe_check(page)
    page.reload()
    expect(page.locator(".igt-melden-code__waarde")).to_have_count(0)
    return code


def _inloggen(page: Page, user: Gebruiker) -> None:
    """Through the real form: password, then the code of the authenticator app."""
    page.goto(reverse("accounts:login"))
    axe_check(page)
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    axe_check(page)
    page.get_by_label(re.compile(r"^Code")).fill(current_code(user))
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Welkom"))


def _actie(page: Page, knop: str, gelukt: str) -> None:
    page.get_by_role("button", name=knop).click()
    expect(page.get_by_text(gelukt)).to_be_visible()
    axe_check(page)


def _postbus_openen(page: Page, code: str, nummer: str) -> None:
    page.goto(reverse("melden:postbus"))
    axe_check(page)
    page.get_by_label("Uw ontvangstcode").fill(code)
    page.get_by_role("button", name="Postbus openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Uw melding {nummer}")
    axe_check(page)


def _status(page: Page) -> Any:
    return page.locator("dt", has_text="Status").locator("xpath=following-sibling::dd[1]")


def _vervalsen(sql: str, params: list[Any]) -> None:
    """Change the audit table behind the application's back (on PostgreSQL the append-only
    trigger first refuses, and is then bypassed as a superuser could)."""
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_the_whole_reporting_path(
    page: Page,
    tweede_pagina: Page,
    live_server: Any,
    world: World,
    make_user: MakeUser,
    capsys: pytest.CaptureFixture[str],
) -> None:
    melder, coordinator_pagina = page, tweede_pagina
    coordinator = _coordinator(make_user, world)
    voor_melding = AuditEvent.objects.count()

    # The reporter reports anonymously; no audit event, the code only on the receipt.
    code = _melden(melder, world)
    melding = Melding.objects.get()
    assert melding.anoniem and melding.status == Status.ONTVANGEN
    assert AuditEvent.objects.count() == voor_melding

    # The coordinator logs in, opens the registry and the report.
    _inloggen(coordinator_pagina, coordinator)
    menu = coordinator_pagina.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Meldingen", exact=True).click()
    expect(coordinator_pagina.get_by_role("heading", level=1)).to_have_text("Meldingenregister")
    axe_check(coordinator_pagina)
    coordinator_pagina.get_by_role("link", name=melding.nummer).click()
    expect(coordinator_pagina.get_by_text(WAT)).to_be_visible()
    expect(coordinator_pagina.get_by_role("link", name="besluiten.txt")).to_be_visible()
    axe_check(coordinator_pagina)

    # Acknowledgement, triage, a message shared with the reporter.
    _actie(coordinator_pagina, "Bevestiging vastleggen", "De ontvangstbevestiging is vastgelegd.")
    coordinator_pagina.get_by_label("Onderzoek", exact=True).check()
    _actie(coordinator_pagina, "Triage vastleggen", "De triage is vastgelegd.")
    coordinator_pagina.get_by_role("textbox", name="Bericht of notitie").fill(VRAAG)
    coordinator_pagina.get_by_label("Gedeeld met de melder").check()
    _actie(coordinator_pagina, "Plaatsen", "Het bericht is geplaatst.")
    melding.refresh_from_db()
    assert melding.status == Status.IN_BEHANDELING and melding.bevestigd_op is not None
    assert b"subsidieronde" not in bytes(Bericht.objects.get().tekst)

    # The reporter opens the mailbox: status, the message; replies.
    events_voor_postbus = AuditEvent.objects.count()
    _postbus_openen(melder, code, melding.nummer)
    expect(_status(melder)).to_have_text("In behandeling")
    expect(melder.get_by_text(VRAAG)).to_be_visible()
    melder.get_by_label("Uw bericht").fill(ANTWOORD)
    melder.get_by_role("button", name="Bericht versturen").click()
    expect(melder.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    expect(melder.get_by_text(ANTWOORD)).to_be_visible()
    axe_check(melder)
    assert AuditEvent.objects.count() == events_voor_postbus, "the mailbox writes no event"

    # The coordinator sees the reply, records the feedback and closes the report.
    coordinator_pagina.reload()
    antwoord = coordinator_pagina.locator(".igt-bericht", has_text=ANTWOORD)
    expect(antwoord).to_be_visible()
    expect(antwoord).to_contain_text("van de melder")
    axe_check(coordinator_pagina)
    _actie(coordinator_pagina, "Terugkoppeling vastleggen", "De terugkoppeling is vastgelegd.")
    coordinator_pagina.get_by_label("Vermoeden niet bevestigd").check()
    _actie(coordinator_pagina, "Melding afsluiten", "De melding is afgesloten.")
    melding.refresh_from_db()
    assert melding.status == Status.AFGESLOTEN and melding.afloop == "ongegrond"
    assert melding.teruggekoppeld_op is not None and melding.bewaren_tot is not None

    # The reporter's mailbox shows the report closed, and the feedback given.
    melder.reload()
    expect(_status(melder)).to_have_text("Afgesloten")
    terugkoppeling = melder.locator("dt", has_text="Terugkoppeling").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(terugkoppeling).to_contain_text("Gedaan, op tijd")
    axe_check(melder)

    # The audit trail: only the coordinator's steps and reads, none of the reporter's.
    events = list(AuditEvent.objects.filter(seq__gt=voor_melding).order_by("seq"))
    acties = [e.action for e in events]
    for actie in (
        "melding.inhoud_gelezen",
        "melding.bevestigd",
        "melding.triage",
        "melding.bericht_geplaatst",
        "melding.teruggekoppeld",
        "melding.afgesloten",
    ):
        assert actie in acties, actie
    assert all(e.actor_id == coordinator.pk for e in events), [
        (e.action, e.actor_label) for e in events if e.actor_id != coordinator.pk
    ]
    ruw = repr([(e.action, e.details) for e in events])
    for geheim in (WAT, VRAAG, ANTWOORD, code, re.sub(r"\D", "", code), "besluiten.txt"):
        assert geheim not in ruw

    # The chain holds; after one changed row it does not.
    capsys.readouterr()
    call_command("verify_audit")
    assert "Auditketen intact" in capsys.readouterr().out
    bevestigd = AuditEvent.objects.get(action="melding.bevestigd", object_id=str(melding.pk))
    _vervalsen(
        "UPDATE common_auditevent SET details = %s WHERE id = %s",
        ['{"op": "2000-01-01"}', bevestigd.pk],
    )
    with pytest.raises(SystemExit) as uitkomst:
        call_command("verify_audit")
    assert uitkomst.value.code == 1
    assert f"#{bevestigd.seq} " in capsys.readouterr().err
