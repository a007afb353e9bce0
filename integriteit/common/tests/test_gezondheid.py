"""``/gezond/`` and ``/gereed/``: cheap, public, cookie-free, and silent about secrets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError
from django.db.migrations.executor import MigrationExecutor
from django.test import Client, override_settings
from django.urls import reverse

from integriteit.common import gezondheid


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


@pytest.fixture(autouse=True)
def _vergeet_migratiestand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gezondheid, "_migraties_bijgewerkt", False)


def test_liveness_needs_nothing(client: Client) -> None:
    response = client.get(reverse("gezond"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_ok_in_a_few_queries(
    client: Client, media: Path, django_assert_max_num_queries: Any
) -> None:
    # SELECT 1, and the migration table (is it there, what was applied) on the first call...
    with django_assert_max_num_queries(3):
        response = client.get(reverse("gereed"))
    assert response.status_code == 200
    # ...after which this process knows the migrations are done: one query per probe.
    with django_assert_max_num_queries(1):
        assert client.get(reverse("gereed")).status_code == 200
    assert response.json() == {
        "status": "ok",
        "controles": {
            "database": "ok",
            "migraties": "ok",
            "cache": "ok",
            "redis": "overgeslagen",
            "media": "ok",
        },
    }
    assert not response.cookies
    assert list(media.iterdir()) == []  # the probe file is gone again


@pytest.mark.django_db
def test_readiness_refuses_post(client: Client) -> None:
    assert client.post(reverse("gereed")).status_code == 405


@pytest.mark.django_db
def test_media_not_writable_is_503_without_the_path(client: Client, tmp_path: Path) -> None:
    ontbreekt = tmp_path / "bestaat-niet"
    with override_settings(MEDIA_ROOT=ontbreekt):
        response = client.get(reverse("gereed"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "niet gereed"
    assert body["controles"]["media"] == "de mediamap is niet schrijfbaar"
    assert body["controles"]["database"] == "ok"
    assert str(tmp_path) not in response.content.decode()


@pytest.mark.django_db
def test_database_failure_shows_no_secret_and_no_trace(
    client: Client, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def kapot() -> bool:
        raise OperationalError('connection to "db.intern" failed: password "geheim123" rejected')

    monkeypatch.setitem(gezondheid.CONTROLES, "database", kapot)
    response = client.get(reverse("gereed"))
    assert response.status_code == 503
    tekst = response.content.decode()
    assert response.json()["controles"]["database"] == "de database antwoordt niet"
    for geheim in ("geheim123", "db.intern", "Traceback", "OperationalError"):
        assert geheim not in tekst


@pytest.mark.django_db
def test_unapplied_migrations_make_it_not_ready(
    client: Client, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)])
    response = client.get(reverse("gereed"))
    assert response.status_code == 503
    assert response.json()["controles"]["migraties"] == (
        "er zijn migraties die nog niet zijn uitgevoerd"
    )


@pytest.mark.django_db
def test_redis_is_checked_when_jobs_go_to_celery(client: Client, media: Path) -> None:
    # Port 1: nothing listens there, so the connection is refused at once.
    with override_settings(TAKEN_UITVOERING="celery", CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get(reverse("gereed"))
    assert response.status_code == 503
    assert response.json()["controles"]["redis"] == (
        "Redis (de wachtrij van Celery) antwoordt niet"
    )
