"""Issue 6 in a real browser: from a report to a decided investigation with a measure, through
every phase of the baseline protocol, with three people each in an own browser context (own
cookies; logged in by injecting the session and vault-key cookies).

OCW's coordinator opens the report's page → "Onderzoek openen" → opens the case (kind,
competent authority) → registers the preliminary inquiry, where "Fase afronden" is first
refused naming what is missing → the competent authority decides on an investigation with
reasons → the assignment (scope, questions, the investigator, planning) → the investigator
declares independence → the coordinator records and informs the subject → the investigator
records an interview (put to the interviewee, approved) and an evidence item with a file, the
draft report, the subject's waiver and the final report → the competent authority establishes
a violation and registers a measure → the coordinator closes the case with the aftercare.
The case page then shows "Afgesloten" and every phase done; the case file (ZIP with the PDF
and the uploaded files) is downloaded and opened, the statistics page counts the measure, and
``integriteit verify_audit`` passes. Every new page state is checked with axe (WCAG 2.1 AA)
and for CSP errors. Run with ``pytest -m browser``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, ConsoleMessage, FilePayload, Locator, Page, expect
from pypdf import PdfReader

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.kluis import sessie
from integriteit.meldingen import services as meldingen
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.tests.helpers import login_met_sleutel
from integriteit.onderzoeken.constants import Status, Uitkomst
from integriteit.onderzoeken.models import Maatregel, Onderzoek
from integriteit.onderzoeken.tests.helpers import maatregelsoort
from integriteit.tests.browser.conftest import CSP_ERRORS_ATTR, axe_check, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAT = "Een afdelingshoofd gunt opdrachten aan het bureau van zijn zwager."
PDF_CONCEPT = b"%PDF-1.4\n% conceptrapport\n"
PDF_EIND = b"%PDF-1.4\n% eindrapport\n"
BEWIJS = b"factuur 2025-031, bureau Zwager BV, 12.400 euro"
MOTIVERING_MAATREGEL = "Evenredig: een eerste schending, erkend, zonder financieel nadeel."

NieuwePagina = Callable[[], Page]


@pytest.fixture(autouse=True)
def _schoon(settings: Any, tmp_path: Path) -> Iterator[None]:
    """Own media folder; the rate-limit counters live in the cache, which outlives a test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def nieuwe_pagina(browser: Browser, live_server: Any) -> Iterator[NieuwePagina]:  # noqa: F811
    """Makes independent browser contexts, set up as the ``page`` fixture: Dutch, relative
    URLs, downloads accepted, CSP violations collected for :func:`axe_check`."""
    contexten: list[Any] = []

    def maak() -> Page:
        context = browser.new_context(
            locale="nl-NL", base_url=live_server.url, accept_downloads=True
        )
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


def _met_sleutelpaar(make_user: MakeUser, rol: str, world: World, **kwargs: str) -> Gebruiker:
    """A user of OCW who logged in once before (so has a key)."""
    gebruiker = make_user(rol, world.ocw, **kwargs)
    kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)
    return gebruiker


def _aangemeld(maak: NieuwePagina, live_server: Any, gebruiker: Gebruiker) -> Page:
    """A new browser context with the session and vault-key cookies of ``gebruiker``."""
    pagina = maak()
    client = login_met_sleutel(Client(), gebruiker)
    pagina.context.add_cookies(
        [
            {"name": naam, "value": client.cookies[naam].value, "url": live_server.url}
            for naam in (settings.SESSION_COOKIE_NAME, sessie.COOKIE)
        ]
    )
    return pagina


def _iso(dagen_terug: int = 0) -> str:
    return (timezone.localdate() - timedelta(days=dagen_terug)).isoformat()


def _berichten(pagina: Page) -> Locator:
    return pagina.locator(".igt-messages")


def _verstuur(pagina: Page, knop: Locator, bericht: str) -> None:
    """Press ``knop`` (a POST that redirects back), expect ``bericht``, check the page."""
    with pagina.expect_navigation():
        knop.click()
    expect(_berichten(pagina)).to_contain_text(bericht)
    axe_check(pagina)


def _vastleggen(
    pagina: Page,
    titel: str,
    *,
    tekst: str | None = None,
    keuze: str | None = None,
    bestand: FilePayload | None = None,
) -> None:
    """Register one requirement through its form on the case page (the form is named by the
    requirement's title, as is its field)."""
    form = pagina.get_by_role("form", name=titel, exact=True)
    if keuze is not None:
        form.get_by_label(keuze, exact=True).check()
    elif bestand is not None:
        form.get_by_label(titel, exact=True).set_input_files(files=[bestand])
    else:
        assert tekst is not None
        form.get_by_label(titel, exact=True).fill(tekst)
    _verstuur(pagina, form.get_by_role("button", name="Vastleggen"), f"‘{titel}’ is vastgelegd.")


