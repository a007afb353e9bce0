"""The reporter's state between requests, sealed like the vault key of a logged-in user
(``integriteit.kluis.sessie``, ADR 0010), but for an anonymous visitor.

Two things must survive a redirect on the anonymous paths:

- the **receipt** (``bon``): the fresh receipt code and the report, from the POST of the
  form to the one GET of the receipt page, which takes it out again;
- the **opened mailbox** (``postbus``): the report and its vault key after a correct code,
  for this browser session only — never the code itself.

Each is JSON encrypted (XChaCha20-Poly1305) with a random 32-byte secret
(``crypto.gesplitst_verzegelen``); the ciphertext goes into the session — under ``/melden/``
a signed cookie in the visitor's browser (``sessie_middleware``), no database row — and the
secret into its own cookie (HttpOnly, SameSite=Strict, path ``/melden/``, no expiry: gone
when the browser closes). Neither cookie alone tells anything: the session cookie, which is
signed but readable, holds no report number, id, key or code in the clear.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from integriteit.kluis import crypto

PAD = "/melden/"
BON = "bon"
POSTBUS = "postbus"
_SESSIE = "meldingen_{}"
_COOKIE = "igt_melden_{}"


def _context(soort: str) -> bytes:
    return f"integriteit:melden:{soort}".encode()


def bewaren(
    request: HttpRequest, response: HttpResponseBase, soort: str, gegevens: dict[str, Any]
) -> None:
    """Seal ``gegevens`` into the session, the secret into a cookie on ``response``."""
    blob, geheim = crypto.gesplitst_verzegelen(json.dumps(gegevens).encode(), _context(soort))
    request.session[_SESSIE.format(soort)] = blob
    response.set_cookie(
        _COOKIE.format(soort),
        geheim,
        path=PAD,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def lezen(request: HttpRequest, soort: str) -> dict[str, Any] | None:
    """What :func:`bewaren` sealed, or ``None`` (nothing, other browser, tampered)."""
    blob = request.session.get(_SESSIE.format(soort))
    cookie = request.COOKIES.get(_COOKIE.format(soort))
    if not blob or not cookie:
        return None
    data = crypto.gesplitst_openen(blob, cookie, _context(soort))
    if data is None:
        return None
    try:
        gegevens = json.loads(data)
    except ValueError:
        return None
    return gegevens if isinstance(gegevens, dict) else None


def vergeten(request: HttpRequest, response: HttpResponseBase, soort: str) -> None:
    """Remove both halves."""
    request.session.pop(_SESSIE.format(soort), None)
    if _COOKIE.format(soort) in request.COOKIES:
        response.delete_cookie(_COOKIE.format(soort), path=PAD, samesite="Strict")
