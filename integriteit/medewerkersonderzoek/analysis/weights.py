"""Non-response weighting: post-stratification (one variable) or raking (several), weighted
item percentages, and Kish's effective sample size.

API (plain numpy, no Django; used by ``analyze_survey --weights`` and by the pages):

``margins_read_csv(path) -> Margins``
    Reads a CSV with header ``variable,value,population`` (e.g. ``unit,OCW-DGCM,120``) into
    ``{variable: {value: population}}``. Errors (:class:`WeightsError`, Dutch) name the line.

``weights_compute(columns, margins, *, tolerance=1e-6, max_iterations=100)
-> (weights, WeightInfo)``
    ``columns`` maps every variable of ``margins`` to the respondents' values (one string
    per response row, e.g. ``ResponseData.covariates`` or the unit of each stored
    response). One variable: post-stratification, w = population(cell) / respondents(cell).
    Several: raking by iterative proportional fitting, each variable's weighted totals set
    to its population margins in turn, until the largest relative change of a weight in a
    sweep is below ``tolerance`` or after ``max_iterations`` sweeps; ``converged`` also
    requires every margin to be met within 1e-4 (relative). Weights are expansion
    weights: they sum to the population total of the first variable (the margins of the
    other variables are rescaled to that total when they differ). ``WeightInfo`` holds the
    variables, Kish's effective n = (Σw)² / Σw², the number of sweeps and whether it
    converged. Raises :class:`WeightsError` for a variable without response column, a
    response value without population row (naming value and response row, counted like
    file lines: the first response is row 2) and a population ≤ 0.

``weighted_items(questionnaire, columns, grouping, weights) -> list[WeightedItem]``
    Per item and group: weighted percentages per code (shares of the weighted valid
    answers, "weet niet" included, as the unweighted ``percent``), weighted ``agree_pct``
    and weighted mean of the substantive codes; for a multiple-choice item the weighted share
    of those asked who chose each option. Rows in their original order (no sorting).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from integriteit.medewerkersonderzoek.analysis.data import FloatArray
from integriteit.medewerkersonderzoek.analysis.groups import Grouping
from integriteit.medewerkersonderzoek.spec import Item, Questionnaire

Margins = dict[str, dict[str, float]]
TOLERANCE = 1e-6
MAX_ITERATIONS = 100
MARGIN_TOLERANCE = 1e-4
FIRST_ROW = 2  # responses are counted like the lines of their CSV (line 1 is the header)


class WeightsError(ValueError):
    """Bad weighting input; the message (Dutch) names the variable, value and line."""


@dataclass(frozen=True)
class WeightInfo:
    variables: tuple[str, ...]
    n_effective: float
    iterations: int
    converged: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "variables": list(self.variables),
            "n_effective": self.n_effective,
            "iterations": self.iterations,
            "converged": self.converged,
        }


def margins_read_csv(path: Path | str) -> Margins:
    """``{variable: {value: population}}`` from a ``variable,value,population`` CSV."""
    margins: Margins = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [cell.strip().lower() for cell in next(reader, [])]
        if header != ["variable", "value", "population"]:
            raise WeightsError(
                "Het gewichtenbestand moet de kopregel 'variable,value,population' hebben."
            )
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != 3:
                raise WeightsError(f"Gewichtenbestand regel {line}: 3 velden verwacht.")
            variable, value, raw = (cell.strip() for cell in row)
            try:
                population = float(raw)
            except ValueError:
                raise WeightsError(
                    f"Gewichtenbestand regel {line}: populatie '{raw}' is geen getal."
                ) from None
            _check_population(variable, value, population, f" (gewichtenbestand regel {line})")
            if value in margins.setdefault(variable, {}):
                raise WeightsError(
                    f"Gewichtenbestand regel {line}: {variable} = {value} staat er al eerder in."
                )
            margins[variable][value] = population
    if not margins:
        raise WeightsError("Het gewichtenbestand bevat geen populatieregels.")
    return margins


def _check_population(variable: str, value: str, population: float, where: str) -> None:
    if not math.isfinite(population) or population <= 0:
        raise WeightsError(
            f"Populatie voor {variable} = {value} moet groter dan 0 zijn, niet "
            f"{population:g}{where}."
        )


def _cells(
    variable: str, values: NDArray[np.str_], margin: Mapping[str, float]
) -> NDArray[np.intp]:
    """The margin category (index into ``margin``) of every response row."""
    labels, inverse = np.unique(values, return_inverse=True)
    keys = list(margin)
    position = {key: i for i, key in enumerate(keys)}
    for label in labels.tolist():
        if label not in position:
            row = int(np.flatnonzero(values == label)[0]) + FIRST_ROW
            raise WeightsError(
                f"Antwoordregel {row}: waarde '{label}' van wegingsvariabele '{variable}' "
                "heeft geen populatieregel in het gewichtenbestand."
            )
    lookup = np.array([position[label] for label in labels.tolist()], dtype=np.intp)
    return lookup[inverse.ravel()]


def weights_compute(
    columns: Mapping[str, NDArray[np.str_]],
    margins: Mapping[str, Mapping[str, float]],
    *,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> tuple[FloatArray, WeightInfo]:
    """Weights per response row and a summary; see the module docstring."""
    if not margins:
        raise WeightsError("Geen wegingsvariabelen opgegeven.")
    for variable, margin in margins.items():
        if variable not in columns:
            raise WeightsError(
                f"Wegingsvariabele '{variable}' is onbekend: de antwoorden hebben geen kolom "
                "met die naam."
            )
        for value, population in margin.items():
            _check_population(variable, value, float(population), "")
    variables = tuple(margins)
    n = len(columns[variables[0]])
    total = float(sum(margins[variables[0]].values()))
    cells, targets = [], []
    for variable in variables:
        margin = margins[variable]
        cells.append(_cells(variable, np.asarray(columns[variable], dtype=np.str_), margin))
        target = np.array([float(p) for p in margin.values()])
        targets.append(target * total / target.sum())
    weights = np.ones(n)
    iterations, converged = 0, n == 0
    while not converged and iterations < max_iterations:
        iterations += 1
        before = weights.copy()
        for cell, target in zip(cells, targets, strict=True):
            reached = np.bincount(cell, weights=weights, minlength=len(target))
            factor = np.divide(target, reached, out=np.ones_like(target), where=reached > 0)
            weights *= factor[cell]
        with np.errstate(divide="ignore", invalid="ignore"):
            change = np.where(before > 0, np.abs(weights - before) / before, 0.0)
        converged = bool(change.max() < tolerance)
    converged = converged and _margins_met(weights, cells, targets)
    return weights, WeightInfo(variables, kish_n_effective(weights), iterations, converged)


def _margins_met(
    weights: FloatArray, cells: list[NDArray[np.intp]], targets: list[FloatArray]
) -> bool:
    """Every margin within ``MARGIN_TOLERANCE`` (relative): stable weights alone do not
    prove it (two variables that split the respondents alike but with different margins
    settle at once on the margins of the last one)."""
    for cell, target in zip(cells, targets, strict=True):
        reached = np.bincount(cell, weights=weights, minlength=len(target))
        present = np.bincount(cell, minlength=len(target)) > 0
        if (np.abs(reached - target)[present] > MARGIN_TOLERANCE * target[present]).any():
            return False
    return True


def kish_n_effective(weights: FloatArray) -> float:
    """(Σw)² / Σw² (0 for no rows)."""
    square = float(np.dot(weights, weights))
    return float(weights.sum()) ** 2 / square if square > 0 else 0.0


@dataclass(frozen=True)
class WeightedItem:
    """Arrays with one row per group; NaN where a statistic does not apply."""

    code: str
    keys: tuple[str, ...]
    percent: FloatArray  # (groups, codes)
    agree_pct: FloatArray
    mean: FloatArray


def _totals(
    values: FloatArray, codes: tuple[int, ...], grouping: Grouping, weights: FloatArray
) -> FloatArray:
    """Weighted count of each code per group (rows in the original order)."""
    ordered = np.asarray(sorted(codes), dtype=np.float64)
    position = np.searchsorted(ordered, values)  # NaN last: the extra bin
    width = len(codes) + 1
    flat = np.bincount(
        grouping.row_groups * width + position, weights=weights, minlength=grouping.n_groups * width
    )
    columns = np.argsort(np.argsort(np.asarray(codes))).tolist()
    return np.asarray(flat.reshape(grouping.n_groups, width)[:, columns], dtype=np.float64)


def _share(part: FloatArray, whole: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(100.0 * part / whole, dtype=np.float64)


def _weighted_item(
    item: Item,
    questionnaire: Questionnaire,
    columns: Mapping[str, FloatArray],
    grouping: Grouping,
    weights: FloatArray,
) -> WeightedItem:
    nan = np.full(grouping.n_groups, np.nan)
    codes = tuple(option.code for option in item.options)
    if item.kind == "multi":
        asked = np.zeros(len(weights), dtype=bool)
        chosen = []
        for name in item.columns():
            asked |= ~np.isnan(columns[name])
            picked = (columns[name] == 1) * weights
            chosen.append(np.bincount(grouping.row_groups, picked, grouping.n_groups))
        base = np.asarray(
            np.bincount(grouping.row_groups, asked * weights, grouping.n_groups), np.float64
        )
        percent = _share(np.column_stack(chosen).astype(np.float64), base[:, None])
        return WeightedItem(item.code, tuple(map(str, codes)), percent, nan, nan)
    scale = questionnaire.scale_of(item)
    if scale is not None:
        codes = scale.valid_codes
    totals = _totals(columns[item.code], codes, grouping, weights)
    valid = totals.sum(axis=1)
    mean = agree = nan
    if scale is not None:
        substantive = np.isin(codes, scale.substantive)
        numerator = totals @ (np.asarray(codes, dtype=np.float64) * substantive)
        mean = _share(numerator, totals[:, substantive].sum(axis=1)) / 100.0
        if scale.agree:
            agree = _share(totals[:, np.isin(codes, scale.agree)].sum(axis=1), valid)
    percent = _share(totals, valid[:, None])
    return WeightedItem(item.code, tuple(map(str, codes)), percent, agree, mean)


def weighted_items(
    questionnaire: Questionnaire,
    columns: Mapping[str, FloatArray],
    grouping: Grouping,
    weights: FloatArray,
) -> list[WeightedItem]:
    """Weighted statistics of every item that is not free text, for every group."""
    return [
        _weighted_item(item, questionnaire, columns, grouping, weights)
        for item in questionnaire.items
        if item.kind != "text"
    ]
