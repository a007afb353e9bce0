"""A separately written, deliberately plain reference for the analysis tests: loops over rows
and item pairs, one group at a time. Slow, but easy to check by reading."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]


def item_reference(
    values: Floats, codes: list[int], missing: list[int], agree: list[int]
) -> dict[str, object]:
    answers = [float(v) for v in values if not math.isnan(v)]
    n = len(answers)
    counts = {str(code): sum(1 for v in answers if v == code) for code in codes}
    percent = {key: (100.0 * c / n if n else None) for key, c in counts.items()}
    substantive = [v for v in answers if v not in missing]
    mean = sum(substantive) / len(substantive) if substantive else None
    agree_pct = None
    if agree and n:
        agree_pct = 100.0 * sum(1 for v in answers if v in agree) / n
    return {
        "n": n,
        "missing": len(values) - n,
        "counts": counts,
        "percent": percent,
        "mean": mean,
        "agree_pct": agree_pct,
    }


def recode(values: Floats, missing: list[int], low: int, high: int, reverse: bool) -> Floats:
    out = []
    for v in values:
        if math.isnan(v) or v in missing:
            out.append(math.nan)
        else:
            out.append(high + low - v if reverse else v)
    return np.array(out)


def pairwise_cov(matrix: Floats) -> Floats:
    k = matrix.shape[1]
    cov = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            rows = [r for r in range(len(matrix)) if not np.isnan(matrix[r, [i, j]]).any()]
            x, y = matrix[rows, i], matrix[rows, j]
            mx, my = sum(x) / len(x), sum(y) / len(y)
            cov[i, j] = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / (len(x) - 1)
    return cov


def alpha(cov: Floats) -> float:
    k = len(cov)
    total = sum(cov[i, j] for i in range(k) for j in range(k))
    diagonal = sum(cov[i, i] for i in range(k))
    return float(k / (k - 1) * (1 - diagonal / total))


def to_corr(cov: Floats) -> Floats:
    k = len(cov)
    return np.array(
        [[cov[i, j] / math.sqrt(cov[i, i] * cov[j, j]) for j in range(k)] for i in range(k)]
    )


def without(cov: Floats, i: int) -> Floats:
    keep = [j for j in range(len(cov)) if j != i]
    return cov[np.ix_(keep, keep)]


def r_drop(cov: Floats, i: int) -> float:
    rest = without(cov, i)
    covariance = sum(cov[i, j] for j in range(len(cov)) if j != i)
    return float(covariance / math.sqrt(cov[i, i] * rest.sum()))


def uls_loadings(corr: Floats, sweeps: int = 20_000) -> Floats:
    """One-factor unweighted least squares by Gauss-Seidel: each loading in turn minimises
    the squared off-diagonal residuals given the others."""
    k = len(corr)
    loadings = np.full(k, 0.5)
    for _ in range(sweeps):
        previous = loadings.copy()
        for i in range(k):
            others = [j for j in range(k) if j != i]
            top = sum(corr[i, j] * loadings[j] for j in others)
            loadings[i] = top / sum(loadings[j] ** 2 for j in others)
        if np.abs(loadings - previous).max() < 1e-13:
            break
    return loadings if loadings.sum() > 0 else -loadings


def omega(corr: Floats) -> float:
    loadings = uls_loadings(corr)
    common = loadings.sum() ** 2
    return float(common / (common + sum(1 - x * x for x in loadings)))


def scores(matrix: Floats, min_items: int) -> Floats:
    out = []
    for row in matrix:
        answered = [v for v in row if not math.isnan(v)]
        out.append(sum(answered) / len(answered) if len(answered) >= min_items else math.nan)
    return np.array(out)


def mean_sd(values: Floats) -> tuple[float, float]:
    x = [v for v in values if not math.isnan(v)]
    mean = sum(x) / len(x)
    return mean, math.sqrt(sum((v - mean) ** 2 for v in x) / (len(x) - 1))


def pearson(x: Floats, y: Floats) -> tuple[float, int]:
    pairs = [(a, b) for a, b in zip(x, y, strict=True) if not (math.isnan(a) or math.isnan(b))]
    n = len(pairs)
    mx = sum(a for a, _ in pairs) / n
    my = sum(b for _, b in pairs) / n
    sxy = sum((a - mx) * (b - my) for a, b in pairs)
    sxx = sum((a - mx) ** 2 for a, _ in pairs)
    syy = sum((b - my) ** 2 for _, b in pairs)
    return float(sxy / math.sqrt(sxx * syy)), n


def average_ranks(values: list[float]) -> list[float]:
    return [
        sum(1 for w in values if w < v) + (sum(1 for w in values if w == v) + 1) / 2 for v in values
    ]


def spearman(x: Floats, y: Floats) -> tuple[float, int]:
    pairs = [(a, b) for a, b in zip(x, y, strict=True) if not (math.isnan(a) or math.isnan(b))]
    rx = average_ranks([a for a, _ in pairs])
    ry = average_ranks([b for _, b in pairs])
    return pearson(np.array(rx), np.array(ry))


def t_two_sided_p(r: float, n: int, steps: int = 200_000) -> float:
    """2·P(T > |t|) by Simpson's rule on the t density over [0, |t|]."""
    df = n - 2
    t = abs(r) * math.sqrt(df / (1 - r * r))
    norm = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)

    def density(u: float) -> float:
        return float(norm * (1 + u * u / df) ** (-(df + 1) / 2))

    h = t / steps
    total = density(0) + density(t)
    total += sum((4 if k % 2 else 2) * density(k * h) for k in range(1, steps))
    return 1 - 2 * total * h / 3


def fisher_ci(r: float, n: int) -> tuple[float, float]:
    z = 0.5 * math.log((1 + r) / (1 - r))
    half = 1.959964 / math.sqrt(n - 3)
    return math.tanh(z - half), math.tanh(z + half)


def rake(
    rows: list[dict[str, str]], margins: dict[str, dict[str, float]], sweeps: int = 100
) -> list[float]:
    """Raking one respondent at a time: for every variable in turn, scale the weights of each
    category so that they add up to its population (margins rescaled to the first one's
    total); until no weight changes by 1e-6 (relative) in a sweep."""
    names = list(margins)
    total = sum(margins[names[0]].values())
    weights = [1.0] * len(rows)
    for _ in range(sweeps):
        before = list(weights)
        for name in names:
            scale = total / sum(margins[name].values())
            for value, population in margins[name].items():
                members = [i for i, row in enumerate(rows) if row[name] == value]
                reached = sum(weights[i] for i in members)
                for i in members:
                    weights[i] *= population * scale / reached
        if max(abs(w - b) / b for w, b in zip(weights, before, strict=True)) < 1e-6:
            break
    return weights


def weighted_item(
    values: Floats, weights: list[float], codes: list[int], missing: list[int], agree: list[int]
) -> dict[str, object]:
    pairs = [(float(v), w) for v, w in zip(values, weights, strict=True) if not math.isnan(v)]
    valid = sum(w for _, w in pairs)
    percent = {str(c): 100.0 * sum(w for v, w in pairs if v == c) / valid for c in codes}
    substantive = [(v, w) for v, w in pairs if v not in missing]
    mean = sum(v * w for v, w in substantive) / sum(w for _, w in substantive)
    agree_pct = 100.0 * sum(w for v, w in pairs if v in agree) / valid
    return {"percent": percent, "agree_pct": agree_pct, "mean": mean}
