"""The audit chain: events link by hash; any change, deletion or reordering is found."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from integriteit.common.audit import GENESIS_HASH, audit_log, audit_verify, compute_hash
from integriteit.common.models import AuditEvent


def _tamper(sql: str, params: list[str | int]) -> None:
    """Change the table behind the application's back, as an intruder with SQL access would.

    On PostgreSQL the append-only trigger must first be bypassed (superuser only)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def _three_events() -> list[AuditEvent]:
    return [
        audit_log(actor=None, action=f"test.{n}", object_type="test", object_id=n, details={"n": n})
        for n in range(1, 4)
    ]


@pytest.mark.django_db
def test_events_form_a_chain() -> None:
    first, second, third = _three_events()
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert [e.seq for e in (first, second, third)] == [1, 2, 3]
    stored = AuditEvent.objects.get(pk=second.pk)
    assert compute_hash(stored) == second.hash


@pytest.mark.django_db
def test_verify_passes_on_an_intact_chain() -> None:
    _three_events()
    result = audit_verify()
    assert result.ok
    assert result.checked == 3


@pytest.mark.django_db
def test_verify_names_the_changed_event() -> None:
    events = _three_events()
    _tamper("UPDATE common_auditevent SET action = %s WHERE id = %s", ["vervalst", events[1].pk])
    result = audit_verify()
    assert not result.ok
    assert result.broken_seq == 2
    assert "gewijzigd" in result.reason


@pytest.mark.django_db
def test_verify_finds_a_deleted_event() -> None:
    events = _three_events()
    _tamper("DELETE FROM common_auditevent WHERE id = %s", [events[1].pk])
    result = audit_verify()
    assert not result.ok
    assert result.broken_seq == 3
    assert "ontbreekt" in result.reason


@pytest.mark.django_db
def test_verify_audit_command_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    events = _three_events()
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out
    _tamper("UPDATE common_auditevent SET details = %s WHERE id = %s", ['{"n": 99}', events[2].pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_audit")
    assert exit_info.value.code == 1
    assert "#3" in capsys.readouterr().err


@pytest.mark.django_db
def test_audit_event_rolls_back_with_the_change() -> None:
    """Written in the caller's transaction: if the change fails, the event is gone too."""
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_log(actor=None, action="test.mislukt")
        raise RuntimeError("de wijziging faalt")
    assert not AuditEvent.objects.exists()
    audit_log(actor=None, action="test.daarna")
    assert audit_verify().ok


@pytest.mark.django_db
def test_postgresql_refuses_update_and_delete() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("alleen PostgreSQL heeft de database-trigger; SQLite vertrouwt op verify_audit")
    event = audit_log(actor=None, action="test.pg")
    for sql in (
        "UPDATE common_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM common_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="alleen-toevoegen"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.pg"
