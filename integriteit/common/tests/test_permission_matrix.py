"""Permission tests generated from the role × capability matrix (ADR 0005).

For every URL in the project and every role, a user holding only that role on OCW requests
the view: with the capability it must get through; without, 403. For views on an object,
the same request for an object of FIN (outside the user's scope) must give 404 for every
role. A view without a declared capability fails :func:`test_every_view_is_in_the_matrix`.
To add a view with URL parameters, add how to fill them to ``OBJECT_KWARGS``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from integriteit.accounts.middleware import LOGIN_TIME_KEY
from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.tests.factories import GebruikerFactory, LidmaatschapFactory
from integriteit.common.permissions import (
    CONTENT_CAPABILITIES,
    FINDING_CAPABILITIES,
    MATRIX,
    NO_CONTENT_ROLES,
    Capability,
    role_has,
)
from integriteit.common.roles import Rol
from integriteit.conftest import World, login_verified
from integriteit.organisaties.models import Organisatie


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


URLS: dict[str, URLPattern] = dict(_walk(get_resolver().url_patterns))
PROTECTED = {name: p for name, p in URLS.items() if getattr(p.callback, "capability", None)}
PUBLIC = {name: p for name, p in URLS.items() if getattr(p.callback, "is_public", False)}
#: REST API endpoints (app api): Bearer token instead of a session, 401 instead of a redirect.
API = {name: p for name, p in PROTECTED.items() if getattr(p.callback, "is_api", False)}
PAGES = {name: p for name, p in PROTECTED.items() if name not in API}

Side = str  # "eigen" (OCW, in scope) or "ander" (FIN, out of scope)


def _org(world: World, side: Side) -> Organisatie:
    return world.ocw_unit if side == "eigen" else world.fin_unit


def _other_user(world: World, side: Side) -> Gebruiker:
    lid: Lidmaatschap = LidmaatschapFactory.create(
        organisatie=_org(world, side), rol=Rol.MEDEWERKER, gebruiker=GebruikerFactory.create()
    )
    return lid.gebruiker


def _lidmaatschap(world: World, side: Side) -> Lidmaatschap:
    return LidmaatschapFactory.create(organisatie=_org(world, side), rol=Rol.MEDEWERKER)


OBJECT_KWARGS: dict[str, Callable[[World, Side], dict[str, Any]]] = {
    "organisaties:detail": lambda w, s: {"code": _org(w, s).code},
    "organisaties:create": lambda w, s: {"code": _org(w, s).code},
    "organisaties:edit": lambda w, s: {"code": _org(w, s).code},
    "accounts:gebruiker_detail": lambda w, s: {"pk": _other_user(w, s).pk},
    "accounts:gebruiker_unlock": lambda w, s: {"pk": _other_user(w, s).pk},
    "accounts:gebruiker_totp_reset": lambda w, s: {"pk": _other_user(w, s).pk},
    "accounts:lidmaatschap_revoke": lambda w, s: {"pk": _lidmaatschap(w, s).pk},
}


def _app_kwargs() -> tuple[dict[str, Callable[[World, Side], dict[str, Any]]], frozenset[str]]:
    """Apps declare how to fill their views' URL parameters in tests/permission_kwargs.py."""
    import importlib
    import importlib.util

    extra: dict[str, Callable[[World, Side], dict[str, Any]]] = {}
    not_scoped: set[str] = set()
    for app in (
        "normenkader",
        "medewerkersonderzoek",
        "taken",
        "meldingen",
        "kluis",
        "onderzoeken",
        "vertrouwenspersonen",
        "risicos",
        "beleid",
        "rapportages",
        "api",
    ):
        name = f"integriteit.{app}.tests.permission_kwargs"
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        extra.update(module.OBJECT_KWARGS)
        not_scoped |= set(getattr(module, "NOT_SCOPED", ()))
    return extra, frozenset(not_scoped)


_EXTRA, NOT_SCOPED = _app_kwargs()
OBJECT_KWARGS.update(_EXTRA)

DENIED = {403, 404}


def _request(client: Client, url: str) -> int:
    """GET the view; a POST-only view (405) is then tried with POST and no data."""
    status = client.get(url).status_code
    if status == 405:
        status = client.post(url).status_code
    return status


def _url(name: str, world: World, side: Side) -> str:
    pattern = URLS[name]
    if not pattern.pattern.converters:
        return reverse(name)
    return reverse(name, kwargs=OBJECT_KWARGS[name](world, side))


def test_every_view_is_in_the_matrix() -> None:
    undeclared = sorted(set(URLS) - set(PROTECTED) - set(PUBLIC))
    assert not undeclared, f"Views zonder @requires of @public: {undeclared}"


def test_every_view_with_parameters_has_object_kwargs() -> None:
    missing = sorted(
        n for n, p in PROTECTED.items() if p.pattern.converters and n not in OBJECT_KWARGS
    )
    assert not missing, f"Voeg OBJECT_KWARGS toe voor: {missing}"


@pytest.mark.parametrize("rol", NO_CONTENT_ROLES)
def test_no_content_roles_hold_no_content_capability(rol: Rol) -> None:
    assert not (MATRIX[rol] & CONTENT_CAPABILITIES)


