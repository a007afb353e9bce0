"""The role × capability matrix on the API: each view names the capability it needs
(``capability``), checked for the token's user *now*, exactly as ``@requires`` does for the
pages (ADR 0005). On top, the user must still hold ``api.tokens``: a user who lost every
role that may use the API has tokens that authenticate but are refused (403)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from integriteit.accounts.selectors import gebruiker_has_capability
from integriteit.common.permissions import Capability


class HeeftCapability(BasePermission):
    message = _("U heeft niet de rol die hiervoor nodig is.")

    def has_permission(self, request: Request, view: Any) -> bool:
        capability: Capability | None = getattr(view, "capability", None)
        user = request.user
        if capability is None or not getattr(user, "is_authenticated", False):
            return False
        return gebruiker_has_capability(
            gebruiker=user, capability=Capability.API_TOKENS
        ) and gebruiker_has_capability(gebruiker=user, capability=capability)
