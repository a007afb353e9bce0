"""The recovery screens with real crypto: the coordinator makes a 2-of-3 recovery key, a
handler loses the key (password reset), the coordinator asks for recovery, two custodians
contribute (one is not enough), the handler completes and opens the vault again. Outsiders
(a non-custodian, the user of another request, a coordinator of FIN) get 404; a request can
be withdrawn; without the key in the session the page asks to log in again."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.kluis import services
from integriteit.kluis.models import (
    HerstelBijdrage,
    Herstelsleutel,
    Herstelverzoek,
    HerstelverzoekStatus,
    Kluis,
    KluisDoel,
)
from integriteit.kluis.services import GeenToegang
from integriteit.meldingen.tests.helpers import login_met_sleutel

MARKER = b"HERSTEL-geheim-4412"
HERSTEL = reverse("kluis:herstel")


@dataclass
class Team:
    coordinator: Gebruiker
    bewaarders: list[Gebruiker]
    behandelaar: Gebruiker
    fin: Gebruiker  # coordinator of FIN


def _met_sleutel(gebruiker: Gebruiker) -> Gebruiker:
    services.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)
    return gebruiker


@pytest.fixture
def team(world: World, make_user: MakeUser) -> Team:
    return Team(
        coordinator=_met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)),
        bewaarders=[
            _met_sleutel(make_user(Rol.BEVOEGD_GEZAG, world.ocw, first_name="Bea")),
            _met_sleutel(make_user(Rol.VERTROUWENSPERSOON, world.ocw_unit, first_name="Bram")),
            _met_sleutel(make_user(Rol.MEDEWERKER, world.ocw_unit, first_name="Bo")),
        ],
        behandelaar=_met_sleutel(make_user(Rol.MEDEWERKER, world.ocw_unit, first_name="Hans")),
        fin=_met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin)),
    )


def _client(gebruiker: Gebruiker) -> Client:
    return login_met_sleutel(Client(), gebruiker)


def _sleutel_maken(team: Team, world: World, drempel: int = 2) -> Herstelsleutel:
    response = _client(team.coordinator).post(
        reverse("kluis:herstelsleutel"),
        {
            "organisatie": world.ocw.code,
            "bewaarders": [b.pk for b in team.bewaarders],
            "drempel": str(drempel),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Herstelsleutel.objects.get(organisatie=world.ocw, actief=True)


def _kluis_en_verlies(team: Team, world: World, gebruiker: Gebruiker | None = None) -> Kluis:
    """A vault the user holds; then an administrator resets the password and the next log-in
    makes a new key (the reset here sets the same test password: the key is new all the
    same, as ``gebruikersleutel_maken`` is what the log-in calls)."""
    gebruiker = gebruiker or team.behandelaar
    kluis = services.kluis_maken(
        doel=KluisDoel.MELDING, organisatie=world.ocw_unit, gebruikers=[gebruiker]
    ).kluis
    services.gebruikersleutel_maken(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)
    return kluis


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined, no-any-return]


def _aanvragen(team: Team, gebruiker: Gebruiker, reden: str = "Wachtwoord vergeten") -> Client:
    client = _client(team.coordinator)
    response = client.post(
        reverse("kluis:herstel_aanvragen", args=[gebruiker.pk]), {f"g{gebruiker.pk}-reden": reden}
    )
    assert response.status_code == 302
    return client


def test_the_whole_recovery_through_the_screens(world: World, team: Team) -> None:
    sleutel = _sleutel_maken(team, world)
    assert (sleutel.drempel, sleutel.aantal) == (2, 3)
    kluis = _kluis_en_verlies(team, world)
    blob = services.inhoud_versleutelen(kluis, "omschrijving", MARKER)
    hans = team.behandelaar
    hans_client = _client(hans)
    assert "U kunt 1 kluis niet meer openen" in _text(hans_client.get(HERSTEL))

    # The coordinator sees the user with counts only, and must give a reason.
    coordinator = _client(team.coordinator)
    page = _text(coordinator.get(HERSTEL))
    assert "Gebruikers met verloren toegang" in page and "Herstel aanvragen (1 kluis)" in page
    assert "Bea" in page  # the custodians of the active key by name
    url = reverse("kluis:herstel_aanvragen", args=[hans.pk])
    response = coordinator.post(url, {f"g{hans.pk}-reden": "  "})
    assert response.status_code == 200
    assert "Geef de reden van het herstel." in _text(response)
    assert not Herstelverzoek.objects.exists()
    response = coordinator.post(url, {f"g{hans.pk}-reden": "Wachtwoord vergeten"}, follow=True)
    assert "Herstel aangevraagd voor" in _text(response)
    verzoek = Herstelverzoek.objects.get()
    assert list(verzoek.kluizen.all()) == [kluis] and verzoek.gebruiker == hans

    # One custodian: not enough.
    b0, b1, b2 = (_client(b) for b in team.bewaarders)
    page = _text(b0.get(HERSTEL))
    assert (
        "Wachtwoord vergeten" in page and "0 van 2 delen" in page and "Mijn deel bijdragen" in page
    )
    bijdragen = reverse("kluis:herstel_bijdragen", args=[verzoek.pk])
    assert "Uw deel is bijgedragen" in _text(b0.post(bijdragen, follow=True))
    assert "uw deel is bijgedragen" in _text(b0.get(HERSTEL))
    uitvoeren = reverse("kluis:herstel_uitvoeren", args=[verzoek.pk])
    assert "1 van de 2" in _text(hans_client.post(uitvoeren, follow=True))
    with pytest.raises(GeenToegang):
        services.kluis_openen(kluis=kluis, gebruiker=hans, private=_sleutel(hans))

    # Outsiders: not a custodian, the user of another request, a coordinator of FIN.
    assert coordinator.post(bijdragen).status_code == 404
    assert b0.post(uitvoeren).status_code == 404
    fin = _client(team.fin)
    assert fin.post(reverse("kluis:herstel_intrekken", args=[verzoek.pk])).status_code == 404
    assert fin.post(url, {f"g{hans.pk}-reden": "x"}).status_code == 404
    assert "Hans" not in _text(fin.get(HERSTEL))

    # The second share: the user completes.
    b1.post(bijdragen)
    page = _text(hans_client.get(HERSTEL))
    assert "2 van 2 delen" in page and "Toegang herstellen" in page
    assert "uw deel is niet meer nodig" in _text(b2.get(HERSTEL))
    assert "1 kluis hersteld." in _text(hans_client.post(uitvoeren, follow=True))
    private = services.kluis_openen(kluis=kluis, gebruiker=hans, private=_sleutel(hans))
    assert services.inhoud_ontsleutelen(kluis, private, "omschrijving", blob) == MARKER
    verzoek.refresh_from_db()
    assert verzoek.status == HerstelverzoekStatus.UITGEVOERD
    assert "kluis niet meer openen" not in _text(hans_client.get(HERSTEL))
    assert "Niemand in uw organisatie heeft toegang verloren." in _text(coordinator.get(HERSTEL))


def _sleutel(gebruiker: Gebruiker) -> bytes:
    return services.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)


def test_m_minus_one_shares_never_suffice(world: World, team: Team) -> None:
    _sleutel_maken(team, world, drempel=3)
    kluis = _kluis_en_verlies(team, world)
    _aanvragen(team, team.behandelaar)
    verzoek = Herstelverzoek.objects.get()
    for bewaarder in team.bewaarders[:2]:
        _client(bewaarder).post(reverse("kluis:herstel_bijdragen", args=[verzoek.pk]))
    hans = _client(team.behandelaar)
    response = hans.post(reverse("kluis:herstel_uitvoeren", args=[verzoek.pk]), follow=True)
    assert "2 van de 3" in _text(response)
    assert not services.heeft_toegang(kluis=kluis, gebruiker=team.behandelaar)
    assert Herstelverzoek.objects.get().status == HerstelverzoekStatus.OPEN


def test_the_coordinator_withdraws_an_open_request(world: World, team: Team) -> None:
    _sleutel_maken(team, world)
    _kluis_en_verlies(team, world)
    coordinator = _aanvragen(team, team.behandelaar)
    verzoek = Herstelverzoek.objects.get()
    bijdragen = reverse("kluis:herstel_bijdragen", args=[verzoek.pk])
    _client(team.bewaarders[0]).post(bijdragen)
    assert "Intrekken" in _text(coordinator.get(HERSTEL))
    aanvragen = reverse("kluis:herstel_aanvragen", args=[team.behandelaar.pk])
    response = coordinator.post(aanvragen, {f"g{team.behandelaar.pk}-reden": "x"}, follow=True)
    assert "niets (meer) te herstellen" in _text(response)  # already in an open request
    assert Herstelverzoek.objects.count() == 1

    response = coordinator.post(reverse("kluis:herstel_intrekken", args=[verzoek.pk]), follow=True)
    assert "is ingetrokken" in _text(response)
    verzoek.refresh_from_db()
    assert verzoek.status == HerstelverzoekStatus.INGETROKKEN
    assert not HerstelBijdrage.objects.exists(), "contributed shares go with the request"
    event = AuditEvent.objects.get(action="kluis.herstel_ingetrokken")
    assert event.details == {"verzoek": verzoek.pk, "bijdragen": 1}

    response = _client(team.bewaarders[1]).post(bijdragen, follow=True)
    assert "niet meer open" in _text(response)
    response = _client(team.behandelaar).post(
        reverse("kluis:herstel_uitvoeren", args=[verzoek.pk]), follow=True
    )
    assert "kunt u niet voltooien" in _text(response)
    # Withdrawn: the vault can be asked for again.
    assert "Herstel aanvragen (1 kluis)" in _text(coordinator.get(HERSTEL))


def test_without_the_key_in_the_session_the_page_asks_to_log_in_again(
    world: World, team: Team
) -> None:
    _sleutel_maken(team, world)
    _kluis_en_verlies(team, world)
    _aanvragen(team, team.behandelaar)
    verzoek = Herstelverzoek.objects.get()
    client = login_verified(Client(), team.bewaarders[0])  # logged in, no key
    assert "Uw sleutel is niet beschikbaar" in _text(client.get(HERSTEL))
    response = client.post(reverse("kluis:herstel_bijdragen", args=[verzoek.pk]), follow=True)
    assert "log opnieuw in met uw wachtwoord" in _text(response)
    assert not HerstelBijdrage.objects.exists()


def test_a_custodian_sees_a_request_for_themselves_plainly(world: World, team: Team) -> None:
    _sleutel_maken(team, world)
    bea = team.bewaarders[0]
    _kluis_en_verlies(team, world, gebruiker=bea)
    _aanvragen(team, bea)
    page = _text(_client(bea).get(HERSTEL))
    assert "voor uzelf" in page and "Mijn deel bijdragen" in page


def test_new_recovery_key_form_checks_custodians_and_threshold(
    world: World, team: Team, make_user: MakeUser
) -> None:
    zonder = make_user(Rol.MEDEWERKER, world.ocw_unit, first_name="Zara")  # never logged in
    client = _client(team.coordinator)
    url = reverse("kluis:herstelsleutel")
    page = _text(client.get(url))
    assert "Nog geen sleutel" in page and "Zara" in page
    assert f'value="{zonder.pk}"' not in page  # not offered as a custodian
    assert "De vorige sleutel" in page
    assert team.fin.username not in page  # another ministry's people are not offered

    ids = [b.pk for b in team.bewaarders]
    response = client.post(url, {"organisatie": "OCW", "bewaarders": ids, "drempel": "4"})
    assert response.status_code == 200
    assert response.context["form"].errors["drempel"] == [
        "De drempel moet tussen 2 en het aantal bewaarders (3) liggen."
    ]
    response = client.post(url, {"organisatie": "OCW", "bewaarders": ids[:1], "drempel": "2"})
    assert "Kies minstens twee bewaarders." in response.context["form"].errors["bewaarders"]
    response = client.post(url, {"organisatie": "FIN", "bewaarders": ids, "drempel": "2"})
    assert "organisatie" in response.context["form"].errors
    assert not Herstelsleutel.objects.exists()

    # A newer key replaces the active one; the older stays for the vaults sealed to it.
    eerste = _sleutel_maken(team, world)
    tweede = _sleutel_maken(team, world, drempel=3)
    eerste.refresh_from_db()
    assert not eerste.actief and tweede.actief
    assert AuditEvent.objects.filter(action="kluis.herstelsleutel_gemaakt").count() == 2


def test_lost_vaults_under_two_keys_give_one_request_per_key(world: World, team: Team) -> None:
    _sleutel_maken(team, world)
    oud = _kluis_en_verlies(team, world)
    _sleutel_maken(team, world, drempel=3)
    nieuw = services.kluis_maken(
        doel=KluisDoel.MELDING, organisatie=world.ocw, gebruikers=[team.behandelaar]
    ).kluis
    services.gebruikersleutel_maken(gebruiker=team.behandelaar, wachtwoord=TEST_PASSWORD)
    _aanvragen(team, team.behandelaar)
    verzoeken = {
        v.herstelsleutel.drempel: list(v.kluizen.all()) for v in Herstelverzoek.objects.all()
    }
    assert verzoeken == {2: [oud], 3: [nieuw]}


def test_other_users_see_only_what_applies(world: World, team: Team, make_user: MakeUser) -> None:
    page = _text(_client(team.behandelaar).get(HERSTEL))
    assert "Er is voor u niets te herstellen" in page
    assert 'id="beheer-titel"' not in page and 'id="bewaarder-titel"' not in page
    page = _text(_client(team.coordinator).get(HERSTEL))
    assert "heeft nog geen herstelsleutel" in page
    assert _client(team.behandelaar).get(reverse("kluis:herstelsleutel")).status_code == 403
