"""Security proof (issue 8): response headers, production's transport settings, and the
session and two-factor rules per role (ADR 0003)."""

from __future__ import annotations

import importlib
import sys
import time
from datetime import timedelta
from types import ModuleType
from typing import Any, cast

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from integriteit.accounts.middleware import LOGIN_TIME_KEY
from integriteit.accounts.tests.factories import GebruikerFactory
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified

# --- headers on every page -----------------------------------------------------------------


def _csp(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    richtlijnen: dict[str, list[str]] = {}
    for deel in str(header).split(";"):
        woorden = deel.split()
        if woorden:
            richtlijnen[woorden[0]] = woorden[1:]
    return richtlijnen


@pytest.mark.django_db
@pytest.mark.parametrize("ingelogd", [False, True])
def test_security_headers_on_a_page(
    ingelogd: bool, world: World, make_user: MakeUser, client: Client
) -> None:
    if ingelogd:
        login_verified(client, make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
        response = client.get(reverse("organisaties:tree"))
    else:
        response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    csp = _csp(response)
    for richtlijn in ("default-src", "script-src", "style-src"):
        assert csp[richtlijn] == ["'self'"], richtlijn
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # Plain HTTP in development: no HSTS (it would pin localhost to HTTPS).
    assert "Strict-Transport-Security" not in response


# --- production -----------------------------------------------------------------------------

PRODUCTIE_ENV = {
    "DATABASE_URL": "postgres://integriteit@db.example.nl:5432/integriteit",
    "SECRET_KEY": "test-" + "x" * 50,
    "REDIS_URL": "redis://redis.example.nl:6379/0",
}


def _productie(monkeypatch: pytest.MonkeyPatch, **env: str) -> ModuleType:
    for naam, waarde in {**PRODUCTIE_ENV, **env}.items():
        monkeypatch.setenv(naam, waarde)
    for naam in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "LOG_FORMAT", "CACHE_URL"):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.delitem(sys.modules, "integriteit.settings.production", raising=False)
    return importlib.import_module("integriteit.settings.production")


def test_production_settings_require_postgresql_and_a_shared_secret_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL"):
        _productie(monkeypatch, DATABASE_URL="")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        _productie(monkeypatch, SECRET_KEY="")
    actief = cast(dict[str, Any], settings.LOGGING)["handlers"]["console"]
    voor = dict(actief)
    prod = _productie(monkeypatch)
    assert prod.DEBUG is False
    assert prod.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert prod.CACHES["default"]["LOCATION"] == PRODUCTIE_ENV["REDIS_URL"]
    assert prod.TAKEN_UITVOERING == "celery"
    assert prod.MIDDLEWARE[0] == "integriteit.common.logging.VerzoekLogMiddleware"
    assert prod.LOGGING["handlers"]["console"]["formatter"] == "json"
    # Production's copies, not the shared dicts of base.py that other settings import.
    assert actief == voor
    assert prod.DATABASES is not settings.DATABASES


@pytest.mark.django_db
def test_hsts_https_redirect_and_secure_cookies_in_production(
    monkeypatch: pytest.MonkeyPatch, client: Client
) -> None:
    prod = _productie(monkeypatch)
    waarden = {
        naam: getattr(prod, naam)
        for naam in (
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_PROXY_SSL_HEADER",
            "SECURE_REDIRECT_EXEMPT",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
        )
    }
    with override_settings(**waarden):
        https = client.get(reverse("accounts:login"), HTTP_X_FORWARDED_PROTO="https")
        assert https.status_code == 200
        assert https["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert https.cookies[settings.CSRF_COOKIE_NAME]["secure"]
        http = client.get(reverse("accounts:login"))
        assert http.status_code == 301
        assert http["Location"].startswith("https://")
        # The orchestrator's probes inside the cluster speak plain HTTP.
        assert client.get(reverse("gezond")).status_code == 200


# --- two-factor and session lifetime per role -------------------------------------------------


def _alleen_wachtwoord(client: Client, gebruiker: object) -> None:
    """A session after the password step only: live, but no verified second factor."""
    client.force_login(gebruiker)  # type: ignore[arg-type]
    session = client.session
    session[LOGIN_TIME_KEY] = time.time()
    session.save()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", list(Rol))
def test_password_alone_reaches_a_protected_page_only_for_medewerker(
    rol: Rol, world: World, make_user: MakeUser, client: Client
) -> None:
    gebruiker = make_user(rol, world.ocw)
    _alleen_wachtwoord(client, gebruiker)
    response = client.get(reverse("home"))
    if rol == Rol.MEDEWERKER:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        # Sent back to the start: the half session is gone, not merely redirected.
        assert "_auth_user_id" not in client.session
    # With the second factor, every role gets in.
    login_verified(client, gebruiker)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_a_user_without_any_role_needs_the_second_factor(world: World, client: Client) -> None:
    _alleen_wachtwoord(client, GebruikerFactory.create())
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_absolute_session_limit_logs_out_an_active_verified_user(
    world: World, make_user: MakeUser, client: Client
) -> None:
    login_verified(client, make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[LOGIN_TIME_KEY] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_idle_timeout_is_renewed_per_request_and_ends_the_session(
    world: World, make_user: MakeUser, client: Client
) -> None:
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_SECONDS
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    login_verified(client, make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    assert client.get(reverse("home")).status_code == 200
    sleutel = client.cookies[settings.SESSION_COOKIE_NAME].value
    verloopt = Session.objects.get(session_key=sleutel).expire_date
    verwacht = timezone.now() + timedelta(seconds=settings.SESSION_IDLE_SECONDS)
    assert abs((verloopt - verwacht).total_seconds()) < 60
    # Idle longer than the limit: the stored session has expired, the user must log in again.
    Session.objects.filter(session_key=sleutel).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_session_without_login_time_is_not_trusted(
    world: World, make_user: MakeUser, client: Client
) -> None:
    """A session that lacks the log-in time (made before the rule, or forged) is ended."""
    login_verified(client, make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    session = client.session
    del session[LOGIN_TIME_KEY]
    session.save()
    assert client.get(reverse("home")).status_code == 302


def test_session_cookie_flags() -> None:
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"
