"""Benchmark: ``analyze_survey`` on a million synthetic responses, against pandas + pingouin.

Draws ``--rows`` synthetic ``ark-2023`` responses (``generate_survey``) over ``--units`` units
with log-normal headcounts (12 ministries) into a temporary CSV, then measures in one run:

* the engine: what ``integriteit analyze_survey --group-by unit --min-group-size 10`` does
  (``responses_read_csv`` + ``survey_analyze`` + ``json.dumps``), timed in a fresh child
  process (``time.perf_counter`` around that work; interpreter start, Django set-up and the
  questionnaire's YAML are not timed), ``--engine-runs`` times (median reported). Peak
  memory is the child's peak resident set size, ``VmHWM`` of ``/proc/self/status`` read in
  the child at its end (so it includes the interpreter, Django and numpy; the child never
  imports pandas). Not ``ru_maxrss``: Linux carries the parent's peak into a child's;
* the baseline: a straightforward pandas + pingouin implementation of the same statistics
  (``pandas.read_csv``; per item counts, percent, mean, agree %; per scale
  ``pingouin.cronbach_alpha`` pairwise and listwise, alpha_std, scale scores with min_items,
  item-rest correlations, alpha-if-deleted by ``cronbach_alpha`` on the reduced items;
  ``pingouin.corr`` between the scale scores), overall and per unit with ``groupby``, in
  this process. It does *less* than the engine (no omega, no secondary suppression), so the
  speed-up is, if anything, understated. With ``--baseline-sample N`` it runs on N whole
  units drawn at random (seeded); the engine is then also run on exactly that sample (like
  for like), and the baseline's full-size time is extrapolated: its read and overall parts
  are measured on the full file, its per-unit part is scaled linearly by units / N;
* a correctness spot check: the engine's alpha (pairwise and listwise) and alpha-if-deleted
  against pingouin's for every scale, overall and in every visible unit the baseline ran.

Issue 4's targets (1,000,000 rows, about 2,000 units, this 2-core machine): engine < 10 s,
< 2 GB peak memory, at least 20x faster than the baseline. Not a test: figures vary with the
machine.

    .venv/bin/python benchmarks/survey.py [--rows 1000000] [--units 2000] [--seed 1]
                                          [--baseline-sample N] [--engine-runs 3]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from integriteit.medewerkersonderzoek.spec import Questionnaire
    from integriteit.medewerkersonderzoek.synthetic import Unit

MIN_GROUP_SIZE = 10
TARGET_SECONDS = 10.0
TARGET_MB = 2048.0
TARGET_SPEEDUP = 20.0
TOLERANCE = 1e-9
MINISTRIES = 12
Json = dict[str, Any]


def _setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integriteit.settings.test")
    import django

    django.setup()


def _questionnaire() -> Questionnaire:
    from integriteit.medewerkersonderzoek.questionnaire import shipped_questionnaire

    return shipped_questionnaire("ark-2023")


# --------------------------------------------------------------------------------- data


def bench_units(count: int, seed: int) -> list[Unit]:
    """``count`` units over 12 ministries, headcounts log-normal (median about 150)."""
    from integriteit.medewerkersonderzoek.synthetic import Unit

    rng = np.random.Generator(np.random.PCG64(seed))
    heads = np.maximum(rng.lognormal(mean=5.0, sigma=0.8, size=count).round(), 1).astype(int)
    return [
        Unit(f"E{i:05d}", f"Eenheid {i}", f"M{i % MINISTRIES:02d}", int(heads[i]))
        for i in range(count)
    ]


def write_csvs(
    args: argparse.Namespace, folder: Path
) -> tuple[Path, Path | None, int, int, list[str]]:
    """The full CSV and, with ``--baseline-sample``, the CSV of the sampled units; returns
    (full, sample, units present, rows in sample, sampled unit codes)."""
    from integriteit.medewerkersonderzoek.synthetic import generate_survey, survey_write_csv

    questionnaire = _questionnaire()
    units = bench_units(args.units, args.seed)
    data = generate_survey(questionnaire=questionnaire, n=args.rows, seed=args.seed, units=units)
    full = folder / "responses.csv"
    survey_write_csv(full, questionnaire, data)
    present = sorted(set(data["unit"].tolist()))
    if not args.baseline_sample or args.baseline_sample >= len(present):
        return full, None, len(present), args.rows, present
    rng = np.random.Generator(np.random.PCG64(args.seed + 1))
    chosen = sorted(rng.choice(present, size=args.baseline_sample, replace=False).tolist())
    keep = np.isin(data["unit"], chosen)
    sample = folder / "sample.csv"
    survey_write_csv(sample, questionnaire, {name: col[keep] for name, col in data.items()})
    return full, sample, len(present), int(keep.sum()), chosen


# ------------------------------------------------------------------------------- engine


def engine_child(csv_path: str, out_path: str) -> None:
    """In the child: analyze as ``analyze_survey --group-by unit`` does; print the figures."""
    _setup()
    from integriteit.medewerkersonderzoek.analysis.data import responses_read_csv
    from integriteit.medewerkersonderzoek.analysis.report import survey_analyze

    questionnaire = _questionnaire()
    start = time.perf_counter()
    data = responses_read_csv(csv_path, questionnaire, "unit")
    read = time.perf_counter()
    result = survey_analyze(questionnaire, data, min_group_size=MIN_GROUP_SIZE)
    analyzed = time.perf_counter()
    text = json.dumps(result, ensure_ascii=False, allow_nan=False)
    end = time.perf_counter()
    Path(out_path).write_text(text, encoding="utf-8")
    print(json.dumps({**timings(start, read, analyzed, end), "peak_mb": peak_rss_mb()}))


def timings(start: float, read: float, analyzed: float, end: float) -> dict[str, float]:
    return {
        "seconds": end - start,
        "read": read - start,
        "analyze": analyzed - read,
        "json": end - analyzed,
    }


def peak_rss_mb() -> float:
    """Peak resident set size of this process since it was started (exec).

    ``VmHWM`` from ``/proc/self/status``, not ``getrusage(...).ru_maxrss``: Linux carries the
    parent's peak over fork/vfork + exec into ``ru_maxrss``, so a child started from a
    parent holding the generated data would report the parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class EngineRun:
    seconds: float
    read: float
    analyze: float
    json: float
    peak_mb: float
    spread: str
    result: Json


