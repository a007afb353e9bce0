"""Reading the responses CSV and the ``analyze_survey`` command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from integriteit.medewerkersonderzoek.analysis.data import ResponseDataError, responses_read_csv
from integriteit.medewerkersonderzoek.management.commands import analyze_survey
from integriteit.medewerkersonderzoek.tests.test_analysis_engine import small_questionnaire

HEADER = "a1,a2,a3,a4,b1,b2,b3,rol,reden_1,reden_2,reden_3,toelichting,unit,extra,ook_extra"


def _rows(count: int) -> list[str]:
    rng = np.random.default_rng(5)
    rows = []
    for i in range(count):
        scale = ",".join(str(v) for v in rng.integers(1, 6, size=7))
        rows.append(f"{scale},{1 + i % 2},1,0,,tekst,{'ab'[i % 2]},x,y")
    return rows


def _write(tmp_path: Path, lines: list[str], *, bom: bool = False, sep: str = ",") -> Path:
    path = tmp_path / "antwoorden.csv"
    text = "\n".join(line.replace(",", sep) for line in lines) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


@pytest.fixture(autouse=True)
def _questionnaire(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analyze_survey, "_questionnaire_load", lambda path: small_questionnaire())


@pytest.mark.parametrize(("bom", "sep"), [(False, ","), (True, ";")])
def test_csv_is_read_per_column(tmp_path: Path, bom: bool, sep: str) -> None:
    path = _write(tmp_path, [HEADER, *_rows(30)], bom=bom, sep=sep)
    data = responses_read_csv(path, small_questionnaire(), group_by="unit")
    assert data.n_rows == 30
    assert data.ignored == ("extra", "ook_extra")
    assert np.isnan(data.columns["reden_3"]).all()
    assert data.groups is not None and set(data.groups) == {"a", "b"}
    assert "toelichting" not in data.columns


def test_absent_item_columns_count_as_empty_and_are_reported(tmp_path: Path) -> None:
    header = HEADER.replace("b3,", "")
    rows = [",".join(r.split(",")[:6] + r.split(",")[7:]) for r in _rows(12)]
    data = responses_read_csv(_write(tmp_path, [header, *rows]), small_questionnaire())
    assert data.absent == ("b3",) and data.n_rows == 12
    assert np.isnan(data.columns["b3"]).all()


def test_quoted_fields_go_through_the_csv_module(tmp_path: Path) -> None:
    rows = _rows(3)
    rows[1] = rows[1].replace(",tekst,", ',"met, komma",')
    data = responses_read_csv(_write(tmp_path, [HEADER, *rows]), small_questionnaire())
    assert data.n_rows == 3 and data.ignored == ("unit", "extra", "ook_extra")


def test_blank_lines_are_skipped_and_lines_counted(tmp_path: Path) -> None:
    rows = _rows(4)
    rows[3] = rows[3].replace(",1,0,,", ",1,7,,")
    path = _write(tmp_path, [HEADER, rows[0], "", rows[1], rows[2], rows[3]])
    with pytest.raises(ResponseDataError, match=r"Regel 6, kolom 'reden_2'"):
        responses_read_csv(path, small_questionnaire())


def test_command_prints_json_and_warns_once_about_ignored_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, [HEADER, *_rows(30)])
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "analyze_survey",
        "--questionnaire=q.yaml",
        f"--responses={path}",
        "--group-by=unit",
        "--spearman",
        "--format=json",
        stdout=out,
        stderr=err,
    )
    result = json.loads(out.getvalue())
    assert set(result) == {"n_responses", "items", "scales", "correlations", "groups"}
    assert result["n_responses"] == 30
    assert set(result["groups"]) == {"a", "b"}
    assert set(result["groups"]["a"]) >= {"suppressed", "n", "items", "scales", "correlations"}
    assert [c["method"] for c in result["correlations"]] == ["pearson", "spearman"]
    warnings = [line for line in err.getvalue().splitlines() if "genegeerd" in line]
    assert len(warnings) == 1 and "extra, ook_extra" in warnings[0]


def test_min_group_size_below_five_is_raised_with_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, [HEADER, *_rows(14)])
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "analyze_survey", "--questionnaire=q.yaml", f"--responses={path}",
        "--group-by=unit", "--min-group-size=2", stdout=out, stderr=err,
    )  # fmt: skip
    assert "5 wordt gebruikt" in err.getvalue()
    assert all(g["n"] == 7 for g in json.loads(out.getvalue())["groups"].values())


@pytest.mark.parametrize(
    ("column", "old", "new", "message"),
    [
        ("a2", 0, "6", r"Regel 4, kolom 'a2': waarde '6' is niet toegestaan"),
        ("rol", 7, "3", r"Regel 4, kolom 'rol': waarde '3' is niet toegestaan"),
        ("reden_1", 8, "2", r"Regel 4, kolom 'reden_1': waarde '2' is niet toegestaan"),
        ("b1", 4, "x", r"Regel 4, kolom 'b1': 'x' is geen getal"),
    ],
)
def test_out_of_range_value_names_row_and_column(
    tmp_path: Path, column: str, old: int, new: str, message: str
) -> None:
    rows = _rows(5)
    cells = rows[2].split(",")
    index = HEADER.split(",").index(column)
    cells[index] = new
    rows[2] = ",".join(cells)
    path = _write(tmp_path, [HEADER, *rows])
    with pytest.raises(CommandError, match=message):
        call_command("analyze_survey", "--questionnaire=q.yaml", f"--responses={path}")


def test_empty_file_and_non_utf8_are_refused_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="geen kopregel"):
        call_command("analyze_survey", "--questionnaire=q.yaml", f"--responses={path}")
    path.write_bytes(HEADER.encode() + b"\n\xff\xfe,1\n")
    with pytest.raises(CommandError, match="geen UTF-8"):
        call_command("analyze_survey", "--questionnaire=q.yaml", f"--responses={path}")


def test_missing_group_column_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, [HEADER, *_rows(3)])
    with pytest.raises(CommandError, match="Groeperingskolom 'afdeling' ontbreekt"):
        call_command(
            "analyze_survey", "--questionnaire=q.yaml", f"--responses={path}",
            "--group-by=afdeling",
        )  # fmt: skip


def test_exit_code_one_on_bad_value_with_the_shipped_questionnaire(tmp_path: Path) -> None:
    shipped = pytest.importorskip(
        "integriteit.medewerkersonderzoek.questionnaire",
        reason="the questionnaire YAML loader is written separately",
    )
    yaml_path = shipped.SHIPPED_DIR / "ark-2023.yaml"
    path = _write(tmp_path, ["com_gedragscode,cul_dilemma,unit", "1,2,a", "4,12,a"])
    command = [sys.executable, "-m", "django", "analyze_survey"]
    command += [f"--questionnaire={yaml_path}", f"--responses={path}", "--format=json"]
    done = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "integriteit.settings.test"},
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Regel 3, kolom 'cul_dilemma': waarde '12' is niet toegestaan" in done.stderr
    assert done.stdout == ""
