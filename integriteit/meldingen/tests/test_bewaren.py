"""Retention (ADR 0011): the date per outcome, ``purge_expired`` (a dry run changes nothing; a
real run leaves no sealed key, no ciphertext and no file, and the counts still work), and the
coordinator's list of reports whose period ends soon."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.kluis import services as kluis
from integriteit.kluis.models import KluisToegang
from integriteit.meldingen import bewaren, services
from integriteit.meldingen import statistiek as stat
from integriteit.meldingen.constants import Afloop, Kanaal, Zichtbaarheid
from integriteit.meldingen.models import Bericht, Melding
from integriteit.meldingen.services import Identiteit, Inhoud, Invoer
from integriteit.organisaties.models import Organisatie


def test_retention_date_per_outcome_and_settings(settings: Any) -> None:
    gesloten = date(2024, 2, 29)
    assert bewaren.bewaren_tot_berekenen(afloop=Afloop.GEGROND, afgesloten_op=gesloten) == date(
        2029, 2, 28
    )
    assert bewaren.bewaren_tot_berekenen(
        afloop=Afloop.GEEN_OPVOLGING, afgesloten_op=gesloten
    ) == date(2025, 2, 28)
    settings.MELDINGEN_BEWAARTERMIJNEN = {"gegrond": 10}
    assert bewaren.bewaartermijnen()["gegrond"] == 10
    assert bewaren.bewaartermijnen()["ongegrond"] == 1  # the other defaults stay
    settings.MELDINGEN_BEWAARTERMIJNEN = {"onbekend": 3}
    with pytest.raises(ImproperlyConfigured):
        bewaren.bewaartermijnen()


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> tuple[Any, bytes]:
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    return user, kluis.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)


def _afgesloten(
    organisatie: Organisatie, door: Any, afloop: str, op: date, **extra: Any
) -> Melding:
    melding = services.melding_ontvangen(
        invoer=Invoer(
            organisatie=organisatie,
            soort="belangen",
            inhoud=Inhoud(wat="Geheime omschrijving"),
            kanaal=Kanaal.TELEFOON,
            ontvangen_op=op - timedelta(days=30),
            **extra,
        )
    ).melding
    services.bevestigen(melding=melding, door=door, op=op - timedelta(days=29))
    melding = services.afsluiten(melding=melding, door=door, afloop=afloop, op=op)
    bewaren.bewaren_tot_zetten(melding)
    return melding


def test_purge_dry_run_changes_nothing_and_real_run_shreds(
    world: World,
    coordinator: tuple[Any, bytes],
    settings: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    user, private = coordinator
    vandaag = timezone.localdate()
    oud = _afgesloten(
        world.ocw,
        user,
        Afloop.ONGEGROND,
        vandaag - timedelta(days=800),  # one year: long past
        identiteit=Identiteit(naam="Naam", contact="n@example.org"),
        bijlagen=[SimpleUploadedFile("bewijs.txt", b"bewijs", "text/plain")],
    )
    sleutel = services.kluis_van_behandelaar(melding=oud, gebruiker=user, private=private)
    services.bericht_plaatsen(
        melding=oud, auteur=user, kluis_private=sleutel, tekst="Notitie",
        zichtbaarheid=Zichtbaarheid.TEAM,
    )  # fmt: skip
    nieuw = _afgesloten(world.ocw, user, Afloop.GEGROND, vandaag - timedelta(days=800))
    assert oud.bewaren_tot is not None and oud.bewaren_tot < vandaag
    assert nieuw.bewaren_tot is not None and nieuw.bewaren_tot > vandaag  # five years
    sleutels = KluisToegang.objects.count()
    bestanden = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(bestanden) == 1 and KluisToegang.objects.filter(kluis=oud.kluis).exists()

    call_command("purge_expired", "--dry-run", stdout=(uit := _Uit()))
    assert f"{oud.nummer}: bewaren tot" in uit.tekst and nieuw.nummer not in uit.tekst
    assert "1 melding(en) zouden worden vernietigd" in uit.tekst
    assert KluisToegang.objects.count() == sleutels
    oud.refresh_from_db()
    assert oud.vernietigd_op is None and bytes(oud.inhoud) and bestanden[0].exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=(uit := _Uit()))
    assert "1 melding(en) vernietigd" in uit.tekst
    oud.refresh_from_db()
    assert oud.vernietigd_op == vandaag
    assert oud.identiteit_kluis is not None
    assert not KluisToegang.objects.filter(kluis__in=[oud.kluis, oud.identiteit_kluis]).exists()
    assert bytes(oud.inhoud) == b"" and oud.identiteit is None
    assert not oud.bijlagen.exists() and not bestanden[0].exists()
    assert all(bytes(b.tekst) == b"" for b in Bericht.objects.filter(melding=oud))
    with pytest.raises(kluis.GeenToegang):
        services.kluis_van_behandelaar(melding=oud, gebruiker=user, private=private)
    # the untouched one still opens
    assert services.kluis_van_behandelaar(melding=nieuw, gebruiker=user, private=private)
    event = AuditEvent.objects.get(action="melding.vernietigd")
    assert event.object_id == str(oud.pk) and event.details["bijlagen"] == 1
    assert AuditEvent.objects.filter(action="kluis.vernietigd").count() == 2
    # the counts survive the shredding
    cijfers = stat.bereken(
        stat.rijen(Melding.objects.filter(organisatie=world.ocw)),
        fte=None,
        afschermen_klein=False,
        vandaag=vandaag,
    )
    afloop = {a.code: a.waarde for a in cijfers.per_afloop.aantallen}
    assert cijfers.totaal.waarde == 2 and afloop["ongegrond"] == 1 and afloop["gegrond"] == 1
    # a second run finds nothing
    call_command("purge_expired", stdout=(uit := _Uit()))
    assert "0 melding(en) vernietigd" in uit.tekst


class _Uit:
    def __init__(self) -> None:
        self.tekst = ""

    def write(self, tekst: str) -> None:
        self.tekst += tekst

    def flush(self) -> None:
        pass


def test_warning_list_shows_reports_nearing_their_date(
    client: Client, world: World, coordinator: tuple[Any, bytes], make_user: MakeUser
) -> None:
    user, _private = coordinator
    vandaag = timezone.localdate()
    bijna = _afgesloten(world.ocw, user, Afloop.ONGEGROND, vandaag - timedelta(days=350))
    verlopen = _afgesloten(world.ocw, user, Afloop.INGETROKKEN, vandaag - timedelta(days=400))
    later = _afgesloten(world.ocw, user, Afloop.GEGROND, vandaag - timedelta(days=350))
    fin_user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin)
    elders = _afgesloten(world.fin, fin_user, Afloop.ONGEGROND, vandaag - timedelta(days=350))
    login_verified(client, user)
    response = client.get(reverse("meldingen:bewaartermijn"))
    assert response.status_code == 200
    html = response.content.decode()
    assert bijna.nummer in html and verlopen.nummer in html
    assert later.nummer not in html and elders.nummer not in html
    assert "wordt bij de volgende opschoning vernietigd" in html
    assert html.index(verlopen.nummer) < html.index(bijna.nummer)
    assert "Geheime omschrijving" not in html


@pytest.mark.parametrize("rol", [Rol.BEHEERDER, Rol.AUDITOR, Rol.RIJKSCOORDINATOR])
def test_warning_list_is_for_the_registry_roles_only(
    client: Client, world: World, make_user: MakeUser, rol: str
) -> None:
    login_verified(client, make_user(rol, world.rijk))
    assert client.get(reverse("meldingen:bewaartermijn")).status_code == 403
