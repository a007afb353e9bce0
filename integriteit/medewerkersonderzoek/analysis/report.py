"""Assemble the JSON-ready result of ``analyze_survey`` (NaN becomes ``None``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from integriteit.medewerkersonderzoek.analysis.correlations import (
    Correlation,
    score_correlations,
)
from integriteit.medewerkersonderzoek.analysis.data import FloatArray, ResponseData
from integriteit.medewerkersonderzoek.analysis.groups import (
    MIN_GROUP_SIZE,
    Grouping,
    grouping_by,
    grouping_from_codes,
    grouping_single,
    groups_suppress,
)
from integriteit.medewerkersonderzoek.analysis.items import ItemStats, item_stats
from integriteit.medewerkersonderzoek.analysis.scales import ScaleStats, scale_stats
from integriteit.medewerkersonderzoek.analysis.weights import (
    WeightedItem,
    WeightInfo,
    weighted_items,
)
from integriteit.medewerkersonderzoek.spec import Questionnaire

Json = dict[str, Any]


@dataclass(frozen=True)
class Analysis:
    """Every statistic for every group of one grouping (arrays indexed by group)."""

    grouping: Grouping
    items: list[ItemStats]
    scales: list[ScaleStats]
    correlations: list[Correlation]


def analysis_run(
    questionnaire: Questionnaire, data: ResponseData, grouping: Grouping, spearman: bool = False
) -> Analysis:
    """Items, scales and score correlations for all groups at once."""
    items = [
        item_stats(item, questionnaire, data.columns, grouping) for item in questionnaire.items
    ]
    scales = [scale_stats(s, questionnaire, data.columns, grouping) for s in questionnaire.scales]
    scores = {scale.code: scale.scores for scale in scales}
    correlations = score_correlations(scores, grouping, spearman=spearman)
    return Analysis(grouping, [i for i in items if i is not None], scales, correlations)


def _num(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _nums(values: list[float]) -> list[float | None]:
    return [value if math.isfinite(value) else None for value in values]


def _num_lists(values: NDArray[np.float64]) -> list[Any]:
    """``values.tolist()`` with NaN and infinities as ``None`` (vectorised)."""
    boxed = values.astype(object)
    boxed[~np.isfinite(values)] = None
    return list(boxed.tolist())


@dataclass(frozen=True)
class _ItemRows:
    """One item's statistics as Python lists indexed by group, built once per grouping."""

    code: str
    keys: list[str]
    n: list[int]
    missing: list[int]
    counts: list[list[Any]]
    percent: list[list[float | None]]
    mean: list[float | None]
    agree_pct: list[float | None]


def _item_rows(stats: ItemStats) -> _ItemRows:
    return _ItemRows(
        code=stats.code,
        keys=[str(code) for code in stats.codes],
        n=stats.n.astype(np.int64).tolist(),
        missing=stats.missing.astype(np.int64).tolist(),
        counts=stats.counts.tolist(),
        percent=_num_lists(stats.percent),
        mean=_num_lists(stats.mean.astype(np.float64)),
        agree_pct=_num_lists(stats.agree_pct.astype(np.float64)),
    )


def _item_json(rows: _ItemRows, g: int) -> Json:
    keys = rows.keys
    return {
        "n": rows.n[g],
        "missing": rows.missing[g],
        "counts": dict(zip(keys, rows.counts[g], strict=True)),
        "percent": dict(zip(keys, rows.percent[g], strict=True)),
        "mean": rows.mean[g],
        "agree_pct": rows.agree_pct[g],
    }


def _scale_json(stats: ScaleStats, g: int) -> Json:
    rest, dropped = stats.item_rest[g].tolist(), stats.alpha_if_deleted[g].tolist()
    return {
        "items": list(stats.items),
        "reversed": list(stats.reversed),
        "n_complete": int(stats.n_complete[g]),
        "alpha": _num(float(stats.alpha[g])),
        "alpha_std": _num(float(stats.alpha_std[g])),
        "alpha_listwise": _num(float(stats.alpha_listwise[g])),
        "omega": _num(float(stats.omega[g])),
        "mean": _num(float(stats.mean[g])),
        "sd": _num(float(stats.sd[g])),
        "item_rest": {c: _num(v) for c, v in zip(stats.items, rest, strict=True)},
        "alpha_if_deleted": {c: _num(v) for c, v in zip(stats.items, dropped, strict=True)},
    }


