"""Test helpers of the report module: a test client logged in *with* the user's vault key in
the session and cookie, as the real log-in's password step would leave it."""

from __future__ import annotations

from django.conf import settings
from django.test import Client, RequestFactory

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.conftest import login_verified
from integriteit.kluis import sessie


def login_met_sleutel(client: Client, gebruiker: Gebruiker) -> Client:
    """Log ``client`` in verified (password + second factor) and put the user's key in the
    session (the server half) and the ``igt_kluis`` cookie (the browser half)."""
    login_verified(client, gebruiker)
    request = RequestFactory().get("/")
    request.user = gebruiker
    request.session = client.session
    sessie.sleutel_in_sessie(request, gebruiker, TEST_PASSWORD)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = str(request.session.session_key)
    client.cookies[sessie.COOKIE] = getattr(request, sessie._NIEUW)
    return client
