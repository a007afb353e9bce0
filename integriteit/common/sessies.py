"""The database session store, with one change: a database that is down is an outage, not a
bad request.

Django's store turns every ``DatabaseError`` while saving a session into ``UpdateError``, which
the session middleware answers with "400 Bad Request" — meant for a session deleted by a
concurrent log-out. With the database stopped, clients then got "Ongeldig verzoek" (the fault
proof, ADR 0022). Here a connection error is raised as itself, and ``common.views.server_error``
answers it with 503 "Tijdelijk niet beschikbaar" and ``Retry-After``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError

#: Errors that mean "the database cannot be reached", not "this session is gone".
STORING: tuple[type[Exception], ...] = (OperationalError, InterfaceError)


class SessionStore(db.SessionStore):
    def save(self, must_create: bool = False) -> Any:
        try:
            return super().save(must_create)
        except UpdateError as error:
            oorzaak = error.__context__
            if isinstance(oorzaak, STORING):
                raise oorzaak from None
            raise
