"""Recovery of lost access and the reporter's identity custodian in a real browser, with
several people at once, each in an own browser context (own cookies).

Recovery: OCW's coordinator makes a 2-of-3 recovery key through the form; a handler of a
report gets a new key (password reset) and so loses the report's vault; the coordinator asks
for recovery with a reason; two custodians see "Wacht op u" on the start page and contribute
their share; the handler completes the recovery and can read the report again.

Identity: the coordinator names OCW's identity custodian on the procedure page (after a Dutch
error for an acknowledgement term of 8 days, with nothing saved); a named report comes in;
the coordinator asks for the identity with a reason; the custodian finds the request through
the start page and approves it with a motivation; the coordinator reads the name, which is an
audit event.

Every page state is checked with axe (WCAG 2.1 AA) and for CSP errors. Run with
``pytest -m browser``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.kluis import services as kluis
from integriteit.kluis import sessie
from integriteit.kluis.models import Herstelsleutel, Herstelverzoek, HerstelverzoekStatus
from integriteit.meldingen import services
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import Identiteitsverzoek, IdentiteitsverzoekStatus, Meldregeling
from integriteit.meldingen.tests.helpers import login_met_sleutel
from integriteit.tests.browser.conftest import CSP_ERRORS_ATTR, axe_check, browser, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIEUW_WACHTWOORD = "nieuw-wachtwoord-na-herstel-2025"
WAT = "Een collega beoordeelt een subsidieaanvraag van de stichting van haar broer."

NieuwePagina = Callable[[], Page]


@pytest.fixture
def nieuwe_pagina(browser: Browser, live_server: Any) -> Iterator[NieuwePagina]:  # noqa: F811
    """Makes further independent browser contexts, set up as the ``page`` fixture: Dutch,
    relative URLs, CSP violations collected for :func:`axe_check`. Closed afterwards."""
    contexten: list[Any] = []

    def maak() -> Page:
        context = browser.new_context(locale="nl-NL", base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexten.append(context)
        nieuw = context.new_page()
        fouten: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if "Content Security Policy" in message.text:
                fouten.append(message.text)

        nieuw.on("console", on_console)
        setattr(nieuw, CSP_ERRORS_ATTR, fouten)
        return nieuw

    yield maak
    for context in contexten:
        context.close()


def _met_sleutel(gebruiker: Gebruiker, wachtwoord: str) -> Client:
    """As ``login_met_sleutel``, but the key unwrapped with ``wachtwoord`` (the user's new
    password after a reset) instead of TEST_PASSWORD."""
    client = login_verified(Client(), gebruiker)
    request = RequestFactory().get("/")
    request.user = gebruiker
    request.session = client.session
    sessie.sleutel_in_sessie(request, gebruiker, wachtwoord)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = str(request.session.session_key)
    client.cookies[sessie.COOKIE] = getattr(request, sessie._NIEUW)
    return client


def _aanmelden(
    pagina: Page, live_server: Any, gebruiker: Gebruiker, wachtwoord: str = TEST_PASSWORD
) -> None:
    """Put the session and vault-key cookies of a logged-in ``gebruiker`` in the browser."""
    client = (
        login_met_sleutel(Client(), gebruiker)
        if wachtwoord == TEST_PASSWORD
        else _met_sleutel(gebruiker, wachtwoord)
    )
    pagina.context.add_cookies(
        [
            {"name": naam, "value": client.cookies[naam].value, "url": live_server.url}
            for naam in (settings.SESSION_COOKIE_NAME, sessie.COOKIE)
        ]
    )


def _met_sleutelpaar(make_user: MakeUser, rol: str, world: World, **kwargs: str) -> Gebruiker:
    """A user of OCW who logged in once before (so has a key)."""
    gebruiker = make_user(rol, world.ocw, **kwargs)
    kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)
    return gebruiker


def _wacht_op_u(pagina: Page, tekst: str, link: str) -> None:
    """The start page lists the task under "Wacht op u"; follow its link."""
    pagina.goto(reverse("home"))
    taken = pagina.locator("section", has=pagina.get_by_role("heading", name="Wacht op u"))
    expect(taken).to_contain_text(tekst)
    axe_check(pagina)
    taken.get_by_role("link", name=link).click()


def _bijdragen(pagina: Page, live_server: Any, bewaarder: Gebruiker, voor: Gebruiker) -> None:
    _aanmelden(pagina, live_server, bewaarder)
    _wacht_op_u(
        pagina,
        "Een herstelverzoek wacht op uw deel van de herstelsleutel.",
        "Naar herstel van toegang",
    )
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Herstel van toegang")
    rij = pagina.get_by_role("row").filter(has_text=str(voor))
    expect(rij).to_contain_text("Zijn bestanden zijn weg na de wachtwoordreset.")
    axe_check(pagina)
    rij.get_by_role("button", name="Mijn deel bijdragen").click()
    expect(
        pagina.get_by_text(f"Uw deel is bijgedragen aan het herstel voor {voor}.")
    ).to_be_visible()
    expect(pagina.get_by_text("uw deel is bijgedragen", exact=True)).to_be_visible()
    axe_check(pagina)


def test_herstel_van_toegang_door_twee_van_drie_bewaarders(
    page: Page,  # noqa: F811
    nieuwe_pagina: NieuwePagina,
    live_server: Any,
    world: World,
    make_user: MakeUser,
) -> None:
    coordinator = _met_sleutelpaar(
        make_user, Rol.INTEGRITEITSCOORDINATOR, world, first_name="Cora", last_name="Coördinator"
    )
    behandelaar = _met_sleutelpaar(
        make_user, Rol.BEVOEGD_GEZAG, world, first_name="Hans", last_name="Behandelaar"
    )
    bewaarders = [
        _met_sleutelpaar(make_user, Rol.MEDEWERKER, world, first_name=naam, last_name="Bewaarder")
        for naam in ("Anna", "Bert", "Carla")
    ]

    # The coordinator makes the recovery key: first without a threshold (a Dutch error).
    _aanmelden(page, live_server, coordinator)
    page.goto(reverse("kluis:herstel"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Herstel van toegang")
    expect(page.get_by_text("heeft nog geen herstelsleutel")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Nieuwe herstelsleutel maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe herstelsleutel")
    axe_check(page)
    for bewaarder in bewaarders:
        page.get_by_label(f"{bewaarder.get_full_name()} ({bewaarder.username})").check()
    page.get_by_role("button", name="Herstelsleutel maken").click()
    expect(page.get_by_text("Geef de drempel.")).to_be_visible()
    axe_check(page)
    assert not Herstelsleutel.objects.exists()
    page.get_by_label("Drempel (m)").fill("2")
    page.get_by_role("button", name="Herstelsleutel maken").click()
    expect(page.get_by_text("herstelsleutel van Ministerie van Onderwijs")).to_contain_text(
        "is actief: 2 van 3."
    )
    axe_check(page)
    sleutel = Herstelsleutel.objects.get(organisatie=world.ocw, actief=True)
    assert (sleutel.drempel, sleutel.aantal) == (2, 3)

    # A report, sealed to the recovery key; Hans becomes its handler, then loses his key.
    melding = services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat=WAT),
        )
    ).melding
    services.behandelaar_toevoegen(
        melding=melding,
        door=coordinator,
        door_private=kluis.gebruikersleutel_openen(gebruiker=coordinator, wachtwoord=TEST_PASSWORD),
        behandelaar=behandelaar,
    )
    kluis.gebruikersleutel_maken(gebruiker=behandelaar, wachtwoord=NIEUW_WACHTWOORD)
    assert kluis.verloren_toegangen(gebruiker=behandelaar).count() == 1

    # The coordinator asks for recovery: first without a reason (a Dutch error).
    page.goto(reverse("kluis:herstel"))
    rij = page.get_by_role("row").filter(has_text=str(behandelaar))
    knop = rij.get_by_role("button", name=re.compile(r"^Herstel aanvragen \(1 kluis\)"))
    axe_check(page)
    knop.click()
    expect(page.get_by_text("Geef de reden van het herstel.")).to_be_visible()
    axe_check(page)
    assert not Herstelverzoek.objects.exists()
    rij.get_by_label("Reden").fill("Zijn bestanden zijn weg na de wachtwoordreset.")
    knop.click()
    expect(page.get_by_text(f"Herstel aangevraagd voor {behandelaar}: 1 kluis.")).to_be_visible()
    axe_check(page)

    # The handler sees the request, waiting for the custodians.
    gebruiker = nieuwe_pagina()
    _aanmelden(gebruiker, live_server, behandelaar, NIEUW_WACHTWOORD)
    gebruiker.goto(reverse("kluis:herstel"))
    expect(gebruiker.get_by_text("wacht op bewaarders")).to_be_visible()
    expect(gebruiker.get_by_role("button", name="Toegang herstellen")).to_have_count(0)
    axe_check(gebruiker)

    # Two of the three custodians contribute, each in an own browser.
    _bijdragen(nieuwe_pagina(), live_server, bewaarders[0], behandelaar)
    _bijdragen(nieuwe_pagina(), live_server, bewaarders[1], behandelaar)
    derde = nieuwe_pagina()
    _aanmelden(derde, live_server, bewaarders[2])
    derde.goto(reverse("home"))
    expect(derde.get_by_role("heading", name="Wacht op u")).to_have_count(0)
    derde.goto(reverse("kluis:herstel"))
    expect(derde.get_by_text("genoeg delen; uw deel is niet meer nodig")).to_be_visible()
    axe_check(derde)

    # The handler completes the recovery and can read the report again.
    _wacht_op_u(
        gebruiker,
        "Genoeg bewaarders hebben bijgedragen: u kunt uw toegang nu herstellen.",
        "Toegang herstellen",
    )
    axe_check(gebruiker)
    gebruiker.get_by_role("button", name="Toegang herstellen").click()
    expect(gebruiker.get_by_text("1 kluis hersteld.")).to_be_visible()
    axe_check(gebruiker)
    verzoek = Herstelverzoek.objects.get()
    assert verzoek.status == HerstelverzoekStatus.UITGEVOERD
    assert kluis.verloren_toegangen(gebruiker=behandelaar).count() == 0
    gebruiker.goto(reverse("meldingen:register_detail", args=[melding.pk]))
    expect(gebruiker.get_by_text(WAT)).to_be_visible()
    axe_check(gebruiker)


def test_identiteit_van_de_melder_via_de_identiteitsbewaarder(
    page: Page,  # noqa: F811
    nieuwe_pagina: NieuwePagina,
    live_server: Any,
    world: World,
    make_user: MakeUser,
) -> None:
    coordinator = _met_sleutelpaar(
        make_user, Rol.INTEGRITEITSCOORDINATOR, world, first_name="Cora", last_name="Coördinator"
    )
    bewaarder = _met_sleutelpaar(
        make_user, Rol.MEDEWERKER, world, first_name="Ida", last_name="Bewaarder"
    )

    # The coordinator names the custodian; 8 days for the acknowledgement is refused first.
    _aanmelden(page, live_server, coordinator)
    page.goto(reverse("meldingen:regeling"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meldregeling van {world.ocw.naam}")
    axe_check(page)
    page.get_by_label("Ontvangstbevestiging binnen (dagen)").fill("8")
    page.get_by_label("Identiteitsbewaarder").select_option(label=str(bewaarder))
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("Ontvangstbevestiging binnen (dagen): kies 1 tot en met 7.")
    ).to_be_visible()
    axe_check(page)
    assert not Meldregeling.objects.filter(identiteitsbewaarder__isnull=False).exists()
    page.get_by_label("Ontvangstbevestiging binnen (dagen)").fill("7")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text(f"De meldregeling van {world.ocw.naam} is opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Identiteitsbewaarder")).to_have_value(str(bewaarder.pk))
    axe_check(page)
    assert Meldregeling.objects.get(organisatie=world.ocw).identiteitsbewaarder == bewaarder

    # A report with a name comes in; the coordinator asks for the identity with a reason.
    melding = services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat=WAT),
            identiteit=services.Identiteit(naam="Fatima el Amrani", contact="06-12345678"),
        )
    ).melding
    page.goto(reverse("meldingen:register_detail", args=[melding.pk]))
    expect(page.get_by_text("naam bekend — in de identiteitskluis")).to_be_visible()
    expect(page.get_by_role("button", name="Identiteit tonen")).to_have_count(0)
    axe_check(page)
    aanvraag = page.locator("form", has=page.get_by_role("button", name="Identiteit opvragen"))
    aanvraag.get_by_label("Reden").fill("Ik moet de melder horen over de aanvraag van maart.")
    aanvraag.get_by_role("button", name="Identiteit opvragen").click()
    expect(page.get_by_text("Uw verzoek is vastgelegd.")).to_be_visible()
    axe_check(page)

    # The custodian: start page → requests page; a decision without motivation is refused.
    ida = nieuwe_pagina()
    _aanmelden(ida, live_server, bewaarder)
    _wacht_op_u(
        ida,
        "Een verzoek om de identiteit van een melder wacht op uw beslissing.",
        "Naar de identiteitsverzoeken",
    )
    expect(ida.get_by_role("heading", level=1)).to_have_text(
        "Verzoeken om de identiteit van een melder"
    )
    verzoek_blok = ida.get_by_role("region", name=f"Melding {melding.nummer}")
    expect(verzoek_blok).to_contain_text("Ik moet de melder horen over de aanvraag van maart.")
    axe_check(ida)
    verzoek_blok.get_by_label("Goedkeuren").check()
    verzoek_blok.get_by_role("button", name="Beslissing vastleggen").click()
    expect(ida.get_by_text("Motivering: schrijf waarom u zo beslist.").first).to_be_visible()
    axe_check(ida)
    assert Identiteitsverzoek.objects.get().status == IdentiteitsverzoekStatus.OPEN
    verzoek_blok = ida.get_by_role("region", name=f"Melding {melding.nummer}")
    verzoek_blok.get_by_label("Goedkeuren").check()
    verzoek_blok.get_by_label("Motivering").fill("Nodig voor het horen; de melder stemde in.")
    verzoek_blok.get_by_role("button", name="Beslissing vastleggen").click()
    expect(ida.get_by_text(f"Verzoek goedgekeurd: {coordinator} heeft nu toegang")).to_be_visible()
    expect(ida.get_by_text("Geen open verzoeken.")).to_be_visible()
    axe_check(ida)
    assert Identiteitsverzoek.objects.get().status == IdentiteitsverzoekStatus.GOEDGEKEURD

    # The coordinator reads the identity; the read is an audit event.
    assert not AuditEvent.objects.filter(action="melding.identiteit_gelezen").exists()
    page.goto(reverse("meldingen:register_detail", args=[melding.pk]))
    expect(page.get_by_text("Nodig voor het horen; de melder stemde in.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Identiteit tonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Identiteit van de melder van {melding.nummer}"
    )
    expect(page.get_by_text("Fatima el Amrani")).to_be_visible()
    expect(page.get_by_text("06-12345678")).to_be_visible()
    axe_check(page)
    gelezen = AuditEvent.objects.get(action="melding.identiteit_gelezen")
    assert (gelezen.actor_id, gelezen.object_id) == (coordinator.pk, str(melding.pk))
