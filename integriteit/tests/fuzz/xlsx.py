"""Workbooks for the fuzz tests: a table as an .xlsx file with cells of any type, and the
bytes of a valid workbook damaged (truncated, flipped, a zip without a sheet)."""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from hypothesis import strategies as st
from openpyxl import Workbook

from integriteit.tests.fuzz.strategies import cell

# What a spreadsheet cell may hold besides text (openpyxl refuses control characters).
XLSX_CELLS = st.one_of(
    cell().filter(lambda text: text.isprintable()),
    st.none(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    # Excel has no time zones: openpyxl writes naive datetimes only.
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),  # noqa: DTZ001
    st.sampled_from(["=1+1", "=SUM(A1:A3)", "=1/0", '=HYPERLINK("x")']),
)


def workbook_bytes(rows: Sequence[Sequence[Any]], *, extra_sheet: bool = False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    if extra_sheet:
        workbook.create_sheet("Tweede").append(["organisation", "norm", "level"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@st.composite
def near_valid_xlsx(draw: st.DrawFn, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """A valid table as a workbook, with cells replaced by values of any type."""
    table: list[list[Any]] = [list(header), *(list(row) for row in rows)]
    for _ in range(draw(st.integers(0, 4))):
        r = draw(st.integers(0, len(table) - 1))
        c = draw(st.integers(0, len(table[r])))
        value = draw(XLSX_CELLS)
        if c < len(table[r]):
            table[r][c] = value
        else:
            table[r].append(value)
    if draw(st.booleans()):
        table.insert(draw(st.integers(0, len(table))), [None, None, None])
    return workbook_bytes(table, extra_sheet=draw(st.booleans()))


@st.composite
def damaged_xlsx(draw: st.DrawFn, valid: bytes) -> bytes:
    """The bytes of a valid workbook, damaged: cut short, bytes changed, or a zip file that
    holds something else."""
    kind = draw(st.sampled_from(("truncate", "flip", "zip")))
    if kind == "truncate":
        return valid[: draw(st.integers(0, len(valid) - 1))]
    if kind == "flip":
        data = bytearray(valid)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        return bytes(data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a name twice in the zip is part of the damage
        for _ in range(draw(st.integers(0, 3))):
            name = draw(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "a.txt"]))
            archive.writestr(name, draw(st.binary(max_size=50)))
    return buffer.getvalue()


def with_zip_version(valid: bytes, version: int = 64) -> bytes:
    """``valid`` with the "version needed to extract" of its first central-directory entry
    set to ``version`` (64: zip 6.4, which Python's zipfile does not implement)."""
    data = bytearray(valid)
    entry = data.index(b"PK\x01\x02")
    data[entry + 6] = version
    return bytes(data)
