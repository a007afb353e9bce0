"""The vault with a real database: user keys through log-in and password change, vaults
sealed to their holders, grants only by a holder, crypto-shredding, and recovery m-of-n
after a lost password (m custodians restore, m - 1 do not; an administrator cannot)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD, GebruikerFactory
from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.kluis import crypto, herstel, services
from integriteit.kluis.models import GebruikerSleutel, Kluis, KluisDoel, KluisToegang
from integriteit.kluis.services import GeenToegang
from integriteit.kluis.sessie import COOKIE, SESSIE_SLEUTEL

MARKER = b"MARKER-7f3a vermoeden van belangenverstrengeling"


def _user(name: str) -> tuple[Gebruiker, bytes]:
    """A user with a key (as after a first log-in) and its private key."""
    user = GebruikerFactory.create(username=name)
    return user, services.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)


def test_first_use_makes_a_key_and_later_uses_open_the_same(db: None) -> None:
    user = GebruikerFactory.create(username="a")
    first = services.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)
    again = services.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)
    assert first == again
    stored = GebruikerSleutel.objects.get(gebruiker=user)
    assert bytes(stored.publiek) == crypto.publiek_van(first)
    assert first not in bytes(stored.verpakt)


def test_vault_content_opens_for_holders_only(world: World) -> None:
    alice, alice_key = _user("alice")
    bob, bob_key = _user("bob")
    carol = GebruikerFactory.create(username="carol")  # never logged in: no key
    nieuw = services.kluis_maken(
        doel=KluisDoel.MELDING, organisatie=world.ocw, gebruikers=[alice, carol]
    )
    assert nieuw.zonder_sleutel == (carol.pk,) and not nieuw.herstelbaar
    blob = services.inhoud_versleutelen(nieuw.kluis, "omschrijving", MARKER)
    private = services.kluis_openen(kluis=nieuw.kluis, gebruiker=alice, private=alice_key)
    assert services.inhoud_ontsleutelen(nieuw.kluis, private, "omschrijving", blob) == MARKER
    with pytest.raises(GeenToegang):
        services.kluis_openen(kluis=nieuw.kluis, gebruiker=bob, private=bob_key)
    with pytest.raises(crypto.OntsleutelFout):  # bound to its field
        services.inhoud_ontsleutelen(nieuw.kluis, private, "naam", blob)


def test_only_a_holder_grants_and_it_is_audited(world: World) -> None:
    alice, alice_key = _user("alice")
    bob, bob_key = _user("bob")
    kluis = services.kluis_maken(
        doel=KluisDoel.MELDING, organisatie=world.ocw, gebruikers=[alice]
    ).kluis
    with pytest.raises(GeenToegang):
        services.toegang_verlenen(kluis=kluis, door=bob, door_private=bob_key, aan=bob)
    services.toegang_verlenen(kluis=kluis, door=alice, door_private=alice_key, aan=bob)
    assert services.heeft_toegang(kluis=kluis, gebruiker=bob)
    services.kluis_openen(kluis=kluis, gebruiker=bob, private=bob_key)
    event = AuditEvent.objects.get(action="kluis.toegang_verleend")
    assert event.details == {"aan": bob.pk} and event.object_id == str(kluis.pk)
    assert services.toegang_intrekken(kluis=kluis, door=alice, gebruiker=bob)
    assert not services.heeft_toegang(kluis=kluis, gebruiker=bob)


def test_crypto_shredding_leaves_no_sealed_key(world: World) -> None:
    alice, alice_key = _user("alice")
    melder = crypto.sleutelpaar_nieuw()
    kluis = services.kluis_maken(
        doel=KluisDoel.MELDING,
        organisatie=world.ocw,
        gebruikers=[alice],
        melder_publiek=melder.public,
    ).kluis
    assert services.kluis_openen_als_melder(kluis=kluis, melder_private=melder.private)
    assert (
        services.kluis_vernietigen(kluis=kluis, door=alice, reden="bewaartermijn verstreken") == 2
    )
    assert not KluisToegang.objects.filter(kluis=kluis).exists()
    with pytest.raises(GeenToegang):
        services.kluis_openen(kluis=kluis, gebruiker=alice, private=alice_key)
    with pytest.raises(GeenToegang):
        services.kluis_openen_als_melder(kluis=kluis, melder_private=melder.private)
    assert Kluis.objects.get(pk=kluis.pk).vernietigd_op is not None


@pytest.fixture
def bewaarders(world: World) -> list[tuple[Gebruiker, bytes]]:
    return [_user(f"bewaarder{i}") for i in range(3)]


def test_recovery_needs_m_custodians_and_the_user(
    world: World, bewaarders: list[tuple[Gebruiker, bytes]]
) -> None:
    coordinator, oud = _user("coordinator")
    beheerder, beheerder_key = _user("beheerder")
    sleutel = herstel.herstelsleutel_maken(
        organisatie=world.ocw, bewaarders=[b for b, _ in bewaarders], drempel=2, door=beheerder
    )
    nieuw = services.kluis_maken(
        doel=KluisDoel.MELDING, organisatie=world.ocw_unit, gebruikers=[coordinator]
    )
    assert nieuw.herstelbaar  # the unit's vault uses the ministry's recovery key
    blob = services.inhoud_versleutelen(nieuw.kluis, "omschrijving", MARKER)

    # The password is reset by an administrator: the next log-in makes a new key.
    coordinator.set_password("nieuw-wachtwoord-2026!")
    coordinator.save()
    nieuwe_sleutel = services.gebruikersleutel_openen(
        gebruiker=coordinator, wachtwoord="nieuw-wachtwoord-2026!"
    )
    assert nieuwe_sleutel != oud
    assert list(services.verloren_toegangen(gebruiker=coordinator)) != []
    assert not services.heeft_toegang(kluis=nieuw.kluis, gebruiker=coordinator)
    with pytest.raises(GeenToegang):
        services.kluis_openen(kluis=nieuw.kluis, gebruiker=coordinator, private=nieuwe_sleutel)

    verzoek = herstel.herstelverzoek_maken(
        herstelsleutel=sleutel,
        gebruiker=coordinator,
        kluizen=[nieuw.kluis],
        reden="Wachtwoord vergeten",
        door=beheerder,
    )
    (b0, k0), (b1, k1), _ = bewaarders
    herstel.herstel_bijdragen(verzoek=verzoek, bewaarder=b0, private=k0)
    with pytest.raises(ValidationError, match="1 van de 2"):  # m - 1 shares
        herstel.herstel_uitvoeren(verzoek=verzoek, gebruiker=coordinator, private=nieuwe_sleutel)
    with pytest.raises(GeenToegang):  # not a custodian
        herstel.herstel_bijdragen(verzoek=verzoek, bewaarder=beheerder, private=beheerder_key)
    herstel.herstel_bijdragen(verzoek=verzoek, bewaarder=b1, private=k1)
    with pytest.raises(GeenToegang):  # only the user of the request can combine
        herstel.herstel_uitvoeren(verzoek=verzoek, gebruiker=b0, private=k0)

    assert (
        herstel.herstel_uitvoeren(verzoek=verzoek, gebruiker=coordinator, private=nieuwe_sleutel)
        == 1
    )
    private = services.kluis_openen(
        kluis=nieuw.kluis, gebruiker=coordinator, private=nieuwe_sleutel
    )
    assert services.inhoud_ontsleutelen(nieuw.kluis, private, "omschrijving", blob) == MARKER
    assert not verzoek.bijdragen.exists(), "the contributed shares are not kept"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "kluis.herstelsleutel_gemaakt",
        "kluis.herstel_aangevraagd",
        "kluis.hersteld",
    } <= actions


def test_recovery_key_parameters_are_checked(
    world: World, bewaarders: list[tuple[Gebruiker, bytes]]
) -> None:
    users = [b for b, _ in bewaarders]
    with pytest.raises(ValidationError, match="drempel"):
        herstel.herstelsleutel_maken(organisatie=world.ocw, bewaarders=users, drempel=4, door=None)
    with pytest.raises(ValidationError, match="één keer"):
        herstel.herstelsleutel_maken(
            organisatie=world.ocw, bewaarders=[users[0], users[0]], drempel=2, door=None
        )
    zonder = GebruikerFactory.create(username="zonder")
    with pytest.raises(ValidationError, match="nog geen sleutel"):
        herstel.herstelsleutel_maken(
            organisatie=world.ocw, bewaarders=[*users, zonder], drempel=2, door=None
        )


def test_login_keeps_the_key_split_over_session_and_cookie(
    world: World, client: Client, make_user: Callable[..., Gebruiker]
) -> None:
    user = make_user("medewerker", world.ocw)  # no second factor needed for this role
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    blob = client.session[SESSIE_SLEUTEL]
    private = services.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)
    assert private.hex() not in blob and private.hex() not in cookie.value

    # Password change: the same key, wrapped anew.
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "een-heel-nieuw-wachtwoord-9",
            "new_password2": "een-heel-nieuw-wachtwoord-9",
        },
    )
    assert response.status_code == 302
    assert (
        services.gebruikersleutel_openen(gebruiker=user, wachtwoord="een-heel-nieuw-wachtwoord-9")
        == private
    )

    client.post(reverse("accounts:logout"))
    assert SESSIE_SLEUTEL not in client.session
