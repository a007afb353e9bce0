"""Writing synthetic responses as CSV, and wrapping them for the analysis engine."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from integriteit.medewerkersonderzoek.analysis.data import (
    ResponseData,
    column_codes,
    responses_from_arrays,
)
from integriteit.medewerkersonderzoek.spec import Questionnaire

EXTRA_COLUMNS = ("unit", "role")


def data_columns(questionnaire: Questionnaire) -> list[str]:
    """The CSV header: the questionnaire's data columns, then ``unit`` and ``role``."""
    return [name for item in questionnaire.items for name in item.columns()] + list(EXTRA_COLUMNS)


def _as_text(values: NDArray[np.generic]) -> list[str]:
    if values.dtype.kind == "f":
        floats = np.asarray(values, dtype=np.float64)
        whole = np.where(np.isnan(floats), 0, floats).astype(np.int64).astype(np.str_)
        return np.where(np.isnan(floats), "", whole).tolist()  # type: ignore[no-any-return]
    return np.asarray(values, dtype=np.str_).tolist()  # type: ignore[no-any-return]


def survey_write_csv(
    path: Path | str, questionnaire: Questionnaire, data: Mapping[str, NDArray[np.generic]]
) -> int:
    """Write the responses as UTF-8 CSV (``,``; empty = not answered); returns the row count."""
    header = data_columns(questionnaire)
    columns = [_as_text(data[name]) for name in header]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(zip(*columns, strict=True))
    return len(columns[0]) if columns else 0


def survey_response_data(
    questionnaire: Questionnaire,
    data: Mapping[str, NDArray[np.generic]],
    group_by: str | None = None,
) -> ResponseData:
    """The numeric columns as :class:`ResponseData` for ``survey_analyze``, optionally grouped
    by ``unit`` or ``role``."""
    numeric = {
        name: np.asarray(data[name], dtype=np.float64) for name in column_codes(questionnaire)
    }
    groups = np.asarray(data[group_by], dtype=np.str_) if group_by else None
    return responses_from_arrays(numeric, groups)
