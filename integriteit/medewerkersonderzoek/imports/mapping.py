"""The column-mapping file (YAML) of an import: which column of the file is which column of
the questionnaire, and how answer values and unit names are translated.

    columns:                # source heading: target column (or ~ to ignore it)
      "G02Q02": cul_vrij_bespreken
      "G05Q01[SQ001]": mel_reden_1
      "G00Q01": unit
    values:                 # target column (or item code): source value → answer code
      cul_vrij_bespreken: {A1: 1, A2: 2, A3: 3, A4: 4, A5: 5, A9: 9}
    unit_values:            # source value → organisation code of a unit of the wave
      "Cultuur en Media": OCW-DGCM

Every problem is a Dutch message naming the file, the line and the key.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from yaml.nodes import MappingNode, Node, ScalarNode

from integriteit.common.yaml_lines import (
    INT_TAG,
    NULL_TAG,
    Fields,
    Problems,
    describe,
    line_of,
    read_fields,
    read_tree,
    short,
)
from integriteit.medewerkersonderzoek.analysis.data import column_codes
from integriteit.medewerkersonderzoek.constants import Rol
from integriteit.medewerkersonderzoek.imports.fouten import ImportFout
from integriteit.medewerkersonderzoek.imports.readers import LIMESURVEY_KOLOMMEN
from integriteit.medewerkersonderzoek.spec import Questionnaire

#: Target columns besides the questionnaire's own.
UNIT = "unit"
ROLE = "role"
_VELDEN = ("columns", "values", "unit_values")

Code = int | str | None


@dataclass(frozen=True)
class Koppeling:
    """A checked mapping. ``kolommen``: source heading → target column (None = ignore);
    ``waarden``: target column → {source value: code (None = empty)}; ``eenheden``: source
    value → organisation code."""

    kolommen: dict[str, str | None] = field(default_factory=dict)
    waarden: dict[str, dict[str, Code]] = field(default_factory=dict)
    eenheden: dict[str, str] = field(default_factory=dict)


def doelkolommen(spec: Questionnaire) -> dict[str, str]:
    """Every column a file may fill, with its item code (``unit`` and ``role`` for themselves)."""
    kolommen = {column: item.code for item in spec.items for column in item.columns()}
    return {**kolommen, UNIT: UNIT, ROLE: ROLE}


def koppeling_lezen(
    *, data: bytes, bestandsnaam: str, spec: Questionnaire, eenheid_codes: set[str]
) -> Koppeling:
    """Read and check the mapping against the questionnaire and the wave's units."""
    problems = Problems(bestandsnaam or "koppeling.yaml")
    try:
        root = read_tree(data, problems)
        fields = read_fields(problems, root, "", _VELDEN)
        if fields is None:
            problems.raise_if_any()
            raise AssertionError  # unreachable: a problem was added
        koppeling = _lees(fields, spec, eenheid_codes)
        problems.raise_if_any()
    except ValidationError as exc:
        raise ImportFout(exc.messages) from exc
    return koppeling


def _lees(fields: Fields, spec: Questionnaire, eenheid_codes: set[str]) -> Koppeling:
    doelen = doelkolommen(spec)
    kolommen = _kolommen(fields, spec, doelen)
    return Koppeling(
        kolommen=kolommen,
        waarden=_waarden(fields, spec, doelen),
        eenheden=_eenheden(fields, eenheid_codes),
    )


def _mapping(fields: Fields, key: str, *, required: bool) -> Fields | None:
    node = fields.present(key, required=required)
    if node is None:
        return None
    if not isinstance(node, MappingNode):
        message = _("moet een object zijn (bron: doel), maar is %(gevonden)s.")
        fields.add(node, key, message % {"gevonden": describe(node)})
        return None
    return Fields(node=node, path=fields.at(key), problems=fields.problems)


def _pairs(sub: Fields, node: MappingNode, path: str = "") -> list[tuple[str, ScalarNode, Node]]:
    """The (name, key, value) pairs of ``node``; keys that are no text or occur twice are
    problems."""
    pairs: list[tuple[str, ScalarNode, Node]] = []
    seen: dict[str, int] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            message = _("een naam moet tekst zijn, maar is %(gevonden)s.")
            sub.add(key, path, message % {"gevonden": describe(key)})
            continue
        naam = str(key.value).strip()
        where = f"{path}.{naam}" if path else naam
        if naam in seen:
            message = _("komt twee keer voor (eerder op regel %(regel)d).")
            sub.add(key, where, message % {"regel": seen[naam]})
            continue
        seen[naam] = line_of(key)
        pairs.append((naam, key, value))
    return pairs


def _suggestie(naam: str, doelen: dict[str, str]) -> str:
    close = difflib.get_close_matches(naam, list(doelen), n=1, cutoff=0.6)
    return " " + _("(bedoelt u ‘%(naam)s’?)") % {"naam": close[0]} if close else ""


def _doel_fout(naam: str, spec: Questionnaire, doelen: dict[str, str]) -> str:
    if spec.has_item(naam) and spec.item(naam).kind == "multi":
        return _(
            "‘%(naam)s’ is een meerkeuzevraag; koppel elke optie aan een eigen kolom "
            "(%(voorbeeld)s)."
        ) % {"naam": naam, "voorbeeld": ", ".join(spec.item(naam).columns()[:3]) + ", …"}
    message = _("‘%(naam)s’ is geen kolom van vragenlijst %(code)s.") % {
        "naam": short(naam),
        "code": spec.code,
    }
    return message + _suggestie(naam, doelen)


