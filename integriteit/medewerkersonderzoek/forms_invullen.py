"""Forms of the answering pages: the personal code, and one block of the questionnaire.

A block's form is built from the questionnaire (``spec.Block``): one field per item, named
after the item code. Answers move between the form and the stored shape of a response
(``column → code``, a multiple-choice item as ``<code>_<option>`` with 1 or 0; see
``spec.py``) through :meth:`BlokForm.antwoorden` and :func:`initial_from`.

Routing (``ask_if``) — the choice made here: a condition on an item of an *earlier* block is
evaluated against the answers given so far, and an item whose condition is not met is not
shown at all (a non-manager never sees the manager questions). A condition on an item of the
*same* block cannot be evaluated without a page reload (and the pages run no script under the
strict CSP), so such an item stays visible with the hint "Alleen beantwoorden als u bij …
‘Ja’ antwoordde."; an answer to it is dropped when its condition turns out not to be met
(:func:`prune`), since a chosen radio button cannot be unchosen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.medewerkersonderzoek.constants import TEXT_MAX
from integriteit.medewerkersonderzoek.spec import Block, Item, Questionnaire

CHECKBOX_ATTRS = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class CodeForm(StyledForm):
    code = forms.CharField(
        label=gettext_lazy("Uw persoonlijke code"),
        help_text=gettext_lazy(
            "De code staat in de uitnodiging die u per e-mail kreeg. Met de link in die e-mail "
            "is de code al ingevuld."
        ),
        max_length=200,
        error_messages={"required": gettext_lazy("Vul uw persoonlijke code in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


def _labels(spec: Questionnaire, item: Item) -> list[tuple[int, str]]:
    """The answer codes of a scale or choice item with their labels, in order."""
    scale = spec.scale_of(item)
    if scale is not None:
        return [(code, scale.labels.get(code, str(code))) for code in scale.valid_codes]
    return [(option.code, option.label) for option in item.options]


def condition_hint(spec: Questionnaire, item: Item) -> str:
    """ "Alleen beantwoorden als u bij ‘…’ ‘Ja’ antwoordde." for a conditional item."""
    if item.ask_if is None:
        return ""
    vraag = spec.item(item.ask_if.item)
    labels = dict(_labels(spec, vraag))
    antwoorden = _(" of ").join(f"‘{labels.get(v, v)}’" for v in item.ask_if.values)
    return _("Alleen beantwoorden als u bij de vraag ‘%(vraag)s’ %(antwoorden)s antwoordde.") % {
        "vraag": vraag.text,
        "antwoorden": antwoorden,
    }


def is_shown(spec: Questionnaire, block: Block, item: Item, earlier: Mapping[str, Any]) -> bool:
    """Whether ``item`` appears on its block's page (see the module docstring)."""
    if item.ask_if is None:
        return True
    vraag = spec.item(item.ask_if.item)
    if vraag.block == block.code:
        return is_shown(spec, block, vraag, earlier)
    return earlier.get(vraag.code) in item.ask_if.values


def prune(spec: Questionnaire, antwoorden: Mapping[str, Any]) -> dict[str, Any]:
    """``antwoorden`` without the answers to items whose ``ask_if`` is not met by the answers
    before them (in questionnaire order), so the services accept the rest."""
    kept = dict(antwoorden)
    for item in spec.items:
        if item.ask_if is not None and kept.get(item.ask_if.item) not in item.ask_if.values:
            for column in item.columns():
                kept.pop(column, None)
    return kept


def initial_from(
    spec: Questionnaire, block: Block, antwoorden: Mapping[str, Any]
) -> dict[str, Any]:
    """Initial field values of ``block`` from stored answers."""
    initial: dict[str, Any] = {}
    for item in block.items:
        if item.kind == "multi":
            chosen = [str(o.code) for o in item.options if antwoorden.get(f"{item.code}_{o.code}")]
            if chosen:
                initial[item.code] = chosen
        elif item.code in antwoorden:
            initial[item.code] = str(antwoorden[item.code])
    return initial


def _field(spec: Questionnaire, item: Item, hint: str) -> forms.Field:
    if item.kind == "text":
        note = _("Vrije tekst wordt nooit per afdeling of eenheid getoond.")
        return forms.CharField(
            label=item.text,
            required=False,
            max_length=TEXT_MAX,
            help_text=f"{hint} {note}".strip(),
            widget=forms.Textarea(attrs={"rows": 5}),
        )
    choices = [(str(code), label) for code, label in _labels(spec, item)]
    if item.kind == "multi":
        return forms.MultipleChoiceField(
            label=item.text,
            required=False,
            choices=choices,
            help_text=hint,
            widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX_ATTRS),
        )
    return forms.ChoiceField(
        label=item.text,
        required=False,
        choices=choices,
        help_text=hint,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
    )


@dataclass(frozen=True)
class Vraag:
    """One question on the page: the bound field and the item it asks."""

    field: BoundField
    item: Item


class BlokForm(StyledForm):
    """The shown items of one block, none of them required ("U mag een vraag overslaan")."""

    def __init__(
        self,
        data: Any = None,
        *,
        spec: Questionnaire,
        block: Block,
        eerder: Mapping[str, Any],
        initial: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.spec = spec
        self.block = block
        self.items = [item for item in block.items if is_shown(spec, block, item, eerder)]
        for item in self.items:
            hint = condition_hint(spec, item) if item.ask_if is not None else ""
            self.fields[item.code] = _field(spec, item, hint)
        # StyledForm set its classes before these fields existed.
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault(
                    "class", "utrecht-textarea utrecht-textarea--html-textarea"
                )

    @property
    def vragen(self) -> list[Vraag]:
        return [Vraag(field=self[item.code], item=item) for item in self.items]

    def antwoorden(self) -> dict[str, Any]:
        """The cleaned answers of this block as response columns; empty answers left out."""
        result: dict[str, Any] = {}
        for item in self.items:
            value: Any = self.cleaned_data.get(item.code)
            if not value:
                continue
            if item.kind == "multi":
                chosen = {int(code) for code in value}
                for option in item.options:
                    result[f"{item.code}_{option.code}"] = int(option.code in chosen)
            elif item.kind == "text":
                if value.strip():
                    result[item.code] = value.strip()
            else:
                result[item.code] = int(value)
        return result


def block_columns(block: Block) -> set[str]:
    return {column for item in block.items for column in item.columns()}