def test_administrator_sees_no_findings() -> None:
    """Issue 3: the beheerder loads frameworks but sees no findings."""
    assert not (MATRIX[Rol.BEHEERDER] & FINDING_CAPABILITIES)
    assert Capability.NORMENKADER_BEHEREN in MATRIX[Rol.BEHEERDER]


def test_every_role_is_in_the_matrix() -> None:
    assert set(MATRIX) == set(Rol)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("rol", list(Rol))
def test_role_view(name: str, rol: Rol, world: World, client: Client) -> None:
    user = GebruikerFactory.create(username=f"test.{rol}")
    LidmaatschapFactory.create(gebruiker=user, organisatie=world.ocw, rol=rol, recursief=True)
    login_verified(client, user)
    capability: Capability = PROTECTED[name].callback.capability  # type: ignore[attr-defined]
    status = _request(client, _url(name, world, "eigen"))
    if role_has(rol, capability):
        assert status not in DENIED, f"{rol} hoort {name} te mogen gebruiken (kreeg {status})"
    else:
        assert status == 403, f"{rol} mag {name} niet gebruiken (kreeg {status})"


@pytest.mark.parametrize(
    "name", sorted(n for n in PAGES if n in OBJECT_KWARGS and n not in NOT_SCOPED)
)
@pytest.mark.parametrize("rol", list(Rol))
def test_role_view_outside_scope(name: str, rol: Rol, world: World, client: Client) -> None:
    """An OCW user never reaches an object of FIN, whatever the role."""
    user = GebruikerFactory.create(username=f"test.{rol}")
    LidmaatschapFactory.create(gebruiker=user, organisatie=world.ocw, rol=rol, recursief=True)
    login_verified(client, user)
    status = _request(client, _url(name, world, "ander"))
    assert status in DENIED, f"{rol} van OCW bereikte {name} van FIN (status {status})"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_is_sent_to_login(name: str, world: World, client: Client) -> None:
    response = client.get(_url(name, world, "eigen"))
    if response.status_code == 405:
        response = client.post(_url(name, world, "eigen"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_view_open_without_account(name: str, world: World, client: Client) -> None:
    status = _request(client, _url(name, world, "eigen"))
    assert status not in DENIED | {500}


def test_unverified_second_factor_is_refused(world: World, client: Client) -> None:
    """Logged in by password alone, a coordinator is sent back to log in, not let through."""
    user = GebruikerFactory.create(username="half.ingelogd")
    LidmaatschapFactory.create(
        gebruiker=user, organisatie=world.ocw, rol=Rol.INTEGRITEITSCOORDINATOR
    )
    client.force_login(user)
    session = client.session
    session[LOGIN_TIME_KEY] = time.time()  # a live session: only the second factor is missing
    session.save()
    response = client.get(reverse("organisaties:tree"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- the REST API (app api): the same matrix, with a Bearer token ----------------------------


def _api_user(world: World, rol: Rol) -> Gebruiker:
    from django.core.cache import cache

    cache.clear()  # throttle counters: user ids repeat across rolled-back tests
    user = GebruikerFactory.create(username=f"test.{rol}")
    LidmaatschapFactory.create(gebruiker=user, organisatie=world.ocw, rol=rol, recursief=True)
    return user


@pytest.mark.parametrize("name", sorted(API))
@pytest.mark.parametrize("rol", list(Rol))
def test_api_role_view(name: str, rol: Rol, world: World) -> None:
    from integriteit.api.tests.helpers import api_client, api_request

    client = api_client(_api_user(world, rol))
    capability: Capability = API[name].callback.capability  # type: ignore[attr-defined]
    status = api_request(client, name, _url(name, world, "eigen"))
    if role_has(rol, capability) and role_has(rol, Capability.API_TOKENS):
        assert status not in {401, 403}, f"{rol} hoort {name} te mogen gebruiken (kreeg {status})"
    else:
        assert status == 403, f"{rol} mag {name} niet gebruiken (kreeg {status})"


@pytest.mark.parametrize(
    "name", sorted(n for n in API if n in OBJECT_KWARGS and n not in NOT_SCOPED)
)
@pytest.mark.parametrize("rol", list(Rol))
def test_api_role_view_outside_scope(name: str, rol: Rol, world: World) -> None:
    """An OCW user's token never reaches an object of FIN: 404 with the capability."""
    from integriteit.api.tests.helpers import api_client, api_request

    client = api_client(_api_user(world, rol))
    capability: Capability = API[name].callback.capability  # type: ignore[attr-defined]
    status = api_request(client, name, _url(name, world, "ander"))
    expected = 404 if role_has(rol, capability) and role_has(rol, Capability.API_TOKENS) else 403
    assert status == expected, f"{rol} van OCW bij {name} van FIN: {status}"


@pytest.mark.parametrize("name", sorted(API))
def test_api_without_token_is_401(name: str, world: World) -> None:
    from integriteit.api.tests.helpers import api_client, api_request

    assert api_request(api_client(), name, _url(name, world, "eigen")) == 401
