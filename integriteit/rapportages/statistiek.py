"""The confidence intervals and the significance rule of the survey comparison. Pure.

Rule (ADR 0018): a ministry's result is *significantly below* the government-wide one when
the upper bound of the ministry's 95 % confidence interval lies below the government-wide
point estimate. Intervals: for a scale mean the t-interval ``mean ± t(0.975, n−1)·sd/√n``
over the respondents with a scale score; for the share "(volledig) eens" on an item the
Wilson score interval over the respondents who answered the item.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054
#: Differences smaller than this are floating-point noise, not a difference.
EPSILON = 1e-9


def t95(df: int) -> float:
    """The 97.5 % quantile of Student's t with ``df`` degrees of freedom, by the
    Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5): within 0.001 of the exact value
    from ``df`` = 4 on, the smallest a group of five allows; no scipy at run time."""
    z = Z95
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    v = float(df)
    return z + g1 / v + g2 / v**2 + g3 / v**3 + g4 / v**4


@dataclass(frozen=True)
class Schatting:
    """An estimate with its 95 % confidence interval and the number it rests on."""

    waarde: float
    laag: float
    hoog: float
    n: int


def gemiddelde_ci(gemiddelde: float | None, sd: float | None, n: int) -> Schatting | None:
    """The t-interval of a mean; ``None`` without a mean or with fewer than two scores."""
    if gemiddelde is None or n < 2:
        return None
    marge = t95(n - 1) * (sd or 0.0) / math.sqrt(n)
    return Schatting(gemiddelde, gemiddelde - marge, gemiddelde + marge, n)


def aandeel_ci(procent: float | None, n: int) -> Schatting | None:
    """The Wilson interval of a share given in percent (0-100), in percent."""
    if procent is None or n < 1:
        return None
    p = procent / 100.0
    z2 = Z95 * Z95
    noemer = 1 + z2 / n
    midden = (p + z2 / (2 * n)) / noemer
    marge = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / noemer
    laag, hoog = 100 * max(0.0, midden - marge), 100 * min(1.0, midden + marge)
    # at 0 % or 100 % rounding can leave the bound a hair inside the estimate
    return Schatting(procent, min(laag, procent), max(hoog, procent), n)


def significant_lager(ministerie: Schatting | None, rijk: Schatting | None) -> bool:
    """Whether the ministry's whole interval lies below the government-wide estimate."""
    if ministerie is None or rijk is None:
        return False
    return ministerie.hoog < rijk.waarde - EPSILON
