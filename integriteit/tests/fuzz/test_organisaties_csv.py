"""hypothesis on the organisations CSV import (``organisaties/csv_io``): it imports, or
refuses with Dutch messages naming the line and changes nothing (all or nothing)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from integriteit.accounts.models import Gebruiker
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.organisaties.csv_io import HEADER, organisaties_import_csv, parsing
from integriteit.tests.fuzz.helpers import (
    parses_or_refuses,
    refused_changes_nothing,
    teruggedraaid,
)
from integriteit.tests.fuzz.profielen import PROFIEL
from integriteit.tests.fuzz.strategies import any_bytes, near_valid_csv

ROWS = (
    ("OCW", "Ministerie van OCW", "RIJK", "ministerie", "", "", "", ""),
    ("OCW-DGCM", "DG Cultuur en Media", "OCW", "onderdeel", "110.5", "120", "2020-01-01", ""),
    ("OCW-A", "Afdeling A", "OCW-DGCM", "onderdeel", "", "7", "", "2030-12-31"),
    ("OCW-B", "=SOM(A1)", "OCW-A", "onderdeel", "1,5", "", "", ""),
)
FILES = st.one_of(any_bytes(), near_valid_csv(HEADER, ROWS))


@pytest.fixture
def ocw_beheerder(world: World, make_user: MakeUser) -> Gebruiker:
    return make_user(Rol.BEHEERDER, world.ocw)


def _import(user: Gebruiker | None, data: bytes) -> object:
    return organisaties_import_csv(acting_user=user, data=data, system=user is None)


@pytest.mark.parametrize("data", [b",,,\n", b'"'], ids=["komma", "quote"])
def test_a_file_of_blank_records_is_refused(data: bytes) -> None:
    with pytest.raises(ValidationError):
        parsing.parse(data, parsing.Errors())


@PROFIEL
@given(data=FILES)
def test_parse_reads_or_says_why(data: bytes) -> None:
    parses_or_refuses(lambda: parsing.parse(data, parsing.Errors()), ValidationError)


@pytest.mark.django_db
@PROFIEL
@given(data=FILES, system=st.booleans())
def test_import_is_all_or_nothing(data: bytes, system: bool, ocw_beheerder: Gebruiker) -> None:
    """As the system (no scope), and as a manager of OCW, who may not touch RIJK or FIN."""
    with teruggedraaid():
        refused_changes_nothing(
            lambda: _import(None if system else ocw_beheerder, data),
            ValidationError,
            ("organisaties",),
        )