def _correlation_json(corr: Correlation, g: int) -> Json:
    return {
        "x": corr.x,
        "y": corr.y,
        "method": corr.method,
        "r": _num(float(corr.r[g])),
        "n": int(corr.n[g]),
        "ci95": [_num(float(corr.low[g])), _num(float(corr.high[g]))],
        "p": _num(float(corr.p[g])),
    }


def analysis_json(analysis: Analysis, g: int, items: list[_ItemRows] | None = None) -> Json:
    """The ``items``, ``scales`` and ``correlations`` of group ``g`` (``items``: the item
    statistics as lists, when already built for the grouping)."""
    if items is None:
        items = [_item_rows(stats) for stats in analysis.items]
    return {
        "items": {rows.code: _item_json(rows, g) for rows in items},
        "scales": {stats.code: _scale_json(stats, g) for stats in analysis.scales},
        "correlations": [_correlation_json(corr, g) for corr in analysis.correlations],
    }


def _weighted_json(items: Json, weighted: list[WeightedItem], g: int) -> None:
    """Add ``"weighted": {"percent", "agree_pct", "mean"}`` to every item of one group."""
    for stats in weighted:
        percent = _nums(stats.percent[g].tolist())
        items[stats.code]["weighted"] = {
            "percent": dict(zip(stats.keys, percent, strict=True)),
            "agree_pct": _num(float(stats.agree_pct[g])),
            "mean": _num(float(stats.mean[g])),
        }


def _groups_json(analysis: Analysis, min_group_size: int) -> Json:
    grouping = analysis.grouping
    sizes = dict(zip(grouping.labels, grouping.sizes.tolist(), strict=True))
    hidden = groups_suppress(sizes, min_group_size)
    items = [_item_rows(stats) for stats in analysis.items]
    groups: Json = {}
    for g, label in enumerate(grouping.labels):
        if label in hidden:
            groups[label] = {"suppressed": True, "n": None}
        else:
            n = sizes[label]
            groups[label] = {"suppressed": False, "n": n, "n_responses": n}
            groups[label].update(analysis_json(analysis, g, items))
    return groups


def data_grouping(data: ResponseData) -> Grouping:
    """The grouping of ``data`` by its group column (from the reader's group numbers when it
    has them: the same groups, without sorting a million strings again)."""
    if data.group_codes is not None:
        return grouping_from_codes(data.group_codes, data.group_labels)
    if data.groups is None:
        return grouping_single(data.n_rows)
    return grouping_by(data.groups)


def survey_analyze(
    questionnaire: Questionnaire,
    data: ResponseData,
    *,
    min_group_size: int = MIN_GROUP_SIZE,
    spearman: bool = False,
    weighting: tuple[FloatArray, WeightInfo] | None = None,
) -> Json:
    """The ``analyze_survey`` result: overall statistics and, when ``data`` has group labels,
    the same per group with small groups suppressed (``{"suppressed": true, "n": null}``).

    With ``weighting`` (from :func:`~.weights.weights_compute`) every item, overall and in
    every visible group, also gets ``"weighted"`` and the result a ``"weights"`` summary."""
    single = grouping_single(data.n_rows)
    overall = analysis_run(questionnaire, data, single, spearman)
    result: Json = {"n_responses": data.n_rows, **analysis_json(overall, 0), "groups": {}}
    if weighting is not None:
        weights, info = weighting
        _weighted_json(
            result["items"], weighted_items(questionnaire, data.columns, single, weights), 0
        )
        result["weights"] = info.as_json()
    if data.groups is not None:
        per_group = analysis_run(questionnaire, data, data_grouping(data), spearman)
        result["groups"] = _groups_json(per_group, min_group_size)
        if weighting is not None:
            weighted = weighted_items(questionnaire, data.columns, per_group.grouping, weighting[0])
            for g, section in enumerate(result["groups"].values()):
                if not section["suppressed"]:
                    _weighted_json(section["items"], weighted, g)
    return result
