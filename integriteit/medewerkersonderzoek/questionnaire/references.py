"""The checks that look across items: data columns, ``ask_if`` routing and multi-item scales."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from integriteit.common.yaml_lines import Problems, line_of, short
from integriteit.medewerkersonderzoek.questionnaire.structure import AskIfDraft, ItemDraft
from integriteit.medewerkersonderzoek.spec import Item, ResponseScale

#: Columns of the response data that are not items (spec.py, "Data layout of responses").
RESERVED_COLUMNS = ("unit", "role")

_KIND_NAMES = {
    "scale": gettext_noop("een schaalvraag"),
    "single": gettext_noop("een keuzevraag met één antwoord"),
    "multi": gettext_noop("een meerkeuzevraag"),
    "text": gettext_noop("een open vraag"),
}


def kind_name(item: Item) -> str:
    return _(_KIND_NAMES[item.kind])


def check_columns(problems: Problems, drafts: list[ItemDraft]) -> None:
    """No two items write the same data column, and none writes ``unit`` or ``role``."""
    owners: dict[str, ItemDraft] = {}
    for draft in drafts:
        item = draft.item
        if not item.code:
            continue
        path = draft.fields.at("code")
        line = line_of(draft.fields.values["code"])
        for column in item.columns():
            other = owners.get(column)
            if column in RESERVED_COLUMNS:
                message = _(
                    "de kolom ‘%(kolom)s’ is gereserveerd voor %(doel)s; kies een andere code."
                )
                doel = _("de eenheid") if column == "unit" else _("de rol")
                problems.add(line, path, message % {"kolom": column, "doel": doel})
            elif other is not None and other.item.code != item.code:
                message = _(
                    "de kolom ‘%(kolom)s’ van deze vraag botst met die van vraag ‘%(andere)s’ "
                    "op regel %(regel)d (een meerkeuzevraag krijgt kolommen code_optie)."
                )
                values = {"kolom": column, "andere": other.item.code, "regel": other.fields.line}
                problems.add(line, path, message % values)
            else:
                owners.setdefault(column, draft)


def _allowed_codes(target: Item, scales: dict[str, ResponseScale]) -> tuple[int, ...]:
    if target.kind == "single":
        return tuple(option.code for option in target.options)
    scale = scales.get(target.scale or "")
    return scale.values if scale else ()


def _check_ask_if(
    ask_if: AskIfDraft,
    draft: ItemDraft,
    index: dict[str, ItemDraft],
    scales: dict[str, ResponseScale],
) -> None:
    fields = ask_if.fields
    target = index.get(ask_if.item)
    if not ask_if.item:
        return  # reported already
    if target is None:
        message = _("‘%(code)s’ is geen eerder item.") % {"code": short(ask_if.item)}
        fields.add(fields.values["item"], "item", message)
        return
    if target.position >= draft.position:
        message = _("‘%(code)s’ is geen eerder item: die vraag staat op regel %(regel)d.")
        values = {"code": short(ask_if.item), "regel": target.fields.line}
        fields.add(fields.values["item"], "item", message % values)
        return
    if target.item.kind not in ("scale", "single"):
        message = _(
            "vraag ‘%(code)s’ is %(soort)s; een vervolgvraag kan alleen afhangen van een "
            "schaalvraag of een keuzevraag met één antwoord."
        )
        fields.add(
            fields.values["item"],
            "item",
            message % {"code": ask_if.item, "soort": kind_name(target.item)},
        )
        return
    allowed = _allowed_codes(target.item, scales)
    for value, node, path in ask_if.values:
        if allowed and value not in allowed:
            message = _("%(code)d is geen antwoord op vraag ‘%(vraag)s’ (die kent %(codes)s).")
            values = {"code": value, "vraag": ask_if.item, "codes": ", ".join(map(str, allowed))}
            fields.problems.add(line_of(node), path, message % values)


def check_ask_if(drafts: list[ItemDraft], scales: dict[str, ResponseScale]) -> None:
    """``ask_if`` names an earlier scale or single-choice item, and codes that item can have."""
    index: dict[str, ItemDraft] = {}
    for draft in drafts:
        index.setdefault(draft.item.code, draft)
    for draft in drafts:
        if draft.ask_if is not None:
            _check_ask_if(draft.ask_if, draft, index, scales)
