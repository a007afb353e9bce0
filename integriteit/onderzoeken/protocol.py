"""Reading an investigation protocol from YAML (``protocollen/bipo-basis.yaml`` and the files
ministries load), checking it, and checking that a ministry's protocol only tightens the
baseline — every loosening needs a recorded reason under ``deviations``.

Every problem is a Dutch message naming the file, the line and the field (the shared reader
``common.yaml_lines``), all at once. No database here: :func:`parse_protocol` returns a
:class:`~integriteit.onderzoeken.spec.ProtocolSpec`; :func:`protocol_van` gives the (cached)
spec of a stored protocol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from yaml.nodes import Node, ScalarNode, SequenceNode

from integriteit.common.yaml_lines import (
    INT_TAG,
    Fields,
    Problems,
    Unique,
    describe,
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
from integriteit.onderzoeken.constants import ZAAKROLLEN_GEBRUIKER, Soort, Zaakrol
from integriteit.onderzoeken.spec import (
    Afwijking,
    Fase,
    ProtocolSpec,
    Sprong,
    Vereiste,
    Voorwaarde,
)

SHIPPED_DIR = Path(__file__).resolve().parent / "protocollen"
BASIS_CODE = "bipo-basis"
BOOL_TAG = "tag:yaml.org,2002:bool"

TOP_FIELDS = ("code", "version", "title", "source", "base", "phases", "deviations")
PHASE_FIELDS = ("code", "title", "guidance", "deadline_days", "actors", "requires", "skip_to")
REQ_FIELDS = ("code", "title", "kind", "guidance", "options", "min", "when", "by", "future")
OPTION_FIELDS = ("code", "label")
WHEN_FIELDS = ("requirement", "equals")
SKIP_FIELDS = ("when", "phase")
DEVIATION_FIELDS = ("what", "reason")

CODE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
PROTOCOL_CODE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
COUNTED = frozenset(
    {Soort.ONDERZOEKERS, Soort.VERHOREN, Soort.BEWIJS, Soort.MAATREGELEN, Soort.BETROKKENE}
)
ACTORS = tuple(sorted(ZAAKROLLEN_GEBRUIKER))
DEVIATION_KINDS = (
    "fase",
    "vereiste",
    "minimum",
    "termijn",
    "voorwaarde",
    "actoren",
    "opties",
    "sprong",
)


@dataclass
class _Lines:
    """Where things are in the file, for messages found after reading (the comparison)."""

    top: int = 1
    phases: dict[str, int] = field(default_factory=dict)
    requirements: dict[str, int] = field(default_factory=dict)
    deviations: dict[str, int] = field(default_factory=dict)


def _code(fields: Fields, key: str = "code") -> str:
    value = read_code(fields, key, max_length=60)
    if value and not CODE.match(value):
        message = _(
            "‘%(code)s’ is geen geldige code: kleine letters, cijfers en liggend streepje, "
            "beginnend met een letter, hoogstens 60 tekens."
        )
        fields.add(fields.values[key], key, message % {"code": short(value)})
        return ""
    return value


def _roles(fields: Fields, key: str, *, required: bool) -> tuple[str, ...]:
    node = fields.present(key, required=required)
    if node is None:
        return ()
    if not isinstance(node, SequenceNode) or not node.value:
        message = _("moet een lijst van rollen zijn, maar is %(gevonden)s.")
        fields.add(node, key, message % {"gevonden": describe(node)})
        return ()
    roles: list[str] = []
    for item in node.value:
        if isinstance(item, ScalarNode) and item.value in ACTORS:
            roles.append(str(item.value))
        else:
            message = _("%(gevonden)s is geen rol; kies uit: %(keuzes)s.")
            fields.add(
                item, key, message % {"gevonden": describe(item), "keuzes": ", ".join(ACTORS)}
            )
    return tuple(roles)


def _when(problems: Problems, node: Node, path: str) -> tuple[Voorwaarde | None, int]:
    fields = read_fields(problems, node, path, WHEN_FIELDS)
    if fields is None:
        return None, line_of(node)
    vereiste = _code(fields, "requirement")
    equals = fields.present("equals", required=True)
    values: list[str] = []
    if isinstance(equals, ScalarNode):
        values = [str(equals.value)]
    elif isinstance(equals, SequenceNode) and all(isinstance(v, ScalarNode) for v in equals.value):
        values = [str(v.value) for v in equals.value]
    elif equals is not None:
        message = _("moet een optie of een lijst van opties zijn, maar is %(gevonden)s.")
        fields.add(equals, "equals", message % {"gevonden": describe(equals)})
    if not vereiste or not values:
        return None, line_of(node)
    return Voorwaarde(vereiste=vereiste, is_gelijk=tuple(values)), line_of(node)


@dataclass
class _Conditions:
    """Conditions to check once every requirement is known: (condition, line, path, phase
    index of the one that holds the condition)."""

    items: list[tuple[Voorwaarde, int, str, int]] = field(default_factory=list)


def _options(fields: Fields) -> tuple[tuple[str, str], ...]:
    options: list[tuple[str, str]] = []
    codes = Unique(fields.problems)
    for path, node in read_list(fields, "options", min_items=2):
        option = read_fields(fields.problems, node, path, OPTION_FIELDS)
        if option is None:
            continue
        code = _code(option)
        label = read_text(option, "label", max_length=300)
        if codes.check(code, line=line_of(node), path=f"{path}.code") and label:
            options.append((code, label))
    return tuple(options)


def _minimum(fields: Fields, kind: str) -> int:
    if "min" not in fields.values:
        return 1
    if kind in COUNTED:
        return read_int(fields, "min", minimum=1, maximum=100) or 1
    message = _("hoort alleen bij een telling (%(soorten)s).")
    fields.add(fields.values["min"], "min", message % {"soorten": ", ".join(sorted(COUNTED))})
    return 1


def _future(fields: Fields, kind: str) -> bool:
    """``future: true`` lets a date requirement take a planned day (default: a day that has
    been)."""
    node = fields.present("future", required=False)
    if node is None:
        return False
    if not (isinstance(node, ScalarNode) and node.tag == BOOL_TAG):
        message = _("moet true of false zijn, maar is %(gevonden)s.")
        fields.add(node, "future", message % {"gevonden": describe(node)})
        return False
    if kind != Soort.DATUM:
        fields.add(node, "future", _("hoort alleen bij kind: date."))
        return False
    return str(node.value).lower() in ("true", "yes", "on")


def _requirement(
    problems: Problems,
    node: Node,
    path: str,
    codes: Unique,
    lines: _Lines,
    conditions: _Conditions,
    phase_index: int,
) -> Vereiste | None:
    fields = read_fields(problems, node, path, REQ_FIELDS)
    if fields is None:
        return None
    code = _code(fields)
    if not codes.check(code, line=line_of(node), path=fields.at("code")):
        code = ""
    title = read_text(fields, "title", max_length=300)
    kind = read_choice(fields, "kind", choices=[s.value for s in Soort], default="")
    if "kind" not in fields.values:
        problems.add(fields.line, fields.at("kind"), _("ontbreekt."))
    guidance = read_text(fields, "guidance", max_length=2000, required=False)
    options: tuple[tuple[str, str], ...] = ()
    if kind == Soort.KEUZE:
        options = _options(fields)
    elif "options" in fields.values:
        fields.add(fields.values["options"], "options", _("hoort alleen bij kind: choice."))
    minimum = _minimum(fields, kind)
    voorwaarde = None
    if (when := fields.present("when", required=False)) is not None:
        voorwaarde, line = _when(problems, when, fields.at("when"))
        if voorwaarde is not None:
            conditions.items.append((voorwaarde, line, fields.at("when"), phase_index))
    door = _roles(fields, "by", required=False)
    toekomst = _future(fields, kind)
    if not (code and title and kind) or (kind == Soort.KEUZE and not options):
        return None
    lines.requirements[code] = line_of(node)
    return Vereiste(
        code=code,
        titel=title,
        soort=kind,
        uitleg=guidance,
        opties=options,
        minimum=minimum,
        voorwaarde=voorwaarde,
        door=door,
        toekomst=toekomst,
    )


def _phase(
    problems: Problems,
    node: Node,
    path: str,
    codes: Unique,
    req_codes: Unique,
    lines: _Lines,
    conditions: _Conditions,
    index: int,
) -> tuple[Fase | None, list[tuple[Node, str, dict[str, Node]]]]:
    fields = read_fields(problems, node, path, PHASE_FIELDS)
    if fields is None:
        return None, []
    code = _code(fields)
    if not codes.check(code, line=line_of(node), path=fields.at("code")):
        code = ""
    title = read_text(fields, "title", max_length=300)
    guidance = read_text(fields, "guidance", max_length=2000, required=False)
    deadline: int | None = None
    if "deadline_days" in fields.values:
        deadline = read_int(fields, "deadline_days", minimum=1, maximum=730)
    actors = _roles(fields, "actors", required=True)
    requirements = []
    for req_path, req_node in read_list(fields, "requires", min_items=0, required=False):
        vereiste = _requirement(problems, req_node, req_path, req_codes, lines, conditions, index)
        if vereiste is not None:
            requirements.append(vereiste)
    skips: list[tuple[Node, str, dict[str, Node]]] = []
    for skip_path, skip_node in read_list(fields, "skip_to", min_items=1, required=False):
        skip = read_fields(problems, skip_node, skip_path, SKIP_FIELDS)
        if skip is not None:
            skips.append((skip_node, skip_path, skip.values))
            skip.present("when", required=True)
            skip.present("phase", required=True)
    if not (code and title and actors):
        return None, skips
    lines.phases[code] = line_of(node)
    fase = Fase(
        code=code,
        titel=title,
        uitleg=guidance,
        termijn_dagen=deadline,
        actoren=actors,
        vereisten=tuple(requirements),
    )
    return fase, skips


def _resolve_skips(
    problems: Problems,
    fasen: list[Fase],
    raw: list[list[tuple[Node, str, dict[str, Node]]]],
    conditions: _Conditions,
) -> list[Fase]:
    """Skips name a later phase; their conditions join the others to be checked."""
    order = [f.code for f in fasen]
    result = []
    for index, (fase, skips) in enumerate(zip(fasen, raw, strict=True)):
        sprongen = []
        for node, path, values in skips:
            voorwaarde, line = (None, line_of(node))
            if "when" in values:
                voorwaarde, line = _when(problems, values["when"], f"{path}.when")
            target = values.get("phase")
            naar = str(target.value) if isinstance(target, ScalarNode) else ""
            if target is not None and naar not in order[index + 1 :]:
                message = _("‘%(fase)s’ is geen latere fase van dit protocol.")
                problems.add(line_of(target), f"{path}.phase", message % {"fase": short(naar)})
                continue
            if voorwaarde is not None and naar:
                # Taken when leaving this phase: the choice is registered here or earlier.
                conditions.items.append((voorwaarde, line, f"{path}.when", index))
                sprongen.append(Sprong(voorwaarde=voorwaarde, naar=naar))
        result.append(
            Fase(
                code=fase.code,
                titel=fase.titel,
                uitleg=fase.uitleg,
                termijn_dagen=fase.termijn_dagen,
                actoren=fase.actoren,
                vereisten=fase.vereisten,
                sprongen=tuple(sprongen),
            )
        )
    return result


def _check_conditions(problems: Problems, fasen: list[Fase], conditions: _Conditions) -> None:
    """A condition names a choice registered in an earlier phase (or earlier in the same one)
    and one of its options."""
    where = {v.code: (i, v) for i, f in enumerate(fasen) for v in f.vereisten}
    for voorwaarde, line, path, phase_index in conditions.items:
        found = where.get(voorwaarde.vereiste)
        if found is None or found[1].soort != Soort.KEUZE or found[0] > phase_index:
            message = _("‘%(code)s’ is geen keuze in deze of een eerdere fase.")
            problems.add(line, f"{path}.requirement", message % {"code": voorwaarde.vereiste})
            continue
        opties = {code for code, _label in found[1].opties}
        for waarde in voorwaarde.is_gelijk:
            if waarde not in opties:
                message = _("‘%(waarde)s’ is geen optie van ‘%(code)s’ (%(opties)s).")
                values = {
                    "waarde": short(waarde),
                    "code": voorwaarde.vereiste,
                    "opties": ", ".join(sorted(opties)),
                }
                problems.add(line, f"{path}.equals", message % values)


def _deviations(top: Fields, lines: _Lines) -> tuple[Afwijking, ...]:
    result = []
    seen = Unique(top.problems)
    for path, node in read_list(top, "deviations", min_items=1, required=False):
        fields = read_fields(top.problems, node, path, DEVIATION_FIELDS)
        if fields is None:
            continue
        wat = read_text(fields, "what", max_length=130)
        reden = read_text(fields, "reason", max_length=2000)
        kind, _sep, code = wat.partition(":")
        if wat and (kind not in DEVIATION_KINDS or not code):
            message = _("‘%(wat)s’: schrijf soort:code, met als soort een van %(soorten)s.")
            fields.add(
                fields.values["what"],
                "what",
                message % {"wat": short(wat), "soorten": ", ".join(DEVIATION_KINDS)},
            )
            continue
        if wat and reden and seen.check(wat, line=line_of(node), path=fields.at("what")):
            lines.deviations[wat] = line_of(node)
            result.append(Afwijking(wat=wat, reden=reden))
    return tuple(result)


def parse_protocol(*, data: bytes, filename: str) -> ProtocolSpec:
    """The protocol in ``data``; a ``ValidationError`` with every problem otherwise. A file
    with ``base`` is not compared with its baseline here: see :func:`check_tightening`."""
    spec, _lines = _parse(data, filename)
    return spec


def _parse(data: bytes, filename: str) -> tuple[ProtocolSpec, _Lines]:
    problems = Problems(filename)
    root = read_tree(data, problems)
    top = read_fields(problems, root, "", TOP_FIELDS)
    if top is None:
        problems.raise_if_any()
        raise AssertionError  # pragma: no cover - read_fields added a problem
    lines = _Lines(top=line_of(root))
    code = read_text(top, "code", max_length=60)
    if code and not PROTOCOL_CODE.match(code):
        top.add(
            top.values["code"],
            "code",
            _("‘%(code)s’ is geen geldige code.") % {"code": short(code)},
        )
    version_node = top.present("version", required=True)
    version = ""
    if isinstance(version_node, ScalarNode) and version_node.tag in (
        INT_TAG,
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:float",
    ):
        version = str(version_node.value)[:40]
    elif version_node is not None:
        top.add(version_node, "version", _('moet tekst zijn, bijvoorbeeld "2026.1".'))
    title = read_text(top, "title", max_length=300)
    source = read_text(top, "source", max_length=2000, required=False)
    base = read_text(top, "base", max_length=60, required=False)
    codes, req_codes, conditions = Unique(problems), Unique(problems), _Conditions()
    fasen: list[Fase] = []
    raw_skips = []
    for index, (path, node) in enumerate(read_list(top, "phases", min_items=2)):
        fase, skips = _phase(problems, node, path, codes, req_codes, lines, conditions, index)
        if fase is not None:
            fasen.append(fase)
            raw_skips.append(skips)
    fasen = _resolve_skips(problems, fasen, raw_skips, conditions)
    _check_conditions(problems, fasen, conditions)
    afwijkingen = _deviations(top, lines)
    if afwijkingen and not base:
        top.add(
            top.values["deviations"],
            "deviations",
            _("alleen een aangescherpt protocol (met base) kan afwijken."),
        )
    problems.raise_if_any()
    spec = ProtocolSpec(
        code=code,
        versie=version,
        titel=title,
        bron=source,
        basis=base,
        fasen=tuple(fasen),
        afwijkingen=afwijkingen,
    )
    return spec, lines


# --- tightening -----------------------------------------------------------------------------


def _requirement_loosenings(fase: Fase, mine: Fase) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for vereiste in fase.vereisten:
        match = next((v for v in mine.vereisten if v.code == vereiste.code), None)
        values = {"code": vereiste.code, "fase": fase.code, "min": vereiste.minimum}
        if match is None:
            message = _("de vereiste ‘%(code)s’ van de basis ontbreekt in ‘%(fase)s’.")
            found.append((f"vereiste:{vereiste.code}", message % values))
            continue
        if match.minimum < vereiste.minimum:
            message = _("het minimum van ‘%(code)s’ is lager dan %(min)d.")
            found.append((f"minimum:{vereiste.code}", message % values))
        if match.voorwaarde is not None and match.voorwaarde != vereiste.voorwaarde:
            message = _("‘%(code)s’ geldt minder vaak dan in de basis.")
            found.append((f"voorwaarde:{vereiste.code}", message % values))
        if vereiste.opties and match.opties != vereiste.opties:
            message = _("de opties van ‘%(code)s’ wijken af van de basis.")
            found.append((f"opties:{vereiste.code}", message % values))
        rollen = set(match.door or mine.actoren)
        if set(match.door) != set(vereiste.door) and rollen != set(vereiste.door or fase.actoren):
            message = _("andere rollen registreren ‘%(code)s’ dan in de basis.")
            found.append((f"actoren:{vereiste.code}", message % values))
    return found


def _new_phase_skips(spec: ProtocolSpec, basis: ProtocolSpec) -> list[tuple[str, str]]:
    """A phase of the ministry's own may not jump over phases of the baseline either."""
    found: list[tuple[str, str]] = []
    basis_codes = {f.code for f in basis.fasen}
    order = [f.code for f in spec.fasen]
    for index, fase in enumerate(spec.fasen):
        if fase.code in basis_codes:
            continue
        for sprong in fase.sprongen:
            if basis_codes & set(order[index + 1 : order.index(sprong.naar)]):
                message = _("‘%(code)s’ kan fasen overslaan die de basis niet overslaat.")
                found.append((f"sprong:{fase.code}", message % {"code": fase.code}))
                break
    return found


