"""Proof under faults (issue 8): kill -9 of an app worker and of a Celery worker in the middle
of submissions and of a batch PDF job, and the database stopped and restarted during
submissions.

One private stack (``stack.py``: own PostgreSQL cluster, Redis, gunicorn with the production
settings, one Celery worker with ``TAKEN_UITVOERING=celery``), locust in a separate process
for the submissions, and three scenarios, each printing what the clients saw acknowledged,
what the database holds, and PASS/FAIL:

1. **app-werker** — submissions and intakes running; ``kill -9`` of a gunicorn worker,
   twice. No acknowledged submission lost or doubled, no half-written record (used
   invitations = responses; every report has its vault and content).
2. **celery-werker** — submissions running; the "all talk sheets as ZIP" job started and,
   once it is running, ``kill -9`` of the Celery process executing it (2a), then of the
   whole Celery worker, parent included, with a fresh worker started after it (2b). The job
   must resume (finish) or be marked failed with a message within ``--job-wait`` seconds.
3. **database** — submissions running; the cluster stopped (``pg_ctl -m fast``: every
   connection cut) for ``--db-down`` seconds and started again. Clients must get an error
   page (an HTTP status, not a hang), nothing acknowledged may be lost, and submissions
   must succeed again after the restart.

Exits 1 when any scenario fails.

    .venv/bin/python benchmarks/load/proof_faults.py [--seconds 30] [--db-down 10]
        [--job-wait 30] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.load.runner import Load, Seeded, loadavg, locust_start, prepare, read_acks, verify
from benchmarks.load.stack import Stack

RESPONDENTS = 20
PACING = 4.0


@dataclass
class Outcome:
    name: str
    passed: bool
    lines: list[str] = field(default_factory=list)


def _kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)


def _submissions(
    stack: Stack,
    seeded: Seeded,
    run: str,
    seconds: float,
    offset: int,
    during: Callable[[float], list[str]],
) -> tuple[dict[str, Any], list[str], list[float]]:
    """Run locust for ``seconds``; ``during(t0)`` does the fault and returns its log lines."""
    load = Load(run, RESPONDENTS, PACING, 1, 5.0, seconds, token_offset=offset)
    proc, out = locust_start(stack, load)
    started = time.time()
    try:
        lines = during(started)
    except BaseException:
        proc.terminate()
        proc.wait()
        raise
    proc.wait()
    survey_acks, _intake = read_acks(out)
    return verify(stack, out, run, seeded.golf), lines, survey_acks


def _exactly_once(checked: dict[str, Any]) -> tuple[bool, list[str]]:
    ok = (
        checked["enquete_ontbreekt"] == 0
        and checked["enquete_dubbel"] == 0
        and checked["respons_totaal"] == checked["uitnodigingen_gebruikt"]
        and checked["meldingen_ontbreekt"] == 0
        and checked["meldingen_dubbel"] == 0
        and checked["meldingen_half"] == 0
    )
    lines = [
        f"bevestigd: {checked['enquete_bevestigd']} indieningen, "
        f"{checked['meldingen_bevestigd']} meldingen",
        f"in de database: {checked['enquete_opgeslagen_met_marker']} van deze indieningen "
        f"({checked['enquete_ontbreekt']} bevestigde ontbreken, {checked['enquete_dubbel']} "
        f"dubbel, {checked['enquete_opgeslagen_niet_bevestigd']} opgeslagen zonder "
        "bevestiging); alle responsen "
        f"{checked['respons_totaal']} = gebruikte uitnodigingen "
        f"{checked['uitnodigingen_gebruikt']}; meldingen totaal {checked['meldingen_totaal']} "
        f"({checked['meldingen_ontbreekt']} bevestigde ontbreken, {checked['meldingen_dubbel']} "
        f"dubbel, {checked['meldingen_half']} half geschreven)",
        f"clients kregen: {checked['fouten_bij_clients'] or 'geen fouten'}",
    ]
    return ok, lines


def scenario_app_worker(stack: Stack, seeded: Seeded, seconds: float) -> Outcome:
    def during(t0: float) -> list[str]:
        lines = []
        for moment in (seconds * 0.3, seconds * 0.6):
            time.sleep(max(0.0, t0 + moment - time.time()))
            victim = stack.gunicorn_workers()[0]
            _kill(victim)
            lines.append(f"t={time.time() - t0:4.1f} s: kill -9 gunicorn-worker {victim}")
        return lines

    checked, lines, _acks = _submissions(stack, seeded, "app", seconds, 0, during)
    ok, summary = _exactly_once(checked)
    return Outcome("1 app-werker kill -9", ok, lines + summary)


def _wait_job(
    stack: Stack, taak_id: str, until: Callable[[dict[str, Any]], bool], wait: float
) -> dict[str, Any]:
    deadline = time.monotonic() + wait
    row: dict[str, Any] = {}
    while time.monotonic() < deadline:
        row = _job(stack, taak_id)
        if until(row):
            break
        time.sleep(0.2)
    return row


def _job(stack: Stack, taak_id: str) -> dict[str, Any]:
    columns = "status, gedaan, totaal, stap, fouten::text, coalesce(bestand, '')"
    pk = uuid.UUID(taak_id)  # our own job's id, checked to be a UUID
    raw = stack.psql(f"SELECT {columns} FROM taken_taak WHERE id = '{pk}'")  # noqa: S608
    status, gedaan, totaal, stap, fouten, bestand = raw.split("\t")
    return {
        "status": status,
        "gedaan": int(gedaan),
        "totaal": int(totaal),
        "stap": stap,
        "fouten": json.loads(fouten),
        "bestand": bool(bestand),
    }


def _job_case(stack: Stack, seeded: Seeded, whole: bool, wait: float) -> tuple[bool, list[str]]:
    taak_id = stack.run_python(
        "benchmarks.load.check", "taak-start", str(seeded.golf), str(seeded.coordinator)
    ).strip()
    lines = [f"taak {taak_id[:8]} gestart (enquete.praatplaten, Celery)"]
    row = _wait_job(stack, taak_id, lambda r: r["status"] != "wachtrij", 60)
    if row.get("status") != "bezig":
        return False, [*lines, f"taak liep niet: {row}"]
    victims = stack.celery_children()
    if whole and stack.celery is not None:
        victims = [stack.celery.pid, *victims]
    for pid in victims:
        _kill(pid)
    lines.append(
        f"taak bezig ({row['gedaan']}/{row['totaal']} {row['stap']!r}): kill -9 "
        + ("Celery-worker met ouderproces " if whole else "Celery-werkproces ")
        + ", ".join(map(str, victims))
    )
    if whole:
        assert stack.celery is not None
        stack.celery.wait()
        stack.celery_start()
        lines.append("nieuwe Celery-worker gestart")
    row = _wait_job(stack, taak_id, lambda r: r["status"] in ("klaar", "mislukt"), wait)
    finished = row["status"] == "klaar" and row["bestand"]
    failed = row["status"] == "mislukt" and bool(row["fouten"])
    lines.append(
        f"na {wait:.0f} s: status {row['status']!r}, {row['gedaan']}/{row['totaal']}, "
        f"fouten {row['fouten']}, bestand {'ja' if row['bestand'] else 'nee'} — "
        + ("hervat en afgerond" if finished else "mislukt gemeld" if failed else "blijft hangen")
    )
    return finished or failed, lines


def scenario_celery_worker(stack: Stack, seeded: Seeded, seconds: float, wait: float) -> Outcome:
    results: list[bool] = []

    def during(t0: float) -> list[str]:
        time.sleep(max(0.0, t0 + 5 - time.time()))
        lines = []
        for whole in (False, True):
            ok, case = _job_case(stack, seeded, whole, wait)
            results.append(ok)
            lines += [("2b " if whole else "2a ") + line for line in case]
        return lines

    checked, lines, _acks = _submissions(stack, seeded, "celery", seconds + 2 * wait, 4000, during)
    ok, summary = _exactly_once(checked)
    return Outcome("2 celery-werker kill -9 (batch-PDF)", ok and all(results), lines + summary)


def scenario_database(stack: Stack, seeded: Seeded, seconds: float, down: float) -> Outcome:
    moments: dict[str, float] = {}

    def during(t0: float) -> list[str]:
        time.sleep(max(0.0, t0 + seconds * 0.3 - time.time()))
        stack.pg_stop("fast")
        moments["down"] = time.time()
        time.sleep(down)
        stack.pg_start()
        moments["up"] = time.time()
        return [
            f"t={moments['down'] - t0:4.1f} s: database gestopt (pg_ctl stop -m fast)",
            f"t={moments['up'] - t0:4.1f} s: database weer gestart",
        ]

    checked, lines, acks = _submissions(stack, seeded, "db", seconds + down, 9000, during)
    ok, summary = _exactly_once(checked)
    after = [t for t in acks if t > moments.get("up", float("inf"))]
    failures: dict[str, int] = checked["fouten_bij_clients"]
    clear = all(kind.startswith(("HTTP 5", "melding: HTTP 5")) for kind in failures)
    lines.append(
        f"na de herstart bevestigd: {len(after)} indieningen; foutmeldingen aan clients "
        + ("alle als HTTP-foutpagina" if clear else "niet alle als HTTP-foutpagina")
    )
    return Outcome("3 database stop/start", ok and bool(after) and clear, lines + summary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bewijs onder storingen (issue 8).")
    parser.add_argument("--seconds", type=float, default=30.0, help="duur per scenario (s)")
    parser.add_argument("--db-down", type=float, default=10.0, help="database weg (s)")
    parser.add_argument("--job-wait", type=float, default=30.0, help="wachten op de taak (s)")
    parser.add_argument("--keep", action="store_true", help="tijdelijke map laten staan")
    args = parser.parse_args(argv)
    print(f"Bewijs onder storingen — {time.strftime('%Y-%m-%d %H:%M')}, load {loadavg()}")
    outcomes: list[Outcome] = []
    with Stack(keep=args.keep) as stack:
        seeded = prepare(stack, 15_000)
        print("· Celery-worker (TAKEN_UITVOERING=celery, broker: eigen Redis)", flush=True)
        stack.celery_start()
        scenarios: list[tuple[str, Callable[[], Outcome]]] = [
            ("1 app-werker", lambda: scenario_app_worker(stack, seeded, args.seconds)),
            (
                "2 celery-werker",
                lambda: scenario_celery_worker(stack, seeded, args.seconds, args.job_wait),
            ),
            ("3 database", lambda: scenario_database(stack, seeded, args.seconds, args.db_down)),
        ]
        for name, run in scenarios:
            print(f"· scenario {name} (load {loadavg()})", flush=True)
            outcome = run()
            outcomes.append(outcome)
            print(f"\n{outcome.name}: {'PASS' if outcome.passed else 'FAIL'}")
            for line in outcome.lines:
                print(f"  {line}")
            print(flush=True)
    summary = ", ".join(f"{o.name} {'PASS' if o.passed else 'FAIL'}" for o in outcomes)
    print(f"Samenvatting: {summary}")
    return 0 if all(o.passed for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