def engine_run(csv_path: Path, folder: Path, runs: int) -> EngineRun:
    """``runs`` fresh child processes; the run with the median time (its own figures)."""
    out = folder / f"engine-{csv_path.stem}.json"
    command = [sys.executable, __file__, "--engine-child", str(csv_path), str(out)]
    measured = []
    for _run in range(runs):
        completed = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
        measured.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    measured.sort(key=lambda figures: float(figures["seconds"]))
    figures = measured[len(measured) // 2]
    spread = f"{measured[0]['seconds']:.2f}-{measured[-1]['seconds']:.2f} s over {runs} runs"
    result = json.loads(out.read_text(encoding="utf-8"))
    return EngineRun(**figures, spread=spread, result=result)


# ----------------------------------------------------------------------------- baseline


def _item_stats(part: Any, questionnaire: Questionnaire) -> Json:
    out: Json = {}
    for item in questionnaire.items:
        if item.kind == "text":
            continue
        if item.kind == "multi":
            block = part[list(item.columns())]
            n = int(block.notna().any(axis=1).sum())
            counts = [int((block[c] == 1).sum()) for c in item.columns()]
            keys = [str(option.code) for option in item.options]
            out[item.code] = {
                "n": n,
                "missing": len(part) - n,
                "counts": dict(zip(keys, counts, strict=True)),
                "percent": {
                    k: 100 * c / n if n else None for k, c in zip(keys, counts, strict=True)
                },
                "mean": None,
                "agree_pct": None,
            }
            continue
        scale = questionnaire.scale_of(item)
        codes = scale.valid_codes if scale else tuple(o.code for o in item.options)
        valid = part[item.code].dropna()
        n = len(valid)
        counts = valid.value_counts().reindex(codes, fill_value=0)
        mean = agree = None
        if scale is not None:
            substantive = valid[valid.isin(scale.substantive)]
            mean = float(substantive.mean()) if len(substantive) else None
            agree = 100 * float(valid.isin(scale.agree).sum()) / n if n else None
        out[item.code] = {
            "n": n,
            "missing": len(part) - n,
            "counts": {str(c): int(v) for c, v in counts.items()},
            "percent": {str(c): 100 * int(v) / n if n else None for c, v in counts.items()},
            "mean": mean,
            "agree_pct": agree,
        }
    return out


def _finite(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def _scale_stats(part: Any, questionnaire: Questionnaire) -> tuple[Json, dict[str, Any]]:
    import pingouin

    out: Json = {}
    scores: dict[str, Any] = {}
    for scale in questionnaire.scales:
        items = part[list(scale.items)].copy()
        for code in scale.items:
            response = questionnaire.scale_of(questionnaire.item(code))
            assert response is not None
            items[code] = items[code].mask(items[code].isin(response.missing))
            if code in scale.reversed:
                sub = response.substantive
                items[code] = max(sub) + min(sub) - items[code]
        k = len(scale.items)
        corr = items.corr().to_numpy()
        cov = items.cov().to_numpy()
        total = cov.sum()
        rest = {}
        for i, code in enumerate(scale.items):
            own, row = cov[i, i], cov[i].sum()
            rest[code] = _finite((row - own) / math.sqrt(own * (total - 2 * row + own)))
        answered = items.notna().sum(axis=1)
        score = items.mean(axis=1).where(answered >= max(scale.min_items, 1))
        scores[scale.code] = score
        out[scale.code] = {
            "items": list(scale.items),
            "reversed": list(scale.reversed),
            "n_complete": int(items.notna().all(axis=1).sum()),
            "alpha": _finite(pingouin.cronbach_alpha(data=items)[0]),
            "alpha_std": _finite(k / (k - 1) * (1 - np.trace(corr) / corr.sum())),
            "alpha_listwise": _finite(
                pingouin.cronbach_alpha(data=items, nan_policy="listwise")[0]
            ),
            "mean": _finite(score.mean()),
            "sd": _finite(score.std()),
            "item_rest": rest,
            "alpha_if_deleted": {
                code: _finite(pingouin.cronbach_alpha(data=items.drop(columns=code))[0])
                for code in scale.items
            },
        }
    return out, scores


def _correlations(scores: dict[str, Any]) -> list[Json]:
    import pingouin

    names = list(scores)
    out = []
    for i, x in enumerate(names):
        for y in names[i + 1 :]:
            row = pingouin.corr(scores[x], scores[y]).iloc[0]
            ci = row[next(key for key in row.index if str(key).startswith("CI"))]
            out.append(
                {
                    "x": x,
                    "y": y,
                    "method": "pearson",
                    "r": _finite(row["r"]),
                    "n": int(row["n"]),
                    "ci95": [_finite(ci[0]), _finite(ci[1])],
                    "p": _finite(row["p_val" if "p_val" in row.index else "p-val"]),
                }
            )
    return out


def baseline_analyze(part: Any, questionnaire: Questionnaire) -> Json:
    items = _item_stats(part, questionnaire)
    scales, scores = _scale_stats(part, questionnaire)
    return {"items": items, "scales": scales, "correlations": _correlations(scores)}


def baseline_read(csv_path: Path, questionnaire: Questionnaire) -> Any:
    """``pandas.read_csv`` plus the engine's check that every value is an allowed code."""
    import pandas

    from integriteit.medewerkersonderzoek.analysis.data import column_codes

    frame = pandas.read_csv(csv_path, dtype={"unit": str, "role": str, "opmerkingen": str})
    for column, codes in column_codes(questionnaire).items():
        bad = frame[column].notna() & ~frame[column].isin(codes)
        if bad.any():
            raise ValueError(f"{column}: value not allowed in row {int(bad.idxmax()) + 2}")
    return frame


@dataclass
class BaselineRun:
    read: float
    overall: float
    groups: float
    n_groups: int
    result: Json

    @property
    def seconds(self) -> float:
        return self.read + self.overall + self.groups


def baseline_run(csv_path: Path, questionnaire: Questionnaire, groups: bool = True) -> BaselineRun:
    import pandas
    import pingouin

    assert pandas and pingouin  # imported before the clock starts (pingouin takes ~1 s)
    start = time.perf_counter()
    frame = baseline_read(csv_path, questionnaire)
    read = time.perf_counter()
    result: Json = {"n_responses": len(frame), **baseline_analyze(frame, questionnaire)}
    overall = time.perf_counter()
    result["groups"] = {}
    if groups:
        for unit, part in frame.groupby("unit", sort=True):
            if len(part) < MIN_GROUP_SIZE:
                result["groups"][unit] = {"suppressed": True, "n": None}
            else:
                result["groups"][unit] = {
                    "suppressed": False,
                    "n": len(part),
                    **baseline_analyze(part, questionnaire),
                }
    json.dumps(result, ensure_ascii=False, allow_nan=False)
    end = time.perf_counter()
    return BaselineRun(read - start, overall - read, end - overall, len(result["groups"]), result)


# ------------------------------------------------------------------------------- checks


def _diff(a: float | None, b: float | None) -> float:
    if a is None or b is None:
        return 0.0 if a is None and b is None else math.inf
    return abs(a - b)


def spot_check(engine: Json, baseline: Json) -> tuple[float, float, float, int]:
    """Max |engine − pingouin| of alpha, alpha_listwise and alpha_if_deleted, over every
    scale overall and in every unit both show; and how many (scale, group) pairs."""
    blocks = [(engine, baseline)] + [
        (engine["groups"][u], g)
        for u, g in baseline["groups"].items()
        if not g["suppressed"] and not engine["groups"][u]["suppressed"]
    ]
    worst = [0.0, 0.0, 0.0]
    pairs = 0
    for mine, theirs in blocks:
        for code, scale in theirs["scales"].items():
            own = mine["scales"][code]
            pairs += 1
            worst[0] = max(worst[0], _diff(own["alpha"], scale["alpha"]))
            worst[1] = max(worst[1], _diff(own["alpha_listwise"], scale["alpha_listwise"]))
            for item, value in scale["alpha_if_deleted"].items():
                worst[2] = max(worst[2], _diff(own["alpha_if_deleted"][item], value))
    return worst[0], worst[1], worst[2], pairs


# ------------------------------------------------------------------------------- output


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _table(rows: list[tuple[str, int, int, EngineRun, float, str]]) -> None:
    header = (
        f"{'run':<26} {'rows':>9} {'units':>6} {'engine s':>9} {'peak MB':>8} "
        f"{'baseline s':>11} {'speed-up':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, n, units, engine, base, note in rows:
        print(
            f"{name:<26} {n:>9} {units:>6} {engine.seconds:>9.2f} {engine.peak_mb:>8.0f} "
            f"{base:>11.1f}{note:1} {base / engine.seconds:>8.1f}x"
        )


def report(args: argparse.Namespace) -> None:
    _setup()
    questionnaire = _questionnaire()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        full, sample, n_units, sample_rows, chosen = write_csvs(args, folder)
        print(
            f"generated {args.rows} responses over {n_units} units (of {args.units} drawn) "
            f"and wrote the CSV ({full.stat().st_size / 1e6:.0f} MB) in "
            f"{time.perf_counter() - start:.1f} s"
        )
        engine_full = engine_run(full, folder, args.engine_runs)
        print(
            f"engine, full file: read {engine_full.read:.2f} s, analyze "
            f"{engine_full.analyze:.2f} s, json {engine_full.json:.2f} s (median run; "
            f"{engine_full.spread})"
        )
        if sample is None:
            baseline = baseline_run(full, questionnaire)
            engine_like = engine_full
        else:
            engine_like = engine_run(sample, folder, args.engine_runs)
            baseline = baseline_run(sample, questionnaire)
            baseline_whole = baseline_run(full, questionnaire, groups=False)
        print(
            f"baseline{'' if sample is None else ', sample'}: read {baseline.read:.2f} s, "
            f"overall {baseline.overall:.2f} s, {baseline.n_groups} units "
            f"{baseline.groups:.1f} s ({1000 * baseline.groups / baseline.n_groups:.0f} ms/unit)"
        )
    rows = []
    if sample is None:
        rows.append(("full, both measured", args.rows, n_units, engine_full, baseline.seconds, ""))
        extrapolated = baseline.seconds
    else:
        scale = n_units / len(chosen)
        extrapolated = baseline_whole.read + baseline_whole.overall + baseline.groups * scale
        print(
            f"baseline on the full file: read {baseline_whole.read:.2f} s, overall "
            f"{baseline_whole.overall:.2f} s, measured; per-unit part EXTRAPOLATED linearly "
            f"in units: {baseline.groups:.1f} s x {n_units}/{len(chosen)} = "
            f"{baseline.groups * scale:.0f} s"
        )
        rows.append(
            (f"sample of {len(chosen)} units", sample_rows, len(chosen), engine_like,
             baseline.seconds, "")
        )  # fmt: skip
        rows.append(("full (baseline extrap.)", args.rows, n_units, engine_full, extrapolated, "*"))
    print()
    _table(rows)
    if sample is not None:
        print("* baseline time extrapolated, not measured (see above)")
    alpha, listwise, dropped, pairs = spot_check(engine_like.result, baseline.result)
    print()
    print(
        f"spot check over {pairs} (scale, group) pairs: max |engine - pingouin| "
        f"alpha {alpha:.2e}, alpha_listwise {listwise:.2e}, alpha_if_deleted {dropped:.2e} "
        f"-> {'ok' if max(alpha, listwise, dropped) <= TOLERANCE else 'DIFFERS'} "
        f"(tolerance {TOLERANCE:g})"
    )
    like = baseline.seconds / engine_like.seconds
    full_ratio = extrapolated / engine_full.seconds
    print()
    print(f"targets (issue 4) at {args.rows} rows / {n_units} units:")
    print(
        f"  engine < {TARGET_SECONDS:.0f} s: {_verdict(engine_full.seconds < TARGET_SECONDS)} "
        f"({engine_full.seconds:.2f} s)"
    )
    print(
        f"  engine peak < {TARGET_MB / 1024:.0f} GB: {_verdict(engine_full.peak_mb < TARGET_MB)}"
        f" ({engine_full.peak_mb:.0f} MB, peak RSS of the child process)"
    )
    print(f"  >= {TARGET_SPEEDUP:.0f}x faster than baseline: {_verdict(like >= TARGET_SPEEDUP)}")
    print(f"    like for like: {like:.1f}x (both on the same {baseline.n_groups} units)")
    if sample is not None:
        print(f"    extrapolated to the full size: {full_ratio:.1f}x")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--engine-child":
        engine_child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=0,
        metavar="N",
        help="run the baseline on N whole units and extrapolate (default: all units)",
    )
    parser.add_argument("--engine-runs", type=int, default=3, help="median of this many")
    report(parser.parse_args())


if __name__ == "__main__":
    main()