def _loosenings(spec: ProtocolSpec, basis: ProtocolSpec) -> list[tuple[str, str]]:
    """What ``spec`` loosens compared with ``basis``: (deviation key, Dutch description)."""
    found: list[tuple[str, str]] = []
    eigen = {f.code: f for f in spec.fasen}
    for fase in basis.fasen:
        mine = eigen.get(fase.code)
        values = {"code": fase.code, "dagen": fase.termijn_dagen or 0}
        if mine is None:
            message = _("de fase ‘%(code)s’ van de basis ontbreekt.")
            found.append((f"fase:{fase.code}", message % values))
            continue
        basis_dagen, dagen = fase.termijn_dagen, mine.termijn_dagen
        if basis_dagen is not None and (dagen is None or dagen > basis_dagen):
            message = _("de termijn van ‘%(code)s’ is langer dan %(dagen)d dagen.")
            found.append((f"termijn:{fase.code}", message % values))
        if set(mine.actoren) != set(fase.actoren):
            message = _("andere rollen handelen in ‘%(code)s’ dan in de basis.")
            found.append((f"actoren:{fase.code}", message % values))
        if set(mine.sprongen) - set(fase.sprongen):
            message = _("‘%(code)s’ kan fasen overslaan die de basis niet overslaat.")
            found.append((f"sprong:{fase.code}", message % values))
        found.extend(_requirement_loosenings(fase, mine))
    return found + _new_phase_skips(spec, basis)


