"""The reporting procedure's settings page: the legal maxima refused with a message naming the
field, a custodian without a key refused, nothing half-saved, the audit event names the
changed fields only, deadlines apply to new reports only, scope per organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.kluis import services as kluis
from integriteit.meldingen import services
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import Meldregeling

URL = reverse("meldingen:regeling")


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> Gebruiker:
    return make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)


def _met_sleutel(gebruiker: Gebruiker) -> Gebruiker:
    kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)
    return gebruiker


def _data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "bevestiging_dagen": "5",
        "terugkoppeling_maanden": "2",
        "werkdagen": "on",
        "waarschuwen_dagen": "1",
        "toelichting": "Bel de vertrouwenspersoon: 070-0000000.",
        "identiteitsbewaarder": "",
    }
    data.update(extra)
    return data


def _events() -> int:
    return AuditEvent.objects.filter(action="meldregeling.gewijzigd").count()


def test_page_explains_itself(world: World, coordinator: Gebruiker, client: Client) -> None:
    login_verified(client, coordinator)
    html = client.get(URL).content.decode()
    assert "Wijzigingen gelden voor nieuwe meldingen" in html
    assert "blijven verzegeld voor de vorige bewaarder" in html
    assert 'name="bevestiging_dagen"' in html and 'value="7"' in html  # the legal default
    assert not Meldregeling.objects.filter(organisatie=world.ocw).exists()  # GET writes nothing


def test_eight_days_is_refused_naming_the_field_and_nothing_is_saved(
    world: World, coordinator: Gebruiker, client: Client
) -> None:
    login_verified(client, coordinator)
    response = client.post(URL, _data(bevestiging_dagen="8", terugkoppeling_maanden="4"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ontvangstbevestiging binnen (dagen): kies 1 tot en met 7" in html
    assert "Terugkoppeling binnen (maanden): kies 1 tot en met 3" in html
    regeling = Meldregeling.objects.filter(organisatie=world.ocw).first()
    assert regeling is None or (regeling.bevestiging_dagen, regeling.toelichting) == (7, "")
    assert _events() == 0


def test_custodian_without_a_key_is_refused(
    world: World, coordinator: Gebruiker, make_user: MakeUser, client: Client
) -> None:
    zonder = make_user(Rol.VERTROUWENSPERSOON, world.ocw)
    login_verified(client, coordinator)
    html = client.post(URL, _data(identiteitsbewaarder=str(zonder.pk))).content.decode()
    assert "heeft nog geen sleutel: eerst eenmaal inloggen" in html
    regeling = Meldregeling.objects.filter(organisatie=world.ocw).first()
    assert regeling is None or (regeling.identiteitsbewaarder, regeling.toelichting) == (None, "")
    assert _events() == 0


def test_custodian_from_another_organisation_is_refused(
    world: World, coordinator: Gebruiker, make_user: MakeUser, client: Client
) -> None:
    fin = _met_sleutel(make_user(Rol.VERTROUWENSPERSOON, world.fin))
    login_verified(client, coordinator)
    response = client.post(URL, _data(identiteitsbewaarder=str(fin.pk)))
    assert response.status_code == 200
    assert response.context["form"].errors["identiteitsbewaarder"]
    assert _events() == 0


def test_valid_change_is_saved_and_audited_by_field_name(
    world: World, coordinator: Gebruiker, make_user: MakeUser, client: Client
) -> None:
    bewaarder = _met_sleutel(make_user(Rol.VERTROUWENSPERSOON, world.ocw_unit))
    oud = services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat="x"),
        )
    ).melding
    login_verified(client, coordinator)
    data = _data(identiteitsbewaarder=str(bewaarder.pk), werkdagen="")
    response = client.post(URL, data, follow=True)
    assert "gelden voor nieuwe meldingen" in response.content.decode()
    regeling = Meldregeling.objects.get(organisatie=world.ocw)
    assert (regeling.bevestiging_dagen, regeling.terugkoppeling_maanden) == (5, 2)
    assert not regeling.werkdagen and regeling.identiteitsbewaarder == bewaarder
    event = AuditEvent.objects.get(action="meldregeling.gewijzigd")
    assert event.actor_id == coordinator.pk
    assert sorted(event.details["velden"]) == sorted(
        [
            "bevestiging_dagen",
            "terugkoppeling_maanden",
            "waarschuwen_dagen",
            "toelichting",
            "identiteitsbewaarder",
        ]
    )
    assert "070" not in str(event.details)  # names of fields, never the text
    # Existing reports keep their deadlines; new ones use the new procedure.
    oud_voor = oud.bevestiging_uiterlijk
    oud.refresh_from_db()
    assert oud.bevestiging_uiterlijk == oud_voor
    nieuw = services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat="y"),
            ontvangen_op=oud.ontvangen_op,
        )
    ).melding
    assert nieuw.bevestiging_uiterlijk < oud.bevestiging_uiterlijk
    # Saving the same values again changes nothing and writes no event.
    client.post(URL, data)
    assert _events() == 1


def test_warns_when_the_custodian_handles_open_reports(
    world: World, make_user: MakeUser, client: Client
) -> None:
    coordinator = _met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat="x"),
        )
    )
    login_verified(client, coordinator)
    response = client.post(URL, _data(identiteitsbewaarder=str(coordinator.pk)), follow=True)
    html = response.content.decode()
    assert "behandelt ook 1 open melding" in html
    assert Meldregeling.objects.get(organisatie=world.ocw).identiteitsbewaarder == coordinator


def test_scope_per_organisation(
    world: World, coordinator: Gebruiker, make_user: MakeUser, client: Client
) -> None:
    login_verified(client, coordinator)
    assert client.get(URL + "?organisatie=FIN").status_code == 404
    assert client.post(URL + "?organisatie=FIN", _data()).status_code == 404
    assert not Meldregeling.objects.filter(organisatie=world.fin).exists()
    fin = make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin)
    login_verified(client, fin)
    html = client.get(URL).content.decode()
    assert world.fin.naam in html and world.ocw.naam not in html
    vp = make_user(Rol.VERTROUWENSPERSOON, world.ocw)
    login_verified(client, vp)
    assert client.get(URL).status_code == 403
