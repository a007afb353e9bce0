"""Reading a YAML file into a node tree, and typed values out of that tree, with line numbers.

Shared by the file formats that people write by hand (norm frameworks, questionnaires).

Values are read from the composed node tree rather than from ``yaml.safe_load``'s plain
Python objects, so that every problem can name the line it is on. Problems are collected in
:class:`Problems` and raised together, ordered by line, so that a user sees them all at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NoReturn

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

#: A framework or questionnaire has tens of entries; a bigger file is a mistake (or an attack).
MAX_BYTES = 1024 * 1024
#: The largest value a PositiveIntegerField / IntegerField holds on every database.
MAX_INT = 2**31 - 1

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"

# Dutch field names people will reach for, since the application shows them in Dutch. One map
# for every format: a suggestion is only made when it is a field allowed at that place.
_DUTCH_NAMES: dict[str, tuple[str, ...]] = {
    "titel": ("title",),
    "versie": ("version",),
    "bron": ("source", "sources"),
    "bronnen": ("sources", "source"),
    "geldt_voor": ("applies_to",),
    "schaal": ("scale",),
    "niveaus": ("scale",),
    "groepen": ("groups",),
    "normen": ("norms",),
    "tekst": ("text",),
    "toelichting": ("guidance",),
    "kleur": ("color",),
    "colour": ("color",),
    "rang": ("rank",),
    # questionnaires
    "antwoordschalen": ("response_scales",),
    "blokken": ("blocks",),
    "vragen": ("items",),
    "soort": ("kind",),
    "opties": ("options",),
    "keuzes": ("options",),
    "alleen_als": ("ask_if",),
    "vraag_als": ("ask_if",),
    "waarden": ("values",),
    "eens": ("agree",),
    "ontbrekend": ("missing",),
    "weet_niet": ("missing",),
    "schalen": ("scales",),
    "omgekeerd": ("reversed",),
    "min_vragen": ("min_items",),
    "vraag": ("item",),
}


class Problems:
    """Every problem of one file, each a Dutch message naming the file, line and field."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self._items: list[tuple[int, str]] = []

    def message(self, line: int, path: str, text: str) -> str:
        values = {"bestand": self.filename, "regel": line, "veld": path, "melding": text}
        if path:
            return _("%(bestand)s, regel %(regel)d, veld %(veld)s: %(melding)s") % values
        return _("%(bestand)s, regel %(regel)d: %(melding)s") % values

    def add(self, line: int, path: str, text: str) -> None:
        self._items.append((line, self.message(line, path, text)))

    def fail(self, line: int, text: str) -> NoReturn:
        """A problem that stops reading the file: raised at once, on its own."""
        raise ValidationError([self.message(line, "", text)])

    def raise_if_any(self) -> None:
        if self._items:
            ordered = sorted(self._items, key=lambda item: item[0])  # stable: file order
            raise ValidationError([text for _line, text in ordered])


