"""Multi-item scales (``scales``): scale items of one response scale, ``reversed`` among them,
``min_items`` from 1 to the number of items."""

from __future__ import annotations

from django.utils.translation import gettext as _
from yaml.nodes import Node

from integriteit.common.yaml_lines import (
    Fields,
    Problems,
    Unique,
    line_of,
    read_fields,
    read_int,
    read_list,
    read_text,
    short,
)
from integriteit.medewerkersonderzoek.questionnaire.references import kind_name
from integriteit.medewerkersonderzoek.questionnaire.structure import TITLE_MAX, ItemDraft
from integriteit.medewerkersonderzoek.questionnaire.values import read_code_list, read_identifier
from integriteit.medewerkersonderzoek.spec import ScaleDef

SCALE_FIELDS = ("code", "title", "items", "reversed", "min_items")


def _scale_items(scale: Fields, index: dict[str, ItemDraft]) -> tuple[tuple[str, ...], set[str]]:
    """The items of the scale that exist and are scale items of one response scale; and all
    codes listed, to check ``reversed`` against what was written."""
    codes: list[str] = []
    listed: set[str] = set()
    first_scale: tuple[str, str] | None = None  # (response scale, item)
    for code, node, path in read_code_list(scale, "items", min_items=2, required=True):
        listed.add(code)
        draft = index.get(code)
        if draft is None:
            message = _("‘%(code)s’ is geen vraag in deze vragenlijst.") % {"code": short(code)}
            scale.problems.add(line_of(node), path, message)
            continue
        item = draft.item
        if item.kind != "scale":
            message = _("vraag ‘%(code)s’ is %(soort)s, geen schaalvraag.")
            scale.problems.add(
                line_of(node), path, message % {"code": code, "soort": kind_name(item)}
            )
            continue
        if first_scale is None:
            first_scale = (item.scale or "", code)
        elif item.scale != first_scale[0]:
            message = _(
                "vraag ‘%(code)s’ heeft antwoordschaal ‘%(schaal)s’, maar ‘%(eerste)s’ heeft "
                "‘%(andere)s’; een schaal kan geen antwoordschalen mengen."
            )
            values = {
                "code": code,
                "schaal": item.scale,
                "eerste": first_scale[1],
                "andere": first_scale[0],
            }
            scale.problems.add(line_of(node), path, message % values)
        codes.append(code)
    return tuple(codes), listed


def _reversed(scale: Fields, items: tuple[str, ...], listed: set[str]) -> tuple[str, ...]:
    result: list[str] = []
    for code, node, path in read_code_list(scale, "reversed", min_items=0, required=False):
        if code not in listed:
            message = _("‘%(code)s’ staat niet in items van deze schaal.") % {"code": short(code)}
            scale.problems.add(line_of(node), path, message)
        elif code in items:
            result.append(code)
    return tuple(result)


def _min_items(scale: Fields, count: int) -> int:
    if scale.present("min_items", required=False) is None or count < 1:
        return 1
    return read_int(scale, "min_items", minimum=1, maximum=count) or 1


def _scale(
    problems: Problems, node: Node, path: str, index: dict[str, ItemDraft], codes: Unique
) -> ScaleDef | None:
    scale = read_fields(problems, node, path, SCALE_FIELDS)
    if scale is None:
        return None
    code = read_identifier(scale, "code")
    if code:
        codes.check(code, line=line_of(scale.values["code"]), path=scale.at("code"))
    title = read_text(scale, "title", max_length=TITLE_MAX, required=False) or code
    items, listed = _scale_items(scale, index)
    return ScaleDef(
        code=code,
        title=title,
        items=items,
        reversed=_reversed(scale, items, listed),
        min_items=_min_items(scale, len(listed)),
    )


def read_scales(top: Fields, drafts: list[ItemDraft]) -> list[ScaleDef]:
    index: dict[str, ItemDraft] = {}
    for draft in drafts:
        index.setdefault(draft.item.code, draft)
    codes = Unique(top.problems)
    scales = [
        _scale(top.problems, node, path, index, codes)
        for path, node in read_list(top, "scales", min_items=0, required=False)
    ]
    return [scale for scale in scales if scale is not None]
