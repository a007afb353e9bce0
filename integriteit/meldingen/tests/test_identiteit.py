"""The reporter's identity: sealed to the identity custodian and never to the handlers; read
only by the custodian or after an approved, reasoned request (each read audited); requests
and decisions; the custodian's page; out-of-scope users reach nothing; the demo."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.kluis import services as kluis
from integriteit.kluis.models import Kluis
from integriteit.meldingen import identiteit, regeling, services
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import (
    Identiteitsverzoek,
    IdentiteitsverzoekStatus,
    Melding,
    Meldregeling,
)
from integriteit.meldingen.tests.helpers import login_met_sleutel

NAAM = "Jet Verborgen-4412"
CONTACT = "jet@voorbeeld.invalid"


@dataclass
class Team:
    coordinator: Gebruiker  # handler of OCW reports (holds the case vault)
    collega: Gebruiker  # a second coordinator of OCW
    bewaarder: Gebruiker  # OCW's identity custodian (confidential adviser)
    fin: Gebruiker  # coordinator of FIN


def _met_sleutel(gebruiker: Gebruiker) -> Gebruiker:
    kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)
    return gebruiker


def _bewaarder_instellen(world: World, bewaarder: Gebruiker | None, door: Gebruiker) -> None:
    huidig = regeling.RegelingGegevens.van(services.regeling_van(world.ocw))
    regeling.meldregeling_wijzigen(
        organisatie=world.ocw,
        acting_user=door,
        gegevens=replace(huidig, identiteitsbewaarder=bewaarder),
    )


@pytest.fixture
def team(world: World, make_user: MakeUser) -> Team:
    t = Team(
        coordinator=_met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)),
        collega=_met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)),
        bewaarder=_met_sleutel(make_user(Rol.VERTROUWENSPERSOON, world.ocw)),
        fin=_met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin)),
    )
    _bewaarder_instellen(world, t.bewaarder, t.coordinator)
    return t


def _melding(world: World, *, naam: str = NAAM) -> Melding:
    return services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat="Omschrijving"),
            identiteit=services.Identiteit(naam=naam, contact=CONTACT if naam else ""),
        )
    ).melding


def _ik(melding: Melding) -> Kluis:
    """The report's identity vault (there is one: the reporter gave a name)."""
    assert melding.identiteit_kluis is not None
    return melding.identiteit_kluis


def _inzien(client: Client, melding: Melding) -> tuple[int, str]:
    response = client.post(reverse("meldingen:identiteit_inzien", args=[melding.pk]))
    return response.status_code, response.content.decode()


def _gelezen() -> int:
    return AuditEvent.objects.filter(action="melding.identiteit_gelezen").count()


def _aanvragen(client: Client, melding: Melding, reden: str = "Nodig voor het gesprek") -> None:
    client.post(
        reverse("meldingen:identiteit_opvragen", args=[melding.pk]),
        {"identiteit-reden": reden},
    )


def _beslissen(client: Client, verzoek: Identiteitsverzoek, besluit: str, motivering: str) -> Any:
    return client.post(
        reverse("meldingen:identiteitsverzoek_beslissen", args=[verzoek.pk]),
        {f"verzoek-{verzoek.pk}-besluit": besluit, f"verzoek-{verzoek.pk}-motivering": motivering},
    )


# --- sealing ---------------------------------------------------------------------------------


def test_identity_vault_is_sealed_to_the_custodian_never_to_the_handlers(
    world: World, team: Team
) -> None:
    melding = _melding(world)
    assert melding.identiteit_kluis is not None
    assert kluis.heeft_toegang(kluis=_ik(melding), gebruiker=team.bewaarder)
    for handler in (team.coordinator, team.collega):
        assert melding.behandelaars.filter(pk=handler.pk).exists()
        assert kluis.heeft_toegang(kluis=melding.kluis, gebruiker=handler)
        assert not kluis.heeft_toegang(kluis=_ik(melding), gebruiker=handler)
    # ... and the custodian does not get the case content.
    assert not kluis.heeft_toegang(kluis=melding.kluis, gebruiker=team.bewaarder)


