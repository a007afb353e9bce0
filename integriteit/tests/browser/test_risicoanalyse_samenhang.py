"""Issue 7 in a real browser: OCW's coordinator runs a risk analysis and sees the matrix and
the "samenhang" page.

The coordinator starts an analysis (workshop and interviews, a 4×4 matrix), adopts two risks
from the starter catalogue, assesses one of them (an impact off the 4×4 matrix is refused
naming the field, nothing saved), adds a measure, and establishes the analysis. The matrix
page counts the risk in the right cells, inherent and residual. The samenhang page shows the
analysis as the first step of the chain and names what is missing (no policy, no
evaluation); after a vision and a goal are recorded, those signals change. The assessment
page of norm 1 then suggests a level from the analysis. Every page state is checked with axe
(WCAG 2.1 AA) and for CSP errors. Run with ``pytest -m browser``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from integriteit.accounts.models import Gebruiker
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.normenkader.constants import Soort
from integriteit.normenkader.services import beoordeling_start
from integriteit.normenkader.tests import world as assessments
from integriteit.risicos.models import Risico, Risicoanalyse
from integriteit.tests.browser.conftest import CSP_ERRORS_ATTR, axe_check, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Pagina = Callable[[Gebruiker], Page]


@pytest.fixture
def pagina(browser: Browser, live_server: Any) -> Iterator[Pagina]:  # noqa: F811
    """A browser context logged in as ``gebruiker`` (session cookie of a verified log-in)."""
    contexten: list[Any] = []

    def maak(gebruiker: Gebruiker) -> Page:
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
        client = login_verified(Client(), gebruiker)
        naam = settings.SESSION_COOKIE_NAME
        context.add_cookies(
            [{"name": naam, "value": client.cookies[naam].value, "url": live_server.url}]
        )
        return nieuw

    yield maak
    for context in contexten:
        context.close()


def _aantal(p: Page, grid: str, kans: int, impact: int) -> str:
    """The count in the table beside a matrix (row ``<grid>-<kans>-<impact>``, 4th cell)."""
    return p.locator(f"#{grid}-{kans}-{impact} td").nth(3).inner_text().strip()


def test_coordinator_runs_a_risk_analysis_and_sees_matrix_and_samenhang(
    world: World, make_user: MakeUser, pagina: Pagina
) -> None:
    # A self-assessment of this year, to look at norm 1 in the end (an older cycle reads the
    # modules as they stood then: before this analysis existed).
    cyclus = assessments.cyclus(jaar=timezone.localdate().year)
    beoordeling = beoordeling_start(
        acting_user=None, cyclus=cyclus, organisatie=world.ocw, soort=Soort.ZELFEVALUATIE
    )
    p = pagina(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))

    p.goto("/risicos/")
    axe_check(p)
    p.get_by_role("link", name="Nieuwe risicoanalyse").click()
    axe_check(p)
    p.get_by_label("Organisatie").select_option(label=f"{world.ocw.naam} (OCW)")
    p.get_by_label("Titel").fill("Risicoanalyse OCW 2026")
    p.get_by_label("Workshop").check()
    p.get_by_label("Interviews").check()
    p.get_by_label("Aantal deelnemers").fill("18")
    p.locator("textarea[name=deelnemers_omschrijving]").fill(
        "Inkoop, subsidies, DG Cultuur en Media"
    )
    p.get_by_label("Betrokkenheid van medewerkers").fill(
        "Twee workshops met medewerkers van de werkvloer; interviews met vier teamleiders."
    )
    p.get_by_label("4 × 4").check()
    p.get_by_role("button", name="Opslaan").click()
    analyse = Risicoanalyse.objects.get(titel="Risicoanalyse OCW 2026")
    assert analyse.matrix_grootte == 4
    expect(p.get_by_role("heading", level=1)).to_contain_text("Risicoanalyse OCW 2026")
    axe_check(p)

    p.get_by_role("link", name="Overnemen uit de catalogus").click()
    axe_check(p)
    p.locator("#code-INK-01").check()
    p.locator("#code-INK-02").check()
    p.get_by_role("button", name="Gekozen risico's overnemen").click()
    assert Risico.objects.filter(analyse=analyse).count() == 2
    axe_check(p)

    eerste = Risico.objects.get(analyse=analyse, catalogus_code="INK-01")
    p.goto(f"/risicos/risico/{eerste.pk}/bewerken/")
    axe_check(p)
    # An impact off the 4×4 matrix (a tampered form) is refused naming the field.
    p.get_by_label("3 – Waarschijnlijk", exact=True).first.check()
    p.locator('input[name="impact"]').first.evaluate("el => { el.value = '5'; el.checked = true; }")
    p.get_by_role("button", name="Opslaan").click()
    expect(p.locator(".utrecht-form-field-error-message").first).to_contain_text("Impact")
    eerste.refresh_from_db()
    assert eerste.kans is None and eerste.impact is None  # nothing saved
    axe_check(p)
    for naam, waarde in (("kans", 3), ("impact", 3), ("rest_kans", 1), ("rest_impact", 3)):
        p.locator(f'input[name="{naam}"][value="{waarde}"]').check()
    p.get_by_role("button", name="Opslaan").click()
    beoordeeld = Risico.objects.get(pk=eerste.pk)
    assert (beoordeeld.kans, beoordeeld.impact) == (3, 3)
    assert (beoordeeld.rest_kans, beoordeeld.rest_impact) == (1, 3)

    p.get_by_role("link", name="Maatregel toevoegen").click()
    p.get_by_label("Omschrijving").fill("Vier-ogenprincipe bij gunningen boven 50.000 euro")
    p.get_by_label("Eigenaar").fill("Hoofd inkoop")
    p.get_by_label("Uiterlijk gereed").fill("2027-06-30")
    p.get_by_role("button", name="Opslaan").click()
    expect(p.locator(".igt-messages")).to_contain_text("De maatregel is toegevoegd.")
    axe_check(p)

    p.goto(f"/risicos/{analyse.pk}/matrix/")
    axe_check(p)
    assert _aantal(p, "bruto", 3, 3) == "1"
    assert _aantal(p, "rest", 1, 3) == "1"
    assert p.locator('[id^="bruto-"]').count() == 1  # the other risk is not assessed yet

    p.goto("/beleid/OCW/samenhang/")
    axe_check(p)
    keten = p.locator("#keten").locator("xpath=..")
    expect(keten).to_contain_text("Risicoanalyse OCW 2026")
    signalen = p.locator('[aria-labelledby="signalen-kop"]')
    expect(signalen).to_contain_text("Er is geen integriteitsbeleid vastgelegd.")
    expect(signalen).to_contain_text("De risicoanalyse is nog niet vastgesteld.")

    p.goto("/beleid/OCW/visie/")
    axe_check(p)
    p.get_by_label("Visie op integriteit").fill(
        "Integriteit is een gedeelde verantwoordelijkheid: medewerkers spreken elkaar aan."
    )
    p.get_by_role("button", name="Opslaan").click()
    p.goto("/beleid/OCW/samenhang/")
    expect(signalen).not_to_contain_text("Er is geen integriteitsbeleid vastgelegd.")
    expect(signalen).to_contain_text("Het beleid heeft geen concrete doelen.")
    axe_check(p)

    een = beoordeling.oordelen.get(norm__code="1")
    p.goto(f"/beoordelingen/oordeel/{een.pk}/")
    expect(p.locator(".igt-normbewijs")).to_contain_text("Risicoanalyse")
    expect(p.locator(".igt-normbewijs")).to_contain_text("niet vastgesteld")
    axe_check(p)
