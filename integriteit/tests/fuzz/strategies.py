"""Strategies for user files: arbitrary bytes and text, and near-valid files — a valid CSV or
YAML file with mutated cells, fields, lines and encodings."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any, Literal

import yaml
from hypothesis import strategies as st

BOM = "\ufeff"

#: Cell values that have broken parsers elsewhere: formulas, huge and odd numbers, unicode
#: digits, quotes, control characters, dates that are not, very long text.
NASTY_CELLS: tuple[str, ...] = (
    "",
    " ",
    "=1+1",
    "+SUM(A1:A9)",
    "-1",
    "@cmd",
    "'=1+1",
    "0",
    "-0",
    "1e999",
    "NaN",
    "inf",
    "9" * 40,
    "1,5",
    "1.55",
    "١٢٣",  # Arabic-Indic digits: \d matches them
    "２０２４-０１-０１",  # full-width digits
    "2024-02-30",
    "0000-00-00",
    "31-12-9999",
    "1-1-0",
    '"',
    '"quoted"',
    "a\nb",
    "a\x00b",
    "\t",
    "\r",
    "Ⅻ",
    "😀",
    "x" * 5000,
    "None",
    "null",
    "~",
    "true",
    "<script>",
    "%s %(x)s %d",
)


def cell() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY_CELLS),
        st.text(max_size=20),
        st.integers().map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    )


def _write_csv(rows: Sequence[Sequence[str]], delimiter: str, quoting: Literal[0, 1, 2, 3]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


Table = list[list[str]]


def _mutate_table(draw: st.DrawFn, table: Table, kind: str) -> Table:
    """One mutation of ``kind`` at a drawn row and column."""
    r = draw(st.integers(0, len(table) - 1))
    width = max(len(row) for row in table) or 1
    c = draw(st.integers(0, width - 1))
    if kind == "cell" and c < len(table[r]):
        table[r][c] = draw(cell())
    elif kind == "dup_col":
        table = [row + row[c : c + 1] for row in table]
    elif kind == "drop_col":
        table = [row[:c] + row[c + 1 :] for row in table]
    elif kind == "add_col":
        table = [[*row, draw(cell())] for row in table]
    elif kind == "dup_row":
        table.insert(r, list(table[r]))
    elif kind == "drop_row" and len(table) > 1:
        del table[r]
    elif kind == "short_row":
        table[r] = table[r][:c]
    elif kind == "header_case":
        table[0] = [name.upper() if i == c else name for i, name in enumerate(table[0])]
    elif kind == "empty_row":
        table.insert(r, [""] * width)
    return table


MUTATIONS = (
    "cell", "cell", "cell", "dup_col", "drop_col", "add_col", "dup_row", "drop_row",
    "short_row", "header_case", "empty_row",
)  # fmt: skip


@st.composite
def mutated_table(draw: st.DrawFn, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A valid table with some of: cells replaced, columns doubled/dropped/added, rows
    doubled, dropped or shortened, the header changed, blank rows."""
    table = [list(header), *(list(row) for row in rows)]
    for _ in range(draw(st.integers(0, 4))):
        table = _mutate_table(draw, table, draw(st.sampled_from(MUTATIONS)))
    return table


