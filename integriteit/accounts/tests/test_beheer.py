"""User administration by a `beheerder`, limited to the beheerder's own part of the tree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.selectors import needs_otp, scope_for
from integriteit.accounts.tests.factories import GebruikerFactory
from integriteit.common.models import AuditEvent
from integriteit.common.permissions import Capability
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World

Login = Callable[[Client, Gebruiker], Client]


def test_create_user_and_grant_role(
    world: World, make_user: MakeUser, client: Client, login: Login
) -> None:
    beheerder = make_user(Rol.BEHEERDER, world.ocw)
    login(client, beheerder)
    response = client.post(
        reverse("accounts:gebruiker_create"),
        {
            "username": "nieuw",
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": "",
            "password": "lang-genoeg-wachtwoord-42",
        },
    )
    nieuw = Gebruiker.objects.get(username="nieuw")
    assert response["Location"] == reverse("accounts:gebruiker_detail", args=[nieuw.pk])
    response = client.post(
        reverse("accounts:gebruiker_detail", args=[nieuw.pk]),
        {"organisatie": world.ocw_unit.pk, "rol": Rol.LEIDINGGEVENDE, "recursief": "on"},
    )
    assert response.status_code == 302
    lid = Lidmaatschap.objects.get(gebruiker=nieuw)
    assert (lid.organisatie, lid.rol) == (world.ocw_unit, Rol.LEIDINGGEVENDE)
    assert AuditEvent.objects.filter(
        action="lidmaatschap.toegekend", object_id=str(nieuw.pk)
    ).exists()


def test_weak_password_is_refused_with_field_error(
    world: World, make_user: MakeUser, client: Client, login: Login
) -> None:
    login(client, make_user(Rol.BEHEERDER, world.ocw))
    response = client.post(
        reverse("accounts:gebruiker_create"), {"username": "zwak", "password": "12345"}
    )
    assert response.status_code == 200
    assert not Gebruiker.objects.filter(username="zwak").exists()
    assert "te kort" in response.content.decode() or "too short" in response.content.decode()


def test_cannot_grant_role_outside_own_scope(
    world: World, make_user: MakeUser, client: Client, login: Login
) -> None:
    login(client, make_user(Rol.BEHEERDER, world.ocw))
    nieuw = GebruikerFactory.create()
    response = client.post(
        reverse("accounts:gebruiker_detail", args=[nieuw.pk]),
        {"organisatie": world.fin.pk, "rol": Rol.INTEGRITEITSCOORDINATOR},
    )
    assert response.status_code == 200
    assert not Lidmaatschap.objects.filter(gebruiker=nieuw).exists()


def test_user_list_shows_only_users_in_scope(
    world: World,
    make_user: MakeUser,
    client: Client,
    login: Login,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    login(client, make_user(Rol.BEHEERDER, world.ocw, username="beheer.ocw"))
    make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw_unit, username="in.ocw")
    make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin, username="in.fin")
    for n in range(5):
        make_user(Rol.MEDEWERKER, world.ocw_unit, username=f"extra{n}")
    with django_assert_max_num_queries(12):
        body = client.get(reverse("accounts:gebruiker_list")).content.decode()
    assert "in.ocw" in body
    assert "in.fin" not in body


def test_revoke_and_unlock(world: World, make_user: MakeUser, client: Client, login: Login) -> None:
    login(client, make_user(Rol.BEHEERDER, world.ocw))
    target = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw_unit)
    target.locked_until = timezone.now() + timedelta(minutes=10)
    target.save()
    client.post(reverse("accounts:gebruiker_unlock", args=[target.pk]))
    target.refresh_from_db()
    assert not target.is_locked
    lid = target.lidmaatschappen.get()
    client.post(reverse("accounts:lidmaatschap_revoke", args=[lid.pk]))
    assert not Lidmaatschap.objects.actief().filter(pk=lid.pk).exists()
    assert scope_for(
        gebruiker=Gebruiker.objects.get(pk=target.pk), capability=Capability.START
    ).is_empty


def test_needs_otp_rules(world: World, make_user: MakeUser) -> None:
    assert not needs_otp(make_user(Rol.MEDEWERKER, world.ocw))
    assert needs_otp(make_user(Rol.LEIDINGGEVENDE, world.ocw))
    assert needs_otp(GebruikerFactory.create()), "zonder rol: veilig kant kiezen"


def test_non_recursive_membership_covers_one_node(world: World, make_user: MakeUser) -> None:
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, recursief=False)
    scope = scope_for(gebruiker=user, capability=Capability.ORGANISATIE_BEKIJKEN)
    assert scope.covers(pad=world.ocw.pad, node_id=world.ocw.pk)
    assert not scope.covers(pad=world.ocw_unit.pad, node_id=world.ocw_unit.pk)
