"""Small-group suppression: primary, secondary, and a differencing attack."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from integriteit.medewerkersonderzoek.analysis.data import responses_from_arrays
from integriteit.medewerkersonderzoek.analysis.groups import groups_suppress, min_group_size_clamp
from integriteit.medewerkersonderzoek.analysis.report import survey_analyze
from integriteit.medewerkersonderzoek.tests.test_analysis_engine import (
    small_columns,
    small_questionnaire,
)


def _remainder(sizes: dict[str, int], suppressed: set[str]) -> int:
    return sum(sizes.values()) - sum(n for g, n in sizes.items() if g not in suppressed)


def test_primary_suppression_only_when_the_rest_is_big_enough() -> None:
    assert groups_suppress({"a": 50, "b": 6, "c": 7}, 10) == {"b", "c"}  # 13 hidden ≥ 10
    assert groups_suppress({"a": 50, "b": 40}, 10) == set()


def test_one_small_group_pulls_the_smallest_visible_group_along() -> None:
    assert groups_suppress({"a": 50, "b": 30, "c": 12, "d": 4}, 10) == {"c", "d"}


def test_secondary_suppression_continues_until_the_rest_reaches_the_minimum() -> None:
    # 3 + 1 = 4 hidden is too few; the smallest visible group (10) joins them: 14.
    assert groups_suppress({"a": 100, "b": 10, "c": 3, "d": 1}, 10) == {"b", "c", "d"}


def test_everything_suppressed_when_all_groups_are_small() -> None:
    assert groups_suppress({"a": 3, "b": 4}, 10) == {"a", "b"}


def test_minimum_never_below_five() -> None:
    size, warning = min_group_size_clamp(3)
    assert size == 5 and warning is not None and "5 wordt gebruikt" in warning
    assert min_group_size_clamp(10) == (10, None)
    assert groups_suppress({"a": 100, "b": 4}, 1) == {"a", "b"}  # clamped to 5


def test_differencing_attack_is_stopped() -> None:
    """Group e (8 people) is suppressed. Without secondary suppression, the item counts of
    the total minus those of the visible groups would be exactly e's answers; with it, the
    remainder always mixes e with at least one other group of ≥ 10."""
    columns, groups = small_columns()
    result = survey_analyze(small_questionnaire(), responses_from_arrays(columns, groups))
    visible = {g: s for g, s in result["groups"].items() if not s["suppressed"]}
    remainder_counts = {
        code: result["items"]["a1"]["counts"][code]
        - sum(s["items"]["a1"]["counts"][code] for s in visible.values())
        for code in result["items"]["a1"]["counts"]
    }
    remainder_n = result["n_responses"] - sum(s["n"] for s in visible.values())
    assert remainder_n >= 10
    e_values = columns["a1"][groups == "e"]
    e_counts = {str(c): int((e_values == c).sum()) for c in (1, 2, 3, 4, 5, 9)}
    assert remainder_n != (groups == "e").sum()
    assert remainder_counts != e_counts or remainder_n > (groups == "e").sum()
    # The attack would have worked with primary suppression only (d visible):
    d_values = columns["a1"][groups == "d"]
    with_d = {c: remainder_counts[c] - int((d_values == int(c)).sum()) for c in remainder_counts}
    assert with_d == e_counts


@settings(max_examples=300, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=12),
    minimum=st.integers(min_value=0, max_value=25),
)
def test_no_group_under_the_minimum_is_ever_revealed(sizes: list[int], minimum: int) -> None:
    named = {f"g{i}": n for i, n in enumerate(sizes)}
    suppressed = groups_suppress(named, minimum)
    effective = max(minimum, 5)
    assert all(n >= effective for g, n in named.items() if g not in suppressed)
    remainder = _remainder(named, suppressed)
    # All groups hidden: the remainder is just the overall total, which is shown anyway.
    assert remainder == 0 or remainder >= effective or suppressed == set(named)
    # Not more than needed: the suppressed groups are the small ones plus the smallest others.
    assert all(named[g] < effective for g in suppressed) or remainder >= effective


@settings(max_examples=40, deadline=None)
@given(
    labels=st.lists(st.sampled_from(["a", "b", "c", "d", "e", ""]), min_size=1, max_size=80),
    minimum=st.integers(min_value=5, max_value=15),
)
def test_analysis_output_never_reveals_a_small_group(labels: list[str], minimum: int) -> None:
    columns, _ = small_columns()
    n = len(labels)
    data = responses_from_arrays({k: v[:n] for k, v in columns.items()}, np.array(labels))
    result = survey_analyze(small_questionnaire(), data, min_group_size=minimum)
    shown = [s["n"] for s in result["groups"].values() if not s["suppressed"]]
    assert all(size >= minimum for size in shown)
    remainder = n - sum(shown)
    assert remainder == 0 or remainder >= minimum or not shown
    for section in result["groups"].values():
        if section["suppressed"]:
            assert section == {"suppressed": True, "n": None}
