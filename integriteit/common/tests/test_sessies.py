"""A database outage while saving a session is a 503 with Retry-After, not a 400 (ADR 0022)."""

from __future__ import annotations

import sys

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.test import Client, RequestFactory

from integriteit.common import views
from integriteit.common.roles import Rol
from integriteit.common.sessies import SessionStore
from integriteit.conftest import MakeUser, World, login_verified


def _weg(*args: object, **kwargs: object) -> None:
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.django_db
def test_an_outage_is_raised_as_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    store = SessionStore()
    store["a"] = 1
    store.save()
    store["a"] = 2
    monkeypatch.setattr(Session, "save", _weg)
    with pytest.raises(OperationalError):
        store.save()


@pytest.mark.django_db
def test_a_session_deleted_meanwhile_stays_an_update_error() -> None:
    store = SessionStore()
    store["a"] = 1
    store.save()
    Session.objects.all().delete()
    store["a"] = 2
    with pytest.raises(UpdateError):
        store.save()


def test_the_error_page_says_temporarily_unavailable_for_an_outage(rf: RequestFactory) -> None:
    request = rf.get("/")
    try:
        raise OperationalError("verbinding weg")
    except OperationalError:
        assert sys.exc_info()[0] is OperationalError
        response = views.server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Tijdelijk niet beschikbaar" in response.content.decode()
    try:
        raise ValueError("iets anders")
    except ValueError:
        assert views.server_error(request).status_code == 500


@pytest.mark.django_db
def test_a_request_during_an_outage_gets_the_503(
    monkeypatch: pytest.MonkeyPatch, world: World, make_user: MakeUser
) -> None:
    """A logged-in page view writes the session (the idle timeout is kept in it): with the
    database gone at that moment the client hears 503, as the fault proof asks."""
    client = login_verified(Client(), make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    assert client.get("/").status_code == 200
    monkeypatch.setattr(Session, "save", _weg)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
