"""Fixed values of the API (ADR 0017)."""

from __future__ import annotations

#: Lifetime of a new token unless chosen otherwise, and the longest allowed.
STANDAARD_GELDIG_DAGEN = 90
MAX_GELDIG_DAGEN = 365
#: "Last used" is written at most this often per token (not on every request).
LAATST_GEBRUIKT_INTERVAL_SECONDEN = 60
#: Largest object id the API accepts in a URL (a bigger number can name no row; SQLite and
#: PostgreSQL both store ids as signed 64-bit integers).
MAX_PK = 2**63 - 1
#: Throttle scopes: reads (GET/HEAD/OPTIONS) and writes.
SCOPE_LEZEN = "api_lezen"
SCOPE_SCHRIJVEN = "api_schrijven"
