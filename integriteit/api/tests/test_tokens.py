"""API tokens: made on the page and shown once, stored only as a hash, revoked on the page;
and Bearer authentication, which applies the user's state *now* at every request (expired,
revoked, deactivated, locked → 401; roles changed → the new rights)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from integriteit.accounts.models import Lidmaatschap
from integriteit.api.models import ApiToken
from integriteit.api.tests.helpers import api_client, token_voor
from integriteit.api.tokens import token_hash
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified

IK = "/api/v1/ik/"


@pytest.fixture(autouse=True)
def _geen_tellers() -> None:
    cache.clear()


def test_page_shows_the_token_once_and_stores_only_its_hash(
    client: Client, world: World, make_user: MakeUser
) -> None:
    gebruiker = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    login_verified(client, gebruiker)
    response = client.post(reverse("api:tokens"), {"naam": "BI-dashboard", "geldig_dagen": 30})
    assert response.status_code == 200
    html = response.content.decode()
    token = re.search(r"<code class=\"igt-secret\" data-token>([^<]+)</code>", html)
    assert token is not None
    geheim = token.group(1)
    stored = ApiToken.objects.get(gebruiker=gebruiker)
    assert stored.naam == "BI-dashboard"
    assert stored.sleutel_hash == token_hash(geheim)
    assert geheim not in str(ApiToken.objects.values_list().get())  # only the hash is kept
    assert geheim.startswith(f"igt_{stored.prefix}_")
    assert timedelta(days=29) < stored.verloopt_op - stored.aangemaakt_op <= timedelta(days=30)
    assert response["Cache-Control"].startswith("max-age=0")
    # shown once: the list page afterwards has the prefix, never the token
    again = client.get(reverse("api:tokens")).content.decode()
    assert geheim not in again and f"igt_{stored.prefix}_" in again
    event = AuditEvent.objects.get(action="api.token_aangemaakt")
    assert event.actor_id == gebruiker.pk and geheim not in str(event.details)
    # and it works
    assert api_client(token=geheim).get(IK).json()["gebruiker"] == gebruiker.username


def test_bad_input_on_the_page_saves_nothing(
    client: Client, world: World, make_user: MakeUser
) -> None:
    login_verified(client, make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = client.post(reverse("api:tokens"), {"naam": "x", "geldig_dagen": 400})
    assert response.status_code == 200
    assert "365" in response.content.decode()
    response = client.post(reverse("api:tokens"), {"naam": "", "geldig_dagen": 10})
    assert "Geef het token een naam" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_own_token_only(client: Client, world: World, make_user: MakeUser) -> None:
    gebruiker = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    ander = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    geheim = token_voor(gebruiker)
    ander_token = token_voor(ander)
    login_verified(client, gebruiker)
    eigen = ApiToken.objects.get(gebruiker=gebruiker)
    niet_eigen = ApiToken.objects.get(gebruiker=ander)
    assert client.post(reverse("api:token_revoke", args=[niet_eigen.pk])).status_code == 404
    response = client.post(reverse("api:token_revoke", args=[eigen.pk]))
    assert response.status_code == 302
    eigen.refresh_from_db()
    assert eigen.is_ingetrokken
    assert AuditEvent.objects.filter(action="api.token_ingetrokken").count() == 1
    refused = api_client(token=geheim).get(IK)
    assert refused.status_code == 401 and "ingetrokken" in refused.json()["fout"]
    assert api_client(token=ander_token).get(IK).status_code == 200


def test_no_or_malformed_header_is_401_in_dutch(world: World, make_user: MakeUser) -> None:
    gebruiker = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    geheim = token_voor(gebruiker)
    response = api_client().get(IK)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.json()["fout"]
    for header in (f"Token {geheim}", "Bearer", f"Bearer {geheim} extra", "Bearer igt_0_x"):
        client = api_client()
        client.credentials(HTTP_AUTHORIZATION=header)
        response = client.get(IK)
        assert response.status_code == 401, header
        assert response.json()["fout"]
    # right prefix, wrong secret
    client = api_client(token=geheim[:-4] + ("AAAA" if not geheim.endswith("AAAA") else "BBBB"))
    assert client.get(IK).status_code == 401


def test_session_does_not_authenticate_the_api(
    client: Client, world: World, make_user: MakeUser
) -> None:
    """No session authentication on the API (ADR 0017): a logged-in browser gets 401."""
    login_verified(client, make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    assert client.get(IK).status_code == 401


def test_expired_token_is_refused(world: World, make_user: MakeUser) -> None:
    gebruiker = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    geheim = token_voor(gebruiker, geldig_dagen=1)
    ApiToken.objects.update(verloopt_op=timezone.now() - timedelta(seconds=1))
    response = api_client(token=geheim).get(IK)
    assert response.status_code == 401 and "verlopen" in response.json()["fout"]


def test_inactive_or_locked_user_is_refused(world: World, make_user: MakeUser) -> None:
    gebruiker = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    client = api_client(gebruiker)
    assert client.get(IK).status_code == 200
    gebruiker.locked_until = timezone.now() + timedelta(minutes=10)
    gebruiker.save()
    response = client.get(IK)
    assert response.status_code == 401 and "geblokkeerd" in response.json()["fout"]
    gebruiker.locked_until = None
    gebruiker.is_active = False
    gebruiker.save()
    response = client.get(IK)
    assert response.status_code == 401 and "gedeactiveerd" in response.json()["fout"]


def test_token_acts_with_the_roles_of_now(world: World, make_user: MakeUser) -> None:
    gebruiker = make_user(Rol.BEVOEGD_GEZAG, world.ocw)
    client = api_client(gebruiker)
    # competent authority: reads statistics, may not import responses
    assert client.get("/api/v1/meldingen/statistiek/").status_code == 200
    assert client.get(IK).json()["rollen"] == [Rol.BEVOEGD_GEZAG]
    # the role is revoked and another given: the same token now has the new rights
    Lidmaatschap.objects.filter(gebruiker=gebruiker).update(ingetrokken_op=timezone.now())
    Lidmaatschap.objects.create(gebruiker=gebruiker, organisatie=world.ocw, rol=Rol.AUDITOR)
    assert client.get(IK).json()["rollen"] == [Rol.AUDITOR]
    assert client.get("/api/v1/heatmap/").status_code != 403
    # no role that may use the API any more: authenticated, but refused
    Lidmaatschap.objects.filter(gebruiker=gebruiker).update(ingetrokken_op=timezone.now())
    Lidmaatschap.objects.create(gebruiker=gebruiker, organisatie=world.ocw, rol=Rol.MEDEWERKER)
    response = client.get(IK)
    assert response.status_code == 403 and response.json()["fout"]


def test_last_used_is_noted(world: World, make_user: MakeUser) -> None:
    gebruiker = make_user(Rol.AUDITOR, world.rijk)
    client = api_client(gebruiker)
    assert ApiToken.objects.get().laatst_gebruikt_op is None
    client.get(IK)
    assert ApiToken.objects.get().laatst_gebruikt_op is not None


def test_roles_without_api_tokens_do_not_get_the_page(
    client: Client, world: World, make_user: MakeUser
) -> None:
    for rol in (Rol.MEDEWERKER, Rol.LEIDINGGEVENDE, Rol.BEHEERDER, Rol.VERTROUWENSPERSOON):
        login_verified(client, make_user(rol, world.ocw))
        assert client.get(reverse("api:tokens")).status_code == 403
