"""Rate limits per token user: one rate for reads, one for writes (``API_RATE_LEZEN``,
``API_RATE_SCHRIJVEN`` in settings). Counted in Django's cache; in production that cache must
be shared by every process (Redis), or each process counts on its own (ADR 0017)."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from integriteit.api.constants import SCOPE_LEZEN, SCOPE_SCHRIJVEN

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenGebruikerThrottle(SimpleRateThrottle):
    """A fixed number of requests per user per period; reads and writes counted apart."""

    scope = SCOPE_LEZEN

    def __init__(self) -> None:
        # The rate is read per request (not at import, as DRF does), so that a settings
        # change — and a test's override_settings — takes effect.
        pass

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(str(self.scope))
        return str(rate) if rate is not None else None

    def allow_request(self, request: Request, view: Any) -> bool:
        self.scope = SCOPE_LEZEN if request.method in SAFE_METHODS else SCOPE_SCHRIJVEN
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        user = request.user
        if not getattr(user, "is_authenticated", False):
            return None  # refused by authentication before this matters
        return self.cache_format % {"scope": self.scope, "ident": user.pk}
