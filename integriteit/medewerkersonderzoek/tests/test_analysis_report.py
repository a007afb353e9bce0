"""The per-group item JSON built from lists prepared once equals the one built per group."""

from __future__ import annotations

import math
from typing import Any

from integriteit.medewerkersonderzoek.analysis.data import responses_from_arrays
from integriteit.medewerkersonderzoek.analysis.groups import grouping_by
from integriteit.medewerkersonderzoek.analysis.report import analysis_json, analysis_run
from integriteit.medewerkersonderzoek.tests.test_analysis_engine import (
    small_columns,
    small_questionnaire,
)


def _direct(stats: Any, g: int) -> dict[str, Any]:
    """The item JSON straight from the arrays (the former per-group construction)."""

    def num(value: float) -> float | None:
        return value if math.isfinite(value) else None

    keys = [str(code) for code in stats.codes]
    return {
        "n": int(stats.n[g]),
        "missing": int(stats.missing[g]),
        "counts": dict(zip(keys, stats.counts[g].tolist(), strict=True)),
        "percent": {k: num(v) for k, v in zip(keys, stats.percent[g].tolist(), strict=True)},
        "mean": num(float(stats.mean[g])),
        "agree_pct": num(float(stats.agree_pct[g])),
    }


def test_item_json_per_group_matches_the_arrays() -> None:
    columns, groups = small_columns()
    data = responses_from_arrays(columns, groups)
    analysis = analysis_run(small_questionnaire(), data, grouping_by(groups))
    for g in range(len(analysis.grouping.labels)):
        items = analysis_json(analysis, g)["items"]
        assert list(items) == [stats.code for stats in analysis.items]
        for stats in analysis.items:
            got = items[stats.code]
            assert got == _direct(stats, g)
            assert all(type(got[key]) is int for key in ("n", "missing"))
