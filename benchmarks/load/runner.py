"""What both proofs share: preparing the stack, starting locust, reading its figures, CPU
accounting from ``/proc``, the check against the database, and printing a table."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.load.stack import REPO, VENV_BIN, Stack

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


@dataclass(frozen=True)
class Seeded:
    golf: int
    coordinator: int
    uitnodigingen: int
    tokens: Path


def prepare(stack: Stack, uitnodigingen: int, *, log: bool = True) -> Seeded:
    """Cluster, Redis, schema, static files, seed, gunicorn: everything up."""

    def step(text: str) -> None:
        if log:
            print(f"· {text}", flush=True)

    step(f"eigen PostgreSQL-cluster op poort {stack.pg_port} ({stack.root})")
    stack.pg_init()
    step(f"eigen Redis op poort {stack.redis_port}")
    stack.redis_start()
    step("schema (migrate) en statische bestanden (collectstatic)")
    stack.manage("migrate", "--verbosity", "0")
    stack.manage("collectstatic", "--noinput", "--verbosity", "0")
    step(f"zaaien: golf met {uitnodigingen} uitnodigingen (uitnodigingen_create)")
    info = json.loads(stack.run_python("benchmarks.load.seed", str(stack.root), str(uitnodigingen)))
    step(
        f"gunicorn: {stack.workers} workers × {stack.threads} threads (gthread) op poort "
        f"{stack.app_port}, settings.production"
    )
    stack.gunicorn_start()
    return Seeded(
        golf=int(info["golf"]),
        coordinator=int(info["coordinator"]),
        uitnodigingen=int(info["uitnodigingen"]),
        tokens=stack.root / "tokens.txt",
    )


@dataclass(frozen=True)
class Load:
    """One locust run's shape."""

    run: str
    respondents: int
    respondent_pacing: float
    melders: int
    melder_pacing: float
    seconds: float
    token_offset: int = 0


def locust_start(stack: Stack, load: Load) -> tuple[subprocess.Popen[bytes], Path]:
    """Locust, headless, in its own process; returns it and its output directory."""
    out = stack.root / f"locust-{load.run}"
    out.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "LOAD_TOKENS": str(stack.root / "tokens.txt"),
            "LOAD_TOKEN_OFFSET": str(load.token_offset),
            "LOAD_OUT": str(out),
            "LOAD_RUN": load.run,
            "LOAD_MELDPUNT": "LOAD",
            "LOAD_MELDERS": str(load.melders),
            "LOAD_RESPONDENT_PACING": str(load.respondent_pacing),
            "LOAD_MELDER_PACING": str(load.melder_pacing),
        }
    )
    users = load.respondents + load.melders
    proc = subprocess.Popen(  # noqa: S603
        [str(VENV_BIN / "locust"), "-f", str(LOCUSTFILE), "--headless"]
        + ["--users", str(users), "--spawn-rate", str(max(users / 5, 1))]
        + ["--run-time", f"{int(load.seconds)}s", "--stop-timeout", "30"]
        + ["--host", stack.base_url, "--csv", str(out / "stats"), "--only-summary"]
        + ["--loglevel", "WARNING", "--exit-code-on-error", "0"],
        env=env,
        cwd=REPO,
        stdout=(out / "locust.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    return proc, out


def read_stats(out: Path) -> dict[str, dict[str, float]]:
    """Locust's summary per request name: count, failures, rps and percentiles (ms)."""
    rows: dict[str, dict[str, float]] = {}
    path = out / "stats_stats.csv"
    if not path.exists():
        return rows
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "n": float(row["Request Count"]),
                "fouten": float(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
                "max": float(row["Max Response Time"] or 0),
            }
    return rows


def read_acks(out: Path) -> tuple[list[float], list[float]]:
    """The moments of the acknowledged submissions and intakes."""
    survey: list[float] = []
    intake: list[float] = []
    for path in out.glob("acks-*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        survey += [float(t) for t, _m in data["survey"]]
        intake += [float(t) for t, _m, _c in data["intake"]]
    return sorted(survey), sorted(intake)


def verify(stack: Stack, out: Path, run: str, golf: int) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(
        stack.run_python("benchmarks.load.check", "verify", str(out), run, str(golf))
    )
    return result


# --- CPU accounting ----------------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError):
        return []


def cpu_seconds(pids: list[int], *, reaped: bool = False) -> float:
    """CPU seconds (user + system) of ``pids``; with ``reaped`` also of their children that
    have ended (a database backend whose connection closed still counts)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])
        if reaped:
            total += int(fields[13]) + int(fields[14])
    return total / TICK


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return float(sum(fields) - idle), float(sum(fields))


@dataclass
class CpuSample:
    app: float
    db: float
    client: float
    busy: float
    total: float
    at: float


def cpu_sample(stack: Stack, client_pid: int | None) -> CpuSample:
    postmaster = int((stack.pgdata / "postmaster.pid").read_text().split()[0])
    busy, total = machine_busy()
    return CpuSample(
        app=cpu_seconds(stack.gunicorn_workers()),
        db=cpu_seconds([postmaster], reaped=True) + cpu_seconds(_children(postmaster)),
        client=cpu_seconds([client_pid]) if client_pid else 0.0,
        busy=busy,
        total=total,
        at=time.monotonic(),
    )


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- output ------------------------------------------------------------------------------------


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)

    def fmt(row: list[str]) -> str:
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )

    return "\n".join([fmt(header), line, *(fmt(r) for r in rows)])
