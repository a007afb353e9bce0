"""Applying a checked file: rows in tree order through the services, one audit event each,
and one event for the import as a whole, all in the caller's transaction."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.organisaties.csv_io.checks import Plan, gegevens_from_row, validate
from integriteit.organisaties.csv_io.parsing import Row
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import organisatie_create, organisatie_update


@dataclass(frozen=True)
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _tree_order(plan: Plan) -> list[Row]:
    """The rows sorted by their depth after the import: every parent before its children."""
    depth: dict[str, int] = {}
    for row in plan.rows:
        chain: list[str] = []
        code = row.code
        while code and code not in depth:
            chain.append(code)
            code = plan.parent_of(code)
        level = depth[code] if code else -1
        for member in reversed(chain):
            level += 1
            depth[member] = level
    return sorted(plan.rows, key=lambda row: (depth[row.code], row.line))


def _differs(plan: Plan, node: Organisatie, row: Row) -> bool:
    now = (node.naam, node.soort, plan.current_parent(node), node.fte, node.aantal_medewerkers)
    new = (row.naam, row.soort, row.parent_code, row.fte, row.aantal_medewerkers)
    return now != new or (node.geldig_van, node.geldig_tot) != (row.geldig_van, row.geldig_tot)


def _apply_row(plan: Plan, row: Row, acting_user: Any) -> str:
    node = plan.existing.get(row.code)
    if node is not None and not _differs(plan, node, row):
        return "unchanged"
    # Fetched now, not at the start: moving an ancestor earlier in this import changed its path.
    parent = Organisatie.objects.get(code=row.parent_code) if row.parent_code else None
    gegevens = gegevens_from_row(row, parent)
    try:
        if node is None:
            organisatie_create(acting_user=acting_user, gegevens=gegevens)
            return "created"
        organisatie_update(acting_user=acting_user, organisatie=node, gegevens=gegevens)
        return "updated"
    except ValidationError as exc:  # changed by someone else since the check: still per line
        text = _("Regel %(regel)d: %(melding)s")
        raise ValidationError(
            [text % {"regel": row.line, "melding": m} for m in exc.messages]
        ) from exc


def _common_ancestor_id(plan: Plan) -> int | None:
    """The lowest node at or above every imported node and its parent: where the import
    event belongs, so that those who may see that part of the tree see the event."""
    codes = {*plan.by_code, *(row.parent_code for row in plan.rows if row.parent_code)}
    pads = Organisatie.objects.filter(code__in=codes).values_list("pad", flat=True)
    common = os.path.commonprefix([pad.strip("/").split("/") for pad in pads])
    return int(common[-1]) if common else None


@transaction.atomic
def organisaties_import_csv(
    *, acting_user: Any, data: bytes, system: bool = False
) -> ImportSummary:
    """Create and update nodes from a CSV file, all or nothing.

    Raises a ValidationError whose ``messages`` are every problem found, each naming its
    line; nothing is then changed. ``system=True`` (demo loader, no user) skips the scope check.
    """
    plan = validate(data, acting_user, system)
    counts = Counter(_apply_row(plan, row, acting_user) for row in _tree_order(plan))
    summary = ImportSummary(
        created=counts["created"], updated=counts["updated"], unchanged=counts["unchanged"]
    )
    audit_log(
        actor=acting_user,
        action="organisatie.geimporteerd",
        object_type="organisatie",
        organisatie_id=_common_ancestor_id(plan),
        details={
            "aangemaakt": summary.created,
            "gewijzigd": summary.updated,
            "ongewijzigd": summary.unchanged,
        },
    )
    return summary
