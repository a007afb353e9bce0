"""``integriteit import_reports``: a good file is stored encrypted (the description and the
name are nowhere in the database), bad rows give Dutch messages with row and column and
store nothing, one audit event with the counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.kluis.models import Kluis
from integriteit.meldingen import services
from integriteit.meldingen.constants import Afloop, Kanaal, Status
from integriteit.meldingen.models import Melding
from integriteit.meldingen.tests.test_services import _all_database_text

MARKER = "IMP-4c2e-beef"
KOP = "received_on,channel,type,status,description,reporter_name,reporter_contact"


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> tuple[object, bytes]:
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    return user, kluis.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)


def _bestand(tmp_path: Path, *regels: str, kop: str = KOP) -> str:
    pad = tmp_path / "register.csv"
    pad.write_text("\n".join([kop, *regels]) + "\n", encoding="utf-8")
    return str(pad)


def test_good_file_is_imported_encrypted(
    world: World,
    coordinator: tuple[object, bytes],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pad = _bestand(
        tmp_path,
        f"2023-02-01,telefoon,belangen,ontvangen,Omschrijving {MARKER},Naam {MARKER},"
        f"{MARKER}@example.org",
        f'15-3-2023,E-mail of post,Weet ik niet,Afgesloten,"Tweede, {MARKER}",,',
        f"2024-01-10,persoonlijk,financieel,in_behandeling,Derde {MARKER},,",
    )
    call_command("import_reports", pad, "--organisation", "OCW", "--no-progress")
    uit = capsys.readouterr()
    assert "3 meldingen geïmporteerd" in uit.out
    assert "Rij 3: afgesloten zonder afloop; vastgelegd als ‘geen opvolging’" in uit.err
    meldingen = {m.nummer: m for m in Melding.objects.filter(kanaal=Kanaal.IMPORT)}
    assert set(meldingen) == {"OCW-2023-0001", "OCW-2023-0002", "OCW-2024-0001"}
    eerste, tweede, derde = (meldingen[n] for n in sorted(meldingen))
    assert eerste.status == Status.ONTVANGEN and not eerste.anoniem and eerste.identiteit_kluis
    assert eerste.ontvangen_op == date(2023, 2, 1) and eerste.soort == "belangen"
    assert tweede.status == Status.AFGESLOTEN and tweede.afloop == Afloop.GEEN_OPVOLGING
    assert tweede.afgesloten_op == date(2023, 3, 15) and tweede.soort == "weet_niet"
    assert tweede.bewaren_tot == date(2024, 3, 15)  # 1 year for "geen opvolging"
    assert tweede.anoniem and tweede.identiteit_kluis is None
    assert derde.status == Status.IN_BEHANDELING and derde.bevestigd_op == date(2024, 1, 10)
    assert eerste.ontvangstcode_index is None  # no receipt code for an import
    # encrypted as on the web intake: not in any table, and yet the coordinator reads it
    assert MARKER.encode() not in _all_database_text()
    user, private = coordinator
    sleutel = services.kluis_van_behandelaar(melding=tweede, gebruiker=user, private=private)
    assert services.inhoud_openen(sleutel, tweede).wat == f"Tweede, {MARKER}"
    events = AuditEvent.objects.filter(action="melding.geimporteerd")
    assert events.count() == 1
    details = events.get().details
    assert details["aantal"] == 3 and details["geen_opvolging_aangenomen"] == 1
    assert details["oorspronkelijk_kanaal"] == {"telefoon": 1, "post": 1, "persoonlijk": 1}
    assert details["met_identiteit"] == 1
    assert not AuditEvent.objects.filter(action="melding.geregistreerd").exists()


def test_bad_rows_give_dutch_messages_and_store_nothing(
    world: World, coordinator: tuple[object, bytes], tmp_path: Path
) -> None:
    pad = _bestand(
        tmp_path,
        f"2023-02-01,telefoon,belangen,ontvangen,Goed {MARKER},,",
        "2023-02-02,telefoon,fraude,ontvangen,Onbekende soort,,",
        "31-02-2023,fax,belangen,zoek,,,",
        "2999-01-01,web,belangen,ontvangen,Toekomst,,",
    )
    kluizen = Kluis.objects.count()
    with pytest.raises(CommandError) as info:
        call_command("import_reports", pad, "--organisation", "OCW", "--no-progress")
    tekst = str(info.value)
    assert "Niets geïmporteerd" in tekst
    assert "Rij 3, kolom type: onbekende waarde ‘fraude’; kies uit " in tekst
    assert "belangen" in tekst.split("Rij 3, kolom type:")[1]
    assert "Rij 4, kolom received_on: ‘31-02-2023’ is geen datum" in tekst
    assert "Rij 4, kolom channel: onbekende waarde ‘fax’" in tekst
    assert "Rij 4, kolom status: onbekende waarde ‘zoek’" in tekst
    assert "Rij 4, kolom description: leeg" in tekst
    assert "Rij 5, kolom received_on: datum in de toekomst." in tekst
    assert not Melding.objects.exists() and Kluis.objects.count() == kluizen
    assert not AuditEvent.objects.filter(action="melding.geimporteerd").exists()


def test_missing_columns_and_unknown_organisation(world: World, tmp_path: Path) -> None:
    pad = _bestand(tmp_path, "2023-02-01,belangen", kop="received_on,type")
    with pytest.raises(CommandError, match="Kolommen ontbreken: channel, status"):
        call_command("import_reports", pad, "--organisation", "OCW", "--no-progress")
    with pytest.raises(CommandError, match="Organisatie XYZ bestaat niet"):
        call_command("import_reports", pad, "--organisation", "XYZ", "--no-progress")


def test_refused_when_nobody_could_read_it(world: World, tmp_path: Path) -> None:
    pad = _bestand(tmp_path, "2023-02-01,telefoon,belangen,ontvangen,Iets,,")
    with pytest.raises(CommandError, match="Niemand zou de inhoud kunnen lezen"):
        call_command("import_reports", pad, "--organisation", "OCW", "--no-progress")
    assert not Melding.objects.exists()


def test_semicolons_optional_columns_and_dutch_labels(
    world: World, coordinator: tuple[object, bytes], tmp_path: Path
) -> None:
    kop = KOP.replace(",", ";") + ";acknowledged_on;fed_back_on;closed_on;outcome;triage"
    pad = _bestand(
        tmp_path,
        "2022-05-02;web;Misstand (maatschappelijk belang, Wet bescherming klokkenluiders);"
        "afgesloten;Iets;;;2022-05-04;2022-07-01;2022-09-30;Vermoeden bevestigd;Onderzoek",
        kop=kop,
    )
    call_command("import_reports", pad, "--organisation", "OCW", "--no-progress")
    melding = Melding.objects.get()
    assert melding.soort == "misstand" and melding.triage == "onderzoek"
    assert melding.bevestigd_op == date(2022, 5, 4)
    assert melding.teruggekoppeld_op == date(2022, 7, 1)
    assert melding.afloop == Afloop.GEGROND and melding.bewaren_tot == date(2027, 9, 30)
