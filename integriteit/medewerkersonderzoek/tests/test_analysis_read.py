"""``responses_read_csv``: the polars path gives what the line-by-line Python path gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from integriteit.medewerkersonderzoek.analysis import data as data_module
from integriteit.medewerkersonderzoek.analysis.data import (
    ResponseData,
    ResponseDataError,
    responses_read_csv,
)
from integriteit.medewerkersonderzoek.tests.test_analysis_cli import HEADER, _rows
from integriteit.medewerkersonderzoek.tests.test_analysis_engine import small_questionnaire


def _write_bytes(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "antwoorden.csv"
    path.write_bytes(raw)
    return path


def _text(lines: list[str], *, sep: str = ",", eol: str = "\n", last_eol: bool = True) -> bytes:
    text = eol.join(line.replace(",", sep) for line in lines) + (eol if last_eol else "")
    return text.encode("utf-8")


def _read(path: Path, group_by: str | None, *, plain: bool) -> ResponseData | Exception:
    """Read with the polars path allowed (``plain``) or with the Python path only."""
    original = data_module._read_plain
    try:
        if not plain:
            data_module._read_plain = lambda *args: None
        return responses_read_csv(path, small_questionnaire(), group_by)
    except (ResponseDataError, UnicodeDecodeError) as error:
        return error
    finally:
        data_module._read_plain = original


def _same(a: ResponseData | Exception, b: ResponseData | Exception) -> None:
    if isinstance(a, Exception) or isinstance(b, Exception):
        assert type(a) is type(b) and str(a) == str(b)
        return
    assert (a.n_rows, a.ignored, a.absent) == (b.n_rows, b.ignored, b.absent)
    assert list(a.columns) == list(b.columns)
    for name, values in a.columns.items():
        assert values.dtype == np.float64 and values.flags.writeable
        np.testing.assert_array_equal(values, b.columns[name])
    if a.groups is None or b.groups is None:
        assert a.groups is None and b.groups is None
    else:
        assert a.groups.dtype.kind == "U" and b.groups.dtype.kind == "U"
        assert a.groups.tolist() == b.groups.tolist()


def _plain_used(path: Path, group_by: str | None) -> bool:
    raw = path.read_bytes()
    try:
        return data_module._read_plain(raw, small_questionnaire(), group_by) is not None
    except ResponseDataError:
        return False


ROWS = _rows(25)


def _edit(row: int, column: int, value: str) -> list[str]:
    rows = list(ROWS)
    cells = rows[row].split(",")
    cells[column] = value
    rows[row] = ",".join(cells)
    return [HEADER, *rows]


PLAIN_CASES = {
    "comma": _text([HEADER, *ROWS]),
    "semicolon_bom": "\ufeff".encode() + _text([HEADER, *ROWS], sep=";"),
    "crlf": _text([HEADER, *ROWS], eol="\r\n"),
    "no_last_eol": _text([HEADER, *ROWS], last_eol=False),
    "header_only": _text([HEADER]),
    "header_only_no_eol": HEADER.encode(),
    "empty_fields": _text(_edit(3, 0, "")),
    "all_empty_line": _text([HEADER, *ROWS, "," * (HEADER.count(","))]),
    "code_as_decimal": _text(_edit(2, 1, "3.0")),
    "spaced_group": _text(_edit(4, 12, " a ")),
    "empty_group": _text(_edit(4, 12, "")),
    "unicode_group": _text(_edit(5, 12, "Één")),
    "spaced_code": _text(_edit(2, 1, " 3")),
    "nan_text": _text(_edit(2, 1, "nan")),
}

FALLBACK_CASES = {
    "quotes": _text(_edit(1, 11, '"met, komma"')),
    "blank_line": _text([HEADER, ROWS[0], "", *ROWS[1:]]),
    "spaces_line": _text([HEADER, ROWS[0], "   ", *ROWS[1:]]),
    "lone_cr": _text([HEADER, *ROWS], eol="\r"),
    "code_then_space": _text(_edit(2, 1, "3 ")),
    "underscore_number": _text(_edit(2, 1, "1_0")),
    "out_of_range": _text(_edit(6, 0, "7")),
    "infinite": _text(_edit(6, 0, "inf")),
    "not_a_number": _text(_edit(7, 3, "x")),
    "two_errors": _text([*_edit(5, 4, "abc")[:7], *_edit(9, 2, "9")[7:]]),
    "multi_out_of_range": _text(_edit(8, 9, "2")),
    "too_many_fields": _text([HEADER, *ROWS[:3], ROWS[3] + ",z", *ROWS[4:]]),
    "too_few_fields": _text([HEADER, *ROWS[:3], ROWS[3].rsplit(",", 1)[0], *ROWS[4:]]),
    "ragged_balanced": _text(
        [HEADER, ROWS[0] + ",z", ROWS[1].rsplit(",", 1)[0], *ROWS[2:]],
    ),
    "bad_utf8": _text([HEADER, *ROWS[:2]]) + b"1,2,3,4,5,1,2,1,1,0,,\xff,a,x,y\n",
}


@pytest.mark.parametrize("group_by", [None, "unit"])
@pytest.mark.parametrize("case", sorted(PLAIN_CASES))
def test_plain_files_go_through_polars_with_the_same_result(
    tmp_path: Path, case: str, group_by: str | None
) -> None:
    path = _write_bytes(tmp_path, PLAIN_CASES[case])
    assert _plain_used(path, group_by)
    _same(_read(path, group_by, plain=True), _read(path, group_by, plain=False))


@pytest.mark.parametrize("case", sorted(FALLBACK_CASES))
def test_other_files_fall_back_with_the_same_result_or_message(tmp_path: Path, case: str) -> None:
    path = _write_bytes(tmp_path, FALLBACK_CASES[case])
    assert not _plain_used(path, "unit")
    _same(_read(path, "unit", plain=True), _read(path, "unit", plain=False))


def test_errors_name_the_first_line_and_column(tmp_path: Path) -> None:
    path = _write_bytes(tmp_path, FALLBACK_CASES["out_of_range"])
    with pytest.raises(ResponseDataError, match=r"Regel 8, kolom 'a1': waarde '7' is niet"):
        responses_read_csv(path, small_questionnaire())
    path = _write_bytes(tmp_path, FALLBACK_CASES["not_a_number"])
    with pytest.raises(ResponseDataError, match=r"Regel 9, kolom 'a4': 'x' is geen getal"):
        responses_read_csv(path, small_questionnaire())


def test_header_errors_are_raised_on_the_polars_path_too(tmp_path: Path) -> None:
    path = _write_bytes(tmp_path, _text([HEADER + ",a1", *(row + ",1" for row in ROWS)]))
    with pytest.raises(ResponseDataError, match=r"Kolom 'a1' komt meer dan eens voor"):
        responses_read_csv(path, small_questionnaire())
    path = _write_bytes(tmp_path, _text([HEADER, *ROWS]))
    with pytest.raises(ResponseDataError, match=r"Groeperingskolom 'afdeling' ontbreekt"):
        responses_read_csv(path, small_questionnaire(), "afdeling")


def test_large_plain_file_matches_across_chunks(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    n = data_module.CHUNK_ROWS + 1234
    values = rng.integers(1, 6, size=(n, 7)).astype(str)
    values[rng.random((n, 7)) < 0.1] = ""
    units = np.array(["u1", "u2", "u3"])[rng.integers(0, 3, size=n)]
    lines = [
        ",".join(row) + f",1,1,0,,,{unit},x,y" for row, unit in zip(values, units, strict=True)
    ]
    path = _write_bytes(tmp_path, _text([HEADER, *lines]))
    assert _plain_used(path, "unit")
    _same(_read(path, "unit", plain=True), _read(path, "unit", plain=False))
