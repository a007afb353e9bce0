"""The unit tree the synthetic respondents are spread over, and the survey profiles."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

DEMO_TREE = Path(__file__).resolve().parents[2] / "organisaties/fixtures/demo_organisaties.csv"


@dataclass(frozen=True)
class Unit:
    """A leaf unit (organisatieonderdeel without sub-units) of a ministry, with its headcount."""

    code: str
    name: str
    ministry: str
    headcount: int


@dataclass(frozen=True)
class Profile:
    """The figures of one survey wave that the synthetic data reproduce.

    ``ark-2023``: the Court of Audit's survey among the 12 core ministries, 16 October to
    6 November 2023; 20,144 invitations, 22.3 % response (report, appendix B3.1 and summary).
    """

    code: str
    questionnaire: str
    invitations: int
    response_rate: float
    ministries: int
    reference_date: dt.date
    manager_share: float
    unit_icc: float

    @property
    def default_n(self) -> int:
        """Expected number of responses: invitations × response rate (20,144 × 0.223 → 4,492)."""
        return round(self.invitations * self.response_rate)

    def invitations_per_ministry(self, units: Iterable[Unit]) -> dict[str, int]:
        """The invitations spread over the ministries in proportion to their headcount
        (largest remainder, so that they add up to ``invitations``)."""
        return _largest_remainder(ministry_headcounts(units), self.invitations)


PROFILES: Mapping[str, Profile] = {
    "ark-2023": Profile(
        code="ark-2023",
        questionnaire="ark-2023",
        invitations=20_144,
        response_rate=0.223,
        ministries=12,
        reference_date=dt.date(2023, 11, 6),
        manager_share=0.15,
        unit_icc=0.04,
    ),
}


def ministry_headcounts(units: Iterable[Unit]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for unit in units:
        totals[unit.ministry] = totals.get(unit.ministry, 0) + unit.headcount
    return totals


def _largest_remainder(weights: Mapping[str, int], total: int) -> dict[str, int]:
    whole = sum(weights.values())
    if whole <= 0:
        return dict.fromkeys(weights, 0)
    exact = {key: total * weight / whole for key, weight in weights.items()}
    result = {key: int(value) for key, value in exact.items()}
    rest = total - sum(result.values())
    by_fraction = sorted(exact, key=lambda key: (result[key] - exact[key], key))
    for key in by_fraction[:rest]:
        result[key] += 1
    return result


def _valid_on(row: Mapping[str, str], on: dt.date) -> bool:
    start, end = row.get("valid_from") or "", row.get("valid_to") or ""
    if start and dt.date.fromisoformat(start) > on:
        return False
    return not (end and dt.date.fromisoformat(end) < on)


def demo_units(on: dt.date | None = None, path: Path = DEMO_TREE) -> list[Unit]:
    """The leaf units of the demo organisation tree valid on ``on`` (default: the date of the
    ``ark-2023`` survey, which gives the 12 ministries of 2023), in file order."""
    on = on or PROFILES["ark-2023"].reference_date
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if _valid_on(row, on)]
    parent = {row["code"]: row["parent"] for row in rows}
    kind = {row["code"]: row["kind"] for row in rows}
    has_children = {row["parent"] for row in rows}

    def ministry_of(code: str) -> str:
        while code and kind.get(code) != "ministerie":
            code = parent.get(code, "")
        return code

    units: list[Unit] = []
    for row in rows:
        if row["kind"] == "ministerie" or row["code"] in has_children:
            continue
        ministry = ministry_of(row["code"])
        headcount = int(row["headcount"] or 0)
        if ministry and headcount > 0:
            units.append(Unit(row["code"], row["name"], ministry, headcount))
    return units
