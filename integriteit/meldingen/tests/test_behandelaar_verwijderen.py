"""Taking a handler off a report (e.g. a conflict of interest): their sealed copy of the case
key is deleted, identity access they got on request too (the custodian keeps theirs); the
last key holder cannot be removed; a reason is required and not logged; through the page."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.kluis.services import GeenToegang
from integriteit.meldingen import identiteit, regeling, services
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import Melding
from integriteit.meldingen.tests.helpers import login_met_sleutel


def _sleutel(gebruiker: Gebruiker) -> bytes:
    return kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)


@pytest.fixture
def opzet(world: World, make_user: MakeUser) -> tuple[Melding, Gebruiker, Gebruiker, Gebruiker]:
    coordinator = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    gezag = make_user(Rol.BEVOEGD_GEZAG, world.ocw)
    bewaarder = make_user(Rol.VERTROUWENSPERSOON, world.ocw)
    for gebruiker in (coordinator, gezag, bewaarder):
        _sleutel(gebruiker)
    huidig = regeling.RegelingGegevens.van(services.regeling_van(world.ocw))
    regeling.meldregeling_wijzigen(
        organisatie=world.ocw,
        acting_user=coordinator,
        gegevens=replace(huidig, identiteitsbewaarder=bewaarder),
    )
    melding = services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat="Iets"),
            identiteit=services.Identiteit(naam="Piet", contact="piet@voorbeeld.invalid"),
        )
    ).melding
    services.behandelaar_toevoegen(
        melding=melding, door=coordinator, door_private=_sleutel(coordinator), behandelaar=gezag
    )
    verzoek = identiteit.identiteit_aanvragen(melding=melding, gebruiker=gezag, reden="Nodig")
    identiteit.verzoek_beslissen(
        verzoek=verzoek,
        bewaarder=bewaarder,
        private=_sleutel(bewaarder),
        goedkeuren=True,
        motivering="Akkoord",
    )
    return melding, coordinator, gezag, bewaarder


def test_removal_takes_the_case_key_and_identity_access_given_on_request(
    opzet: tuple[Melding, Gebruiker, Gebruiker, Gebruiker],
) -> None:
    melding, coordinator, gezag, bewaarder = opzet
    assert melding.identiteit_kluis is not None
    kluis.kluis_openen(kluis=melding.identiteit_kluis, gebruiker=gezag, private=_sleutel(gezag))
    services.behandelaar_verwijderen(
        melding=melding, door=coordinator, behandelaar=gezag, reden="Zwager van de betrokkene"
    )
    assert not melding.behandelaars.filter(pk=gezag.pk).exists()
    for vault in (melding.kluis, melding.identiteit_kluis):
        with pytest.raises(GeenToegang):
            kluis.kluis_openen(kluis=vault, gebruiker=gezag, private=_sleutel(gezag))
    # the custodian's own copy stays
    kluis.kluis_openen(
        kluis=melding.identiteit_kluis, gebruiker=bewaarder, private=_sleutel(bewaarder)
    )
    event = AuditEvent.objects.get(action="melding.behandelaar_verwijderd")
    assert event.details == {"behandelaar": gezag.pk, "identiteit_ingetrokken": True}
    assert "Zwager" not in str(AuditEvent.objects.values_list("details", flat=True))


def test_refusals_leave_everything_as_it_was(
    opzet: tuple[Melding, Gebruiker, Gebruiker, Gebruiker], make_user: MakeUser, world: World
) -> None:
    melding, coordinator, gezag, _bewaarder = opzet
    with pytest.raises(ValidationError, match="Geef de reden"):
        services.behandelaar_verwijderen(
            melding=melding, door=coordinator, behandelaar=gezag, reden=" "
        )
    buitenstaander = make_user(Rol.BEVOEGD_GEZAG, world.ocw)
    with pytest.raises(ValidationError, match="geen behandelaar"):
        services.behandelaar_verwijderen(
            melding=melding, door=coordinator, behandelaar=buitenstaander, reden="x"
        )
    services.behandelaar_verwijderen(
        melding=melding, door=coordinator, behandelaar=gezag, reden="Belangen"
    )
    with pytest.raises(ValidationError, match="de enige met toegang"):
        services.behandelaar_verwijderen(
            melding=melding, door=coordinator, behandelaar=coordinator, reden="x"
        )
    assert melding.behandelaars.filter(pk=coordinator.pk).exists()
    kluis.kluis_openen(kluis=melding.kluis, gebruiker=coordinator, private=_sleutel(coordinator))


def test_removal_through_the_report_page(
    opzet: tuple[Melding, Gebruiker, Gebruiker, Gebruiker],
) -> None:
    melding, coordinator, gezag, _bewaarder = opzet
    client = login_met_sleutel(Client(), coordinator)
    url = reverse("meldingen:register_detail", args=[melding.pk])
    assert "Behandelaar laten stoppen" in client.get(url).content.decode()
    actie = reverse("meldingen:register_actie", args=[melding.pk])
    page = client.post(
        actie, {"actie": "verwijderen", "verwijderen-behandelaar": gezag.pk}, follow=True
    ).content.decode()
    assert "Geef de reden waarom deze behandelaar stopt." in page
    assert melding.behandelaars.filter(pk=gezag.pk).exists()
    page = client.post(
        actie,
        {"actie": "verwijderen", "verwijderen-behandelaar": gezag.pk, "verwijderen-reden": "Ja"},
        follow=True,
    ).content.decode()
    assert "behandelt deze melding niet meer" in page
    assert not melding.behandelaars.filter(pk=gezag.pk).exists()
    assert "Behandelaar laten stoppen" not in page  # one handler left: nothing to remove
