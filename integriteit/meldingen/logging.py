"""Keep the anonymous paths out of the server log (issue 5).

Django's development server logs every request (``django.server``: the request line, with
the client's address and the time in the format), and ``django.request`` logs 4xx/5xx
responses with the request attached. For paths under ``/melden/`` — the public intake and
the reporter's mailbox — such a line would date a reporter's visit to the second and tie it
to an address. :class:`AnoniemePadenFilter` drops those records; records of all other
loggers and paths pass. Production proxies must do the same (``access_log off`` for
``/melden/``, docs/meldingen.md).

This module imports no Django models: the logging configuration loads it during setup.
"""

from __future__ import annotations

import logging

PREFIX = "/melden"
LOGGERS = frozenset({"django.server", "django.request"})


def _anoniem(pad: str) -> bool:
    pad = pad.split("?", 1)[0]
    return pad == PREFIX or pad.startswith(PREFIX + "/")


def _pad(record: logging.LogRecord) -> str | None:
    """The request path of a record, from the attached request or the request line."""
    pad = getattr(getattr(record, "request", None), "path", None)
    if isinstance(pad, str):
        return pad
    args = record.args if isinstance(record.args, tuple) else ()
    if args and isinstance(args[0], str):  # django.server: '"GET /melden/ HTTP/1.1" 200 5'
        delen = args[0].split()
        if len(delen) >= 2:
            return delen[1]
    return None


class AnoniemePadenFilter(logging.Filter):
    """Drop ``django.server`` and ``django.request`` records about ``/melden/…``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name not in LOGGERS:
            return True
        pad = _pad(record)
        if pad is not None:
            return not _anoniem(pad)
        # No path found: judge by the message, erring on the side of silence.
        bericht = record.getMessage()
        return f" {PREFIX}/" not in bericht and f" {PREFIX} " not in bericht
