"""The legal clock's escalation (``integriteit meldingen_termijnen``) with a frozen clock: a
deadline within the warning period (or passed) is signalled once, to the handlers, without
content; done steps, closed reports and far deadlines are not; --dry-run changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.meldingen import services
from integriteit.meldingen.constants import Afloop, Kanaal
from integriteit.meldingen.models import Melding

MARKER = "SIGNAAL-geheim-4410"
ONTVANGEN = date(2026, 3, 2)  # a Monday; acknowledgement due 9 March, feedback 2 June


def _melding(world: World, **extra: object) -> Melding:
    values: dict[str, object] = {
        "organisatie": world.ocw,
        "soort": "belangen",
        "kanaal": Kanaal.TELEFOON,
        "inhoud": services.Inhoud(wat=f"Omschrijving {MARKER}"),
        "ontvangen_op": ONTVANGEN,
    }
    values.update(extra)
    return services.melding_ontvangen(invoer=services.Invoer(**values)).melding  # type: ignore[arg-type]


def _run(*args: str) -> str:
    out = StringIO()
    call_command("meldingen_termijnen", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> object:
    return make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, email="coord@example.org")


def test_acknowledgement_signal_is_sent_once(world: World, coordinator: object) -> None:
    melding = _melding(world)
    assert melding.bevestiging_uiterlijk == date(2026, 3, 9)

    _run("--vandaag", "2026-03-06")  # 3 days before: outside the 2-day warning period
    assert mail.outbox == []

    uitvoer = _run("--vandaag", "2026-03-07", "--basis-url", "https://integriteit.example")
    assert "1 termijnsignalen" in uitvoer
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["coord@example.org"]
    assert melding.nummer in bericht.subject and "09-03-2026" in bericht.subject
    link = "https://integriteit.example" + reverse("meldingen:register_detail", args=[melding.pk])
    assert link in bericht.body
    assert MARKER not in f"{bericht.subject} {bericht.body}"

    melding.refresh_from_db()
    assert melding.bevestiging_gesignaleerd_op == date(2026, 3, 7)
    event = AuditEvent.objects.get(action="melding.termijn_gesignaleerd")
    assert event.object_id == str(melding.pk)
    assert event.details["termijn"] == "bevestiging"

    # Once: the next days send nothing more, even after the deadline.
    _run("--vandaag", "2026-03-08")
    _run("--vandaag", "2026-03-20")
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="melding.termijn_gesignaleerd").count() == 1


def test_feedback_signal_and_passed_deadlines(world: World, coordinator: object) -> None:
    melding = _melding(world)
    services.bevestigen(melding=melding, door=None, op=date(2026, 3, 4))
    _run("--vandaag", "2026-05-20")
    assert mail.outbox == []
    # Past the feedback deadline (2 June) without an earlier run: still signalled, once.
    _run("--vandaag", "2026-06-10")
    _run("--vandaag", "2026-06-11")
    assert len(mail.outbox) == 1
    assert "terugkoppeling" in mail.outbox[0].subject
    melding.refresh_from_db()
    assert melding.terugkoppeling_gesignaleerd_op == date(2026, 6, 10)
    assert melding.bevestiging_gesignaleerd_op is None


def test_done_and_closed_reports_are_not_signalled(world: World, coordinator: object) -> None:
    gedaan = _melding(world)
    services.bevestigen(melding=gedaan, door=None, op=ONTVANGEN)
    services.terugkoppelen(melding=gedaan, door=None, op=ONTVANGEN)
    dicht = _melding(world)
    services.bevestigen(melding=dicht, door=None, op=ONTVANGEN)
    services.afsluiten(melding=dicht, door=None, afloop=Afloop.ONGEGROND, op=ONTVANGEN)
    assert "0 termijnsignalen" in _run("--vandaag", "2026-07-01")
    assert mail.outbox == []


def test_warning_period_of_the_procedure(world: World, coordinator: object) -> None:
    melding = _melding(world)
    regeling = services.regeling_van(world.ocw)
    regeling.waarschuwen_dagen = 5
    regeling.save()
    _run("--vandaag", "2026-03-04")  # 5 days before 9 March
    assert len(mail.outbox) == 1
    melding.refresh_from_db()
    assert melding.bevestiging_gesignaleerd_op == date(2026, 3, 4)


def test_dry_run_changes_nothing(world: World, coordinator: object) -> None:
    melding = _melding(world)
    uitvoer = _run("--dry-run", "--vandaag", "2026-03-20")
    assert "[dry-run]" in uitvoer and melding.nummer in uitvoer
    assert mail.outbox == []
    melding.refresh_from_db()
    assert melding.bevestiging_gesignaleerd_op is None
    assert not AuditEvent.objects.filter(action="melding.termijn_gesignaleerd").exists()


def test_without_an_address_nothing_is_recorded(world: World, make_user: MakeUser) -> None:
    make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, email="")
    melding = _melding(world)
    _run("--vandaag", "2026-03-08")
    assert mail.outbox == []
    melding.refresh_from_db()
    assert melding.bevestiging_gesignaleerd_op is None  # tried again on the next run


def test_frozen_clock_without_option(
    world: World, coordinator: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    melding = _melding(world, ontvangen_op=ONTVANGEN)
    monkeypatch.setattr(
        "integriteit.meldingen.management.commands.meldingen_termijnen.timezone.localdate",
        lambda: ONTVANGEN + timedelta(days=6),
    )
    _run()
    melding.refresh_from_db()
    assert melding.bevestiging_gesignaleerd_op == date(2026, 3, 8)


def test_bad_date_is_refused() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ongeldige datum"):
        _run("--vandaag", "morgen")
