"""The rules of a framework file (DESIGN.md, "Norm frameworks — YAML"), checked all at once."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from yaml.nodes import MappingNode, Node, ScalarNode

from integriteit.common.yaml_lines import (
    NULL_TAG,
    Fields,
    Problems,
    Unique,
    describe,
    fields_of,
    line_of,
    read_choice,
    read_code,
    read_fields,
    read_int,
    read_list,
    read_text,
    read_tree,
    short,
)
from integriteit.normenkader.constants import AppliesTo
from integriteit.normenkader.loader.spec import FrameworkSpec, GroupSpec, LevelSpec, NormSpec

TOP_FIELDS = ("code", "version", "title", "source", "applies_to", "scale", "groups")
LEVEL_FIELDS = ("code", "label", "rank", "color")
GROUP_FIELDS = ("code", "title", "applies_to", "norms")
NORM_FIELDS = ("code", "text", "guidance", "sources")

FRAMEWORK_CODE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The lengths of the model fields (Normenkader, Niveau, Normgroep, Norm).
CODE_MAX = 40
TITLE_MAX = 300
GROUP_TITLE_MAX = 200
LABEL_MAX = 200
TEXT_MAX = 20_000
SOURCE_MAX = 500


def _framework_code(top: Fields) -> str:
    code = read_text(top, "code", max_length=60)
    if code and not FRAMEWORK_CODE.match(code):
        message = _(
            "‘%(code)s’ is geen geldige code: 2 tot 60 tekens, kleine letters, cijfers, "
            "punt, liggend streepje of koppelteken, beginnend met een letter of cijfer."
        )
        top.add(top.values["code"], "code", message % {"code": code})
    return code


def _color(level: Fields) -> str:
    node = level.values.get("color")
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        # ``color: #39870c`` without quotes: YAML reads everything after # as a comment.
        message = _('is leeg; zet de kleur tussen aanhalingstekens, bv. "#39870c".')
        level.add(node, "color", message)
        return ""
    color = read_text(level, "color", max_length=LABEL_MAX)
    if color and not COLOR.match(color):
        message = _("‘%(kleur)s’ is geen kleur als #rrggbb.") % {"kleur": short(color)}
        level.add(level.values["color"], "color", message)
        return ""
    return color.lower()


def _scale(top: Fields, codes: Unique, ranks: Unique) -> list[LevelSpec]:
    levels: list[LevelSpec] = []
    for path, node in read_list(top, "scale", min_items=2):
        level = read_fields(top.problems, node, path, LEVEL_FIELDS)
        if level is None:
            continue
        code = read_code(level, "code", max_length=CODE_MAX)
        if code:
            codes.check(code, line=line_of(level.values["code"]), path=level.at("code"))
        rank = read_int(level, "rank", minimum=-(2**31), maximum=2**31 - 1)
        if rank is not None:
            ranks.check(str(rank), line=line_of(level.values["rank"]), path=level.at("rank"))
        label = read_text(level, "label", max_length=LABEL_MAX)
        levels.append(LevelSpec(code=code, label=label, rank=rank or 0, color=_color(level)))
    return levels


def _sources(norm: Fields) -> tuple[str, ...]:
    sources: list[str] = []
    for path, node in read_list(norm, "sources", min_items=0, required=False):
        # Section numbers such as 4.4 read as numbers in YAML; keep them as written.
        is_scalar = isinstance(node, ScalarNode) and node.tag != NULL_TAG
        if not is_scalar or not str(node.value).strip():
            message = _('moet tekst zijn, bv. "3.5.2".')
            norm.problems.add(line_of(node), path, message)
        elif len(str(node.value)) > SOURCE_MAX:
            message = _("is langer dan %(max)d tekens.") % {"max": SOURCE_MAX}
            norm.problems.add(line_of(node), path, message)
        else:
            sources.append(str(node.value))
    return tuple(sources)


def _norm(problems: Problems, node: Node, path: str, codes: Unique) -> NormSpec | None:
    norm = read_fields(problems, node, path, NORM_FIELDS)
    if norm is None:
        return None
    code = read_code(norm, "code", max_length=CODE_MAX)
    if code:
        codes.check(code, line=line_of(norm.values["code"]), path=norm.at("code"))
    return NormSpec(
        code=code,
        text=read_text(norm, "text", max_length=TEXT_MAX),
        guidance=read_text(norm, "guidance", max_length=TEXT_MAX, required=False),
        sources=_sources(norm),
    )


@dataclass(frozen=True)
class _Codes:
    """Group codes are unique among groups; norm codes across the whole framework."""

    groups: Unique
    norms: Unique


def _group(
    problems: Problems, node: Node, path: str, default: str, codes: _Codes
) -> GroupSpec | None:
    group = read_fields(problems, node, path, GROUP_FIELDS)
    if group is None:
        return None
    code = read_code(group, "code", max_length=CODE_MAX)
    if code:
        codes.groups.check(code, line=line_of(group.values["code"]), path=group.at("code"))
    title = read_text(group, "title", max_length=GROUP_TITLE_MAX)
    applies_to = read_choice(group, "applies_to", choices=AppliesTo.values, default=default)
    norms = [
        _norm(problems, item, item_path, codes.norms)
        for item_path, item in read_list(group, "norms", min_items=1)
    ]
    return GroupSpec(
        code=code,
        title=title,
        applies_to=applies_to,
        norms=tuple(norm for norm in norms if norm is not None),
    )


def _groups(top: Fields, default: str) -> list[GroupSpec]:
    codes = _Codes(groups=Unique(top.problems), norms=Unique(top.problems))
    groups = [
        _group(top.problems, node, path, default, codes)
        for path, node in read_list(top, "groups", min_items=1)
    ]
    return [group for group in groups if group is not None]


def parse_framework(*, data: bytes, filename: str) -> FrameworkSpec:
    """Read and check a framework file; no database.

    Raises a ValidationError whose ``messages`` are every problem found, each in Dutch and
    naming ``filename``, the line and the field (``groups[0].norms[2].code``).
    """
    problems = Problems(filename)
    root = read_tree(data, problems)
    if not isinstance(root, MappingNode):
        message = _(
            "het bestand moet een object met velden zijn (code, version, title, scale, "
            "groups, …), maar is %(gevonden)s."
        )
        problems.fail(line_of(root), message % {"gevonden": describe(root)})
    top = fields_of(problems, root, "", TOP_FIELDS)
    code = _framework_code(top)
    version = read_int(top, "version", minimum=1)
    title = read_text(top, "title", max_length=TITLE_MAX)
    source = read_text(top, "source", max_length=TEXT_MAX, required=False)
    applies_to = read_choice(
        top, "applies_to", choices=AppliesTo.values, default=AppliesTo.ORGANISATION
    )
    scale = _scale(top, Unique(problems), Unique(problems))
    groups = _groups(top, applies_to)
    problems.raise_if_any()
    return FrameworkSpec(
        code=code,
        version=version or 0,
        title=title,
        source=source,
        applies_to=applies_to,
        scale=tuple(scale),
        groups=tuple(groups),
    )
