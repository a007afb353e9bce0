"""``{% mag_resultaten as x %}``: whether the logged-in user may open results pages at all
(the links on the wave pages; the pages themselves check the wave and the nodes)."""

from __future__ import annotations

from typing import Any

from django import template

from integriteit.accounts.selectors import gebruiker_has_capability
from integriteit.common.permissions import Capability

register = template.Library()


@register.simple_tag(takes_context=True)
def mag_resultaten(context: dict[str, Any]) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return gebruiker_has_capability(gebruiker=user, capability=Capability.ENQUETE_RESULTATEN)
