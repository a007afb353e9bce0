"""hypothesis on the YAML parsers of user files (no database): the shared line reader, norm
frameworks, questionnaires, investigation protocols and the risk catalogue. Each either
returns its result or raises its ValidationError with Dutch messages naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st
from yaml.nodes import MappingNode

from integriteit.common import yaml_lines
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR as VRAGENLIJSTEN
from integriteit.medewerkersonderzoek.questionnaire import questionnaire_parse
from integriteit.normenkader.loader import SHIPPED_DIR as KADERS
from integriteit.normenkader.loader import parse_framework
from integriteit.onderzoeken.protocol import SHIPPED_DIR as PROTOCOLLEN
from integriteit.onderzoeken.protocol import check_tightening, parse_protocol, spec_van_tekst
from integriteit.risicos.catalogus import STARTER, catalogus_lezen
from integriteit.tests.fuzz.helpers import parses_or_refuses
from integriteit.tests.fuzz.profielen import PROFIEL, examples
from integriteit.tests.fuzz.strategies import (
    KNOWN_CRASH_LINES,
    NASTY_YAML_LINES,
    any_bytes,
    near_valid_yaml,
)

FIXTURES = Path(__file__).resolve().parents[2] / "medewerkersonderzoek" / "tests" / "fixtures"

# Small valid files as seeds (a shipped file is large: mutations would rarely reach most of it).
FRAMEWORK = """\
code: fuzz-kader
version: 1
title: Een klein normenkader
source: Algemene Rekenkamer
applies_to: organisation
scale:
  - {code: nee, label: Voldoet niet, rank: 0, color: "#d52b1e"}
  - {code: ja, label: Voldoet, rank: 1, color: "#39870c"}
groups:
  - code: structuur
    title: Structuur
    norms:
      - {code: "1", text: Er is beleid., sources: ["3.5.2", 4.4]}
      - code: "2"
        text: Er is een coördinator.
        guidance: Zie de handreiking.
  - code: bzk
    title: Coördinerende rol
    applies_to: coordinator
    norms:
      - {code: BZK-1, text: BZK monitort.}