def test_anonymous_report_has_no_identity_vault(world: World, team: Team, client: Client) -> None:
    melding = _melding(world, naam="")
    assert melding.anoniem and melding.identiteit_kluis is None
    login_met_sleutel(client, team.coordinator)
    html = client.get(reverse("meldingen:register_detail", args=[melding.pk])).content.decode()
    assert "anoniem" in html and "Identiteit opvragen" not in html


# --- reading ---------------------------------------------------------------------------------


def test_handler_cannot_read_the_identity_without_approval(
    world: World, team: Team, client: Client
) -> None:
    melding = _melding(world)
    login_met_sleutel(client, team.coordinator)
    html = client.get(reverse("meldingen:register_detail", args=[melding.pk])).content.decode()
    assert "naam bekend — in de identiteitskluis" in html
    assert "Identiteit opvragen" in html and "Identiteit tonen" not in html
    assert NAAM not in html
    status, html = _inzien(client, melding)
    assert status == 200
    assert "U kunt de identiteit van deze melder niet inzien" in html
    assert NAAM not in html and CONTACT not in html
    assert _gelezen() == 0


def test_custodian_reads_the_identity_and_each_read_is_audited(
    world: World, team: Team, client: Client
) -> None:
    melding = _melding(world)
    login_met_sleutel(client, team.bewaarder)
    for n in (1, 2):
        status, html = _inzien(client, melding)
        assert status == 200 and NAAM in html and CONTACT in html
        assert _gelezen() == n
    event = AuditEvent.objects.filter(action="melding.identiteit_gelezen").latest("seq")
    assert event.actor_id == team.bewaarder.pk and event.object_id == str(melding.pk)
    assert NAAM not in str(event.details)


def test_without_the_key_in_the_session_nothing_is_decrypted(
    world: World, team: Team, client: Client
) -> None:
    melding = _melding(world)
    login_verified(client, team.bewaarder)  # no key in the session
    status, html = _inzien(client, melding)
    assert status == 200 and "Log opnieuw in" in html and NAAM not in html
    assert _gelezen() == 0


# --- request, approve, refuse ----------------------------------------------------------------


def test_request_approve_then_the_requester_reads_audited(world: World, team: Team) -> None:
    melding = _melding(world)
    aanvrager = login_met_sleutel(Client(), team.coordinator)
    _aanvragen(aanvrager, melding, reden="")  # a reason is required
    assert not Identiteitsverzoek.objects.exists()
    _aanvragen(aanvrager, melding)
    _aanvragen(aanvrager, melding)  # one open request per person
    verzoek = Identiteitsverzoek.objects.get()
    assert verzoek.status == IdentiteitsverzoekStatus.OPEN
    assert AuditEvent.objects.filter(action="melding.identiteit_gevraagd").count() == 1
    html = aanvrager.get(reverse("meldingen:register_detail", args=[melding.pk])).content.decode()
    assert "Wacht op de identiteitsbewaarder" in html and "Identiteit opvragen" not in html

    bewaarder = login_met_sleutel(Client(), team.bewaarder)
    pagina = bewaarder.get(reverse("meldingen:identiteitsverzoeken")).content.decode()
    assert melding.nummer in pagina and "Nodig voor het gesprek" in pagina
    # No motivation: refused on the field, nothing changes (no grant, still open).
    response = _beslissen(bewaarder, verzoek, "goedkeuren", " ")
    assert response.status_code == 200
    assert "Motivering: schrijf waarom u zo beslist." in response.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.status == IdentiteitsverzoekStatus.OPEN
    assert not kluis.heeft_toegang(kluis=_ik(melding), gebruiker=team.coordinator)

    response = _beslissen(bewaarder, verzoek, "goedkeuren", "Gesprek is nodig")
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == IdentiteitsverzoekStatus.GOEDGEKEURD
    assert verzoek.beslist_door == team.bewaarder and verzoek.beslist_op is not None
    assert kluis.heeft_toegang(kluis=_ik(melding), gebruiker=team.coordinator)
    assert AuditEvent.objects.filter(
        action="melding.identiteitsverzoek_goedgekeurd", actor_id=team.bewaarder.pk
    ).exists()
    assert AuditEvent.objects.filter(
        action="kluis.toegang_verleend", object_id=str(melding.identiteit_kluis_id)
    ).exists()

    # The report's page shows the decision, but decrypts nothing by itself.
    html = aanvrager.get(reverse("meldingen:register_detail", args=[melding.pk])).content.decode()
    assert "Goedgekeurd" in html and "Gesprek is nodig" in html and "Identiteit tonen" in html
    assert NAAM not in html and _gelezen() == 0
    status, html = _inzien(aanvrager, melding)
    assert status == 200 and NAAM in html
    event = AuditEvent.objects.get(action="melding.identiteit_gelezen")
    assert event.actor_id == team.coordinator.pk


