"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (OCW, inside the test user's scope) or "ander" (FIN).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integriteit.conftest import World


def _ministerie(world: World, side: str) -> dict[str, Any]:
    return {"code": (world.ocw if side == "eigen" else world.fin).code}


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    "rapportages:ministerie": _ministerie,
    "rapportages:gesprekspunten": _ministerie,
    "rapportages:gesprekspunten_pdf": _ministerie,
}

NOT_SCOPED: frozenset[str] = frozenset()
