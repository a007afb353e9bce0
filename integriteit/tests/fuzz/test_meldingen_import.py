"""hypothesis on the import of a historical reports registry (``meldingen/importeren``, the
command ``import_reports``): it checks and stores, or refuses with Dutch messages naming the
row and the column and stores nothing."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.meldingen.importeren import (
    OPTIONEEL,
    VERPLICHT,
    ImportFout,
    controleren,
    meldingen_importeren,
)
from integriteit.tests.fuzz.helpers import (
    parses_or_refuses,
    refused_changes_nothing,
    teruggedraaid,
)
from integriteit.tests.fuzz.profielen import PROFIEL, examples
from integriteit.tests.fuzz.strategies import any_bytes, near_valid_csv

HEADER = (*VERPLICHT, *OPTIONEEL)
ROWS = (
    (
        "2023-02-01",
        "telefoon",
        "belangen",
        "ontvangen",
        "Omschrijving",
        "Naam",
        "a@b.nl",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "15-3-2023",
        "E-mail of post",
        "Weet ik niet",
        "Afgesloten",
        "Tweede, met komma",
        "",
        "",
        "16-3-2023",
        "",
        "1-4-2023",
        "",
        "",
    ),
    (
        "2024-01-10",
        "persoonlijk",
        "financieel",
        "in_behandeling",
        "=1+1",
        "",
        "",
        "2024-01-11",
        "2024-02-01",
        "",
        "",
        "",
    ),
)
FILES = st.one_of(
    any_bytes(),
    near_valid_csv(HEADER, ROWS),
    near_valid_csv(VERPLICHT, [row[: len(VERPLICHT)] for row in ROWS]),
)
TODAY = date(2026, 1, 1)


def test_a_cell_over_the_csv_field_limit_is_refused() -> None:
    data = (
        ",".join(VERPLICHT) + "\n2023-01-01,telefoon,belangen,ontvangen," + "x" * 200_000 + ",,\n"
    ).encode()
    with pytest.raises(ImportFout):
        controleren(data, vandaag=TODAY)


@PROFIEL
@given(data=FILES)
def test_check_reads_or_says_why(data: bytes) -> None:
    parses_or_refuses(lambda: controleren(data, vandaag=TODAY), ImportFout)


@pytest.fixture
def coordinator_met_sleutel(world: World, make_user: MakeUser) -> Gebruiker:
    """A coordinator of OCW whose key exists (made at the first log-in): the import is
    refused when nobody could read the reports."""
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    kluis.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)
    return user


@pytest.mark.django_db
@examples(15)  # every stored report is encrypted: slower per example
@given(data=FILES)
def test_import_is_all_or_nothing(
    data: bytes, world: World, coordinator_met_sleutel: Gebruiker
) -> None:
    with teruggedraaid():
        refused_changes_nothing(
            lambda: meldingen_importeren(organisatie=world.ocw, data=data),
            ImportFout,
            ("meldingen", "kluis"),
        )


@pytest.mark.django_db
def test_without_a_reader_nothing_is_stored(world: World) -> None:
    """The one refusal that depends on the database, not on the file."""
    data = (",".join(VERPLICHT) + "\n2023-01-01,telefoon,belangen,ontvangen,Iets,,\n").encode()
    refused_changes_nothing(
        lambda: meldingen_importeren(organisatie=world.ocw, data=data),
        ImportFout,
        ("meldingen", "kluis"),
    )
