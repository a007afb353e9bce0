"""The starter catalogue: its coverage, and the checks of a catalogue file."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from integriteit.common.schendingen import Schending
from integriteit.risicos.catalogus import catalogus_lezen, catalogus_starter
from integriteit.risicos.constants import KwetsbaarGebied


def test_starter_covers_every_violation_type_and_area() -> None:
    items = catalogus_starter()
    assert len(items) >= 36
    assert {i.schending for i in items} == set(Schending.values)
    assert {i.gebied for i in items} == set(KwetsbaarGebied.values)
    assert all(i.bron and i.beheersmaatregelen and i.omschrijving for i in items)
    assert len({i.code for i in items}) == len(items)


GOED = b"""code: test
titel: Test
risicos:
  - code: A-1
    titel: Een risico
    omschrijving: Iets
    schending: belangen
    gebied: inkoop
    beheersmaatregelen: [Vier ogen]
    bron: Wij
"""


def test_a_good_file_reads() -> None:
    [item] = catalogus_lezen(data=GOED, filename="test.yaml")
    assert (item.code, item.schending, item.beheersmaatregelen) == (
        "A-1",
        "belangen",
        ("Vier ogen",),
    )


def test_a_broken_file_names_file_line_and_field() -> None:
    kapot = GOED.replace(b"schending: belangen", b"schending: diefstal").replace(
        b"    bron: Wij\n", b""
    )
    with pytest.raises(ValidationError) as error:
        catalogus_lezen(data=kapot, filename="kapot.yaml")
    teksten = error.value.messages
    assert any(
        t.startswith("kapot.yaml, regel 7, veld risicos[0].schending:") and "diefstal" in t
        for t in teksten
    ), teksten
    assert any("risicos[0].bron: ontbreekt" in t for t in teksten), teksten


def test_doubled_code_and_bad_yaml() -> None:
    dubbel = GOED + GOED[GOED.index(b"  - code") :]
    with pytest.raises(ValidationError, match="komt al voor op regel 4"):
        catalogus_lezen(data=dubbel, filename="d.yaml")
    with pytest.raises(ValidationError, match="geen geldige YAML"):
        catalogus_lezen(data=b"code: [", filename="y.yaml")