def _afronden(pagina: Page, volgende: str) -> None:
    _verstuur(
        pagina,
        pagina.get_by_role("button", name="Fase afronden"),
        f"De fase is afgerond. Het onderzoek is nu in de fase ‘{volgende}’.",
    )
    expect(pagina.locator("[aria-current=step]")).to_contain_text(volgende)


def _naar_zaak(pagina: Page, onderzoek: Onderzoek, fase: str) -> None:
    pagina.goto(reverse("onderzoeken:detail", args=[onderzoek.pk]))
    expect(pagina.get_by_role("heading", level=1)).to_have_text(f"Onderzoek {onderzoek.nummer}")
    expect(pagina.locator("[aria-current=step]")).to_contain_text(fase)
    axe_check(pagina)


def _pdf(naam: str, inhoud: bytes) -> FilePayload:
    return FilePayload(name=naam, mimeType="application/pdf", buffer=inhoud)


def test_van_melding_tot_besloten_onderzoek_met_maatregel(  # noqa: PLR0915 - one long path
    nieuwe_pagina: NieuwePagina, live_server: Any, world: World, make_user: MakeUser
) -> None:
    coordinator = _met_sleutelpaar(
        make_user, Rol.INTEGRITEITSCOORDINATOR, world, first_name="Cora", last_name="Coördinator"
    )
    gezag = _met_sleutelpaar(
        make_user, Rol.BEVOEGD_GEZAG, world, first_name="Gert", last_name="Gezag"
    )
    onderzoeker = _met_sleutelpaar(
        make_user, Rol.ONDERZOEKER, world, first_name="Olga", last_name="Onderzoeker"
    )
    soort = maatregelsoort()  # transactional tests flush the seeded kinds
    melding = meldingen.melding_ontvangen(
        invoer=meldingen.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=meldingen.Inhoud(wat=WAT),
        )
    ).melding

    # The coordinator opens the case from the report's page.
    cora = _aangemeld(nieuwe_pagina, live_server, coordinator)
    cora.goto(reverse("meldingen:register_detail", args=[melding.pk]))
    expect(cora.get_by_text(WAT)).to_be_visible()
    axe_check(cora)
    cora.get_by_role("link", name="Onderzoek openen").click()
    expect(cora.get_by_role("heading", level=1)).to_have_text("Onderzoek openen")
    axe_check(cora)
    expect(cora.get_by_label("Meldingen")).to_have_values([str(melding.pk)])
    cora.get_by_label("Soort schending").select_option(value="belangen")
    cora.get_by_label("Bevoegd gezag").select_option(label=f"Gert Gezag ({gezag.username})")
    with cora.expect_navigation():
        cora.get_by_role("button", name="Onderzoek openen").click()
    onderzoek = Onderzoek.objects.get()
    expect(_berichten(cora)).to_contain_text(f"Onderzoek {onderzoek.nummer} is geopend.")
    expect(cora.get_by_role("heading", level=1)).to_have_text(f"Onderzoek {onderzoek.nummer}")
    expect(cora.locator("[aria-current=step]")).to_contain_text("Vooronderzoek")
    axe_check(cora)
    assert list(onderzoek.meldingen.all()) == [melding]

    # Preliminary inquiry: finishing with the advice missing is refused and names it.
    _vastleggen(
        cora,
        "Bevindingen van het vooronderzoek",
        tekst="Drie opdrachten onderhands gegund; het bureau is van de zwager.",
    )
    with cora.expect_navigation():
        cora.get_by_role("button", name="Fase afronden").click()
    fouten = _berichten(cora)
    expect(fouten).to_contain_text("De fase kan nog niet worden afgerond. Dit ontbreekt nog:")
    expect(fouten).to_contain_text("Advies aan het bevoegd gezag: nog niet vastgelegd.")
    expect(fouten).not_to_contain_text("Bevindingen van het vooronderzoek")
    axe_check(cora)
    onderzoek.refresh_from_db()
    assert onderzoek.fase == "vooronderzoek"
    _vastleggen(
        cora,
        "Advies aan het bevoegd gezag",
        tekst="Onderzoek instellen: zijn de gunningen in strijd met de gedragscode?",
    )
    _afronden(cora, "Besluit tot onderzoek")

    # The competent authority decides on an investigation, then gives the assignment.
    gert = _aangemeld(nieuwe_pagina, live_server, gezag)
    _naar_zaak(gert, onderzoek, "Besluit tot onderzoek")
    _vastleggen(gert, "Besluit", keuze="Er komt een onderzoek")
    _vastleggen(
        gert,
        "Motivering van het besluit",
        tekst="Het vermoeden is concreet en raakt de integriteit van de inkoop.",
    )
    _afronden(gert, "Opdracht")
    _vastleggen(gert, "Reikwijdte van het onderzoek", tekst="De gunningen van 2024 en 2025.")
    _vastleggen(
        gert, "Onderzoeksvragen", tekst="1. Wie besloot over de gunningen? 2. Was de band gemeld?"
    )
    gert.get_by_label("Medewerker toevoegen").select_option(
        label=f"Olga Onderzoeker ({onderzoeker.username})"
    )
    _verstuur(
        gert,
        gert.get_by_role("button", name="Toevoegen en toegang verlenen"),
        "Olga Onderzoeker neemt deel aan het onderzoek en heeft toegang tot de inhoud.",
    )
    # A planned day: the protocol marks this date `future: true`.
    _vastleggen(gert, "Verwachte einddatum", tekst=_iso(-60))

    # The investigator declares independence; the competent authority finishes the phase.
    olga = _aangemeld(nieuwe_pagina, live_server, onderzoeker)
    _naar_zaak(olga, onderzoek, "Opdracht")
    expect(olga.locator("#ontbrekend")).to_contain_text("Onafhankelijkheid")
    olga.get_by_label("Verklaring van onafhankelijkheid").fill(
        "Ik ken de betrokkene en de melder niet en heb geen band met het bureau."
    )
    _verstuur(
        olga,
        olga.get_by_role("button", name="Onafhankelijkheid verklaren"),
        "Uw verklaring van onafhankelijkheid is vastgelegd.",
    )
    expect(olga.locator("#deelnemers")).to_contain_text("onafhankelijkheid verklaard op")
    gert.reload()
    axe_check(gert)
    _afronden(gert, "Informeren van de betrokkene")

    # The coordinator records the subject and that he was informed.
    cora.reload()
    axe_check(cora)
    beschreven = cora.get_by_role("form", name="Betrokkene, getuige of melder vastleggen")
    beschreven.get_by_label("Betrokkene", exact=True).check()
    beschreven.get_by_label("Naam en functie").fill("P. de Vries, afdelingshoofd inkoop")
    _verstuur(
        cora, beschreven.get_by_role("button", name="Vastleggen"), "De deelnemer is vastgelegd."
    )
    _vastleggen(cora, "Informeren of uitstellen", keuze="De betrokkene is geïnformeerd")
    _vastleggen(cora, "Dag waarop de betrokkene is geïnformeerd", tekst=_iso(1))
    _afronden(cora, "Onderzoek")

    # The investigator: an interview record, put to the interviewee and approved; evidence.
    olga.reload()
    axe_check(olga)
    verhoor = olga.get_by_role("form", name="Verhoorverslag vastleggen")
    verhoor.get_by_label("Datum van het verhoor").fill(_iso(1))
    verhoor.get_by_label("Gehoorde").fill("Betrokkene, P. de Vries")
    verhoor.get_by_label("Verslag").fill("De betrokkene erkent de band; hij meldde die niet.")
    _verstuur(
        olga,
        verhoor.get_by_role("button", name="Verslag vastleggen"),
        "Verhoorverslag 1 is vastgelegd.",
    )
    _verstuur(
        olga,
        olga.get_by_role("button", name="Verslag 1 voorleggen aan de gehoorde"),
        "Verhoorverslag 1 is aan de gehoorde voorgelegd.",
    )
    reactie = olga.locator("form", has=olga.get_by_role("heading", name="Reactie op verslag 1"))
    reactie.get_by_label("Goedgekeurd").check()
    _verstuur(
        olga,
        reactie.get_by_role("button", name="Reactie vastleggen"),
        "De reactie van de gehoorde op verslag 1 is vastgelegd.",
    )
    expect(olga.locator("#verhoren")).to_contain_text("Goedgekeurd")
    bewijs = olga.get_by_role("form", name="Bewijsstuk vastleggen")
    bewijs.get_by_label("Omschrijving").fill("Factuur van het bureau, uit de administratie.")
    bewijs.get_by_label("Verkregen op").fill(_iso(2))
    bewijs.get_by_label("Bestand").set_input_files(
        files=[FilePayload(name="factuur.txt", mimeType="text/plain", buffer=BEWIJS)]
    )
    _verstuur(
        olga,
        bewijs.get_by_role("button", name="Bewijsstuk vastleggen"),
        "Bewijsstuk 1 is vastgelegd.",
    )
    expect(olga.locator("#bewijslog")).to_contain_text("factuur.txt")
    _afronden(olga, "Conceptrapport")
    _vastleggen(olga, "Conceptrapport", bestand=_pdf("concept.pdf", PDF_CONCEPT))
    _afronden(olga, "Hoor en wederhoor")
    _vastleggen(
        olga,
        "Reactie van de betrokkene",
        keuze="De betrokkene heeft afgezien van een reactie",
    )
    _vastleggen(olga, "Dag waarop de betrokkene afzag", tekst=_iso())
    _afronden(olga, "Eindrapport")
    _vastleggen(olga, "Eindrapport", bestand=_pdf("eindrapport.pdf", PDF_EIND))
    _afronden(olga, "Besluit van het bevoegd gezag")

    # The competent authority establishes the violation and registers a measure.
    gert.reload()
    axe_check(gert)
    _vastleggen(gert, "Uitkomst", keuze="Schending vastgesteld")
    _vastleggen(
        gert,
        "Motivering van de uitkomst",
        tekst="De band was niet gemeld en de gunningen waren onderhands.",
    )
    maatregel = gert.get_by_role("form", name="Maatregel vastleggen")
    maatregel.get_by_label("Soort maatregel").select_option(label=soort.naam)
    maatregel.get_by_label("Datum van het besluit").fill(_iso())
    maatregel.get_by_label("Motivering").fill(MOTIVERING_MAATREGEL)
    _verstuur(
        gert,
        maatregel.get_by_role("button", name="Maatregel vastleggen"),
        "De maatregel is vastgelegd.",
    )
    expect(gert.locator("#maatregelen")).to_contain_text(MOTIVERING_MAATREGEL)
    _afronden(gert, "Afsluiting en nazorg")

    # The coordinator closes the case with the aftercare and the lessons.
    cora.reload()
    axe_check(cora)
    _vastleggen(cora, "Melder", keuze="De melder is geïnformeerd over de afloop")
    _vastleggen(cora, "Dag waarop de melder is geïnformeerd", tekst=_iso())
    _vastleggen(cora, "Dag waarop de betrokkene de afloop hoorde", tekst=_iso())
    _vastleggen(
        cora,
        "Nazorg voor betrokkene, melder en team",
        tekst="Gesprek met het team over de gevolgen; de melder kreeg een vertrouwenspersoon.",
    )
    _vastleggen(
        cora,
        "Lessen voor beleid en beheersing",
        tekst="Onderhandse gunningen boven 10.000 euro krijgen een tweede handtekening.",
    )
    _verstuur(
        cora,
        cora.get_by_role("button", name="Fase afronden"),
        "De laatste fase is afgerond; het onderzoek is afgesloten.",
    )
    status = cora.locator("dt", has_text="Status").locator("xpath=following-sibling::dd[1]")
    expect(status).to_contain_text("Afgesloten")
    expect(status).to_contain_text("Schending vastgesteld")
    vakken = cora.locator(".igt-fasekaart__vak")
    expect(vakken).to_have_count(10)
    expect(cora.locator(".igt-fasekaart__vak--klaar")).to_have_count(10)
    expect(cora.locator("[aria-current=step]")).to_have_count(0)
    expect(cora.get_by_role("button", name="Fase afronden")).to_have_count(0)
    onderzoek.refresh_from_db()
    assert (onderzoek.status, onderzoek.uitkomst) == (Status.AFGESLOTEN, Uitkomst.VASTGESTELD)
    assert Maatregel.objects.get().soort == soort

    # The coordinator downloads the case file: the PDF and the uploaded files.
    with cora.expect_download() as download_info:
        cora.get_by_role(
            "link", name="Het hele dossier downloaden (PDF en bijlagen in een ZIP)"
        ).click()
    download = download_info.value
    assert download.suggested_filename == f"{onderzoek.nummer}-dossier.zip"
    with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as zip_:
        namen = zip_.namelist()
        assert "dossier.pdf" in namen
        bijlagen = {
            re.sub(r"^bijlagen/\d+-", "", naam): zip_.read(naam)
            for naam in namen
            if naam.startswith("bijlagen/")
        }
        pdf = PdfReader(io.BytesIO(zip_.read("dossier.pdf")))
    assert bijlagen == {
        "concept.pdf": PDF_CONCEPT,
        "eindrapport.pdf": PDF_EIND,
        "factuur.txt": BEWIJS,
    }
    assert len(pdf.pages) >= 3
    tekst = "\n".join(pagina.extract_text() for pagina in pdf.pages)
    assert "Maatregelen" in tekst
    assert MOTIVERING_MAATREGEL in tekst.replace("\n", " ")

    # The measure is counted in the statistics of the reports.
    cora.goto(reverse("meldingen:statistiek"))
    sectie = cora.locator("#onderzoeken-en-maatregelen")
    expect(sectie.get_by_role("heading", level=2)).to_have_text("Onderzoeken en maatregelen")
    expect(sectie.locator(f'[data-maatregel="{soort.code}"]')).to_have_text("1")
    expect(sectie.locator('[data-uitkomst="vastgesteld"]')).to_have_text("1")
    expect(sectie.locator('[data-kengetal="onderzoeken_afgesloten"]')).to_have_text("1")
    axe_check(cora)

    call_command("verify_audit")
