"""Test helpers of the API: a token for a user, and a client that sends it."""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient

from integriteit.api.services import apitoken_create


def token_voor(gebruiker: Any, *, naam: str = "test", geldig_dagen: int = 90) -> str:
    return apitoken_create(acting_user=gebruiker, naam=naam, geldig_dagen=geldig_dagen).token


def api_client(gebruiker: Any | None = None, *, token: str | None = None) -> APIClient:
    """A client with ``Authorization: Bearer <token>`` (a new token of ``gebruiker``)."""
    client = APIClient()
    if token is None and gebruiker is not None:
        token = token_voor(gebruiker)
    if token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def api_request(client: APIClient, name: str, url: str) -> int:
    """Send the request the endpoint ``name`` takes (GET, else PUT/POST with no body)."""
    from django.urls import resolve

    view_class = resolve(url).func.cls  # type: ignore[attr-defined]
    for method in ("get", "put", "post"):
        if hasattr(view_class, method):
            response = getattr(client, method)(url)
            return int(response.status_code)
    raise AssertionError(f"{name}: geen GET, PUT of POST")