@st.composite
def near_valid_csv(draw: st.DrawFn, header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """A valid CSV file, mutated in its cells and layout, and in its encoding: delimiter,
    quoting, BOM, CRLF, blank lines, trailing garbage, another encoding."""
    table = draw(mutated_table(header, rows))
    delimiter = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
    quoting: Literal[0, 1, 2, 3] = draw(st.sampled_from([0, 1, 2]))  # minimal, all, non-numeric
    try:
        text = _write_csv(table, delimiter, quoting)
    except (csv.Error, ValueError):
        text = "\n".join(delimiter.join(row) for row in table)
    if draw(st.booleans()):
        text = BOM + text
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = text.replace("\n", "\n\n", draw(st.integers(1, 3)))
    if draw(st.booleans()):
        text += draw(st.sampled_from(['"', '"unclosed', "\x00", ",,,", "\n\n\n", " "]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1252", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


def any_bytes() -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, and text that is almost a file: separators, quotes, newlines."""
    return st.one_of(
        st.binary(max_size=300),
        st.text(
            alphabet=st.sampled_from(list(",;\"\n\r \t=\x00abc123-:[]{}#&*!|'")), max_size=80
        ).map(lambda text: text.encode()),
        st.text(max_size=200).map(lambda text: text.encode("utf-8", errors="surrogatepass")),
    )


# --- YAML -----------------------------------------------------------------------------------

YAML_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**31 - 2, max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(NASTY_CELLS),
    st.dates(),
)
YAML_VALUES = st.recursive(
    YAML_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers(0, 9)), children, max_size=3),
    ),
    max_leaves=6,
)


def _paths(tree: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += _paths(value, (*prefix, index))
    return found


def _parent(tree: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        tree = tree[step]
    return tree


@st.composite
def mutated_tree(draw: st.DrawFn, tree: Any) -> Any:
    """A copy of a YAML document's data with one to three values replaced, removed,
    duplicated, or an unknown field added."""
    tree = yaml.safe_load(yaml.safe_dump(tree))  # a deep copy
    for _ in range(draw(st.integers(1, 3))):
        paths = [path for path in _paths(tree) if path]
        if not paths:
            return draw(YAML_VALUES)
        path = draw(st.sampled_from(paths))
        parent = _parent(tree, path)
        key = path[-1]
        kind = draw(st.sampled_from(("replace", "replace", "delete", "duplicate", "add")))
        if kind == "replace":
            parent[key] = draw(YAML_VALUES)
        elif kind == "delete":
            del parent[key]
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(key, yaml.safe_load(yaml.safe_dump(parent[key])))
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(YAML_VALUES)
        elif isinstance(parent, dict | list):
            parent[key] = draw(YAML_VALUES)
    return tree


#: Lines that crash ``common.yaml_lines.read_int`` today (a ValueError escapes): asserted by a
#: strict xfail test until the guard is in, and stepped over by the property tests.
KNOWN_CRASH_LINES: tuple[str, ...] = (
    "version: !!int abc",
    "version: !!int ''",
    "version: !!int '-'",
    "version: !!int 0b",
    "version: " + "9" * 5000,
)

#: Lines that YAML reads as something other than what a person meant.
NASTY_YAML_LINES: tuple[str, ...] = (
    "version: !!float x",
    "version: 0x1F",
    "version: 0b101",
    "version: 1_000",
    "version: 190:20:30",
    "version: -1",
    "version: .inf",
    "code: &a x",
    "title: *a",
    "code: !!binary aGVsbG8=",
    "code: !!timestamp 2001-12-14",
    "code: !custom x",
    "? [a, b]\n: c",
    "<<: {code: x}",
    "code: 'x'\ncode: 'y'",
    "\ttab: 1",
    "---\n---",
    "...",
    "%YAML 1.1\n---",
    "- a\n- b",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "a: " + "[" * 3000,
    "code: \x07",
    "code: \ud7ff",
    *KNOWN_CRASH_LINES,
)


@st.composite
def near_valid_yaml(draw: st.DrawFn, document: str) -> bytes:
    """A valid YAML file, mutated in its data (re-dumped) or in its text: lines deleted,
    doubled, indented, replaced by tricky YAML (explicit tags, aliases, huge numbers), BOM."""
    if draw(st.booleans()):
        tree = draw(mutated_tree(yaml.safe_load(document)))
        text = yaml.safe_dump(tree, allow_unicode=draw(st.booleans()), sort_keys=False)
    else:
        lines = document.splitlines()
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, max(len(lines) - 1, 0)))
            kind = draw(st.sampled_from(("delete", "double", "indent", "insert", "insert", "tag")))
            if not lines:
                lines = [draw(st.sampled_from(NASTY_YAML_LINES))]
            elif kind == "delete":
                del lines[i]
            elif kind == "double":
                lines.insert(i, lines[i])
            elif kind == "indent":
                lines[i] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[i].lstrip()
            elif kind == "insert":
                indent = len(lines[i]) - len(lines[i].lstrip())
                lines.insert(i, " " * indent + draw(st.sampled_from(NASTY_YAML_LINES)))
            else:  # an explicit tag on a value
                line = lines[i]
                if ": " in line:
                    key, value = line.split(": ", 1)
                    tag = draw(st.sampled_from(["!!int", "!!str", "!!float", "!!bool", "!!null"]))
                    lines[i] = f"{key}: {tag} {value}"
        text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        text = BOM + text
    return text.encode("utf-8", errors="surrogatepass")
