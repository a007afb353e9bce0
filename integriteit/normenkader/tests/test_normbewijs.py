"""The modules' evidence on the rating pages (issue 7, part 4): a suggested level with its
reasons, shown beside the assessor's own form and never saved as a rating.

These tests register a source of their own in :data:`normbewijs.BRONNEN` (the registry the
apps fill), so they test the page and the contract apart from the apps' rules; the apps test
their own rules, and ``test_normbewijs_modules`` the whole chain with real data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from integriteit.accounts.tests.factories import GebruikerFactory, LidmaatschapFactory
from integriteit.common.roles import Rol
from integriteit.conftest import World, login_verified
from integriteit.normenkader import normbewijs
from integriteit.normenkader.normbewijs import Aanwijzing, Normbewijs, peildatum_van
from integriteit.normenkader.tests import world as data
from integriteit.organisaties.models import Organisatie

_gezien: list[tuple[str, date]] = []


def bron(*, organisatie: Organisatie, peildatum: date, gebruiker: Any) -> list[Normbewijs]:
    """A source as an app writes one: norm 1 only, with one fact that meets and one gap."""
    _gezien.append((organisatie.code, peildatum))
    return [
        Normbewijs(
            norm_code="1",
            niveau="kleine-stap",
            redenen=("Er is een vastgestelde analyse, maar zonder medewerkers.",),
            aanwijzingen=(
                Aanwijzing("Risicoanalyse van 3 maart 2024", voldaan=True, url="/risicos/1/"),
                Aanwijzing("Geen medewerkers betrokken", voldaan=False),
            ),
            bron="Risicoanalyse (test)",
        )
    ]


@pytest.fixture
def eigen_bron(monkeypatch: pytest.MonkeyPatch) -> None:
    _gezien.clear()
    monkeypatch.setattr(normbewijs, "BRONNEN", (f"{__name__}.bron",))


def _client(world: World, rol: str) -> Client:
    gebruiker = GebruikerFactory.create()
    LidmaatschapFactory.create(gebruiker=gebruiker, organisatie=world.ocw, rol=rol)
    return login_verified(Client(), gebruiker)


def test_peildatum_is_the_end_of_the_year_or_today() -> None:
    assert peildatum_van(jaar=2024, vandaag=date(2026, 5, 1)) == date(2024, 12, 31)
    assert peildatum_van(jaar=2026, vandaag=date(2026, 5, 1)) == date(2026, 5, 1)


def test_an_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="Onbekend niveau"):
        Normbewijs(norm_code="1", niveau="prima", redenen=())


@pytest.mark.usefixtures("eigen_bron")
def test_rating_form_shows_the_suggestion_with_reasons_and_facts(world: World) -> None:
    een = data.oordeel(world.ocw, "1")
    html = (
        _client(world, Rol.INTEGRITEITSCOORDINATOR)
        .get(reverse("normenkader:oordeel_edit", args=[een.pk]))
        .content.decode()
    )
    assert "Wat het systeem hierover weet" in html
    assert "Risicoanalyse (test)" in html
    # The framework's own label for the code, not the code.
    assert "In mindere mate nog een stap te zetten" in html
    assert "Er is een vastgestelde analyse, maar zonder medewerkers." in html
    assert 'href="/risicos/1/"' in html and "Geen medewerkers betrokken" in html
    assert _gezien == [("OCW", date(2024, 12, 31))]  # the cycle's year, ended
    # Advice only: the rating itself is untouched.
    een.refresh_from_db()
    assert een.niveau is None


@pytest.mark.usefixtures("eigen_bron")
def test_reader_page_shows_it_too_and_only_for_that_norm(world: World) -> None:
    client = _client(world, Rol.BEVOEGD_GEZAG)
    een, negen = data.oordeel(world.ocw, "1"), data.oordeel(world.ocw, "9")
    assert (
        "Risicoanalyse (test)"
        in client.get(reverse("normenkader:oordeel", args=[een.pk])).content.decode()
    )
    assert (
        "Wat het systeem hierover weet"
        not in client.get(reverse("normenkader:oordeel", args=[negen.pk])).content.decode()
    )


@pytest.mark.usefixtures("eigen_bron")
def test_assessment_page_has_a_column_with_the_suggestion_per_norm(world: World) -> None:
    beoordeling = data.beoordeling(world.ocw)
    html = (
        _client(world, Rol.INTEGRITEITSCOORDINATOR)
        .get(reverse("normenkader:beoordeling", args=[beoordeling.pk]))
        .content.decode()
    )
    assert "Voorstel uit de modules" in html
    assert html.count("(Risicoanalyse (test))") == 1  # norm 1's row only
    assert len(_gezien) == 1  # the sources run once for the whole page


def test_without_suggestions_there_is_no_column(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(normbewijs, "BRONNEN", ())
    beoordeling = data.beoordeling(world.ocw)
    html = (
        _client(world, Rol.INTEGRITEITSCOORDINATOR)
        .get(reverse("normenkader:beoordeling", args=[beoordeling.pk]))
        .content.decode()
    )
    assert "Oordelen per norm" in html and "Voorstel uit de modules" not in html
