"""``integriteit export_assessments`` and ``import_assessments``.

The DONE criterion of issue 3: ``integriteit export_assessments --framework ark-2024 --cycle
2023 --format csv`` prints exactly the 2023 ratings the report gives.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.normenkader.models import Beoordeling, Cyclus, Oordeel
from integriteit.normenkader.tests import world as data
from integriteit.normenkader.tests.test_uitwisseling_export import REPORT_ROWS, load_report


@pytest.fixture
def report(db: None) -> Cyclus:
    return load_report()


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_assessments", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_export_csv_prints_the_report_ratings_of_2023(report: Cyclus) -> None:
    text = export("--framework", "ark-2024", "--cycle", "2023", "--format", "csv")
    lines = text.splitlines()
    assert lines[0] == "organisation,norm,level"
    assert len(lines) == 1 + 12 * 15 + 5 == 186
    for row in REPORT_ROWS:
        assert row in lines
    assert [line.rsplit(",", 1)[0] for line in lines[1:16]] == [f"AZ,{n}" for n in range(1, 16)]
    assert lines[-1].startswith("VWS,15,") and text.endswith("\n")


def test_export_json_and_an_explicit_kind(report: Cyclus) -> None:
    text = export(
        "--framework", "ark-2024", "--cycle", "2023", "--format", "json", "--kind", "auditor"
    )
    objects = json.loads(text)
    assert len(objects) == 185
    assert objects[0]["organisation"] == "AZ" and objects[0]["kind"] == "auditor"


def test_export_of_a_kind_without_assessments_is_just_the_header(report: Cyclus) -> None:
    text = export(
        "--framework", "ark-2024", "--cycle", "2023", "--format", "csv", "--kind", "zelfevaluatie"
    )
    assert text == "organisation,norm,level\n"


def test_export_xlsx_to_a_file(report: Cyclus, tmp_path: Path) -> None:
    out = tmp_path / "beoordelingen.xlsx"
    export("--framework", "ark-2024", "--cycle", "2023", "--format", "xlsx", "--out", str(out))
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Oordelen", "Heatmap", "Legenda"]
    assert workbook["Oordelen"].max_row == 186


def test_export_csv_to_a_file(report: Cyclus, tmp_path: Path) -> None:
    out = tmp_path / "oordelen.csv"
    assert (
        export("--framework", "ark-2024", "--cycle", "2023", "--format", "csv", "--out", str(out))
        == ""
    )
    assert out.read_text(encoding="utf-8").count("\n") == 186


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--framework", "kader-x", "--cycle", "2023", "--format", "csv"],
            "Normenkader ‘kader-x’ bestaat niet. Geladen normenkaders: ark-2024.",
        ),
        (
            ["--framework", "ark-2024", "--cycle", "2030", "--format", "csv"],
            "Er is geen cyclus 2030 voor normenkader ‘ark-2024’. Cycli van dit normenkader: 2023.",
        ),
        (
            ["--framework", "ark-2024", "--cycle", "2023", "--format", "pdf"],
            "Onbekend formaat ‘pdf’. Kies uit: csv, json, xlsx.",
        ),
        (
            ["--framework", "ark-2024", "--cycle", "2023", "--format", "xlsx"],
            "Geef met --out een bestand op: XLSX gaat niet naar stdout.",
        ),
        (
            ["--framework", "ark-2024", "--cycle", "2023", "--format", "csv", "--kind", "burger"],
            "Onbekende soort ‘burger’. Kies uit: zelfevaluatie, auditor, coordinator.",
        ),
    ],
)
def test_export_refuses_in_dutch(report: Cyclus, args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as info:
        export(*args)
    assert str(info.value) == message


def test_import_sets_ratings_from_a_file(world: World, tmp_path: Path) -> None:
    data.cyclus(2024)
    path = tmp_path / "oordelen.csv"
    path.write_text("organisation,norm,level\nOCW,1,stap\nFIN,9,voldoet\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_assessments",
        str(path),
        "--framework=ark-2024",
        "--cycle=2024",
        "--kind=zelfevaluatie",
        stdout=out,
    )
    assert out.getvalue() == (
        "Import geslaagd: 2 beoordeling(en) begonnen, 2 oordeel/oordelen gezet, 0 ongewijzigd.\n"
    )
    assert Oordeel.objects.filter(niveau__isnull=False).count() == 2


def test_import_with_errors_exits_1_and_saves_nothing(world: World, tmp_path: Path) -> None:
    data.cyclus(2024)
    path = tmp_path / "oordelen.csv"
    path.write_text("organisation,norm,level\nOCW,1,stap\nOCW,99,goed\n", encoding="utf-8")
    before = (Beoordeling.objects.count(), AuditEvent.objects.count())
    err = io.StringIO()
    with pytest.raises(SystemExit) as info:
        call_command(
            "import_assessments",
            str(path),
            "--framework=ark-2024",
            "--cycle=2024",
            "--kind=zelfevaluatie",
            stderr=err,
        )
    assert info.value.code == 1
    assert err.getvalue().splitlines() == [
        "Regel 3: norm ‘99’ bestaat niet in ark-2024.",
        "Regel 3: niveau ‘goed’ bestaat niet; kies uit: voldoet, kleine-stap, stap, onbekend.",
    ]
    assert (Beoordeling.objects.count(), AuditEvent.objects.count()) == before


def test_import_of_a_missing_file(world: World, tmp_path: Path) -> None:
    data.cyclus(2024)
    with pytest.raises(CommandError, match="kan het bestand niet lezen"):
        call_command(
            "import_assessments",
            str(tmp_path / "bestaat-niet.csv"),
            "--framework=ark-2024",
            "--cycle=2024",
            "--kind=zelfevaluatie",
        )
