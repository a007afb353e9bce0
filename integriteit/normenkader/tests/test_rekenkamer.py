"""The shipped 2023 cycle gives exactly the ratings of the report's text (issue 3)."""

from __future__ import annotations

from collections import Counter

import pytest

from integriteit.accounts.demo import DEMO_CSV
from integriteit.normenkader.constants import Soort, Status
from integriteit.normenkader.demo import normenkader_demo_load
from integriteit.normenkader.models import Beoordeling, Cyclus, Oordeel
from integriteit.normenkader.rekenkamer import rekenkamer_2023_load
from integriteit.organisaties.csv_io import organisaties_import_csv

MINISTRIES = ["AZ", "BZ", "BZK", "DEF", "EZK", "FIN", "IenW", "JenV", "LNV", "OCW", "SZW", "VWS"]


@pytest.fixture
def levels(db: None) -> dict[tuple[str, str], str]:
    organisaties_import_csv(acting_user=None, data=DEMO_CSV.read_bytes(), system=True)
    normenkader_demo_load()
    return {
        (o.beoordeling.organisatie.code, o.norm.code): o.niveau.code
        for o in Oordeel.objects.filter(beoordeling__cyclus__jaar=2023).select_related(
            "beoordeling__organisatie", "norm", "niveau"
        )
        if o.niveau is not None
    }


def _count(levels: dict[tuple[str, str], str], norm: str) -> Counter[str]:
    return Counter(level for (_org, code), level in levels.items() if code == norm)


def test_every_ministry_has_fifteen_ratings_and_rijk_five(
    levels: dict[tuple[str, str], str],
) -> None:
    per_org = Counter(org for org, _norm in levels)
    assert {org: per_org[org] for org in MINISTRIES} == dict.fromkeys(MINISTRIES, 15)
    assert per_org["RIJK"] == 5


def test_norm_9_half_of_the_ministries_meet_it(levels: dict[tuple[str, str], str]) -> None:
    """§3.5.2: "Bij de helft van de ministeries is dat in orde."""
    assert _count(levels, "9") == Counter({"voldoet": 6, "stap": 3, "kleine-stap": 3})
    meeting = sorted(
        org for (org, norm), level in levels.items() if norm == "9" and level == "voldoet"
    )
    assert meeting == ["BZ", "DEF", "FIN", "IenW", "JenV", "SZW"]


@pytest.mark.parametrize(
    ("norm", "stap", "kleine_stap"),
    [
        ("1", {"BZK", "AZ", "SZW", "BZ", "EZK", "LNV", "OCW"}, {"JenV", "VWS"}),
        ("2", {"AZ", "OCW", "SZW"}, {"BZK", "EZK", "IenW", "LNV", "VWS"}),
        ("3", {"AZ", "SZW"}, {"BZK", "OCW", "VWS"}),
        ("7", {"BZK", "AZ", "EZK", "LNV"}, {"FIN", "OCW", "VWS"}),
        ("8", {"BZK", "AZ", "IenW", "OCW"}, set()),
        ("10", {"AZ"}, set()),
        ("11", {"AZ"}, set()),
        ("12", {"BZK", "AZ", "BZ", "DEF", "VWS"}, set()),
        ("15", {"BZK", "AZ", "EZK", "LNV", "SZW"}, {"BZ", "FIN", "OCW", "JenV"}),
    ],
)
def test_reported_norms(
    levels: dict[tuple[str, str], str], norm: str, stap: set[str], kleine_stap: set[str]
) -> None:
    for org in MINISTRIES:
        expected = "stap" if org in stap else "kleine-stap" if org in kleine_stap else "voldoet"
        assert levels[(org, norm)] == expected, f"{org} norm {norm}"


@pytest.mark.parametrize("norm", ["4", "5", "6", "13", "14"])
def test_unreported_norms_are_unknown(levels: dict[tuple[str, str], str], norm: str) -> None:
    assert _count(levels, norm) == Counter({"onbekend": 12})


def test_coordinating_role(levels: dict[tuple[str, str], str]) -> None:
    assert [levels[("RIJK", f"BZK-{n}")] for n in range(1, 6)] == [
        "voldoet",
        "stap",
        "stap",
        "stap",
        "onbekend",
    ]


def test_every_rating_cites_its_section(levels: dict[tuple[str, str], str]) -> None:
    for oordeel in Oordeel.objects.filter(beoordeling__cyclus__jaar=2023).select_related("norm"):
        assert "Integriteit als basis" in oordeel.bron
        if oordeel.niveau and oordeel.niveau.code != "onbekend":
            assert "§3." in oordeel.bron, oordeel.norm.code


def test_loading_twice_changes_nothing(levels: dict[tuple[str, str], str]) -> None:
    before = (Beoordeling.objects.count(), Oordeel.objects.count())
    rekenkamer_2023_load()
    assert (Beoordeling.objects.count(), Oordeel.objects.count()) == before
    beoordelingen = Beoordeling.objects.filter(cyclus__jaar=2023)
    assert {b.status for b in beoordelingen} == {Status.DEFINITIEF}
    assert {b.soort for b in beoordelingen} == {Soort.AUDITOR}


def test_demo_has_an_open_2024_cycle_starting_from_2023(levels: dict[tuple[str, str], str]) -> None:
    cyclus = Cyclus.objects.get(jaar=2024)
    assert cyclus.vorige is not None
    assert cyclus.vorige.jaar == 2023
