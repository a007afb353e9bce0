"""Bearer-token authentication: ``Authorization: Bearer igt_<prefix>_<secret>``.

The token is looked up by its public prefix and compared by hash in constant time. It is
refused (401, Dutch message) when it is unknown, revoked or expired, and when its user is
deactivated or locked out — checked on every request, so a token never outlives what its
user may do now. No session authentication on the API (ADR 0017).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from integriteit.api.models import ApiToken
from integriteit.api.services import apitoken_gebruikt
from integriteit.api.tokens import hash_klopt, prefix_van

SCHEME = "Bearer"


class BearerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = get_authorization_header(request).split()
        if not header:
            return None  # NotAuthenticated (401) follows from the permission check
        if header[0].lower() != SCHEME.lower().encode():
            raise exceptions.AuthenticationFailed(
                _("Gebruik de kop ‘Authorization: Bearer <token>’.")
            )
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("De kop Authorization bevat geen token, of spaties in het token.")
            )
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Het token is ongeldig.")) from exc
        return self._check(token)

    def _check(self, token: str) -> tuple[Any, ApiToken]:
        prefix = prefix_van(token)
        api_token = (
            ApiToken.objects.select_related("gebruiker").filter(prefix=prefix).first()
            if prefix
            else None
        )
        if api_token is None or not hash_klopt(token, api_token.sleutel_hash):
            raise exceptions.AuthenticationFailed(_("Het token is ongeldig."))
        if api_token.is_ingetrokken:
            raise exceptions.AuthenticationFailed(_("Dit token is ingetrokken."))
        if api_token.is_verlopen:
            raise exceptions.AuthenticationFailed(_("Dit token is verlopen; maak een nieuw."))
        gebruiker = api_token.gebruiker
        if not gebruiker.is_active:
            raise exceptions.AuthenticationFailed(_("Het account van dit token is gedeactiveerd."))
        if gebruiker.is_locked:
            raise exceptions.AuthenticationFailed(
                _("Het account van dit token is tijdelijk geblokkeerd.")
            )
        apitoken_gebruikt(api_token=api_token)
        return gebruiker, api_token

    def authenticate_header(self, request: Request) -> str:
        """Makes DRF answer 401 (not 403) with ``WWW-Authenticate: Bearer``."""
        return f'{SCHEME} realm="api"'
