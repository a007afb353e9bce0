"""The demo world: idempotent, and every demo login works (with two-factor where required)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from integriteit.accounts.demo import DEMO_PASSWORD, DEMO_USERS, DemoUser, demo_load
from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.totp import current_code
from integriteit.common.audit import audit_verify
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.organisaties.models import Organisatie


@pytest.mark.django_db
def test_demo_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo")
    counts = (Organisatie.objects.count(), Gebruiker.objects.count(), Lidmaatschap.objects.count())
    events = AuditEvent.objects.count()
    call_command("demo")
    again = (Organisatie.objects.count(), Gebruiker.objects.count(), Lidmaatschap.objects.count())
    assert again == counts
    assert AuditEvent.objects.count() == events
    assert audit_verify().ok
    out = capsys.readouterr().out
    for spec in DEMO_USERS:
        assert spec.username in out
    assert DEMO_PASSWORD in out


@pytest.mark.django_db
def test_demo_tree_has_twelve_ministries_of_2023_with_headcounts() -> None:
    demo_load()
    ministeries = Organisatie.objects.filter(soort="ministerie").geldig_op(date(2023, 12, 31))
    assert sorted(m.code for m in ministeries) == sorted(
        ["AZ", "BZ", "BZK", "DEF", "EZK", "FIN", "IenW", "JenV", "LNV", "OCW", "SZW", "VWS"]
    )
    later = Organisatie.objects.filter(soort="ministerie").geldig_op(date(2025, 1, 1))
    assert {"EZ", "KGG"} <= {m.code for m in later}
    assert "EZK" not in {m.code for m in later}
    ocw = Organisatie.objects.get(code="OCW")
    units = Organisatie.objects.filter(soort="onderdeel", pad__startswith=ocw.pad)
    assert units.count() >= 4
    assert all(u.aantal_medewerkers for u in units)


@pytest.mark.django_db
@pytest.mark.parametrize("spec", DEMO_USERS, ids=lambda s: s.username)
def test_every_demo_login_works(spec: DemoUser, client: Client) -> None:
    demo_load()
    username = spec.username
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
    )
    user = Gebruiker.objects.get(username=username)
    if spec.rol == Rol.MEDEWERKER:
        assert response["Location"] == reverse("home")
    else:
        assert response["Location"] == reverse("accounts:login_otp")
        assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        response = client.post(reverse("accounts:login_otp"), {"code": current_code(user)})
        assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert str(Rol(spec.rol).label) in home.content.decode()


@pytest.mark.django_db
def test_totp_command_only_for_demo_users(capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management.base import CommandError

    demo_load()
    call_command("totp", "coordinator.ocw")
    code = capsys.readouterr().out.split()[0]
    assert code.isdigit() and len(code) == 6
    with pytest.raises(CommandError, match="geen demogebruiker"):
        call_command("totp", "iemand.anders")
