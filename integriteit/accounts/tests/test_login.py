"""Log-in with password and TOTP, set-up of the second factor, lockout, session expiry."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from integriteit.accounts.middleware import LOGIN_TIME_KEY
from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.accounts.totp import current_code
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World

LOGIN = reverse("accounts:login")
CODE = reverse("accounts:login_otp")


def _password(client: Client, username: str, password: str = TEST_PASSWORD) -> str:
    response = client.post(LOGIN, {"username": username, "password": password})
    return response["Location"] if response.status_code == 302 else ""


def _device(user: Gebruiker) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def _wrong_code(user: Gebruiker) -> str:
    return f"{(int(current_code(user)) + 1) % 1_000_000:06d}"


def test_password_then_code_logs_in(world: World, make_user: MakeUser, client: Client) -> None:
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, username="carla")
    _device(user)
    assert _password(client, "carla") == CODE
    assert "_auth_user_id" not in client.session, "na alleen het wachtwoord nog niet ingelogd"
    response = client.post(CODE, {"code": current_code(user)})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "Welkom" in home.content.decode()
    assert AuditEvent.objects.filter(action="inloggen.gelukt", object_id=str(user.pk)).exists()


def test_code_cannot_be_replayed(world: World, make_user: MakeUser, client: Client) -> None:
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, username="carla")
    _device(user)
    code = current_code(user)
    _password(client, "carla")
    client.post(CODE, {"code": code})
    other = Client()
    _password(other, "carla")
    response = other.post(CODE, {"code": code})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()


def test_employee_needs_no_second_factor(world: World, make_user: MakeUser, client: Client) -> None:
    make_user(Rol.MEDEWERKER, world.ocw, username="mila")
    assert _password(client, "mila") == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_first_login_sets_up_totp(world: World, make_user: MakeUser, client: Client) -> None:
    user = make_user(Rol.BEHEERDER, world.rijk, username="bram")
    assert _password(client, "bram") == reverse("accounts:otp_setup")
    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:otp_setup"), {"code": current_code(user)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_wrong_password_five_times_locks(world: World, make_user: MakeUser, client: Client) -> None:
    make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, username="carla")
    for _ in range(4):
        assert _password(client, "carla", "fout-wachtwoord") == ""
    assert _password(client, "carla", "fout-wachtwoord") == reverse("accounts:locked")
    # Even the right password is refused while locked.
    assert _password(client, "carla") == reverse("accounts:locked")
    assert AuditEvent.objects.filter(action="account.geblokkeerd").count() == 1


def test_wrong_code_five_times_locks(world: World, make_user: MakeUser, client: Client) -> None:
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, username="carla")
    _device(user)
    _password(client, "carla")
    for attempt in range(1, 5):
        response = client.post(CODE, {"code": _wrong_code(user)})
        assert response.status_code == 200
        assert f"Nog {5 - attempt} pogingen" in response.content.decode()
    response = client.post(CODE, {"code": _wrong_code(user)})
    assert response["Location"] == reverse("accounts:locked")
    user.refresh_from_db()
    assert user.is_locked
    assert _password(client, "carla") == reverse("accounts:locked")


def test_lock_expires(world: World, make_user: MakeUser, client: Client) -> None:
    user = make_user(Rol.MEDEWERKER, world.ocw, username="mila")
    user.locked_until = timezone.now() - timedelta(seconds=1)
    user.failed_login_count = 5
    user.save()
    assert _password(client, "mila") == reverse("home")
    user.refresh_from_db()
    assert user.failed_login_count == 0


def test_success_resets_the_failure_count(
    world: World, make_user: MakeUser, client: Client
) -> None:
    user = make_user(Rol.MEDEWERKER, world.ocw, username="mila")
    for _ in range(3):
        _password(client, "mila", "fout-wachtwoord")
    _password(client, "mila")
    user.refresh_from_db()
    assert user.failed_login_count == 0


def test_unknown_user_gets_the_same_message(db: None, client: Client) -> None:
    response = client.post(LOGIN, {"username": "niemand", "password": "x"})
    assert "Gebruikersnaam of wachtwoord is onjuist" in response.content.decode()
    event = AuditEvent.objects.get(action="inloggen.mislukt")
    assert "niemand" not in str(event.details)


def test_code_page_without_password_step_goes_back(db: None, client: Client) -> None:
    assert client.get(CODE)["Location"] == LOGIN


def test_next_parameter_is_followed_only_on_this_site(
    world: World, make_user: MakeUser, client: Client
) -> None:
    make_user(Rol.MEDEWERKER, world.ocw, username="mila")
    client.get(LOGIN, {"next": "https://evil.example/"})
    assert _password(client, "mila") == reverse("home")
    client.post(reverse("accounts:logout"))
    client.get(LOGIN, {"next": reverse("accounts:profiel")})
    assert _password(client, "mila") == reverse("accounts:profiel")


@pytest.mark.parametrize("age", [60, 11 * 60 * 60])
def test_session_has_an_absolute_lifetime(
    age: int, world: World, make_user: MakeUser, client: Client
) -> None:
    make_user(Rol.MEDEWERKER, world.ocw, username="mila")
    _password(client, "mila")
    session = client.session
    session[LOGIN_TIME_KEY] = time.time() - age
    session.save()
    status = client.get(reverse("home")).status_code
    assert status == (200 if age == 60 else 302)


def test_logout(world: World, make_user: MakeUser, client: Client) -> None:
    make_user(Rol.MEDEWERKER, world.ocw, username="mila")
    _password(client, "mila")
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302
