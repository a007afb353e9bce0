"""hypothesis on the import of ratings (``normenkader/uitwisseling``, CSV and XLSX): it sets
the ratings, or refuses with Dutch messages naming the line or row and changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from integriteit.accounts.models import Gebruiker
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader.constants import Soort
from integriteit.normenkader.models import Cyclus
from integriteit.normenkader.tests import world as data
from integriteit.normenkader.uitwisseling import IMPORT_COLUMNS, ratings_import
from integriteit.tests.fuzz.helpers import (
    refused_changes_nothing,
    teruggedraaid,
)
from integriteit.tests.fuzz.profielen import PROFIEL, examples
from integriteit.tests.fuzz.strategies import any_bytes, near_valid_csv
from integriteit.tests.fuzz.xlsx import (
    damaged_xlsx,
    near_valid_xlsx,
    with_zip_version,
    workbook_bytes,
)

ROWS = (
    ("OCW", "1", "kleine-stap", "Twee directies gedaan"),
    ("OCW", "9", "voldoet", ""),
    ("OCW", "2", "VOLDOET", "=1+1"),
)
XLSX_ROWS = (("OCW", 1, "kleine-stap", "Bevinding"), ("OCW", 9.0, "voldoet", None))
CSV_FILES = st.one_of(any_bytes(), near_valid_csv(IMPORT_COLUMNS, ROWS))
XLSX_FILES = st.one_of(
    near_valid_xlsx(IMPORT_COLUMNS, XLSX_ROWS),
    damaged_xlsx(workbook_bytes([IMPORT_COLUMNS, *XLSX_ROWS])),
    any_bytes().map(lambda raw: b"PK\x03\x04" + raw),
)


@pytest.fixture
def cyclus(world: World) -> Cyclus:
    return data.cyclus(2024)


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> Gebruiker:
    return make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)


def _run(user: Gebruiker | None, cyclus: Cyclus, raw: bytes, filename: str, soort: str) -> None:
    with teruggedraaid():
        refused_changes_nothing(
            lambda: ratings_import(
                acting_user=user,
                cyclus=cyclus,
                soort=soort,
                data=raw,
                filename=filename,
                system=user is None,
            ),
            ValidationError,
            ("normenkader", "organisaties"),
        )


@pytest.mark.django_db
def test_the_seeds_are_imported(cyclus: Cyclus, coordinator: Gebruiker) -> None:
    for raw, filename in (
        (near_valid_csv_seed(), "oordelen.csv"),
        (workbook_bytes([IMPORT_COLUMNS, *XLSX_ROWS]), "oordelen.xlsx"),
    ):
        summary = ratings_import(
            acting_user=coordinator,
            cyclus=cyclus,
            soort=Soort.ZELFEVALUATIE,
            data=raw,
            filename=filename,
        )
        assert summary.oordelen_gezet + summary.oordelen_ongewijzigd >= len(XLSX_ROWS)


def near_valid_csv_seed() -> bytes:
    return "\n".join(",".join(row) for row in (IMPORT_COLUMNS, *ROWS)).encode()


@pytest.mark.django_db
@PROFIEL
@given(raw=CSV_FILES, system=st.booleans(), soort=st.sampled_from(Soort.values))
def test_csv_import_is_all_or_nothing(
    raw: bytes, system: bool, soort: str, cyclus: Cyclus, coordinator: Gebruiker
) -> None:
    _run(None if system else coordinator, cyclus, raw, "oordelen.csv", soort)


@pytest.mark.django_db
@examples(25)  # a workbook is written and read per example
@given(raw=XLSX_FILES, system=st.booleans())
def test_xlsx_import_is_all_or_nothing(
    raw: bytes, system: bool, cyclus: Cyclus, coordinator: Gebruiker
) -> None:
    _run(None if system else coordinator, cyclus, raw, "oordelen.xlsx", Soort.ZELFEVALUATIE)


@pytest.mark.django_db
def test_a_workbook_of_an_unknown_zip_version_is_refused(cyclus: Cyclus) -> None:
    raw = with_zip_version(workbook_bytes([IMPORT_COLUMNS, *XLSX_ROWS]))
    with pytest.raises(ValidationError):
        ratings_import(
            acting_user=None,
            cyclus=cyclus,
            soort=Soort.ZELFEVALUATIE,
            data=raw,
            filename="oordelen.xlsx",
            system=True,
        )
