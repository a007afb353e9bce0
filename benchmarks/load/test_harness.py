"""The harness's pure parts (no database, no servers): reading locust's figures and the
acknowledgements, and the table. Run: ``.venv/bin/pytest benchmarks/load -q``."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.load.check import _acks
from benchmarks.load.runner import read_acks, read_stats, table

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
)


def _write_acks(out: Path) -> None:
    (out / "acks-1.json").write_text(
        json.dumps(
            {
                "survey": [[2.0, "belasting-x-b"], [1.0, "belasting-x-a"]],
                "intake": [[1.5, "belasting-x-m", "0000111122223333"]],
                "failures": {"HTTP 500": 2},
            }
        ),
        encoding="utf-8",
    )
    (out / "acks-2.json").write_text(
        json.dumps({"survey": [[3.0, "belasting-x-c"]], "intake": [], "failures": {"HTTP 500": 1}}),
        encoding="utf-8",
    )


def test_read_acks_merges_processes_in_time_order(tmp_path: Path) -> None:
    _write_acks(tmp_path)
    survey, intake = read_acks(tmp_path)
    assert survey == [1.0, 2.0, 3.0]
    assert intake == [1.5]


def test_check_acks_collects_markers_codes_and_failures(tmp_path: Path) -> None:
    _write_acks(tmp_path)
    survey, intake, failures = _acks(tmp_path)
    assert sorted(survey) == ["belasting-x-a", "belasting-x-b", "belasting-x-c"]
    assert intake == ["0000111122223333"]
    assert failures == {"HTTP 500": 3}


def test_read_stats_takes_percentiles_per_name(tmp_path: Path) -> None:
    row = "POST,POST indienen,100,2,40,45,10,900,0,5.5,0.1,40,50,60,70,80,95,120,250,800,900,900\n"
    (tmp_path / "stats_stats.csv").write_text(HEADER + row, encoding="utf-8")
    stats = read_stats(tmp_path)
    assert stats["POST indienen"] == {
        "n": 100.0,
        "fouten": 2.0,
        "rps": 5.5,
        "p50": 40.0,
        "p95": 95.0,
        "p99": 250.0,
        "max": 900.0,
    }
    assert read_stats(tmp_path / "leeg") == {}


def test_table_aligns_columns() -> None:
    text = table([["GET blok", "12"], ["POST indienen", "3"]], ["verzoek", "n"])
    lines = text.splitlines()
    assert lines[0] == "verzoek         n"
    assert lines[2] == "GET blok       12"
    assert lines[3] == "POST indienen   3"