"""
CATALOGUE = STARTER.read_text(encoding="utf-8").split("\n  - code:", 2)
CATALOGUE_SEED = CATALOGUE[0] + "\n  - code:" + CATALOGUE[1]
PROTOCOL_BASIS = (PROTOCOLLEN / "bipo-basis.yaml").read_text(encoding="utf-8")
PROTOCOL_TIGHTENED = (PROTOCOLLEN / "voorbeeld-aangescherpt.yaml").read_text(encoding="utf-8")
QUESTIONNAIRE = (FIXTURES / "gemeente-2025.yaml").read_text(encoding="utf-8")

ALL_FIELDS = ("code", "version", "title", "source", "applies_to", "scale", "groups", "items")


def test_the_seeds_are_valid() -> None:
    """The near-valid inputs start from files the parsers accept."""
    assert parse_framework(data=FRAMEWORK.encode(), filename="k.yaml").code == "fuzz-kader"
    assert catalogus_lezen(data=CATALOGUE_SEED.encode(), filename="c.yaml")
    assert parse_protocol(data=PROTOCOL_TIGHTENED.encode(), filename="p.yaml")
    assert questionnaire_parse(data=QUESTIONNAIRE.encode(), filename="q.yaml").code


def _read_everything(data: bytes) -> None:
    """Every reader of ``common.yaml_lines`` on every field of a file."""
    problems = yaml_lines.Problems("f.yaml")
    root = yaml_lines.read_tree(data, problems)
    if not isinstance(root, MappingNode):
        problems.fail(yaml_lines.line_of(root), "geen object")
    fields = yaml_lines.fields_of(problems, root, "", ALL_FIELDS)
    for key in fields.values:
        yaml_lines.read_text(fields, key, max_length=50, required=False)
        yaml_lines.read_code(fields, key, max_length=50)
        yaml_lines.read_int(fields, key, minimum=0)
        yaml_lines.read_choice(fields, key, choices=("a", "b"), default="a")
        for path, node in yaml_lines.read_list(fields, key, min_items=1, required=False):
            yaml_lines.read_fields(problems, node, path, ALL_FIELDS)
    problems.raise_if_any()


# --- common/yaml_lines.py ---------------------------------------------------------------------


@PROFIEL
@given(data=st.one_of(any_bytes(), near_valid_yaml(FRAMEWORK)))
def test_yaml_lines_reads_anything_or_says_why(data: bytes) -> None:
    parses_or_refuses(lambda: _read_everything(data), ValidationError)


@PROFIEL
@given(line=st.sampled_from(NASTY_YAML_LINES))
def test_yaml_lines_tricky_yaml(line: str) -> None:
    parses_or_refuses(lambda: _read_everything(f"{line}\n".encode()), ValidationError)


@pytest.mark.parametrize("line", KNOWN_CRASH_LINES, ids=["abc", "leeg", "min", "0b", "groot"])
def test_read_int_explicit_tag_or_huge_number_is_refused(line: str) -> None:
    with pytest.raises(ValidationError):
        _read_everything(f"{line}\n".encode())


# --- normenkader/loader -----------------------------------------------------------------------


@PROFIEL
@given(data=st.one_of(any_bytes(), near_valid_yaml(FRAMEWORK)))
def test_framework_parses_or_says_why(data: bytes) -> None:
    parses_or_refuses(lambda: parse_framework(data=data, filename="kader.yaml"), ValidationError)


@examples(10)
@given(data=near_valid_yaml((KADERS / "ark-2024.yaml").read_text(encoding="utf-8")))
def test_shipped_framework_mutated(data: bytes) -> None:
    parses_or_refuses(lambda: parse_framework(data=data, filename="ark.yaml"), ValidationError)


# --- medewerkersonderzoek/questionnaire -------------------------------------------------------


@PROFIEL
@given(data=st.one_of(any_bytes(), near_valid_yaml(QUESTIONNAIRE)))
@example(data=QUESTIONNAIRE.replace("values: [1, 2, 3, 4, 5, 6, 7, 0]", "values: 7").encode())
def test_questionnaire_parses_or_says_why(data: bytes) -> None:
    parses_or_refuses(lambda: questionnaire_parse(data=data, filename="v.yaml"), ValidationError)


@examples(10)
@given(data=near_valid_yaml((VRAGENLIJSTEN / "ark-2023.yaml").read_text(encoding="utf-8")))
def test_shipped_questionnaire_mutated(data: bytes) -> None:
    parses_or_refuses(lambda: questionnaire_parse(data=data, filename="v.yaml"), ValidationError)


# --- onderzoeken/protocol.py ------------------------------------------------------------------


@PROFIEL
@given(data=st.one_of(any_bytes(), near_valid_yaml(PROTOCOL_TIGHTENED)))
def test_protocol_parses_or_says_why(data: bytes) -> None:
    parses_or_refuses(lambda: parse_protocol(data=data, filename="p.yaml"), ValidationError)


@PROFIEL
@given(data=near_valid_yaml(PROTOCOL_TIGHTENED))
def test_protocol_tightening_check_parses_or_says_why(data: bytes) -> None:
    basis = spec_van_tekst(PROTOCOL_BASIS, "bipo-basis.yaml")
    parses_or_refuses(
        lambda: check_tightening(data=data, filename="p.yaml", basis=basis),
        ValidationError,
    )


@examples(10)
@given(data=near_valid_yaml(PROTOCOL_BASIS))
def test_basis_protocol_mutated(data: bytes) -> None:
    parses_or_refuses(lambda: parse_protocol(data=data, filename="p.yaml"), ValidationError)


# --- risicos/catalogus ------------------------------------------------------------------------


@PROFIEL
@given(data=st.one_of(any_bytes(), near_valid_yaml(CATALOGUE_SEED)))
def test_catalogue_parses_or_says_why(data: bytes) -> None:
    parses_or_refuses(lambda: catalogus_lezen(data=data, filename="c.yaml"), ValidationError)
