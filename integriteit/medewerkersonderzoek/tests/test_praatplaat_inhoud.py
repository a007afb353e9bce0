"""Content rules of the talk sheet (praatplaat/inhoud.py) on constructed engine results: no
database, the shipped ark-2023 questionnaire."""

from __future__ import annotations

from typing import Any

import pytest

from integriteit.medewerkersonderzoek.praatplaat.inhoud import (
    EENHEID,
    ONDERDRUKT,
    ONTBREEKT,
    OUDER,
    RIJK,
    Bron,
    praatplaat_maken,
    sterk_en_aandacht,
    vragen_kiezen,
)
from integriteit.medewerkersonderzoek.praatplaat.vragen import gespreksvragen, vragen_parse
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR, questionnaire_parse
from integriteit.medewerkersonderzoek.spec import Questionnaire

Json = dict[str, Any]


@pytest.fixture(scope="module")
def ark() -> Questionnaire:
    path = SHIPPED_DIR / "ark-2023.yaml"
    return questionnaire_parse(data=path.read_bytes(), filename=path.name)


def _result(
    shares: dict[str, float], *, n: int = 50, means: dict[str, float] | None = None
) -> Json:
    return {
        "n_responses": n,
        "items": {code: {"n": n, "agree_pct": pct} for code, pct in shares.items()},
        "scales": {code: {"mean": mean} for code, mean in (means or {}).items()},
        "correlations": [],
    }


BASE = {
    "com_gedragscode": 50.0,
    "com_melden": 50.0,
    "cul_vrij_bespreken": 60.0,
    "cul_dilemma": 60.0,
    "vb_goed_voorbeeld": 70.0,
    "vb_aanspreken": 40.0,
    "dep_na_incident": 30.0,
    "ris_omgangsvormen": 20.0,
}


def test_strengths_and_attention_by_difference_to_the_comparison(ark: Questionnaire) -> None:
    unit = {
        **BASE,
        "com_gedragscode": 80.0,  # +30
        "cul_vrij_bespreken": 70.0,  # +10
        "vb_goed_voorbeeld": 90.0,  # +20
        "vb_aanspreken": 20.0,  # -20
        "dep_na_incident": 50.0,  # agreeing is unfavourable: +20 share is -20
        "ris_omgangsvormen": 5.0,  # unfavourable: -15 share is +15
    }
    sterk, aandacht = sterk_en_aandacht(
        ark, _result(unit), _result(BASE), min_n=10, ongunstig=gespreksvragen().ongunstig
    )
    assert [p.item for p in sterk] == ["com_gedragscode", "vb_goed_voorbeeld", "ris_omgangsvormen"]
    assert [p.score for p in sterk] == [30.0, 20.0, 15.0]
    # Lowest first; vb_aanspreken and dep_na_incident tie at -20: questionnaire order decides
    # (the culture block, with dep_na_incident, comes before exemplary behaviour).
    assert [p.item for p in aandacht] == ["dep_na_incident", "vb_aanspreken", "com_melden"]
    assert aandacht[0].ongunstig and aandacht[0].eenheid_pct == 50.0
    assert aandacht[0].vergelijking_pct == 30.0
    assert sterk[0].instemming_label == "Eens / Helemaal eens"
    assert not {p.item for p in sterk} & {p.item for p in aandacht}


def test_ties_go_by_questionnaire_order(ark: Questionnaire) -> None:
    same = {code: 50.0 for code in BASE}
    sterk, aandacht = sterk_en_aandacht(ark, _result(same), _result(same), min_n=10)
    order = [item.code for item in ark.items if item.code in same]
    assert [p.item for p in sterk] == order[:3]
    assert [p.item for p in aandacht] == order[3:6]


def test_items_with_too_few_answers_or_without_agree_codes_are_left_out(
    ark: Questionnaire,
) -> None:
    unit = _result({"com_gedragscode": 99.0, "cul_dilemma": 10.0})
    unit["items"]["com_gedragscode"]["n"] = 4  # e.g. a manager-only item in a small unit
    unit["items"]["mel_vermoeden"] = {"n": 50, "agree_pct": None}  # single choice
    sterk, aandacht = sterk_en_aandacht(ark, unit, _result(BASE), min_n=10)
    chosen = [p.item for p in sterk + aandacht]
    assert chosen == ["cul_dilemma"]  # the only item with enough answers and a comparison


