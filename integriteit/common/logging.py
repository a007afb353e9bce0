"""Structured logs without personal data (issue 8, ADR 0019).

:class:`JsonFormatter` writes one JSON object per line: time, level, logger, message,
request id, route, status, duration and — at most — a pseudonymous user id. It never
writes a username, name, e-mail address, IP address, query string, receipt code or token:

- the path is the URL *pattern* (``onderzoeken/<int:pk>/``), never the path itself, which
  can hold a token (a survey invitation) — an unresolved path is written as ``-``;
- Django's request messages (``Internal Server Error: /enquete/<token>/``) get the pattern
  in place of the path;
- an exception is written as its type and its frames (file, line, function): no message
  (``Key (email)=(…) already exists``) and no local variables;
- the user is ``HMAC(SECRET_KEY, pk)``, cut to 16 hex digits: stable, so one user's
  requests can be followed, but no name.

:class:`VerzoekLogMiddleware` gives every request an id (``X-Request-ID`` from the proxy
when it looks like one, else a new one), writes one line per request on the
``integriteit.verzoek`` logger and returns the id in the response. The anonymous report
paths (``/melden/``) are not logged at all (issue 5), the health probes only when they fail.

This module imports no models: the logging configuration loads it during set-up.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import time
import traceback
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

VERZOEK_ID: contextvars.ContextVar[str] = contextvars.ContextVar("verzoek_id", default="")
_GELDIG_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
#: Not logged: the anonymous paths (issue 5), and the probes while they succeed.
STIL = ("/melden/", "/melden")
PROBES = frozenset({"/gezond/", "/gereed/"})
logger = logging.getLogger("integriteit.verzoek")


def pseudoniem(pk: object) -> str:
    """A stable pseudonym of a user id: HMAC with the secret key, 16 hex digits."""
    sleutel = settings.SECRET_KEY.encode()
    return hmac.new(sleutel, f"gebruiker:{pk}".encode(), hashlib.sha256).hexdigest()[:16]


def route(request: HttpRequest | None) -> str:
    """The URL pattern the request matched, or ``-``: never the path itself."""
    match = getattr(request, "resolver_match", None)
    if match is None or not getattr(match, "route", None):
        return "-"
    return "/" + str(match.route)


def _frames(exc_info: Any) -> dict[str, Any]:
    soort, _waarde, tb = exc_info
    frames = [
        f"{frame.filename}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(tb, limit=30)
    ]
    return {"type": getattr(soort, "__name__", "Exception"), "frames": frames}


class JsonFormatter(logging.Formatter):
    """One JSON object per line; see the module docstring for what it leaves out."""

    def format(self, record: logging.LogRecord) -> str:
        request = getattr(record, "request", None)
        gegevens: dict[str, Any] = {
            "tijd": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(),
            "niveau": record.levelname,
            "logger": record.name,
            "bericht": self._bericht(record, request),
            "verzoek_id": getattr(record, "verzoek_id", None) or VERZOEK_ID.get() or None,
        }
        for veld in ("pad", "methode", "status", "duur_ms", "gebruiker"):
            waarde = getattr(record, veld, None)
            if waarde is not None:
                gegevens[veld] = waarde
        if request is not None and "pad" not in gegevens:
            gegevens["pad"] = route(request)
        if "status" not in gegevens and hasattr(record, "status_code"):
            gegevens["status"] = record.status_code
        if record.exc_info:
            gegevens["uitzondering"] = _frames(record.exc_info)
        return json.dumps(gegevens, ensure_ascii=False, default=str)

    @staticmethod
    def _bericht(record: logging.LogRecord, request: Any) -> str:
        if record.name == "django.server":
            # The dev server's request line holds the full URL with its query string.
            return "HTTP-verzoek (ontwikkelserver)"
        bericht = record.getMessage()
        pad = getattr(request, "path", None)
        if isinstance(pad, str) and pad:
            bericht = bericht.replace(pad, route(request))
        return bericht


def _stil(pad: str, status: int) -> bool:
    if pad.startswith(STIL[0]) or pad == STIL[1]:
        return True
    return pad in PROBES and status < 500 and status != 503


class VerzoekLogMiddleware:
    """A request id for every request and one log line when it is done."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        binnen = request.headers.get("X-Request-ID", "")
        verzoek_id = binnen if _GELDIG_ID.match(binnen) else uuid.uuid4().hex
        token = VERZOEK_ID.set(verzoek_id)
        start = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = verzoek_id
            if not _stil(request.path, response.status_code):
                self._log(request, response.status_code, start, verzoek_id)
            return response
        finally:
            VERZOEK_ID.reset(token)

    @staticmethod
    def _log(request: HttpRequest, status: int, start: float, verzoek_id: str) -> None:
        user = getattr(request, "user", None)
        gebruiker = pseudoniem(user.pk) if user is not None and user.is_authenticated else None
        logger.info(
            "verzoek",
            extra={
                "pad": route(request),
                "methode": request.method,
                "status": status,
                "duur_ms": round((time.monotonic() - start) * 1000, 1),
                "gebruiker": gebruiker,
                "verzoek_id": verzoek_id,
            },
        )
