"""Reading a responses CSV into one numpy float array per item column (NaN = missing)."""

from __future__ import annotations

import csv
import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from integriteit.medewerkersonderzoek.spec import Item, Questionnaire

FloatArray = NDArray[np.float64]
CHUNK_ROWS = 100_000
MAX_TABLE_CODE = 1000
BOM = "\ufeff".encode()


class ResponseDataError(ValueError):
    """Bad input; the message (Dutch) names the file line and the column."""


@dataclass(frozen=True)
class ResponseData:
    """Response columns (NaN = missing), optional group labels, and what was left aside.

    ``group_codes`` / ``group_labels``, when the reader has them, hold the same groups as
    ``groups`` as numbers into the sorted labels (saves sorting a million strings); extra
    ``covariates`` are non-item columns read as text on request (e.g. weighting variables).
    """

    columns: dict[str, FloatArray]
    n_rows: int
    groups: NDArray[np.str_] | None = None
    ignored: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    group_codes: NDArray[np.integer[Any]] | None = None
    group_labels: tuple[str, ...] = ()
    covariates: dict[str, NDArray[np.str_]] = field(default_factory=dict)


def _item_codes(questionnaire: Questionnaire, item: Item) -> dict[str, tuple[int, ...]]:
    if item.kind == "multi":
        return dict.fromkeys(item.columns(), (0, 1))
    if item.kind == "single":
        return {item.code: tuple(option.code for option in item.options)}
    scale = questionnaire.scale_of(item)
    return {item.code: scale.valid_codes if scale else ()}


def column_codes(questionnaire: Questionnaire) -> dict[str, tuple[int, ...]]:
    """The allowed answer codes per numeric data column (free-text items are left out)."""
    codes: dict[str, tuple[int, ...]] = {}
    for item in questionnaire.items:
        if item.kind != "text":
            codes.update(_item_codes(questionnaire, item))
    return codes


def text_columns(questionnaire: Questionnaire) -> set[str]:
    return {item.code for item in questionnaire.items if item.kind == "text"}


def responses_from_arrays(
    columns: dict[str, FloatArray], groups: NDArray[np.str_] | None = None
) -> ResponseData:
    """Wrap arrays built in memory (tests, generators) as :class:`ResponseData`."""
    n_rows = len(next(iter(columns.values()))) if columns else 0
    if groups is not None:
        n_rows = len(groups)
    return ResponseData(columns=columns, n_rows=n_rows, groups=groups)


def _sniff_delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _parse_header(
    header: list[str], group_by: str | None, covariates: Sequence[str] = ()
) -> list[str]:
    names = [name.strip() for name in header]
    if not any(names):
        raise ResponseDataError("Het bestand heeft geen kopregel met kolomnamen.")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ResponseDataError(f"Kolom '{name}' komt meer dan eens voor in de kopregel.")
        seen.add(name)
    if group_by is not None and group_by not in seen:
        raise ResponseDataError(f"Groeperingskolom '{group_by}' ontbreekt in het bestand.")
    for name in covariates:
        if name not in seen:
            raise ResponseDataError(
                f"Wegingsvariabele '{name}' is onbekend: het bestand heeft geen kolom met die naam."
            )
    return names


def _chunks(
    handle: Iterator[str], delimiter: str, width: int
) -> Iterator[tuple[list[Sequence[str]], NDArray[np.int64]]]:
    """Yield (columns, file line per row) per chunk of lines; blank lines are skipped.

    Chunks without quotes and with the same number of fields on every line are split with
    ``str.split`` (fast); others go through the csv module. A quoted field spanning lines is
    supported within a chunk of 100,000 lines.
    """
    first = 2
    while lines := list(itertools.islice(handle, CHUNK_ROWS)):
        columns = _split_plain(lines, delimiter, width)
        if columns is not None:
            yield columns, np.arange(first, first + len(lines), dtype=np.int64)
        else:
            rows, numbers = _split_csv(lines, delimiter, width, first)
            if rows:
                yield list(zip(*rows, strict=True)), numbers
        first += len(lines)


def _split_plain(lines: list[str], delimiter: str, width: int) -> list[Sequence[str]] | None:
    text = "".join(lines)
    if '"' in text or {line.count(delimiter) for line in lines} != {width - 1}:
        return None
    text = text.replace("\r\n", "\n").removesuffix("\n")
    flat = text.replace("\n", delimiter).split(delimiter)
    if len(flat) != len(lines) * width:
        return None
    return [flat[i::width] for i in range(width)]


def _split_csv(
    lines: list[str], delimiter: str, width: int, first: int
) -> tuple[list[list[str]], NDArray[np.int64]]:
    reader = csv.reader(lines, delimiter=delimiter)
    rows, numbers = [], []
    for row in reader:
        number = first + reader.line_num - 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            raise ResponseDataError(
                f"Regel {number}: {len(row)} velden, de kopregel heeft er {width}."
            )
        rows.append(row)
        numbers.append(number)
    return rows, np.asarray(numbers, dtype=np.int64)


