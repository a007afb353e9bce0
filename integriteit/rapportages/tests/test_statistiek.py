"""The confidence intervals and the significance rule (pure, no database)."""

from __future__ import annotations

import pytest

from integriteit.rapportages.statistiek import (
    Schatting,
    aandeel_ci,
    gemiddelde_ci,
    significant_lager,
    t95,
)


@pytest.mark.parametrize(
    ("df", "exact"), [(4, 2.7764), (9, 2.2622), (29, 2.0452), (100, 1.9840), (10_000, 1.9602)]
)
def test_t_quantile_matches_the_tables(df: int, exact: float) -> None:
    assert t95(df) == pytest.approx(exact, abs=1e-3)


def test_t_quantile_matches_scipy_where_available() -> None:
    stats = pytest.importorskip("scipy.stats")
    for df in range(4, 200):
        assert t95(df) == pytest.approx(float(stats.t.ppf(0.975, df)), abs=1e-3)


def test_mean_interval() -> None:
    s = gemiddelde_ci(3.0, 1.0, 25)
    assert s is not None
    assert s.laag == pytest.approx(3.0 - 2.0639 / 5, abs=1e-3)
    assert s.hoog == pytest.approx(3.0 + 2.0639 / 5, abs=1e-3)
    assert gemiddelde_ci(None, 1.0, 25) is None
    assert gemiddelde_ci(3.0, 1.0, 1) is None


def test_wilson_interval() -> None:
    s = aandeel_ci(50.0, 100)
    assert s is not None
    assert s.laag == pytest.approx(40.38, abs=0.01)
    assert s.hoog == pytest.approx(59.62, abs=0.01)
    rand = aandeel_ci(100.0, 30)
    assert rand is not None and rand.hoog == pytest.approx(100.0)
    assert rand.laag == pytest.approx(88.65, abs=0.01)
    assert aandeel_ci(None, 30) is None and aandeel_ci(50.0, 0) is None


def test_significantly_lower_only_when_the_whole_interval_is_below() -> None:
    rijk = Schatting(3.5, 3.4, 3.6, 1000)
    assert significant_lager(Schatting(3.0, 2.8, 3.2, 50), rijk)
    assert not significant_lager(Schatting(3.3, 3.1, 3.5, 50), rijk)  # interval holds 3.5
    assert not significant_lager(Schatting(3.3, 3.1, 3.6, 50), rijk)
    assert not significant_lager(Schatting(3.8, 3.6, 4.0, 50), rijk)  # higher is not lower
    assert not significant_lager(None, rijk)
    assert not significant_lager(Schatting(3.0, 2.8, 3.2, 50), None)
