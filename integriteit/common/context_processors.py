from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from integriteit.common.navigation import NAV_ITEMS


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The navigation entries this user may use, with the current one marked."""
    from integriteit.accounts.selectors import capabilities

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    held = capabilities(gebruiker=user)
    items = []
    for item in NAV_ITEMS:
        if item.capability not in held:
            continue
        url = reverse(item.url_name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": item.label, "url": url, "current": current})
    return {"nav_items": items}