def _kolommen(fields: Fields, spec: Questionnaire, doelen: dict[str, str]) -> dict[str, str | None]:
    sub = _mapping(fields, "columns", required=True)
    if sub is None:
        return {}
    kolommen: dict[str, str | None] = {}
    gebruikt: dict[str, int] = {}
    for bron, _key, value in _pairs(sub, sub.node):
        if isinstance(value, ScalarNode) and value.tag == NULL_TAG:
            kolommen[bron] = None
            continue
        if not isinstance(value, ScalarNode):
            message = _("moet de naam van een kolom zijn, maar is %(gevonden)s.")
            sub.add(value, bron, message % {"gevonden": describe(value)})
            continue
        doel = str(value.value).strip()
        if bron.lower() in LIMESURVEY_KOLOMMEN:
            message = _("‘%(bron)s’ is een eigen kolom van LimeSurvey en wordt nooit opgeslagen.")
            sub.add(value, bron, message % {"bron": bron})
        elif doel not in doelen:
            sub.add(value, bron, _doel_fout(doel, spec, doelen))
        elif doel in gebruikt:
            message = _("kolom ‘%(doel)s’ is al gekoppeld op regel %(regel)d.")
            sub.add(value, bron, message % {"doel": doel, "regel": gebruikt[doel]})
        else:
            gebruikt[doel] = line_of(value)
            kolommen[bron] = doel
    return kolommen


def _code(node: Node, kolom: str, toegestaan: tuple[int, ...] | None) -> tuple[Code, str]:
    """The code ``node`` holds, or a message. ``toegestaan`` None: the column ``role``."""
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        return None, ""
    if toegestaan is None:
        if isinstance(node, ScalarNode) and str(node.value) in Rol.values:
            return str(node.value), ""
        return None, _("%(gevonden)s is geen rol; kies uit: %(rollen)s.") % {
            "gevonden": describe(node),
            "rollen": ", ".join(Rol.values),
        }
    if isinstance(node, ScalarNode) and node.tag == INT_TAG:
        try:  # YAML ints also read as 0x1, 0b1, 190:20 or "!!int abc": not an answer code
            code = int(str(node.value))
        except ValueError:
            code = None
        if code in toegestaan:
            return code, ""
    return None, _("%(gevonden)s is geen antwoordcode van kolom %(kolom)s; kies uit %(codes)s.") % {
        "gevonden": describe(node),
        "kolom": kolom,
        "codes": ", ".join(map(str, toegestaan)),
    }


def _waarden(
    fields: Fields, spec: Questionnaire, doelen: dict[str, str]
) -> dict[str, dict[str, Code]]:
    sub = _mapping(fields, "values", required=False)
    if sub is None:
        return {}
    codes = column_codes(spec)
    waarden: dict[str, dict[str, Code]] = {}
    for naam, key, value in _pairs(sub, sub.node):
        kolommen = _kolommen_van(naam, spec, codes)
        if not kolommen:
            message = (
                _("open vragen en eenheden hebben geen antwoordcodes (eenheden: unit_values).")
                if naam in doelen
                else _doel_fout(naam, spec, doelen)
            )
            sub.add(key, naam, message)
            continue
        if not isinstance(value, MappingNode):
            message = _("moet een object zijn (bronwaarde: code), maar is %(gevonden)s.")
            sub.add(value, naam, message % {"gevonden": describe(value)})
            continue
        for kolom in kolommen:
            waarden[kolom] = _vertaling(sub, naam, value, kolom, codes.get(kolom))
    return waarden


def _kolommen_van(naam: str, spec: Questionnaire, codes: dict[str, tuple[int, ...]]) -> list[str]:
    """The columns a ``values`` key stands for: one column, all columns of an item, or role."""
    if naam == ROLE or naam in codes:
        return [naam]
    if spec.has_item(naam) and spec.item(naam).kind != "text":
        return list(spec.item(naam).columns())
    return []


def _vertaling(
    sub: Fields, naam: str, node: MappingNode, kolom: str, toegestaan: tuple[int, ...] | None
) -> dict[str, Code]:
    vertaling: dict[str, Code] = {}
    for bron, _key, value in _pairs(sub, node, naam):
        code, fout = _code(value, kolom, toegestaan)
        if fout:
            sub.add(value, f"{naam}.{bron}", fout)
        else:
            vertaling[bron] = code
    return vertaling


def _eenheden(fields: Fields, eenheid_codes: set[str]) -> dict[str, str]:
    sub = _mapping(fields, "unit_values", required=False)
    if sub is None:
        return {}
    eenheden: dict[str, str] = {}
    for bron, _key, value in _pairs(sub, sub.node):
        code = str(value.value).strip() if isinstance(value, ScalarNode) else ""
        if code in eenheid_codes:
            eenheden[bron] = code
            continue
        message = _("%(gevonden)s is geen eenheid van deze golf.") % {"gevonden": describe(value)}
        close = difflib.get_close_matches(code, sorted(eenheid_codes), n=1, cutoff=0.6)
        if close:
            message += " " + _("(bedoelt u ‘%(naam)s’?)") % {"naam": close[0]}
        sub.add(value, bron, message)
    return eenheden
