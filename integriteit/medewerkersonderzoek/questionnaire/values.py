"""Typed values of a questionnaire file that the generic YAML readers do not cover: codes that
become data columns, whole numbers as answer codes, lists of those, and ``{code: label}``."""

from __future__ import annotations

import re

import yaml
from django.utils.translation import gettext as _
from yaml.nodes import MappingNode, Node, ScalarNode

from integriteit.common.yaml_lines import (
    INT_TAG,
    MAX_INT,
    NULL_TAG,
    STR_TAG,
    Fields,
    Problems,
    Unique,
    describe,
    line_of,
    read_code,
    read_list,
    short,
)

#: Item, block, scale and response-scale codes name data columns (CSV headers, SPSS
#: variables), so they are plain identifiers.
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
IDENTIFIER_MAX = 40


def identifier_problem(value: str) -> str:
    message = _(
        "‘%(code)s’ is geen geldige code: begin met een letter, daarna letters, cijfers of "
        "een liggend streepje (_), hoogstens 40 tekens."
    )
    return message % {"code": short(value)}


def read_identifier(fields: Fields, key: str) -> str:
    """A required identifier; "" when absent or wrong (and then a problem)."""
    code = read_code(fields, key, max_length=IDENTIFIER_MAX)
    if code and not IDENTIFIER.match(code):
        fields.add(fields.values[key], key, identifier_problem(code))
        return ""
    return code


def int_of(problems: Problems, node: Node, path: str) -> int | None:
    """A whole number written as such; None (and a problem) otherwise."""
    if not isinstance(node, ScalarNode) or node.tag != INT_TAG:
        message = _("moet een heel getal zijn, maar is %(gevonden)s.")
        problems.add(line_of(node), path, message % {"gevonden": describe(node)})
        return None
    value = int(yaml.constructor.SafeConstructor().construct_yaml_int(node))
    if abs(value) > MAX_INT:
        message = _("%(waarde)d is te groot.") % {"waarde": value}
        problems.add(line_of(node), path, message)
        return None
    return value


def read_int_list(
    fields: Fields, key: str, *, min_items: int, required: bool
) -> list[tuple[int, Node, str]]:
    """A list of distinct whole numbers, each with its node and path; doubles are problems."""
    result: list[tuple[int, Node, str]] = []
    seen = Unique(fields.problems)
    for path, node in read_list(fields, key, min_items=min_items, required=required):
        value = int_of(fields.problems, node, path)
        if value is None:
            continue
        if seen.check(str(value), line=line_of(node), path=path):
            result.append((value, node, path))
    return result


def read_code_list(
    fields: Fields, key: str, *, min_items: int, required: bool
) -> list[tuple[str, Node, str]]:
    """A list of distinct codes (references to items), each with its node and path."""
    result: list[tuple[str, Node, str]] = []
    seen = Unique(fields.problems)
    for path, node in read_list(fields, key, min_items=min_items, required=required):
        if not isinstance(node, ScalarNode) or node.tag == NULL_TAG:
            message = _("moet een code zijn, maar is %(gevonden)s.")
            fields.problems.add(line_of(node), path, message % {"gevonden": describe(node)})
            continue
        value = str(node.value)
        if seen.check(value, line=line_of(node), path=path):
            result.append((value, node, path))
    return result


def _label(problems: Problems, node: Node, path: str, max_length: int) -> str | None:
    if not isinstance(node, ScalarNode) or node.tag != STR_TAG or not str(node.value).strip():
        message = _("moet tekst zijn, maar is %(gevonden)s.") % {"gevonden": describe(node)}
        if isinstance(node, ScalarNode) and node.tag != NULL_TAG:
            message += " " + _("Zet de waarde tussen aanhalingstekens als het tekst is.")
        problems.add(line_of(node), path, message)
        return None
    if len(str(node.value)) > max_length:
        message = _("is langer dan %(max)d tekens.") % {"max": max_length}
        problems.add(line_of(node), path, message)
        return None
    return str(node.value)


def read_int_labels(
    fields: Fields, key: str, *, max_length: int
) -> dict[int, tuple[str, Node, str]]:
    """A required ``{code: label}`` mapping; each entry with the node and path of its code."""
    node = fields.present(key, required=True)
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        message = _("moet een object zijn als {1: Oneens, 2: Eens}, maar is %(gevonden)s.")
        fields.add(node, key, message % {"gevonden": describe(node)})
        return {}
    labels: dict[int, tuple[str, Node, str]] = {}
    seen = Unique(fields.problems)
    for code_node, label_node in node.value:
        path = f"{fields.at(key)}.{short(str(code_node.value), 20)}"
        code = int_of(fields.problems, code_node, path)
        label = _label(fields.problems, label_node, path, max_length)
        if code is None or label is None:
            continue
        if seen.check(str(code), line=line_of(code_node), path=path):
            labels[code] = (label, code_node, path)
    return labels
