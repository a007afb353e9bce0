"""Helpers shared by the investigation views: finding a case in the user's scope, the
deadline flag of a phase, phase titles from a case's protocol."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from integriteit.onderzoeken import poort, selectors
from integriteit.onderzoeken.constants import Status
from integriteit.onderzoeken.models import Onderzoek
from integriteit.onderzoeken.spec import ProtocolSpec

#: How close a deadline is "bijna" (days left).
BIJNA_DAGEN = 7

GEEN_TOEGANG = gettext_lazy("U heeft geen toegang tot de inhoud van dit onderzoek.")
OPNIEUW_INLOGGEN = gettext_lazy(
    "Log opnieuw in met uw wachtwoord om de versleutelde inhoud van dit onderzoek te lezen."
)


def onderzoek_of_404(request: HttpRequest, pk: int) -> Onderzoek:
    onderzoek = selectors.onderzoek_get(gebruiker=request.user, pk=pk)
    if onderzoek is None:
        raise Http404
    return onderzoek


def dag(waarde: date | None) -> str:
    return f"{waarde.day}-{waarde.month}-{waarde.year}" if waarde else ""


def termijn(onderzoek: Onderzoek, vandaag: date | None = None) -> dict[str, str] | None:
    """The phase deadline's flag: text and badge colour (never colour alone), or None."""
    if onderzoek.status == Status.AFGESLOTEN or onderzoek.fase_uiterlijk is None:
        return None
    vandaag = vandaag or timezone.localdate()
    if onderzoek.status == Status.OPGESCHORT:
        return {"code": "opgeschort", "label": str(gettext_lazy("klok stil")), "klasse": "info"}
    if onderzoek.fase_uiterlijk < vandaag:
        return {"code": "te_laat", "label": str(gettext_lazy("te laat")), "klasse": "negative"}
    if onderzoek.fase_uiterlijk <= vandaag + timedelta(days=BIJNA_DAGEN):
        return {"code": "bijna", "label": str(gettext_lazy("bijna")), "klasse": "warning"}
    return {"code": "loopt", "label": str(gettext_lazy("loopt")), "klasse": "info"}


def fasetitel(spec: ProtocolSpec, code: str) -> str:
    try:
        return spec.fase(code).titel
    except KeyError:
        return code


def spec_van(onderzoek: Onderzoek, cache: dict[int, Any] | None = None) -> ProtocolSpec:
    """The case's protocol spec (cached per protocol row within one request)."""
    if cache is None:
        return poort.spec(onderzoek)
    if onderzoek.protocol_id not in cache:
        cache[onderzoek.protocol_id] = poort.spec(onderzoek)
    return cache[onderzoek.protocol_id]  # type: ignore[no-any-return]