class _AliasError(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (``*name``).

    Aliases are not needed in a hand-written file, and refusing them keeps a small file from
    expanding into a huge tree ("billion laughs") while it is checked.
    """

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            # check_event() keeps the event it looked at in current_event.
            raise _AliasError(problem_mark=self.current_event.start_mark)
        return super().compose_node(parent, index)


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _decode(data: bytes, problems: Problems) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError(
            [_("%(bestand)s: het bestand is groter dan 1 MB.") % {"bestand": problems.filename}]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.fail(line, _("het bestand is geen UTF-8; sla het op met de codering UTF-8."))


def _syntax_error(exc: yaml.YAMLError, text: str, problems: Problems) -> NoReturn:
    if isinstance(exc, _AliasError) and exc.problem_mark is not None:
        problems.fail(
            exc.problem_mark.line + 1,
            _("verwijzingen (*naam) worden niet ondersteund; schrijf de waarde voluit."),
        )
    line, detail = 1, str(exc)
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        line = exc.problem_mark.line + 1
        detail = "; ".join(part for part in (exc.context, exc.problem) if part) or detail
    elif isinstance(exc, ReaderError):
        line = text[: int(exc.position)].count("\n") + 1
        detail = _("teken dat niet in YAML mag staan")
    problems.fail(
        line,
        _(
            "dit is geen geldige YAML (let op inspringing, dubbele punten en "
            "aanhalingstekens): %(detail)s."
        )
        % {"detail": detail},
    )


def read_tree(data: bytes, problems: Problems) -> Node:
    """The composed document; raises at once if the file cannot be read as one YAML document."""
    text = _decode(data, problems)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        _syntax_error(exc, text, problems)
    except RecursionError:
        problems.fail(1, _("het bestand is te diep genest."))
    if root is None:
        problems.fail(1, _("het bestand is leeg."))
    return root


def short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def describe(node: Node) -> str:
    """What was found instead of what was expected, for a message."""
    if isinstance(node, MappingNode):
        return _("een object met velden")
    if isinstance(node, SequenceNode):
        return _("een lijst")
    if node.tag == NULL_TAG:
        return _("een lege waarde")
    return f"‘{short(str(node.value))}’"


def _suggestion(name: str, allowed: Sequence[str]) -> str:
    for candidate in _DUTCH_NAMES.get(name.lower(), ()):
        if candidate in allowed:
            return candidate
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    return close[0] if close else ""


@dataclass
class Fields:
    """A checked YAML mapping: its known fields by name, with the path of the mapping."""

    node: MappingNode
    path: str
    problems: Problems
    values: dict[str, Node] = field(default_factory=dict)

    @property
    def line(self) -> int:
        return line_of(self.node)

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def add(self, node: Node, key: str, text: str) -> None:
        """A problem with the value of ``key``, on the line of ``node``."""
        self.problems.add(line_of(node), self.at(key), text)

    def present(self, key: str, *, required: bool) -> Node | None:
        """The value of ``key``, or None when it is absent or empty (a problem if required)."""
        node = self.values.get(key)
        if node is None:
            if required:
                self.problems.add(self.line, self.at(key), _("ontbreekt."))
            return None
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            if required:
                self.add(node, key, _("is leeg."))
            return None
        return node


def read_fields(problems: Problems, node: Node, path: str, allowed: Sequence[str]) -> Fields | None:
    """The mapping at ``node``; unknown and doubled field names are problems."""
    if not isinstance(node, MappingNode):
        message = _("moet een object met velden zijn (naam: waarde), maar is %(gevonden)s.")
        problems.add(line_of(node), path, message % {"gevonden": describe(node)})
        return None
    return fields_of(problems, node, path, allowed)


def fields_of(problems: Problems, node: MappingNode, path: str, allowed: Sequence[str]) -> Fields:
    fields = Fields(node=node, path=path, problems=problems)
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            message = _("een veldnaam moet tekst zijn, maar is %(gevonden)s.")
            problems.add(line_of(key), path, message % {"gevonden": describe(key)})
            continue
        name = str(key.value)
        if name not in allowed:
            message = _("onbekend veld ‘%(naam)s’") % {"naam": short(name)}
            suggestion = _suggestion(name, allowed)
            if suggestion:
                message += " " + _("(bedoelt u ‘%(naam)s’?)") % {"naam": suggestion}
            fields.add(key, name, message + ".")
        elif name in fields.values:
            message = _("komt twee keer voor (eerder op regel %(regel)d).")
            fields.add(key, name, message % {"regel": line_of(fields.values[name])})
        else:
            fields.values[name] = value
    return fields


def read_text(fields: Fields, key: str, *, max_length: int, required: bool = True) -> str:
    """A text field; "" when absent or wrong (and then a problem if required)."""
    node = fields.present(key, required=required)
    if node is None:
        return ""
    if not isinstance(node, ScalarNode) or node.tag != STR_TAG:
        hint = ""
        if isinstance(node, ScalarNode):
            hint = " " + _("Zet de waarde tussen aanhalingstekens als het tekst is.")
        message = _("moet tekst zijn, maar is %(gevonden)s.") % {"gevonden": describe(node)}
        fields.add(node, key, message + hint)
        return ""
    value = str(node.value)
    if required and not value.strip():
        fields.add(node, key, _("is leeg."))
    elif len(value) > max_length:
        fields.add(node, key, _("is langer dan %(max)d tekens.") % {"max": max_length})
        return ""
    return value


def read_code(fields: Fields, key: str, *, max_length: int) -> str:
    """A required code written as text or as a whole number (``code: 3``), as text."""
    node = fields.present(key, required=True)
    if node is None:
        return ""
    if isinstance(node, ScalarNode) and node.tag == INT_TAG:
        # The digits as written: YAML 1.1 would read ``010`` as 8.
        return str(node.value)
    return read_text(fields, key, max_length=max_length)


def read_int(fields: Fields, key: str, *, minimum: int, maximum: int = MAX_INT) -> int | None:
    """A required whole number from ``minimum`` to ``maximum``; None when absent or wrong."""
    node = fields.present(key, required=True)
    if node is None:
        return None
    if not isinstance(node, ScalarNode) or node.tag != INT_TAG:
        message = _("moet een heel getal zijn, maar is %(gevonden)s.")
        fields.add(node, key, message % {"gevonden": describe(node)})
        return None
    try:  # "!!int abc", "!!int ''" or thousands of digits: tagged int, but no number
        value = yaml.constructor.SafeConstructor().construct_yaml_int(node)
    except (ValueError, IndexError):
        message = _("moet een heel getal zijn, maar is %(gevonden)s.")
        fields.add(node, key, message % {"gevonden": describe(node)})
        return None
    if not minimum <= value <= maximum:
        message = _("%(waarde)d ligt niet tussen %(min)d en %(max)d.")
        fields.add(node, key, message % {"waarde": value, "min": minimum, "max": maximum})
        return None
    return value


def read_choice(fields: Fields, key: str, *, choices: Sequence[str], default: str) -> str:
    """An optional field with a fixed set of values; ``default`` when absent."""
    node = fields.present(key, required=False)
    if node is None:
        return default
    if isinstance(node, ScalarNode) and node.value in choices:
        return str(node.value)
    message = _("%(gevonden)s is geen geldige waarde; kies uit: %(keuzes)s.")
    fields.add(node, key, message % {"gevonden": describe(node), "keuzes": ", ".join(choices)})
    return default


def read_list(
    fields: Fields, key: str, *, min_items: int, required: bool = True
) -> list[tuple[str, Node]]:
    """The items of a list field with the path of each; [] when absent or wrong."""
    node = fields.present(key, required=required)
    if node is None:
        return []
    if not isinstance(node, SequenceNode):
        message = _("moet een lijst zijn, maar is %(gevonden)s.")
        fields.add(node, key, message % {"gevonden": describe(node)})
        return []
    if len(node.value) < min_items:
        message = ngettext(
            "moet minstens %(aantal)d onderdeel bevatten, maar heeft er %(gevonden)d.",
            "moet minstens %(aantal)d onderdelen bevatten, maar heeft er %(gevonden)d.",
            min_items,
        )
        fields.add(node, key, message % {"aantal": min_items, "gevonden": len(node.value)})
    return [(f"{fields.at(key)}[{index}]", item) for index, item in enumerate(node.value)]


@dataclass
class Unique:
    """Finds values that occur twice, naming the line of the first occurrence."""

    problems: Problems
    seen: dict[str, int] = field(default_factory=dict)

    def check(self, value: str, *, line: int, path: str) -> bool:
        """True when ``value`` is new; a problem (and False) when it occurred before."""
        if not value:
            return False  # an empty value is reported already
        first = self.seen.get(value)
        if first is None:
            self.seen[value] = line
            return True
        message = _("‘%(waarde)s’ komt al voor op regel %(regel)d.")
        self.problems.add(line, path, message % {"waarde": short(value), "regel": first})
        return False