def _to_float(
    values: Sequence[str], codes: tuple[int, ...], column: str, lines: NDArray[np.int64]
) -> FloatArray:
    """Codes by dictionary look-up (fast); anything else is parsed as a number or refused."""
    lookup = {str(code): float(code) for code in codes} | {"": math.nan}
    parsed = np.fromiter(
        map(lookup.get, values, itertools.repeat(-math.inf)), np.float64, len(values)
    )
    for i in np.flatnonzero(np.isneginf(parsed)).tolist():
        value = values[i].strip()
        if value and not _is_number(value):
            raise ResponseDataError(f"Regel {lines[i]}, kolom '{column}': '{value}' is geen getal.")
        parsed[i] = float(value) if value else math.nan
    return parsed


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _check_codes(
    values: FloatArray,
    raw: Sequence[str],
    column: str,
    codes: tuple[int, ...],
    lines: NDArray[np.int64],
) -> None:
    bad = ~np.isnan(values) & ~np.isin(values, np.asarray(codes, dtype=np.float64))
    if bad.any():
        i = int(np.argmax(bad))
        allowed = ", ".join(str(code) for code in codes)
        raise ResponseDataError(
            f"Regel {lines[i]}, kolom '{column}': waarde '{raw[i].strip()}' is niet "
            f"toegestaan (toegestaan: {allowed}; leeg = ontbrekend)."
        )


@dataclass
class _Plan:
    numeric: dict[int, tuple[str, tuple[int, ...]]]
    group: int | None
    ignored: tuple[str, ...]
    absent: tuple[str, ...]
    covariates: dict[str, int] = field(default_factory=dict)


def _plan(
    names: list[str],
    questionnaire: Questionnaire,
    group_by: str | None,
    covariates: Sequence[str] = (),
) -> _Plan:
    codes = column_codes(questionnaire)
    skip = text_columns(questionnaire) | ({group_by} if group_by else set()) | set(covariates)
    numeric = {i: (name, codes[name]) for i, name in enumerate(names) if name in codes}
    ignored = tuple(name for name in names if name not in codes and name not in skip)
    absent = tuple(name for name in codes if name not in names)
    group = names.index(group_by) if group_by else None
    extra = {name: names.index(name) for name in covariates}
    return _Plan(numeric=numeric, group=group, ignored=ignored, absent=absent, covariates=extra)


def responses_read_csv(
    path: Path | str,
    questionnaire: Questionnaire,
    group_by: str | None = None,
    covariates: Sequence[str] = (),
) -> ResponseData:
    """Read a responses CSV (UTF-8 with or without BOM, ``,`` or ``;``) column by column.

    Values must be answer codes of the item (0/1 for the columns of a multiple-choice item);
    anything else raises :class:`ResponseDataError` naming the file line and the column.
    Item columns absent from the file are all-missing and listed in ``absent``.

    A plain, valid file (no quotes, no blank lines, the same number of fields on every line,
    ``\n`` or ``\r\n`` line ends, only answer codes or empty fields) is parsed by polars;
    any other file line by line in Python, which gives the same result or the error.
    """
    fast = _read_plain(Path(path).read_bytes(), questionnaire, group_by, covariates)
    if fast is not None:
        return fast
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header_line = handle.readline()
        delimiter = _sniff_delimiter(header_line)
        header = next(csv.reader([header_line], delimiter=delimiter), [])
        names = _parse_header(header, group_by, covariates)
        plan = _plan(names, questionnaire, group_by, covariates)
        parts: dict[str, list[FloatArray]] = {name: [] for name, _ in plan.numeric.values()}
        group_parts: list[NDArray[np.str_]] = []
        extra_parts: dict[str, list[NDArray[np.str_]]] = {}
        n_rows = 0
        for columns, lines in _chunks(handle, delimiter, len(names)):
            n_rows += len(lines)
            for index, (name, codes) in plan.numeric.items():
                values = _to_float(columns[index], codes, name, lines)
                _check_codes(values, columns[index], name, codes, lines)
                parts[name].append(values)
            if plan.group is not None:
                group_parts.append(np.array(columns[plan.group], dtype=np.str_))
            for name, index in plan.covariates.items():
                extra_parts.setdefault(name, []).append(
                    np.char.strip(np.array(columns[index], dtype=np.str_))
                )
    data = _assemble(parts, group_parts, plan, n_rows)
    return _with_covariates(data, plan, extra_parts)