def test_without_a_comparison_the_unit_share_itself_ranks(ark: Questionnaire) -> None:
    unit = {"com_gedragscode": 80.0, "cul_dilemma": 30.0, "ris_omgangsvormen": 10.0}
    sterk, aandacht = sterk_en_aandacht(
        ark, _result(unit), None, min_n=10, ongunstig=frozenset({"ris_omgangsvormen"})
    )
    assert [(p.item, p.score) for p in sterk] == [
        ("ris_omgangsvormen", 90.0),
        ("com_gedragscode", 80.0),
        ("cul_dilemma", 30.0),
    ]
    assert sterk[0].vergelijking_pct is None
    assert aandacht == ()


def test_sheet_columns_scales_and_suppressed_comparison(ark: Questionnaire) -> None:
    unit = _result(
        {
            "com_gedragscode": 80.0,
            "com_melden": 60.0,
            "dep_belangrijk": 90.0,
            "dep_voorkomen": 50.0,
            "dep_na_incident": 10.0,
        },
        n=40,
        means={"communicatie": 3.9, "inzet_departement": 3.5},
    )
    rijk = _result(BASE, n=4000, means={"communicatie": 3.5})
    plaat = praatplaat_maken(
        questionnaire=ark,
        code="OCW-DGCM",
        eenheid=Bron(EENHEID, "DG Cultuur en Media", unit),
        vergelijkingen=[Bron(OUDER, "OCW", None, ONDERDRUKT), Bron(RIJK, "Rijksoverheid", rijk)],
        min_group_size=10,
        vragen=gespreksvragen(),
    )
    assert [(k.sleutel, k.n) for k in plaat.kolommen] == [(EENHEID, 40), (RIJK, 4000)]
    assert [(w.naam, w.reden) for w in plaat.weggelaten] == [("OCW", ONDERDRUKT)]
    assert plaat.vergelijking is not None and plaat.vergelijking.sleutel == RIJK
    schalen = {regel.code: regel for regel in plaat.schalen}
    communicatie = schalen["communicatie"].waarden
    assert communicatie[0].gemiddelde == 3.9 and communicatie[0].instemming == 70.0
    assert communicatie[1].instemming == 50.0
    # The reversed item does not count in the agree share of its scale.
    assert schalen["inzet_departement"].waarden[0].instemming == 70.0
    assert schalen["cultuur"].waarden[0].instemming is None
    # The chart: one group per scale, one bar per column, bar length = share of 300.
    groep = plaat.grafiek.groepen[0]
    assert [s.kolom for s in groep.staven] == [EENHEID, RIJK]
    assert groep.staven[0].breedte == 210.0
    assert len(plaat.grafiek.groepen) == len(ark.scales)


def test_a_suppressed_unit_has_no_sheet(ark: Questionnaire) -> None:
    with pytest.raises(ValueError):
        praatplaat_maken(
            questionnaire=ark,
            code="X",
            eenheid=Bron(EENHEID, "X", None, ONDERDRUKT),
            vergelijkingen=[Bron(RIJK, "", None, ONTBREEKT)],
            min_group_size=10,
            vragen=gespreksvragen(),
        )


def test_questions_follow_the_points_of_attention(ark: Questionnaire) -> None:
    vragen = vragen_parse(
        """
items:
  vb_aanspreken: [A1, A2]
  cul_dilemma: [D1]
schalen:
  communicatie: [C1]
algemeen: [G1, A1]
"""
    )
    _sterk, aandacht = sterk_en_aandacht(
        ark,
        _result({"vb_aanspreken": 10.0, "cul_dilemma": 20.0, "com_melden": 30.0}),
        None,
        min_n=10,
    )
    # With no comparison and three items, all three are strengths; ask for them directly.
    assert aandacht == ()
    _sterk, aandacht = sterk_en_aandacht(
        ark,
        _result(
            {
                **{c: 99.0 for c in BASE},
                "vb_aanspreken": 10.0,
                "cul_dilemma": 20.0,
                "com_melden": 30.0,
            }
        ),
        None,
        min_n=10,
    )
    assert [p.item for p in aandacht] == ["vb_aanspreken", "cul_dilemma", "com_melden"]
    assert vragen_kiezen(ark, aandacht, vragen) == ("A1", "D1", "C1", "A2", "G1")


def test_shipped_questions_cover_every_agree_item(ark: Questionnaire) -> None:
    vragen = gespreksvragen()
    agree_items = {
        item.code for item in ark.items if (scale := ark.scale_of(item)) is not None and scale.agree
    }
    assert agree_items <= set(vragen.items)
    assert vragen.ongunstig <= agree_items
    assert {s.code for s in ark.scales} <= set(vragen.schalen)
