"""Response scales, blocks and items, each checked on its own. Cross-references between items
(``ask_if``, data columns) are checked afterwards, in :mod:`.references`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.utils.translation import gettext as _
from yaml.nodes import MappingNode, Node, ScalarNode

from integriteit.common.yaml_lines import (
    Fields,
    Problems,
    Unique,
    describe,
    line_of,
    read_choice,
    read_fields,
    read_list,
    read_text,
    short,
)
from integriteit.medewerkersonderzoek.questionnaire.values import (
    IDENTIFIER,
    IDENTIFIER_MAX,
    identifier_problem,
    int_of,
    read_identifier,
    read_int_labels,
    read_int_list,
)
from integriteit.medewerkersonderzoek.spec import (
    AskIf,
    Block,
    Item,
    ItemKind,
    Option,
    ResponseScale,
)

RESPONSE_SCALE_FIELDS = ("values", "labels", "agree", "missing")
BLOCK_FIELDS = ("code", "title", "items")
ITEM_FIELDS = ("code", "text", "kind", "scale", "options", "ask_if")
OPTION_FIELDS = ("code", "label")
ASK_IF_FIELDS = ("item", "in")
KINDS: tuple[ItemKind, ...] = ("scale", "single", "multi", "text")

TITLE_MAX = 300
LABEL_MAX = 300
TEXT_MAX = 2000


@dataclass
class AskIfDraft:
    fields: Fields
    item: str
    values: list[tuple[int, Node, str]]


@dataclass
class ItemDraft:
    """An item with where it was written, for the checks that look at other items."""

    item: Item
    position: int
    fields: Fields
    ask_if: AskIfDraft | None


# --- response scales ----------------------------------------------------------------------


def _subset(scale: Fields, key: str, values: set[int]) -> tuple[int, ...]:
    codes = read_int_list(scale, key, min_items=0, required=False)
    for code, node, path in codes:
        if values and code not in values:
            message = _("%(code)d staat niet in values.") % {"code": code}
            scale.problems.add(line_of(node), path, message)
    return tuple(code for code, _node, _path in codes)


def _labels(scale: Fields, values: tuple[int, ...], *, extra: set[int]) -> dict[int, str]:
    """Every value has a label, and every label belongs to a value (or a missing code)."""
    labels = read_int_labels(scale, "labels", max_length=LABEL_MAX)
    for value, (_label, label_node, label_path) in labels.items():
        if values and value not in values and value not in extra:
            message = _("%(code)d staat niet in values.") % {"code": value}
            scale.problems.add(line_of(label_node), label_path, message)
    unlabelled = [str(value) for value in values if value not in labels]
    if labels and unlabelled:
        message = _("geen label voor %(codes)s.") % {"codes": ", ".join(unlabelled)}
        scale.add(scale.values["labels"], "labels", message)
    return {value: label for value, (label, _node, _path) in labels.items()}


def _response_scale(problems: Problems, code: str, node: Node, path: str) -> ResponseScale:
    scale = read_fields(problems, node, path, RESPONSE_SCALE_FIELDS)
    if scale is None:
        return ResponseScale(code=code, values=(), labels={})
    values = tuple(
        value for value, _node, _path in read_int_list(scale, "values", min_items=2, required=True)
    )
    # ``missing`` codes may lie outside ``values`` (DESIGN.md: values 1-5, missing [9]); they
    # are valid answers that carry no position on the scale.
    missing = _subset(scale, "missing", set())
    labels = _labels(scale, values, extra=set(missing))
    agree = _subset(scale, "agree", set(values))
    both = sorted(set(agree) & set(missing))
    if both:
        message = _("%(codes)s staat ook in agree; een code telt als eens of als ontbrekend.")
        scale.add(
            scale.values["missing"], "missing", message % {"codes": ", ".join(map(str, both))}
        )
    if len(values) >= 2 and len(set(values) - set(missing)) < 2:
        scale.add(
            scale.values["values"],
            "values",
            _("heeft minder dan twee codes die niet in missing staan."),
        )
    return ResponseScale(
        code=code,
        values=values,
        labels=labels,
        agree=agree,
        missing=missing,
    )


def read_response_scales(top: Fields) -> dict[str, ResponseScale]:
    """The ``response_scales`` mapping (code → scale); may be absent when no item uses one."""
    node = top.present("response_scales", required=False)
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        message = _("moet een object zijn (code: {values: …, labels: …}), maar is %(gevonden)s.")
        top.add(node, "response_scales", message % {"gevonden": describe(node)})
        return {}
    scales: dict[str, ResponseScale] = {}
    seen = Unique(top.problems)
    for key_node, value_node in node.value:
        name = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
        path = f"response_scales.{short(name)}"
        if not IDENTIFIER.match(name):
            top.problems.add(line_of(key_node), "response_scales", identifier_problem(name))
        elif seen.check(name, line=line_of(key_node), path=path):
            scales[name] = _response_scale(top.problems, name, value_node, path)
    return scales


# --- items --------------------------------------------------------------------------------


def _options(item: Fields, kind: str) -> tuple[Option, ...]:
    if kind not in ("single", "multi"):
        _forbid(item, "options", kind)
        return ()
    options: list[Option] = []
    codes = Unique(item.problems)
    for path, node in read_list(item, "options", min_items=2):
        option = read_fields(item.problems, node, path, OPTION_FIELDS)
        if option is None:
            continue
        code_node = option.present("code", required=True)
        code = None if code_node is None else int_of(item.problems, code_node, option.at("code"))
        if code is not None and code < 0:
            option.add(option.values["code"], "code", _("moet 0 of groter zijn."))
            code = None
        label = read_text(option, "label", max_length=LABEL_MAX)
        if code is not None and codes.check(
            str(code), line=line_of(option.values["code"]), path=option.at("code")
        ):
            options.append(Option(code=code, label=label))
    return tuple(options)


def _forbid(item: Fields, key: str, kind: str) -> None:
    node = item.present(key, required=False)
    if node is not None:
        message = _("hoort niet bij een vraag van soort ‘%(soort)s’.") % {"soort": kind}
        item.add(node, key, message)


def _kind(item: Fields) -> str:
    """The kind; ``scale`` when only ``scale`` is given; "" when unknown (a problem)."""
    has_scale = item.present("scale", required=False) is not None
    kind = read_choice(item, "kind", choices=KINDS, default="scale" if has_scale else "")
    if not kind and "kind" not in item.values:
        message = _("ontbreekt; kies uit: %(keuzes)s (of geef alleen ‘scale’).")
        item.problems.add(item.line, item.at("kind"), message % {"keuzes": ", ".join(KINDS)})
    return kind


def _response_scale_of(item: Fields, kind: str, scales: dict[str, ResponseScale]) -> str | None:
    if kind != "scale":
        _forbid(item, "scale", kind)
        return None
    code = read_text(item, "scale", max_length=IDENTIFIER_MAX)
    if code and code not in scales:
        message = _("‘%(code)s’ is geen antwoordschaal uit response_scales") % {"code": short(code)}
        known = ", ".join(scales)
        message += (_("; kies uit: %(keuzes)s.") % {"keuzes": known}) if known else "."
        item.add(item.values["scale"], "scale", message)
    return code or None


def _ask_if(item: Fields) -> AskIfDraft | None:
    node = item.present("ask_if", required=False)
    if node is None:
        return None
    ask_if = read_fields(item.problems, node, item.at("ask_if"), ASK_IF_FIELDS)
    if ask_if is None:
        return None
    target = read_text(ask_if, "item", max_length=IDENTIFIER_MAX)
    values = read_int_list(ask_if, "in", min_items=1, required=True)
    return AskIfDraft(fields=ask_if, item=target, values=values)


@dataclass
class _Context:
    scales: dict[str, ResponseScale]
    codes: Unique
    drafts: list[ItemDraft]


def _item(node: Node, path: str, block: str, context: _Context) -> Item | None:
    item = read_fields(context.codes.problems, node, path, ITEM_FIELDS)
    if item is None:
        return None
    code = read_identifier(item, "code")
    if code:
        context.codes.check(code, line=line_of(item.values["code"]), path=item.at("code"))
    kind = _kind(item)
    ask_if = _ask_if(item)
    result = Item(
        code=code,
        text=read_text(item, "text", max_length=TEXT_MAX),
        kind=cast(ItemKind, kind or "text"),
        block=block,
        scale=_response_scale_of(item, kind, context.scales),
        options=_options(item, kind),
        ask_if=AskIf(item=ask_if.item, values=tuple(v for v, _n, _p in ask_if.values))
        if ask_if
        else None,
    )
    context.drafts.append(ItemDraft(result, len(context.drafts), item, ask_if))
    return result


def read_blocks(
    top: Fields, scales: dict[str, ResponseScale]
) -> tuple[list[Block], list[ItemDraft]]:
    """The blocks in file order, and every item with where it was written."""
    context = _Context(scales=scales, codes=Unique(top.problems), drafts=[])
    block_codes = Unique(top.problems)
    blocks: list[Block] = []
    for path, node in read_list(top, "blocks", min_items=1):
        block = read_fields(top.problems, node, path, BLOCK_FIELDS)
        if block is None:
            continue
        code = read_identifier(block, "code")
        if code:
            block_codes.check(code, line=line_of(block.values["code"]), path=block.at("code"))
        title = read_text(block, "title", max_length=TITLE_MAX)
        items = [
            _item(item_node, item_path, code, context)
            for item_path, item_node in read_list(block, "items", min_items=1)
        ]
        blocks.append(Block(code=code, title=title, items=tuple(i for i in items if i)))
    return blocks, context.drafts