def test_refused_request_gives_no_access(world: World, team: Team) -> None:
    melding = _melding(world)
    aanvrager = login_met_sleutel(Client(), team.coordinator)
    _aanvragen(aanvrager, melding)
    verzoek = Identiteitsverzoek.objects.get()
    bewaarder = login_met_sleutel(Client(), team.bewaarder)
    assert _beslissen(bewaarder, verzoek, "afwijzen", "Niet nodig").status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == IdentiteitsverzoekStatus.AFGEWEZEN
    assert AuditEvent.objects.filter(action="melding.identiteitsverzoek_afgewezen").exists()
    # Decided once: a second decision is refused.
    response = _beslissen(bewaarder, verzoek, "goedkeuren", "Toch wel")
    html = bewaarder.get(response["Location"]).content.decode()
    assert "Over dit verzoek is al beslist." in html
    verzoek.refresh_from_db()
    assert verzoek.status == IdentiteitsverzoekStatus.AFGEWEZEN
    assert not kluis.heeft_toegang(kluis=_ik(melding), gebruiker=team.coordinator)
    html = aanvrager.get(reverse("meldingen:register_detail", args=[melding.pk])).content.decode()
    assert "Afgewezen" in html and "Niet nodig" in html
    status, html = _inzien(aanvrager, melding)
    assert NAAM not in html and _gelezen() == 0
    # After a refusal a new, better-reasoned request may be made.
    _aanvragen(aanvrager, melding, reden="Nieuwe feiten")
    assert Identiteitsverzoek.objects.filter(status=IdentiteitsverzoekStatus.OPEN).count() == 1


def test_only_the_custodian_decides(world: World, team: Team) -> None:
    melding = _melding(world)
    verzoek = identiteit.identiteit_aanvragen(
        melding=melding, gebruiker=team.coordinator, reden="Nodig"
    )
    for ander in (team.collega, team.coordinator, team.fin):
        client = login_met_sleutel(Client(), ander)
        assert _beslissen(client, verzoek, "goedkeuren", "Ja").status_code == 404
        html = client.get(reverse("meldingen:identiteitsverzoeken")).content.decode()
        assert "U bent geen identiteitsbewaarder" in html and melding.nummer not in html
    verzoek.refresh_from_db()
    assert verzoek.status == IdentiteitsverzoekStatus.OPEN
    assert not kluis.heeft_toegang(kluis=_ik(melding), gebruiker=team.coordinator)


def test_fin_users_see_nothing_of_ocw(world: World, team: Team, make_user: MakeUser) -> None:
    melding = _melding(world)
    identiteit.identiteit_aanvragen(melding=melding, gebruiker=team.coordinator, reden="Nodig")
    fin_vp = _met_sleutel(make_user(Rol.VERTROUWENSPERSOON, world.fin))
    for gebruiker in (team.fin, fin_vp):
        client = login_met_sleutel(Client(), gebruiker)
        assert _inzien(client, melding)[0] == 404
        html = client.get(reverse("meldingen:identiteitsverzoeken")).content.decode()
        assert melding.nummer not in html
    fin = login_met_sleutel(Client(), team.fin)
    _aanvragen(fin, melding)
    assert Identiteitsverzoek.objects.count() == 1
    assert fin.post(reverse("meldingen:identiteit_opvragen", args=[melding.pk])).status_code == 404


