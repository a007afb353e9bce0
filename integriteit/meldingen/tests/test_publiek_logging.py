"""The log filter of the anonymous paths: no request line of /melden/ in any log."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client, RequestFactory

from integriteit.meldingen.logging import AnoniemePadenFilter


def _record(name: str, msg: str, args: tuple[Any, ...] = (), **extra: Any) -> logging.LogRecord:
    record = logging.LogRecord(name, logging.INFO, __file__, 1, msg, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


@pytest.mark.parametrize(
    ("record", "doorlaten"),
    [
        # runserver's access line: '"GET /melden/postbus/ HTTP/1.1" 200 512'
        (
            _record("django.server", '"%s" %s %s', ("GET /melden/postbus/ HTTP/1.1", "200", "5")),
            False,
        ),
        (_record("django.server", '"%s" %s %s', ("POST /melden/OCW/ HTTP/1.1", "302", "0")), False),
        (_record("django.server", '"%s" %s %s', ("GET /melden HTTP/1.1", "301", "0")), False),
        (_record("django.server", '"%s" %s %s', ("GET /melden/?a=1 HTTP/1.1", "200", "9")), False),
        (_record("django.server", '"%s" %s %s', ("GET /enquete/ HTTP/1.1", "200", "5")), True),
        (_record("django.server", '"%s" %s %s', ("GET /meldingen/ HTTP/1.1", "200", "5")), True),
        (_record("django.server", "Bericht over GET /melden/postbus/ zonder args"), False),
        (
            _record(
                "django.request",
                "Not Found: %s",
                ("/melden/X/",),
                request=RequestFactory().get("/melden/X/"),
            ),
            False,
        ),
        (
            _record(
                "django.request",
                "Not Found: %s",
                ("/account/x/",),
                request=RequestFactory().get("/account/x/"),
            ),
            True,
        ),
        # Other loggers pass untouched, whatever they mention.
        (_record("integriteit.taken", "over /melden/ gesproken"), True),
    ],
)
def test_filter(record: logging.LogRecord, doorlaten: bool) -> None:
    assert AnoniemePadenFilter().filter(record) is doorlaten


def test_settings_put_the_filter_on_the_request_loggers() -> None:
    for name in ("django.server", "django.request"):
        assert any(isinstance(f, AnoniemePadenFilter) for f in logging.getLogger(name).filters)
    handlers = logging.getLogger().handlers + logging.getLogger("django.server").handlers
    assert any(isinstance(f, AnoniemePadenFilter) for h in handlers for f in h.filters), (
        "the console handler carries the filter too"
    )


@pytest.mark.django_db
def test_a_404_under_melden_is_not_logged(client: Client, caplog: Any) -> None:
    with caplog.at_level(logging.INFO):
        assert client.get("/melden/ONBEKEND/").status_code == 404
        assert client.get("/enquete/bestaat-niet/").status_code == 404
    paden = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert not any("/melden/" in p for p in paden)
    assert any("/enquete/bestaat-niet/" in p for p in paden), "control: others are logged"
