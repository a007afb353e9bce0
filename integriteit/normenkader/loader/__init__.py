"""Loading norm frameworks from YAML files (DESIGN.md, "Norm frameworks — YAML").

A framework version is read-only reference data: :func:`parse_framework` reads and checks a
file without touching the database, and collects every problem as a Dutch message naming the
file, the line and the field (``ark-2024.yaml, regel 14, veld groups[0].norms[2].code:
ontbreekt.``). :func:`normenkader_load` writes a checked file once, with its audit event, in
one transaction; loading the same bytes again changes nothing, and other bytes under a
version that is already loaded are refused. The shipped frameworks live in ``kaders/``.
"""

from integriteit.common.yaml_lines import MAX_BYTES
from integriteit.normenkader.loader.rules import parse_framework
from integriteit.normenkader.loader.service import (
    SHIPPED_DIR,
    normenkader_load,
    normenkader_load_shipped,
)
from integriteit.normenkader.loader.spec import FrameworkSpec, GroupSpec, LevelSpec, NormSpec

__all__ = [
    "MAX_BYTES",
    "SHIPPED_DIR",
    "FrameworkSpec",
    "GroupSpec",
    "LevelSpec",
    "NormSpec",
    "normenkader_load",
    "normenkader_load_shipped",
    "parse_framework",
]
