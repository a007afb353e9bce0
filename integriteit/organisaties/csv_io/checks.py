"""Checks of a whole file against the tree: duplicates, parents, loops, roots, the rules of
the services, and the importing user's scope. Every problem is collected, none is fixed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from integriteit.accounts.selectors import Scope, scope_for
from integriteit.common.permissions import Capability
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.csv_io.parsing import (
    COLUMN_OF_FIELD,
    NAAM_MAX_LENGTH,
    Errors,
    Row,
    parse,
)
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import OrganisatieGegevens, validate_gegevens


@dataclass
class Plan:
    """The file's rows (first row per code) over the nodes now in the database."""

    rows: list[Row]
    by_code: dict[str, Row]
    existing: dict[str, Organisatie]
    code_of_id: dict[int, str]
    broken: set[str]

    def knows(self, code: str) -> bool:
        return code in self.by_code or code in self.existing

    def current_parent(self, node: Organisatie) -> str:
        return self.code_of_id[node.parent_id] if node.parent_id else ""

    def parent_of(self, code: str) -> str:
        """The parent code after the import ("" for a root)."""
        row = self.by_code.get(code)
        return row.parent_code if row else self.current_parent(self.existing[code])

    def soort_of(self, code: str) -> str:
        row = self.by_code.get(code)
        return row.soort if row else self.existing[code].soort


def build_plan(rows: list[Row], broken: set[str], errors: Errors) -> Plan:
    by_code: dict[str, Row] = {}
    for row in rows:
        first = by_code.get(row.code)
        if first is not None:
            message = _("code ‘%(code)s’ komt al voor op regel %(eerste)d.")
            errors.add(row.line, message % {"code": row.code, "eerste": first.line})
        elif row.code:
            by_code[row.code] = row
    # Locked for the rest of the transaction (PostgreSQL), so what is checked is what is changed.
    nodes = list(Organisatie.objects.select_for_update().order_by("pad"))
    return Plan(
        rows=list(by_code.values()),
        by_code=by_code,
        existing={node.code: node for node in nodes},
        code_of_id={node.pk: node.code for node in nodes},
        broken=broken,
    )


def _check_parents(plan: Plan, errors: Errors) -> None:
    message = _(
        "bovenliggende organisatie ‘%(parent)s’ bestaat niet (niet in het bestand en niet "
        "in de database)."
    )
    for row in plan.rows:
        known = plan.knows(row.parent_code) or row.parent_code in plan.broken
        if row.parent_code and not known:
            errors.add(row.line, message % {"parent": row.parent_code})


def _cycles(plan: Plan) -> list[list[str]]:
    """Every loop of parents, once each (walks every chain once: linear in the file)."""
    state: dict[str, bool] = {}  # False: on the chain being walked; True: finished
    cycles: list[list[str]] = []
    for row in plan.rows:
        chain: list[str] = []
        code = row.code
        while code and plan.knows(code) and code not in state:
            state[code] = False
            chain.append(code)
            code = plan.parent_of(code)
        if state.get(code) is False:
            cycles.append(chain[chain.index(code) :])
        state.update(dict.fromkeys(chain, True))
    return cycles


def _check_cycles(plan: Plan, errors: Errors) -> None:
    for cycle in _cycles(plan):
        # Report on the first line of the file that is part of the loop, starting there.
        first = min(
            (plan.by_code[code] for code in cycle if code in plan.by_code), key=lambda r: r.line
        )
        start = cycle.index(first.code)
        loop = cycle[start:] + cycle[:start] + [first.code]
        errors.add(first.line, _("kringverwijzing: %(keten)s.") % {"keten": " → ".join(loop)})


