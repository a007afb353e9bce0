"""Reading a questionnaire file: :func:`questionnaire_parse` (bytes, no database),
:func:`questionnaire_load_path` (a file) and :func:`shipped_questionnaire` (one of ours)."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from yaml.nodes import MappingNode

from integriteit.common.yaml_lines import (
    MAX_BYTES,
    Fields,
    Problems,
    describe,
    fields_of,
    line_of,
    read_int,
    read_text,
    read_tree,
)
from integriteit.medewerkersonderzoek.questionnaire.references import (
    check_ask_if,
    check_columns,
)
from integriteit.medewerkersonderzoek.questionnaire.scales import read_scales
from integriteit.medewerkersonderzoek.questionnaire.structure import (
    TITLE_MAX,
    read_blocks,
    read_response_scales,
)
from integriteit.medewerkersonderzoek.spec import Questionnaire

TOP_FIELDS = ("code", "version", "title", "source", "response_scales", "blocks", "scales")
#: Same shape as a framework code: it names a file and a version line in the database.
QUESTIONNAIRE_CODE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
SOURCE_MAX = 2000

#: The questionnaires shipped with the application, one ``<code>.yaml`` each.
SHIPPED_DIR = Path(__file__).resolve().parent.parent / "vragenlijsten"


def _code(top: Fields) -> str:
    code = read_text(top, "code", max_length=60)
    if code and not QUESTIONNAIRE_CODE.match(code):
        message = _(
            "‘%(code)s’ is geen geldige code: 2 tot 60 tekens, kleine letters, cijfers, "
            "punt, liggend streepje of koppelteken, beginnend met een letter of cijfer."
        )
        top.add(top.values["code"], "code", message % {"code": code})
    return code


def questionnaire_parse(*, data: bytes, filename: str) -> Questionnaire:
    """Read and check a questionnaire file; no database.

    Raises a ValidationError whose ``messages`` are every problem found, each in Dutch and
    naming ``filename``, the line and the field (``blocks[2].items[3].ask_if.item``).
    """
    problems = Problems(filename)
    root = read_tree(data, problems)
    if not isinstance(root, MappingNode):
        message = _(
            "het bestand moet een object met velden zijn (code, version, title, "
            "response_scales, blocks, …), maar is %(gevonden)s."
        )
        problems.fail(line_of(root), message % {"gevonden": describe(root)})
    top = fields_of(problems, root, "", TOP_FIELDS)
    code = _code(top)
    version = read_int(top, "version", minimum=1)
    title = read_text(top, "title", max_length=TITLE_MAX)
    source = read_text(top, "source", max_length=SOURCE_MAX, required=False)
    response_scales = read_response_scales(top)
    blocks, drafts = read_blocks(top, response_scales)
    check_columns(problems, drafts)
    check_ask_if(drafts, response_scales)
    scales = read_scales(top, drafts)
    problems.raise_if_any()
    return Questionnaire(
        code=code,
        version=version or 0,
        title=title,
        response_scales=response_scales,
        blocks=tuple(blocks),
        scales=tuple(scales),
        source=source,
    )


def questionnaire_load_path(path: Path) -> Questionnaire:
    """Read and check the questionnaire in ``path``; messages name the file by its name."""
    with path.open("rb") as file:
        data = file.read(MAX_BYTES + 1)  # one byte more is enough to refuse a big file
    return questionnaire_parse(data=data, filename=path.name)


def shipped_questionnaire(code: str) -> Questionnaire:
    """The shipped questionnaire ``code`` (e.g. ``ark-2023``), from :data:`SHIPPED_DIR`."""
    shipped = sorted(path.stem for path in SHIPPED_DIR.glob("*.yaml"))
    if code not in shipped:
        message = _("Er is geen meegeleverde vragenlijst ‘%(code)s’; kies uit: %(keuzes)s.")
        raise ValidationError(message % {"code": code, "keuzes": ", ".join(shipped)})
    return questionnaire_load_path(SHIPPED_DIR / f"{code}.yaml")
