"""Liveness and readiness for the proxy and the orchestrator (issue 8, ADR 0019).

``/gezond/`` answers as long as the process serves requests: no database, nothing else.
``/gereed/`` answers 200 only when this process can do its work: the database answers a
query, no migration is waiting, the cache answers, Redis answers when jobs go to Celery, and
the media folder is writable. Otherwise 503, naming the check that failed — with a fixed
text, never an exception message (which could hold a host name, a password in a URL, or a
value from a row), and never a stack trace.

Both are public (no account), send no cookies, and cost at most two queries.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from integriteit.common.permissions import public

logger = logging.getLogger(__name__)

#: Once a process has seen every migration applied, that stays so: it is not asked again.
_migraties_bijgewerkt = False


def _database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return bool(cursor.fetchone() == (1,))


def _migraties() -> bool:
    global _migraties_bijgewerkt
    if not _migraties_bijgewerkt:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migraties_bijgewerkt = not plan
    return _migraties_bijgewerkt


def _cache() -> bool:
    sleutel = f"gereed:{secrets.token_hex(8)}"
    cache.set(sleutel, "1", 10)
    gelezen = bool(cache.get(sleutel) == "1")
    cache.delete(sleutel)
    return gelezen


def _redis() -> bool | None:
    """``None`` (not checked) unless jobs go to Celery over Redis."""
    url = str(settings.CELERY_BROKER_URL)
    if settings.TAKEN_UITVOERING != "celery" or not url.startswith(("redis://", "rediss://")):
        return None
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(client.ping())
    finally:
        client.close()


def _media() -> bool:
    root = Path(settings.MEDIA_ROOT)
    with tempfile.NamedTemporaryFile(dir=root, prefix=".gereed-") as bestand:
        bestand.write(b"1")
        bestand.flush()
    return True


CONTROLES: dict[str, Callable[[], bool | None]] = {
    "database": _database,
    "migraties": _migraties,
    "cache": _cache,
    "redis": _redis,
    "media": _media,
}

FOUTEN = {
    "database": "de database antwoordt niet",
    "migraties": "er zijn migraties die nog niet zijn uitgevoerd",
    "cache": "de cache antwoordt niet",
    "redis": "Redis (de wachtrij van Celery) antwoordt niet",
    "media": "de mediamap is niet schrijfbaar",
}


def controles_uitvoeren() -> dict[str, str]:
    """Every check as ``ok``, ``overgeslagen`` or its fixed failure text."""
    uitkomst: dict[str, str] = {}
    for naam, controle in CONTROLES.items():
        try:
            resultaat = controle()
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            # Only the class name: the message may hold a URL with a password, or data.
            logger.warning("Gereedheidscontrole %s mislukt: %s", naam, type(error).__name__)
            resultaat = False
        if resultaat is None:
            uitkomst[naam] = "overgeslagen"
        else:
            uitkomst[naam] = "ok" if resultaat else FOUTEN[naam]
    return uitkomst


@require_GET
@never_cache
@public
def gezond(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
@public
def gereed(request: HttpRequest) -> HttpResponse:
    """Readiness: 200 when every check passes, else 503 with the failing checks."""
    controles = controles_uitvoeren()
    goed = all(v in ("ok", "overgeslagen") for v in controles.values())
    return JsonResponse(
        {"status": "ok" if goed else "niet gereed", "controles": controles},
        status=200 if goed else 503,
    )
