"""Every error of the API as JSON with a Dutch message: ``{"fout": "...", "velden": {...}}``.

DRF's own handler runs first (it sets ``WWW-Authenticate`` on 401 and ``Retry-After`` on
429); this one rewrites the body into one shape, so a client needs to read only one.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _message(exc: Exception) -> str:
    if isinstance(exc, exceptions.Throttled):
        seconden: float | None = getattr(exc, "wait", None)
        wacht = math.ceil(seconden) if seconden is not None else None
        if wacht is None:
            return _("Te veel verzoeken; probeer het later opnieuw.")
        return _("Te veel verzoeken; probeer het over %(n)d seconden opnieuw.") % {"n": wacht}
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Geen token meegestuurd: gebruik de kop ‘Authorization: Bearer <token>’.")
    if isinstance(exc, Http404 | exceptions.NotFound):
        return _("Niet gevonden, of niet binnen uw bereik.")
    if isinstance(exc, exceptions.ValidationError):
        return _("De invoer is ongeldig; zie ‘velden’.")
    if isinstance(exc, exceptions.APIException):
        return str(exc.detail) if isinstance(exc.detail, str) else _("Het verzoek is geweigerd.")
    if isinstance(exc, PermissionDenied):
        return _("U heeft niet de rol die hiervoor nodig is.")
    return _("Er ging iets mis.")


def _velden(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(key): [str(v) for v in value] if isinstance(value, list) else [str(value)]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"algemeen": [str(v) for v in detail]}
    return {"algemeen": [str(detail)]}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's 500 handling
    body: dict[str, Any] = {"fout": _message(exc)}
    if isinstance(exc, exceptions.ValidationError):
        body["velden"] = _velden(exc.detail)
    response.data = body
    return response