def _check_roots(plan: Plan, errors: Errors) -> None:
    roots = [
        code
        for code, node in plan.existing.items()
        if node.parent_id is None and code not in plan.by_code
    ]
    candidates = [row for row in plan.rows if not row.parent_code]
    # An existing root named in the file keeps its place before a new one.
    candidates.sort(key=lambda row: (row.code not in plan.existing, row.line))
    message = _(
        "‘%(code)s’ heeft geen bovenliggende organisatie, maar er is al een hoogste "
        "organisatie (‘%(wortel)s’); vul de kolom parent in."
    )
    for row in candidates:
        if roots:
            errors.add(row.line, message % {"code": row.code, "wortel": roots[0]})
        else:
            roots.append(row.code)


def gegevens_from_row(row: Row, parent: Organisatie | None) -> OrganisatieGegevens:
    return OrganisatieGegevens(
        code=row.code,
        naam=row.naam,
        soort=row.soort,
        parent=parent,
        fte=row.fte,
        aantal_medewerkers=row.aantal_medewerkers,
        geldig_van=row.geldig_van,
        geldig_tot=row.geldig_tot,
    )


def _parent_stub(plan: Plan, row: Row) -> tuple[Organisatie | None, bool]:
    """The parent as the file leaves it (only its kind matters to the validation), and
    whether to skip the parent check: an unknown parent, or one of unknown kind, is
    reported on its own line already."""
    if not row.parent_code:
        return None, False
    soort = plan.soort_of(row.parent_code) if plan.knows(row.parent_code) else ""
    if soort not in Soort.values:
        return None, True
    return Organisatie(code=row.parent_code, soort=soort), False


def _check_values(rows: list[Row], plan: Plan, errors: Errors) -> None:
    """The services' own validation per row, with the parent's kind as the file leaves it."""
    for row in rows:
        if len(row.naam) > NAAM_MAX_LENGTH:
            errors.add(row.line, _("name is langer dan %(max)d tekens.") % {"max": NAAM_MAX_LENGTH})
        parent, skip_parent = _parent_stub(plan, row)
        try:
            validate_gegevens(gegevens_from_row(row, parent))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                if field == "parent" and skip_parent:
                    continue
                for message in messages:
                    errors.add_column(row.line, COLUMN_OF_FIELD.get(field, field), message)


def _may_place_under(plan: Plan, scope: Scope, code: str, memo: dict[str, bool]) -> bool:
    """A node may go under an existing node the user manages, or under a new node of the
    file that itself may go there. Unknown parents and loops are reported elsewhere."""
    chain: list[str] = []
    seen: set[str] = set()
    while (
        code in plan.by_code and code not in plan.existing and code not in memo and code not in seen
    ):
        chain.append(code)
        seen.add(code)
        code = plan.by_code[code].parent_code
    node = plan.existing.get(code)
    if code in memo:
        allowed = memo[code]
    else:
        allowed = node is None or scope.covers(pad=node.pad, node_id=node.pk)
    memo.update(dict.fromkeys(chain, allowed))
    return allowed


def _check_scope(plan: Plan, scope: Scope, errors: Errors) -> None:
    memo: dict[str, bool] = {}
    for row in plan.rows:
        node = plan.existing.get(row.code)
        if node is not None and not scope.covers(pad=node.pad, node_id=node.pk):
            errors.add(row.line, _("u mag ‘%(code)s’ niet wijzigen.") % {"code": row.code})
            continue
        moves = node is None or plan.current_parent(node) != row.parent_code
        if moves and row.parent_code and not _may_place_under(plan, scope, row.parent_code, memo):
            message = _("u mag niets onder ‘%(parent)s’ plaatsen.")
            errors.add(row.line, message % {"parent": row.parent_code})


def validate(data: bytes, acting_user: Any, system: bool) -> Plan:
    """Every check on the whole file; raises once with all problems, ordered by line."""
    errors = Errors()
    rows, broken = parse(data, errors)
    plan = build_plan(rows, broken, errors)
    _check_parents(plan, errors)
    _check_cycles(plan, errors)
    _check_roots(plan, errors)
    _check_values(rows, plan, errors)
    if not system:
        scope = scope_for(gebruiker=acting_user, capability=Capability.ORGANISATIE_BEHEREN)
        _check_scope(plan, scope, errors)
    errors.raise_if_any()
    return plan
