"""The matrix module: bands per size and counting risks per cell (no database)."""

from __future__ import annotations

import pytest

from integriteit.risicos.matrix import MATRICES, Band, tel_cellen


@pytest.mark.parametrize(
    ("grootte", "kans", "impact", "band"),
    [
        (5, 1, 4, Band.LAAG),
        (5, 1, 5, Band.MIDDEN),
        (5, 3, 3, Band.MIDDEN),
        (5, 2, 5, Band.HOOG),
        (5, 5, 5, Band.HOOG),
        (4, 1, 3, Band.LAAG),
        (4, 2, 2, Band.MIDDEN),
        (4, 2, 4, Band.HOOG),
        (4, 4, 4, Band.HOOG),
    ],
)
def test_band_follows_thresholds_per_size(grootte: int, kans: int, impact: int, band: Band) -> None:
    assert MATRICES[grootte].band(kans, impact) == band


def test_labels_per_size() -> None:
    assert len(MATRICES[5].kans_labels) == 5 and len(MATRICES[5].impact_labels) == 5
    assert len(MATRICES[4].kans_labels) == 4 and len(MATRICES[4].impact_labels) == 4
    assert MATRICES[4].bevat(4) and not MATRICES[4].bevat(5) and not MATRICES[4].bevat(0)


def test_cells_count_risks_and_run_from_high_likelihood_down() -> None:
    matrix = MATRICES[4]
    rijen = tel_cellen(matrix, [(1, 4, 4), (2, 4, 4), (3, 1, 2), (4, 9, 9)])
    assert [rij[0].kans for rij in rijen] == [4, 3, 2, 1]
    hoog = rijen[0][3]
    assert (hoog.kans, hoog.impact, hoog.aantal, hoog.risicos) == (4, 4, 2, (1, 2))
    assert hoog.band == Band.HOOG
    assert rijen[3][1].aantal == 1
    assert sum(c.aantal for rij in rijen for c in rij) == 3  # the point off the matrix is left out
