"""The YAML loaders that write to the database — norm frameworks, questionnaires and a
ministry's investigation protocol: a refused file leaves every table as it was."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from integriteit.conftest import World
from integriteit.medewerkersonderzoek.services import vragenlijst_load
from integriteit.normenkader.loader import normenkader_load
from integriteit.onderzoeken.protocollen import protocol_laden
from integriteit.tests.fuzz.helpers import refused_changes_nothing, teruggedraaid
from integriteit.tests.fuzz.profielen import examples
from integriteit.tests.fuzz.strategies import any_bytes, near_valid_yaml
from integriteit.tests.fuzz.test_yaml_bestanden import (
    FRAMEWORK,
    PROTOCOL_TIGHTENED,
    QUESTIONNAIRE,
)


@pytest.mark.django_db
@examples(30)
@given(data=st.one_of(any_bytes(), near_valid_yaml(FRAMEWORK)))
def test_framework_load_is_all_or_nothing(data: bytes) -> None:
    with teruggedraaid():
        refused_changes_nothing(
            lambda: normenkader_load(acting_user=None, data=data, filename="kader.yaml"),
            ValidationError,
            ("normenkader",),
        )


@pytest.mark.django_db
@examples(30)
@given(data=st.one_of(any_bytes(), near_valid_yaml(QUESTIONNAIRE)))
def test_questionnaire_load_is_all_or_nothing(data: bytes) -> None:
    with teruggedraaid():
        refused_changes_nothing(
            lambda: vragenlijst_load(acting_user=None, data=data, filename="v.yaml"),
            ValidationError,
            ("medewerkersonderzoek",),
        )


@pytest.mark.django_db
@examples(30)
@given(data=st.one_of(any_bytes(), near_valid_yaml(PROTOCOL_TIGHTENED)))
def test_protocol_load_is_all_or_nothing(data: bytes, world: World) -> None:
    with teruggedraaid():
        refused_changes_nothing(
            lambda: protocol_laden(organisatie=world.ocw, data=data, filename="p.yaml"),
            ValidationError,
            ("onderzoeken",),
        )
