"""Reading questionnaires from YAML: the shipped ``ark-2023``, a user-written file, and one
Dutch message naming file, line and field for every kind of bad input. Plain functions
without the ``db`` fixture: pytest-django refuses any database access here."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from integriteit.common.yaml_lines import MAX_BYTES
from integriteit.medewerkersonderzoek.questionnaire import (
    RESERVED_COLUMNS,
    SHIPPED_DIR,
    questionnaire_load_path,
    questionnaire_parse,
    shipped_questionnaire,
)
from integriteit.medewerkersonderzoek.spec import AskIf, Questionnaire

FIXTURES = Path(__file__).parent / "fixtures"

# A small valid questionnaire; the bad inputs below change one of its lines (line numbers
# in the expected messages refer to this text).
MINI = """\
code: mini
version: 1
title: Kleine vragenlijst
response_scales:
  eens:
    values: [1, 2, 3, 9]
    labels: {1: Oneens, 2: Neutraal, 3: Eens, 9: Weet niet}
    agree: [3]
    missing: [9]
  vaak:
    values: [1, 2, 3]
    labels: {1: Nooit, 2: Soms, 3: Vaak}
blocks:
  - code: a
    title: Blok A
    items:
      - {code: rol, kind: single, text: Rol, options: [{code: 1, label: Ja}, {code: 2, label: Nee}]}
      - {code: v1, text: Vraag 1, scale: eens}
      - {code: v2, text: Vraag 2, scale: eens}
      - {code: f1, text: Vraag 3, scale: vaak}
      - {code: reden, kind: multi, text: Reden, options: [{code: 1, label: A}, {code: 2, label: B}]}
      - {code: open, kind: text, text: Opmerkingen}
scales:
  - {code: s, title: Schaal, items: [v1, v2], min_items: 1}
