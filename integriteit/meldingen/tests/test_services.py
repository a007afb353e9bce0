"""The report module's core: intake with encryption, the receipt code and the mailbox, the
handling steps with the legal clock, audited reads — and the marker test: a unique string in
the description, the name and an attachment is nowhere in the database or the media folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.kluis.models import Kluis
from integriteit.kluis.services import GeenToegang
from integriteit.meldingen import services
from integriteit.meldingen.constants import Afloop, Kanaal, Status, Triage, Zichtbaarheid
from integriteit.meldingen.models import Melding
from integriteit.meldingen.services import Identiteit, Inhoud, Invoer

MARKER = "MRK-5b1e-d00d"


def _invoer(world: World, **extra: object) -> Invoer:
    values: dict[str, object] = {
        "organisatie": world.ocw,
        "soort": "belangen",
        "inhoud": Inhoud(wat=f"Omschrijving {MARKER}", waar="Den Haag", betrokkenen="X"),
    }
    values.update(extra)
    return Invoer(**values)  # type: ignore[arg-type]


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> tuple[object, bytes]:
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    return user, kluis.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)


def _all_database_text() -> bytes:
    """Every row of every table, as bytes (hex of binary columns included raw)."""
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from introspection
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        out.append(bytes(value))
                    else:
                        out.append(str(value).encode())
    return b"\n".join(out)


@pytest.mark.django_db(transaction=True)  # committed, so the SQLite file can be copied
def test_marker_is_nowhere_in_the_database_or_media(
    world: World, coordinator: tuple[object, bytes], settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    bijlage = SimpleUploadedFile(f"{MARKER}.txt", f"bijlage {MARKER}".encode(), "text/plain")
    ontvangen = services.melding_ontvangen(
        invoer=_invoer(
            world,
            identiteit=Identiteit(naam=f"Naam {MARKER}", contact=f"{MARKER}@example.org"),
            bijlagen=[bijlage],
        )
    )
    user, private = coordinator
    sleutel = services.kluis_van_behandelaar(
        melding=ontvangen.melding, gebruiker=user, private=private
    )
    services.bericht_plaatsen(
        melding=ontvangen.melding,
        auteur=user,
        kluis_private=sleutel,
        tekst=f"Vraag {MARKER}",
        zichtbaarheid=Zichtbaarheid.MELDER,
    )
    assert ontvangen.ontvangstcode is not None
    dump = _all_database_text()
    assert MARKER.encode() not in dump
    assert ontvangen.ontvangstcode.encode() not in dump
    if connection.vendor == "sqlite":  # the database file itself, free pages included
        import sqlite3

        kopie = tmp_path / "kopie.sqlite3"
        target = sqlite3.connect(kopie)
        connection.connection.backup(target)
        target.close()
        raw = kopie.read_bytes()
        kopie.unlink()
        assert len(raw) > 100_000 and b"meldingen_melding" in raw
        assert MARKER.encode() not in raw
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == 1 and MARKER not in files[0].name
    assert MARKER.encode() not in files[0].read_bytes()
    # ... and yet the handler reads it all.
    assert MARKER in services.inhoud_openen(sleutel, ontvangen.melding).wat


def test_receipt_code_opens_the_mailbox_of_its_own_report_only(world: World) -> None:
    a = services.melding_ontvangen(invoer=_invoer(world))
    b = services.melding_ontvangen(invoer=_invoer(world, inhoud=Inhoud(wat="Andere melding")))
    assert a.ontvangstcode and b.ontvangstcode and a.ontvangstcode != b.ontvangstcode
    postbus = services.postbus_openen(" " + a.ontvangstcode[:8] + "-" + a.ontvangstcode[8:])
    assert postbus is not None and postbus.melding == a.melding
    assert services.inhoud_openen(postbus.kluis_private, a.melding).wat.startswith("Omschrijving")
    with pytest.raises(Exception):  # noqa: B017,PT011 - a's key does not open b
        services.inhoud_openen(postbus.kluis_private, b.melding)
    wrong = f"{(int(a.ontvangstcode) + 1) % 10**16:016d}"
    assert services.postbus_openen(wrong) is None
    assert services.postbus_openen("1234") is None
    assert not AuditEvent.objects.filter(object_type="melding").exists(), (
        "the anonymous paths write no audit event"
    )


def test_reporter_and_handler_exchange_messages(
    world: World, coordinator: tuple[object, bytes]
) -> None:
    ontvangen = services.melding_ontvangen(invoer=_invoer(world))
    assert ontvangen.ontvangstcode
    postbus = services.postbus_openen(ontvangen.ontvangstcode)
    assert postbus is not None
    services.bericht_van_melder(postbus=postbus, tekst="Aanvulling van de melder")
    user, private = coordinator
    sleutel = services.kluis_van_behandelaar(
        melding=ontvangen.melding, gebruiker=user, private=private
    )
    services.bericht_plaatsen(
        melding=ontvangen.melding,
        auteur=user,
        kluis_private=sleutel,
        tekst="Dank u",
        zichtbaarheid="melder",
    )
    notitie = services.bericht_plaatsen(
        melding=ontvangen.melding,
        auteur=user,
        kluis_private=sleutel,
        tekst="Eigen notitie",
        zichtbaarheid=Zichtbaarheid.PERSOONLIJK,
    )
    teksten = [
        (b.volgnummer, b.van_melder, b.zichtbaarheid)
        for b in ontvangen.melding.berichten.order_by("volgnummer")
    ]
    assert teksten == [(1, True, "melder"), (2, False, "melder"), (3, False, "persoonlijk")]
    assert services.berichttekst(sleutel, ontvangen.melding.berichten.get(volgnummer=1)) == (
        "Aanvulling van de melder"
    )
    # A personal note is sealed to its author as well: the case key alone does not open it.
    with pytest.raises(GeenToegang):
        services.berichttekst(sleutel, notitie)
    assert services.berichttekst(sleutel, notitie, eigen_private=private) == "Eigen notitie"
    reads = AuditEvent.objects.filter(action="melding.inhoud_gelezen", actor_id=user.pk)  # type: ignore[attr-defined]
    assert reads.count() == 1


def test_legal_clock_and_handling_steps(world: World, coordinator: tuple[object, bytes]) -> None:
    user, _ = coordinator
    ontvangen = services.melding_ontvangen(
        invoer=_invoer(world, kanaal=Kanaal.TELEFOON, ontvangen_op=date(2026, 3, 7)),
        acting_user=user,
    )
    melding = ontvangen.melding
    assert ontvangen.ontvangstcode is None  # registered by the coordinator: no mailbox code
    assert melding.nummer == "OCW-2026-0001"
    assert (melding.bevestiging_uiterlijk, melding.terugkoppeling_uiterlijk) == (
        date(2026, 3, 14),
        date(2026, 6, 7),
    )
    with pytest.raises(ValidationError, match="Bevestig eerst"):
        services.afsluiten(melding=melding, door=user, afloop=Afloop.ONGEGROND)
    services.bevestigen(melding=melding, door=user, op=date(2026, 3, 9))
    services.triage_vastleggen(melding=melding, door=user, uitkomst=Triage.ONDERZOEK)
    services.terugkoppelen(melding=melding, door=user, op=date(2026, 5, 1))
    melding = services.afsluiten(
        melding=melding, door=user, afloop=Afloop.GEGROND, op=date(2026, 6, 1)
    )
    assert melding.status == Status.AFGESLOTEN
    assert melding.bewaren_tot == date(2031, 6, 1)  # established violation: 5 years (ADR 0011)
    with pytest.raises(ValidationError, match="al afgesloten"):
        services.afsluiten(melding=melding, door=user, afloop=Afloop.GEGROND)
    actions = list(
        AuditEvent.objects.filter(object_type="melding")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "melding.geregistreerd",
        "melding.bevestigd",
        "melding.triage",
        "melding.teruggekoppeld",
        "melding.afgesloten",
    ]


def test_bad_input_is_refused_and_nothing_saved(world: World) -> None:
    exe = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    groot = SimpleUploadedFile("groot.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError) as info:
        services.melding_ontvangen(
            invoer=_invoer(world, soort="onbekend", inhoud=Inhoud(wat="  "), bijlagen=[exe, groot])
        )
    errors = info.value.message_dict
    assert errors["soort"] == ["Kies een soort melding."]
    assert errors["wat"] == ["Beschrijf wat er is gebeurd."]
    assert "virus.exe: dit type bestand kan niet mee" in errors["bijlagen"][0]
    assert errors["bijlagen"][1] == "groot.pdf is groter dan 10 MB."
    assert not Melding.objects.exists()


def test_only_a_holder_assigns_a_handler(
    world: World, coordinator: tuple[object, bytes], make_user: MakeUser
) -> None:
    user, private = coordinator
    ontvangen = services.melding_ontvangen(invoer=_invoer(world))
    onderzoeker = make_user(Rol.ONDERZOEKER, world.ocw)
    onderzoeker_key = kluis.gebruikersleutel_openen(gebruiker=onderzoeker, wachtwoord=TEST_PASSWORD)
    with pytest.raises(GeenToegang):
        services.kluis_van_behandelaar(
            melding=ontvangen.melding, gebruiker=onderzoeker, private=onderzoeker_key
        )
    services.behandelaar_toevoegen(
        melding=ontvangen.melding, door=user, door_private=private, behandelaar=onderzoeker
    )
    services.kluis_van_behandelaar(
        melding=ontvangen.melding, gebruiker=onderzoeker, private=onderzoeker_key
    )
    assert onderzoeker in ontvangen.melding.behandelaars.all()


def test_two_reports_at_once_both_get_a_number(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both compute the same next number; the second takes the one after (the load proof
    found 2 of 28 reporters refused before, ADR 0022)."""
    eerste = services.melding_ontvangen(invoer=_invoer(world)).melding
    echt = services._nummer
    pogingen: list[str] = []

    def gelijktijdig(organisatie: object, jaar: int) -> str:
        # The first attempt sees the count from before the other report was saved.
        nummer = eerste.nummer if not pogingen else echt(organisatie, jaar)  # type: ignore[arg-type]
        pogingen.append(nummer)
        return nummer

    monkeypatch.setattr(services, "_nummer", gelijktijdig)
    tweede = services.melding_ontvangen(invoer=_invoer(world)).melding
    assert pogingen[0] == eerste.nummer
    assert tweede.nummer != eerste.nummer and tweede.nummer.endswith("-0002")
    assert Melding.objects.count() == 2


def test_a_number_that_stays_taken_is_refused_and_nothing_saved(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    eerste = services.melding_ontvangen(invoer=_invoer(world)).melding
    monkeypatch.setattr(services, "_nummer", lambda organisatie, jaar: eerste.nummer)
    kluizen = Kluis.objects.count()
    with pytest.raises(ValidationError, match="Probeer het nog eens"):
        services.melding_ontvangen(invoer=_invoer(world))
    assert Melding.objects.count() == 1
    assert Kluis.objects.count() == kluizen  # the new vault went with the refused report
