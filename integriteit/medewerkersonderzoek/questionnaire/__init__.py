"""Questionnaires of the employee survey, read from YAML (DESIGN.md, "Questionnaires — YAML").

A questionnaire is read-only reference data with a stable code and a version. Reading a file
produces the frozen dataclasses of :mod:`integriteit.medewerkersonderzoek.spec`, which the
answering form, the analysis engine and the CLI consume. Every problem is collected and raised
together as a ``ValidationError``, each message in Dutch naming the file, the line and the
field (``ark-2023.yaml, regel 40, veld blocks[2].items[3].ask_if.item: ‘leidinggevende’ is
geen eerder item.``). The shipped questionnaires live in ``vragenlijsten/``.
"""

from integriteit.medewerkersonderzoek.questionnaire.parse import (
    SHIPPED_DIR,
    questionnaire_load_path,
    questionnaire_parse,
    shipped_questionnaire,
)
from integriteit.medewerkersonderzoek.questionnaire.references import RESERVED_COLUMNS

__all__ = [
    "RESERVED_COLUMNS",
    "SHIPPED_DIR",
    "questionnaire_load_path",
    "questionnaire_parse",
    "shipped_questionnaire",
]