def _read_plain(
    data: bytes,
    questionnaire: Questionnaire,
    group_by: str | None,
    covariates: Sequence[str] = (),
) -> ResponseData | None:
    """The polars path, or None when the file is not plain (see :func:`responses_read_csv`)."""
    data = data.removeprefix(BOM)
    end = data.find(b"\n")
    header_bytes, body = (data, b"") if end < 0 else (data[: end + 1], data[end + 1 :])
    try:
        header_line = header_bytes.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None
    delimiter = _sniff_delimiter(header_line)
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    names = _parse_header(header, group_by, covariates)
    plan = _plan(names, questionnaire, group_by, covariates)
    width = len(names)
    if not body:
        empty = _assemble({name: [] for name, _ in plan.numeric.values()}, [], plan, 0)
        return _with_covariates(empty, plan, {})
    n_lines = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    if width < 2 or b'"' in body or body.count(delimiter.encode()) != n_lines * (width - 1):
        return None
    # With as many delimiters as lines x (width - 1) and no line with more fields than the
    # header (polars refuses those), every line has exactly ``width`` fields. A value that
    # polars does not read as a number, or that is not an answer code, sends the file to the
    # Python path, which names the line and the column.
    numeric = {f"c{index}" for index in plan.numeric}
    schema = {f"c{i}": pl.Float64 if f"c{i}" in numeric else pl.String for i in range(width)}
    try:
        frame = pl.read_csv(
            body,
            has_header=False,
            schema=schema,
            separator=delimiter,
            quote_char=None,
            encoding="utf8",
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:
        return None
    if frame.height != n_lines or frame.width != width:
        return None
    return _frame_data(frame, plan)


def _frame_data(frame: pl.DataFrame, plan: _Plan) -> ResponseData | None:
    """Float arrays (null = empty field = NaN), or None when a value is not an answer code."""
    columns: dict[str, FloatArray] = {}
    for index, (name, codes) in plan.numeric.items():
        values = frame[f"c{index}"].to_numpy()  # null -> NaN
        if not values.flags.writeable or values.dtype != np.float64:
            values = np.array(values, np.float64)
        if not _codes_only(values, codes):
            return None
        columns[name] = values
    groups = None
    group_codes: NDArray[np.integer[Any]] | None = None
    group_labels: tuple[str, ...] = ()
    if plan.group is not None:
        raw = frame[f"c{plan.group}"].fill_null("")
        labels = raw.unique().sort()
        index_of = raw.cast(pl.Enum(labels)).to_physical().to_numpy()
        groups = labels.to_numpy().astype(np.str_)[index_of]
        group_codes, group_labels = index_of, tuple(str(label) for label in labels.to_list())
    for name in plan.absent:
        columns[name] = np.full(frame.height, np.nan)
    extra = {
        name: frame[f"c{index}"].fill_null("").str.strip_chars().to_numpy().astype(np.str_)
        for name, index in plan.covariates.items()
    }
    return ResponseData(
        columns, frame.height, groups, plan.ignored, plan.absent, group_codes, group_labels, extra
    )


def _codes_only(values: FloatArray, codes: tuple[int, ...]) -> bool:
    """Every value NaN or one of ``codes`` (a look-up table for small non-negative codes)."""
    if codes and min(codes) >= 0 and max(codes) <= MAX_TABLE_CODE:
        table = np.zeros(max(codes) + 2, dtype=bool)
        table[list(codes)] = True
        table[-1] = True  # NaN goes here
        if (values == max(codes) + 1.0).any():  # not a code, and the bin of NaN below
            return False
        whole = np.nan_to_num(values, nan=max(codes) + 1.0)
        inside = (whole >= 0) & (whole <= max(codes) + 1) & (whole == np.floor(whole))
        if not inside.all():
            return False
        return bool(table[whole.astype(np.intp)].all())
    return bool(np.all(np.isnan(values) | np.isin(values, np.asarray(codes, dtype=np.float64))))


def _assemble(
    parts: dict[str, list[FloatArray]],
    group_parts: list[NDArray[np.str_]],
    plan: _Plan,
    n_rows: int,
) -> ResponseData:
    columns = {name: _concat(chunks) for name, chunks in parts.items()}
    groups = None
    if plan.group is not None:
        groups = np.concatenate(group_parts) if group_parts else np.array([], dtype=np.str_)
    for name in plan.absent:
        columns[name] = np.full(n_rows, np.nan)
    return ResponseData(columns, n_rows, groups, plan.ignored, plan.absent)


def _with_covariates(
    data: ResponseData, plan: _Plan, parts: dict[str, list[NDArray[np.str_]]]
) -> ResponseData:
    extra = {
        name: np.concatenate(parts[name]) if parts.get(name) else np.array([], dtype=np.str_)
        for name in plan.covariates
    }
    return replace(data, covariates=extra)


def _concat(chunks: list[FloatArray]) -> FloatArray:
    return np.concatenate(chunks) if chunks else np.array([], dtype=np.float64)