"""


def parse(text: str | bytes) -> Questionnaire:
    data = text.encode() if isinstance(text, str) else text
    return questionnaire_parse(data=data, filename="mini.yaml")


def messages_of(text: str | bytes) -> list[str]:
    with pytest.raises(ValidationError) as info:
        parse(text)
    return info.value.messages


def changed(old: str, new: str) -> str:
    assert old in MINI, old
    return MINI.replace(old, new)


# --- the shipped questionnaire ------------------------------------------------------------


def test_ark_2023_has_the_six_blocks_of_the_report_after_the_role_question() -> None:
    ark = shipped_questionnaire("ark-2023")

    assert (ark.code, ark.version) == ("ark-2023", 1)
    assert [block.code for block in ark.blocks] == [
        "achtergrond",
        "communicatie",
        "bekendheid",
        "cultuur",
        "formeel_melden",
        "voorbeeldgedrag",
        "risicos",
    ]
    assert ark.items[0].code == "leidinggevende"
    assert len([item for item in ark.blocks[-1].items if item.code.startswith("ris_")]) == 9
    assert [item.code for item in ark.items if item.kind == "text"] == ["opmerkingen"]


def test_ark_2023_scales() -> None:
    ark = shipped_questionnaire("ark-2023")
    scales = {scale.code: scale for scale in ark.scales}

    assert set(scales) == {"communicatie", "cultuur", "voorbeeldgedrag", "inzet_departement"}
    assert scales["voorbeeldgedrag"].items == (
        "vb_goed_voorbeeld",
        "vb_aanspreken",
        "vb_open_bespreken",
        "vb_steunen",
    )
    assert scales["inzet_departement"].reversed == ("dep_na_incident",)
    for scale in ark.scales:
        assert 1 < scale.min_items < len(scale.items)
        assert {ark.item(code).scale for code in scale.items} == {"eens5"}
    eens5 = ark.response_scales["eens5"]
    assert (eens5.agree, eens5.missing, eens5.substantive) == ((4, 5), (9,), (1, 2, 3, 4, 5))


def test_ark_2023_routes_manager_questions_and_the_reporting_follow_ups() -> None:
    ark = shipped_questionnaire("ark-2023")
    manager_only = [item.code for item in ark.items if item.ask_if == AskIf("leidinggevende", (1,))]

    assert manager_only == ["lg_ondersteuning", "lg_toegerust"]
    support = ark.item("lg_ondersteuning")
    assert [option.label for option in support.options] == [
        "Ja, structureel",
        "Ja, als ik er zelf om vraag",
        "Nee, onvoldoende",
        "Weet niet",
    ]
    assert ark.item("mel_gemeld").ask_if == AskIf("mel_vermoeden", (1,))
    assert ark.item("mel_reden").ask_if == AskIf("mel_gemeld", (2,))


def test_ark_2023_reasons_for_not_reporting_are_one_column_per_option() -> None:
    ark = shipped_questionnaire("ark-2023")
    reasons = ark.item("mel_reden")

    assert reasons.kind == "multi"
    assert reasons.columns() == tuple(f"mel_reden_{code}" for code in range(1, 7))
    columns = [column for item in ark.items for column in item.columns()]
    assert len(columns) == len(set(columns))
    assert not set(columns) & set(RESERVED_COLUMNS)


def test_shipped_dir_holds_each_questionnaire_under_its_own_code() -> None:
    for path in SHIPPED_DIR.glob("*.yaml"):
        assert questionnaire_load_path(path).code == path.stem


def test_an_unknown_shipped_questionnaire_is_refused_by_name() -> None:
    with pytest.raises(ValidationError) as info:
        shipped_questionnaire("../normenkader/kaders/ark-2024")

    assert info.value.messages == [
        "Er is geen meegeleverde vragenlijst ‘../normenkader/kaders/ark-2024’; kies uit: ark-2023."
    ]


# --- a questionnaire written by a user ----------------------------------------------------


def test_a_user_written_questionnaire_loads() -> None:
    questionnaire = questionnaire_load_path(FIXTURES / "gemeente-2025.yaml")

    assert (questionnaire.code, questionnaire.version, questionnaire.source) == (
        "gemeente-2025",
        2,
        "",
    )
    assert [item.kind for item in questionnaire.items] == [
        "scale",
        "scale",
        "scale",
        "multi",
        "text",
    ]
    (openheid,) = questionnaire.scales
    assert (openheid.title, openheid.reversed, openheid.min_items) == ("openheid", ("q2",), 2)
    assert questionnaire.item("q3_waarom").ask_if == AskIf("q3", (1, 2, 3))
    assert questionnaire.response_scales["oneens_eens"].substantive == (1, 2, 3, 4, 5, 6, 7)


def test_the_mini_questionnaire_is_valid() -> None:
    mini = parse(MINI)

    assert [item.code for item in mini.items] == ["rol", "v1", "v2", "f1", "reden", "open"]
    assert mini.item("rol").block == "a"


# --- bad input: one Dutch message naming file, line and field -----------------------------

BAD = [
    pytest.param(
        "title: Kleine vragenlijst",
        "titel: Kleine vragenlijst",
        "mini.yaml, regel 3, veld titel: onbekend veld ‘titel’ (bedoelt u ‘title’?).",
        id="unknown-key",
    ),
    pytest.param(
        "{code: v1, text: Vraag 1,",
        "{code: v1, tekst: Vraag 1,",
        "mini.yaml, regel 18, veld blocks[0].items[1].tekst: onbekend veld ‘tekst’ "
        "(bedoelt u ‘text’?).",
        id="unknown-item-key",
    ),
    pytest.param(
        "version: 1",
        "version: 0",
        "mini.yaml, regel 2, veld version: 0 ligt niet tussen 1 en 2147483647.",
        id="version-below-1",
    ),
    pytest.param(
        "{code: v2,",
        "{code: v1,",
        "mini.yaml, regel 19, veld blocks[0].items[2].code: ‘v1’ komt al voor op regel 18.",
        id="duplicate-item",
    ),
    pytest.param(
        "{code: open,",
        "{code: reden_2,",
        "mini.yaml, regel 22, veld blocks[0].items[5].code: de kolom ‘reden_2’ van deze vraag "
        "botst met die van vraag ‘reden’ op regel 21 (een meerkeuzevraag krijgt kolommen "
        "code_optie).",
        id="multi-column-collision",
    ),
    pytest.param(
        "{code: open,",
        "{code: unit,",
        "mini.yaml, regel 22, veld blocks[0].items[5].code: de kolom ‘unit’ is gereserveerd "
        "voor de eenheid; kies een andere code.",
        id="reserved-unit",
    ),
    pytest.param(
        "{code: rol,",
        "{code: role,",
        "mini.yaml, regel 17, veld blocks[0].items[0].code: de kolom ‘role’ is gereserveerd "
        "voor de rol; kies een andere code.",
        id="reserved-role",
    ),
    pytest.param(
        "{code: open,",
        "{code: 1open,",
        "mini.yaml, regel 22, veld blocks[0].items[5].code: ‘1open’ is geen geldige code: "
        "begin met een letter, daarna letters, cijfers of een liggend streepje (_), "
        "hoogstens 40 tekens.",
        id="item-code-not-an-identifier",
    ),
    pytest.param(
        "text: Vraag 2, scale: eens}",
        "text: Vraag 2, scale: eens, ask_if: {item: leidinggevende, in: [1]}}",
        "mini.yaml, regel 19, veld blocks[0].items[2].ask_if.item: ‘leidinggevende’ is geen "
        "eerder item.",
        id="ask-if-unknown-item",
    ),
    pytest.param(
        "text: Vraag 1, scale: eens}",
        "text: Vraag 1, scale: eens, ask_if: {item: v2, in: [1]}}",
        "mini.yaml, regel 18, veld blocks[0].items[1].ask_if.item: ‘v2’ is geen eerder item: "
        "die vraag staat op regel 19.",
        id="ask-if-later-item",
    ),
    pytest.param(
        "text: Vraag 1, scale: eens}",
        "text: Vraag 1, scale: eens, ask_if: {item: v1, in: [1]}}",
        "mini.yaml, regel 18, veld blocks[0].items[1].ask_if.item: ‘v1’ is geen eerder item: "
        "die vraag staat op regel 18.",
        id="ask-if-itself",
    ),
    pytest.param(
        "text: Vraag 2, scale: eens}",
        "text: Vraag 2, scale: eens, ask_if: {item: rol, in: [1, 3]}}",
        "mini.yaml, regel 19, veld blocks[0].items[2].ask_if.in[1]: 3 is geen antwoord op "
        "vraag ‘rol’ (die kent 1, 2).",
        id="ask-if-impossible-option",
    ),
    pytest.param(
        "text: Vraag 3, scale: vaak}",
        "text: Vraag 3, scale: vaak, ask_if: {item: v1, in: [4]}}",
        "mini.yaml, regel 20, veld blocks[0].items[3].ask_if.in[0]: 4 is geen antwoord op "
        "vraag ‘v1’ (die kent 1, 2, 3, 9).",
        id="ask-if-impossible-scale-code",
    ),
    pytest.param(
        "text: Opmerkingen}",
        "text: Opmerkingen, ask_if: {item: reden, in: [1]}}",
        "mini.yaml, regel 22, veld blocks[0].items[5].ask_if.item: vraag ‘reden’ is een "
        "meerkeuzevraag; een vervolgvraag kan alleen afhangen van een schaalvraag of een "
        "keuzevraag met één antwoord.",
        id="ask-if-on-multi",
    ),
    pytest.param(
        "items: [v1, v2]",
        "items: [v1, v3]",
        "mini.yaml, regel 24, veld scales[0].items[1]: ‘v3’ is geen vraag in deze vragenlijst.",
        id="scale-unknown-item",
    ),
    pytest.param(
        "items: [v1, v2]",
        "items: [v1, rol]",
        "mini.yaml, regel 24, veld scales[0].items[1]: vraag ‘rol’ is een keuzevraag met één "
        "antwoord, geen schaalvraag.",
        id="scale-non-scale-item",
    ),
    pytest.param(
        "items: [v1, v2]",
        "items: [v1, f1]",
        "mini.yaml, regel 24, veld scales[0].items[1]: vraag ‘f1’ heeft antwoordschaal ‘vaak’, "
        "maar ‘v1’ heeft ‘eens’; een schaal kan geen antwoordschalen mengen.",
        id="scale-mixes-response-scales",
    ),
    pytest.param(
        "min_items: 1}",
        "min_items: 1, reversed: [f1]}",
        "mini.yaml, regel 24, veld scales[0].reversed[0]: ‘f1’ staat niet in items van deze "
        "schaal.",
        id="reversed-not-in-items",
    ),
    pytest.param(
        "min_items: 1}",
        "min_items: 3}",
        "mini.yaml, regel 24, veld scales[0].min_items: 3 ligt niet tussen 1 en 2.",
        id="min-items-too-big",
    ),
    pytest.param(
        "agree: [3]",
        "agree: [4]",
        "mini.yaml, regel 8, veld response_scales.eens.agree[0]: 4 staat niet in values.",
        id="agree-not-in-values",
    ),
    pytest.param(
        "agree: [3]",
        "agree: [3, 9]",
        "mini.yaml, regel 9, veld response_scales.eens.missing: 9 staat ook in agree; een "
        "code telt als eens of als ontbrekend.",
        id="agree-and-missing-overlap",
    ),
    pytest.param(
        ", 9: Weet niet}",
        "}",
        "mini.yaml, regel 7, veld response_scales.eens.labels: geen label voor 9.",
        id="value-without-label",
    ),
    pytest.param(
        "values: [1, 2, 3]",
        "values: [1, 2, 2]",
        "mini.yaml, regel 11, veld response_scales.vaak.values[2]: ‘2’ komt al voor op regel 11.",
        id="duplicate-value",
    ),
    pytest.param(
        "scale: vaak}",
        "scale: vak}",
        "mini.yaml, regel 20, veld blocks[0].items[3].scale: ‘vak’ is geen antwoordschaal uit "
        "response_scales; kies uit: eens, vaak.",
        id="unknown-response-scale",
    ),
    pytest.param(
        "{code: f1, text: Vraag 3, scale: vaak}",
        "{code: f1, text: Vraag 3}",
        "mini.yaml, regel 20, veld blocks[0].items[3].kind: ontbreekt; kies uit: scale, single, "
        "multi, text (of geef alleen ‘scale’).",
        id="kind-missing",
    ),
    pytest.param(
        "text: Opmerkingen}",
        "text: Opmerkingen, scale: eens}",
        "mini.yaml, regel 22, veld blocks[0].items[5].scale: hoort niet bij een vraag van "
        "soort ‘text’.",
        id="scale-on-text-item",
    ),
    pytest.param(
        "{code: 2, label: B}",
        "{code: 1, label: B}",
        "mini.yaml, regel 21, veld blocks[0].items[4].options[1].code: ‘1’ komt al voor op "
        "regel 21.",
        id="duplicate-option",
    ),
    pytest.param(
        "{code: 2, label: Nee}",
        "{code: ja, label: Nee}",
        "mini.yaml, regel 17, veld blocks[0].items[0].options[1].code: moet een heel getal "
        "zijn, maar is ‘ja’.",
        id="option-code-not-a-number",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), BAD)
def test_bad_input_names_file_line_and_field(old: str, new: str, expected: str) -> None:
    assert expected in messages_of(changed(old, new))


def test_all_problems_are_reported_together_in_file_order() -> None:
    text = changed("version: 1", "versie: 1")
    text = text.replace("agree: [3]", "agree: [7]").replace("items: [v1, v2]", "items: [v1, x]")

    messages = messages_of(text)

    assert messages == [
        "mini.yaml, regel 1, veld version: ontbreekt.",
        "mini.yaml, regel 2, veld versie: onbekend veld ‘versie’ (bedoelt u ‘version’?).",
        "mini.yaml, regel 8, veld response_scales.eens.agree[0]: 7 staat niet in values.",
        "mini.yaml, regel 24, veld scales[0].items[1]: ‘x’ is geen vraag in deze vragenlijst.",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"code: mini\ntitle: \xff\n",
            "mini.yaml, regel 2: het bestand is geen UTF-8; sla het op met de codering UTF-8.",
            id="not-utf8",
        ),
        pytest.param(
            b"code: mini\nversion: 1\ntitle: a: b\n",
            "mini.yaml, regel 3: dit is geen geldige YAML (let op inspringing, dubbele punten "
            "en aanhalingstekens): mapping values are not allowed here.",
            id="syntax-error",
        ),
        pytest.param(
            b"- code: mini\n- version: 1\n",
            "mini.yaml, regel 1: het bestand moet een object met velden zijn (code, version, "
            "title, response_scales, blocks, …), maar is een lijst.",
            id="root-not-a-mapping",
        ),
        pytest.param(b"", "mini.yaml, regel 1: het bestand is leeg.", id="empty"),
        pytest.param(
            b"#" * (MAX_BYTES + 1),
            "mini.yaml: het bestand is groter dan 1 MB.",
            id="over-1-mb",
        ),
    ],
)
def test_an_unreadable_file_is_refused_with_one_message(data: bytes, expected: str) -> None:
    assert messages_of(data) == [expected]


def test_loading_a_big_file_from_disk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    path.write_bytes(b"# " + b"x" * (2 * MAX_BYTES))

    with pytest.raises(ValidationError) as info:
        questionnaire_load_path(path)

    assert info.value.messages == ["groot.yaml: het bestand is groter dan 1 MB."]


def test_missing_codes_may_lie_outside_values_as_in_design() -> None:
    """DESIGN.md's example: values 1-5, missing [9] ("weet niet") outside the values."""
    text = MINI.replace("values: [1, 2, 3, 9]", "values: [1, 2, 3]")
    scale = questionnaire_parse(data=text.encode(), filename="mini.yaml").response_scales["eens"]
    assert scale.values == (1, 2, 3)
    assert scale.missing == (9,)
    assert scale.valid_codes == (1, 2, 3, 9)
    assert scale.substantive == (1, 2, 3)
