"""Sessions that keep the anonymous area apart (ADR 0011).

Under ``/melden/`` the session lives only in the visitor's browser: a signed cookie
(``igt_melden``, path ``/melden/``, HttpOnly, SameSite=Strict), Django's ``signed_cookies``
engine. So a reporter's visit writes no session row — no expiry time, nothing in the
database — and a logged-in employee's own session is neither sent nor touched there: the
integrity system cannot see that the person logged in as X opened the reporting page.
Everywhere else the usual database session applies.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore as CookieStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

PAD = "/melden/"
COOKIE = "igt_melden"
_VLAG = "_igt_anoniem_gebied"


def is_anoniem_gebied(request: HttpRequest) -> bool:
    return bool(getattr(request, _VLAG, False)) or (
        request.path == PAD.rstrip("/") or request.path.startswith(PAD)
    )


class GesplitsteSessieMiddleware(SessionMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if is_anoniem_gebied(request):
            setattr(request, _VLAG, True)
            request.session = CookieStore(request.COOKIES.get(COOKIE))
            return
        super().process_request(request)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not getattr(request, _VLAG, False):
            return super().process_response(request, response)
        session = request.session
        if session.accessed:
            patch_vary_headers(response, ("Cookie",))
        if COOKIE in request.COOKIES and session.is_empty():
            response.delete_cookie(COOKIE, path=PAD, samesite="Strict")
        elif session.modified and not session.is_empty() and response.status_code < 500:
            session.save()
            response.set_cookie(
                COOKIE,
                session.session_key or "",
                path=PAD,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Strict",
            )
        return response
