"""Writing the organisations a user may export as CSV, parents before children."""

from __future__ import annotations

import csv
import io
from typing import Any

from integriteit.common.permissions import Capability
from integriteit.organisaties.csv_io.parsing import HEADER, escape
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.selectors import organisatie_tree, tree_preorder


def _export_row(node: Organisatie) -> list[str]:
    return [
        node.code,
        escape(node.naam),
        node.parent.code if node.parent else "",
        node.soort,
        "" if node.fte is None else format(node.fte, "f"),
        "" if node.aantal_medewerkers is None else str(node.aantal_medewerkers),
        node.geldig_van.isoformat() if node.geldig_van else "",
        node.geldig_tot.isoformat() if node.geldig_tot else "",
    ]


def organisaties_export_csv(*, gebruiker: Any) -> str:
    """The nodes ``gebruiker`` may export, parents before children, as CSV text."""
    roots = organisatie_tree(gebruiker=gebruiker, capability=Capability.ORGANISATIE_EXPORTEREN)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for node in tree_preorder(roots):
        writer.writerow(_export_row(node))
    return buffer.getvalue()
