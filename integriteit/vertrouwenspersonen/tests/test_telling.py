"""Shielding and trend, without a database."""

from __future__ import annotations

from integriteit.vertrouwenspersonen.telling import (
    AFGESCHERMD,
    GETOOND,
    KLEIN,
    afschermen,
    afschermen_tabel,
    ruwe_cijfers,
    tabel,
    verslagcijfers,
)


def test_klein_aantal_is_kleiner_dan_vijf_en_nul_blijft_nul() -> None:
    assert afschermen([0, 5, 7]) == [GETOOND, GETOOND, GETOOND]
    assert afschermen([4, 0, 0]) == [KLEIN, GETOOND, GETOOND]


def test_een_verborgen_cel_maakt_een_tweede_afgeschermd() -> None:
    # Total 3 + 8 + 12 = 23: hiding only the 3 would reveal it as 23 - 8 - 12.
    assert afschermen([3, 8, 12]) == [KLEIN, AFGESCHERMD, GETOOND]


def test_verborgen_cellen_die_samen_klein_zijn_maken_ook_een_tweede_afgeschermd() -> None:
    # 1 + 1 = 2 could be derived from the total, and with it that both are 1.
    assert afschermen([1, 1, 10, 20]) == [KLEIN, KLEIN, AFGESCHERMD, GETOOND]
    # 2 + 3 = 5: the pair's sum says nothing about either cell.
    assert afschermen([2, 3, 10]) == [KLEIN, KLEIN, GETOOND]


def test_tabel_schermt_rijen_en_kolommen_af() -> None:
    matrix = [[3, 10, 6], [7, 8, 9], [0, 5, 5]]
    standen = afschermen_tabel(matrix)
    for rij in standen:
        assert sum(1 for s in rij if s != GETOOND) != 1
    for j in range(3):
        assert sum(1 for i in range(3) if standen[i][j] != GETOOND) != 1
    rijen, kolommen, totaal = tabel(
        [("OCW", "OCW"), ("FIN", "FIN"), ("BZK", "BZK")],
        [("a", "A"), ("b", "B"), ("c", "C")],
        {
            (r, k): matrix[i][j]
            for i, r in enumerate(["OCW", "FIN", "BZK"])
            for j, k in enumerate("abc")
        },
    )
    assert rijen[0].cellen[0].tekst == "<5"
    assert totaal.tekst == "53"
    assert [c.waarde for c in kolommen] == [10, 23, 20]


def test_verslagcijfers_met_trend() -> None:
    rijen = [(2025, "pesten", "advies", 60)] * 12 + [(2024, "pesten", "advies", 30)] * 7
    rijen += [(2025, "discriminatie", "melding", 30)] * 2 + [
        (2024, "discriminatie", "niets", 30)
    ] * 6
    ruw = ruwe_cijfers(jaar=2025, contacten=rijen, overleggen=[(2025, False), (2025, True)])
    cijfers = verslagcijfers(ruw)
    regels = {r.code: r for r in cijfers.per_categorie}
    assert regels["pesten"].dit_jaar.tekst == "afgeschermd"  # second cell beside the "<5"
    assert regels["discriminatie"].dit_jaar.tekst == "<5"
    assert regels["discriminatie"].richting == "minder"
    assert regels["discriminatie"].verschil_tekst == "–"  # never an exact small difference
    assert regels["pesten"].vorig_jaar.tekst == "7"
    assert regels["pesten"].richting == "meer"
    assert regels["schending_financieel"].richting == "gelijk"
    assert regels["schending_financieel"].dit_jaar.tekst == "0"
    assert cijfers.totaal.tekst == "14"
    assert cijfers.uren == "13,0"
    assert cijfers.overleggen == 2
    assert cijfers.vaker_dan_eens_overleg


def test_verschil_alleen_als_beide_jaren_getoond() -> None:
    rijen = [(2025, "pesten", "advies", 30)] * 12 + [(2024, "pesten", "advies", 30)] * 9
    rijen += [(2025, "overig", "advies", 30)] * 5 + [(2024, "overig", "advies", 30)] * 5
    regels = {
        r.code: r
        for r in verslagcijfers(
            ruwe_cijfers(jaar=2025, contacten=rijen, overleggen=[])
        ).per_categorie
    }
    assert regels["pesten"].verschil_tekst == "+3"
    assert regels["overig"].verschil_tekst == "0"


def test_uren_niet_getoond_bij_weinig_contacten() -> None:
    ruw = ruwe_cijfers(jaar=2025, contacten=[(2025, "pesten", "advies", 45)] * 3, overleggen=[])
    cijfers = verslagcijfers(ruw)
    assert cijfers.totaal.tekst == "<5"
    assert cijfers.uren == "niet getoond"
    assert not cijfers.vaker_dan_eens_overleg


def test_long_chart_labels_are_cut_at_a_word() -> None:
    from integriteit.vertrouwenspersonen.grafiek import LABEL_TEKENS, kort

    lang = "Lekken, misbruik, achterhouden van of ongeoorloofd omgaan met informatie"
    assert kort("Pesten") == "Pesten"
    korter = kort(lang)
    assert korter.endswith("…") and len(korter) <= LABEL_TEKENS
    assert lang.startswith(korter[:-1]) and not korter[:-1].endswith(" ")
