"""Exchanging assessments with other systems: export (CSV, JSON, XLSX) and the import of
ratings from a file (CSV, XLSX).

The CSV header ``organisation,norm,level`` is a contract (DESIGN.md): one row per rated
organisation and norm, the organisation's code, the norm's code and the level's code. The same
three columns (plus an optional ``finding``) are what the import reads, so an export can be
edited in a spreadsheet and imported again.
"""

from integriteit.normenkader.uitwisseling.export import (
    CSV_HEADER,
    FORMATS,
    Row,
    assessments_csv,
    assessments_json,
    assessments_rows,
    assessments_xlsx,
    export_filename,
)
from integriteit.normenkader.uitwisseling.importer import ImportSummary, ratings_import
from integriteit.normenkader.uitwisseling.reading import IMPORT_COLUMNS, MAX_BYTES, MAX_ROWS

__all__ = [
    "CSV_HEADER",
    "FORMATS",
    "IMPORT_COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportSummary",
    "Row",
    "assessments_csv",
    "assessments_json",
    "assessments_rows",
    "assessments_xlsx",
    "export_filename",
    "ratings_import",
]