def check_tightening(*, data: bytes, filename: str, basis: ProtocolSpec) -> ProtocolSpec:
    """Parse a ministry's protocol and check it against ``basis``: the phases of the baseline
    in the same order, each requirement with the same kind, and every loosening covered by a
    deviation with a reason (each deviation covering a real loosening)."""
    spec, lines = _parse(data, filename)
    problems = Problems(filename)
    if spec.basis != basis.code:
        problems.add(lines.top, "base", _("moet ‘%(code)s’ zijn.") % {"code": basis.code})
        problems.raise_if_any()
    order = [f.code for f in spec.fasen if f.code in {b.code for b in basis.fasen}]
    if order != [b.code for b in basis.fasen if b.code in order]:
        problems.add(
            lines.top, "phases", _("de fasen van de basis moeten in dezelfde volgorde staan.")
        )
    for fase in basis.fasen:
        for vereiste in fase.vereisten:
            try:
                _fase, mine = spec.vereiste(vereiste.code)
            except KeyError:
                continue
            if mine.soort != vereiste.soort:
                line = lines.requirements.get(vereiste.code, lines.top)
                message = _("moet kind: %(soort)s blijven, zoals in de basis.") % {
                    "soort": vereiste.soort
                }
                problems.add(line, f"{vereiste.code}.kind", message)
    declared = {a.wat for a in spec.afwijkingen}
    loosened = dict(_loosenings(spec, basis))
    for key, description in loosened.items():
        if key not in declared:
            message = _(
                "%(wat)s Dat mag alleen met een reden: voeg onder deviations toe: "
                "what: %(key)s, reason: …"
            ) % {"wat": description[:1].upper() + description[1:], "key": key}
            problems.add(lines.top, "deviations", message)
    for key in declared - loosened.keys():
        message = _(
            "‘%(key)s’ versoepelt niets ten opzichte van de basis; haal deze afwijking weg."
        ) % {"key": key}
        problems.add(lines.deviations.get(key, lines.top), "deviations", message)
    problems.raise_if_any()
    return spec


# --- the shipped baseline and stored protocols ------------------------------------------------


@lru_cache(maxsize=64)
def _cached(text: str, filename: str) -> ProtocolSpec:
    return parse_protocol(data=text.encode(), filename=filename)


def basis_spec() -> ProtocolSpec:
    path = SHIPPED_DIR / f"{BASIS_CODE}.yaml"
    return _cached(path.read_text(encoding="utf-8"), path.name)


def spec_van_tekst(text: str, filename: str = "protocol.yaml") -> ProtocolSpec:
    """The spec of a stored protocol's text (checked when it was loaded; cached)."""
    try:
        return _cached(text, filename)
    except ValidationError as error:  # pragma: no cover - stored texts were checked on load
        raise RuntimeError(f"opgeslagen protocol onleesbaar: {error.messages}") from error


__all__ = [
    "BASIS_CODE",
    "SHIPPED_DIR",
    "Zaakrol",
    "basis_spec",
    "check_tightening",
    "parse_protocol",
    "spec_van_tekst",
]
