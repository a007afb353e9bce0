"""The user's private key during a session (ADR 0010, DESIGN.md security model).

At the password step of the log-in the key is unwrapped with the password and at once
re-encrypted with a random 32-byte secret; the ciphertext goes into the server-side session,
the secret into a separate HttpOnly, SameSite=Strict cookie. Neither alone opens the key: a
stolen session store or database gives ciphertext, a stolen cookie gives a random string.
Logging out flushes the session and deletes the cookie.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from integriteit.kluis import crypto
from integriteit.kluis.services import gebruikersleutel_openen

SESSIE_SLEUTEL = "igt_kluis"
COOKIE = "igt_kluis"
_NIEUW = "_igt_kluis_cookie"


def _context(user_id: Any) -> bytes:
    return f"integriteit:sessiesleutel:{user_id}".encode()


def sleutel_in_sessie(request: HttpRequest, gebruiker: Any, wachtwoord: str) -> None:
    """Unwrap the user's key with the password and keep it for this session (see above)."""
    private = gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=wachtwoord)
    blob, geheim = crypto.gesplitst_verzegelen(private, _context(gebruiker.pk))
    request.session[SESSIE_SLEUTEL] = blob
    setattr(request, _NIEUW, geheim)


def sleutel_uit_sessie(request: HttpRequest) -> bytes | None:
    """The logged-in user's private key, or ``None`` (no cookie, other browser, expired)."""
    user = getattr(request, "user", None)
    blob = request.session.get(SESSIE_SLEUTEL)
    cookie = getattr(request, _NIEUW, None) or request.COOKIES.get(COOKIE)
    if not blob or not cookie or user is None or not user.is_authenticated:
        return None
    return crypto.gesplitst_openen(blob, cookie, _context(user.pk))


class KluisCookieMiddleware:
    """Sets the cookie half of the session key after the password step; removes it once the
    session no longer holds the other half (logged out, expired)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        nieuw = getattr(request, _NIEUW, None)
        if nieuw:
            response.set_cookie(
                COOKIE,
                nieuw,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Strict",
            )
        elif (
            COOKIE in request.COOKIES
            and not getattr(request, "_igt_anoniem_gebied", False)  # /melden/: other session
            and not request.session.get(SESSIE_SLEUTEL)
        ):
            response.delete_cookie(COOKIE, samesite="Strict")
        return response
