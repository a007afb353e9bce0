"""Export and import of the organisation tree as CSV (a contract: users and tests rely on it).

Header: ``code,name,parent,kind,fte,headcount,valid_from,valid_to``. ``parent`` is the code of
the parent (empty for the root), ``kind`` is rijk/ministerie/onderdeel, dates are yyyy-mm-dd,
``fte`` uses '.' (',' is accepted too); an empty cell means "none". The export writes parents
before children, so it can be imported again.

The import is all-or-nothing. Every row is checked first and every problem is collected as a
Dutch message naming the line (line 1 is the header); only a file without problems is
applied, in one transaction, through the services, so each created or changed node gets its
own audit event. Rows match existing nodes by code (upsert, moves included) and may come in
any order. A ``system`` import (the demo loader) skips the check of the user's scope.
"""

from integriteit.organisaties.csv_io.export import organisaties_export_csv
from integriteit.organisaties.csv_io.importer import ImportSummary, organisaties_import_csv
from integriteit.organisaties.csv_io.parsing import HEADER, MAX_BYTES, MAX_ROWS

__all__ = [
    "HEADER",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportSummary",
    "organisaties_export_csv",
    "organisaties_import_csv",
]