def test_destroyed_content_gives_a_clear_message(world: World, team: Team) -> None:
    melding = _melding(world)
    verzoek = identiteit.identiteit_aanvragen(
        melding=melding, gebruiker=team.coordinator, reden="Nodig"
    )
    assert melding.identiteit_kluis is not None
    kluis.kluis_vernietigen(kluis=melding.identiteit_kluis, door=None, reden="bewaartermijn")
    kluis.kluis_vernietigen(kluis=melding.kluis, door=None, reden="bewaartermijn")
    Melding.objects.filter(pk=melding.pk).update(vernietigd_op=timezone.localdate())
    bewaarder = login_met_sleutel(Client(), team.bewaarder)
    html = _beslissen(bewaarder, verzoek, "goedkeuren", "Ja").content.decode()
    assert f"De inhoud van melding {melding.nummer} is na de bewaartermijn vernietigd" in html
    verzoek.refresh_from_db()
    assert verzoek.status == IdentiteitsverzoekStatus.OPEN
    assert _beslissen(bewaarder, verzoek, "afwijzen", "Vernietigd").status_code == 302
    status, html = _inzien(bewaarder, melding)
    assert "vernietigd" in html and NAAM not in html


def test_new_custodian_seals_new_reports_only(
    world: World, team: Team, make_user: MakeUser
) -> None:
    oud = _melding(world)
    verzoek = identiteit.identiteit_aanvragen(melding=oud, gebruiker=team.coordinator, reden="x")
    nieuwe_bewaarder = _met_sleutel(make_user(Rol.VERTROUWENSPERSOON, world.ocw))
    _bewaarder_instellen(world, nieuwe_bewaarder, team.coordinator)
    nieuw = _melding(world)
    assert kluis.heeft_toegang(kluis=_ik(nieuw), gebruiker=nieuwe_bewaarder)
    assert not kluis.heeft_toegang(kluis=_ik(nieuw), gebruiker=team.bewaarder)
    # The old vault stays sealed to the previous custodian; the new one can only refuse.
    assert kluis.heeft_toegang(kluis=_ik(oud), gebruiker=team.bewaarder)
    client = login_met_sleutel(Client(), nieuwe_bewaarder)
    html = _beslissen(client, verzoek, "goedkeuren", "Ja").content.decode()
    assert "verzegeld voor een vorige identiteitsbewaarder" in html
    verzoek.refresh_from_db()
    assert verzoek.status == IdentiteitsverzoekStatus.OPEN
    # The previous custodian no longer decides.
    vorige = login_met_sleutel(Client(), team.bewaarder)
    assert _beslissen(vorige, verzoek, "goedkeuren", "Ja").status_code == 404


# --- the demo --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_has_a_custodian_and_an_open_request() -> None:
    from integriteit.accounts.demo import demo_load

    demo_load()
    regeling = Meldregeling.objects.get(organisatie__code="OCW")
    assert regeling.identiteitsbewaarder is not None
    assert regeling.identiteitsbewaarder.username == "vertrouwenspersoon.ocw"
    verzoek = Identiteitsverzoek.objects.get()
    assert verzoek.status == IdentiteitsverzoekStatus.OPEN
    assert verzoek.aangevraagd_door.username == "coordinator.ocw"
    assert verzoek.melding.identiteit_kluis is not None
    assert kluis.heeft_toegang(kluis=_ik(verzoek.melding), gebruiker=regeling.identiteitsbewaarder)
    assert identiteit.verzoeken_voor_bewaarder(gebruiker=regeling.identiteitsbewaarder) == [verzoek]
