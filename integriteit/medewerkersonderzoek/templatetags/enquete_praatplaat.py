"""``{% mag_praatplaten as x %}``: whether the logged-in user may open talk sheets at all
(the link on the wave page; the pages themselves check the wave and the nodes)."""

from __future__ import annotations

from typing import Any

from django import template

from integriteit.accounts.selectors import gebruiker_has_capability
from integriteit.common.permissions import Capability

register = template.Library()


@register.simple_tag(takes_context=True)
def mag_praatplaten(context: dict[str, Any]) -> bool:
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return False
    return gebruiker_has_capability(gebruiker=user, capability=Capability.ENQUETE_PRAATPLAAT)
