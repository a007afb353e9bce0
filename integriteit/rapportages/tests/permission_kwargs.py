"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (OCW, inside the test user's scope) or "ander" (FIN).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integriteit.conftest import World

OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {}

NOT_SCOPED: frozenset[str] = frozenset()
