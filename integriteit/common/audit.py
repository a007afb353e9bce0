"""Owns the audit chain: writing events and verifying that none was changed.

Every service writes its audit event with :func:`audit_log` inside its own transaction, so
the change and its record land together or not at all (Zulip's ``do_*`` pattern).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from integriteit.common.models import AuditEvent

GENESIS_HASH = "0" * 64
# Any constant will do: it names the advisory lock that serialises writers on PostgreSQL.
_PG_LOCK_KEY = 0x1A7E_6217


class Outcome:
    SUCCES = "succes"
    GEWEIGERD = "geweigerd"
    MISLUKT = "mislukt"


def _canonical(event: AuditEvent) -> bytes:
    timestamp = event.timestamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    payload = {
        "seq": event.seq,
        "timestamp": timestamp,
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "organisatie_id": event.organisatie_id,
        "outcome": event.outcome,
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def _lock_chain() -> None:
    """Serialise writers so that two transactions never extend the same head.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: the connection runs in
    IMMEDIATE mode (settings), so the write lock is already held from BEGIN.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def audit_log(
    *,
    actor: Any | None,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    organisatie_id: int | None = None,
    outcome: str = Outcome.SUCCES,
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call it inside the transaction of the change itself."""
    actor_id, actor_label = None, ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_id, actor_label = actor.pk, actor.get_username()
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
            timestamp=timezone.now(),
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            organisatie_id=organisatie_id,
            outcome=outcome,
            details=dict(details or {}),
            prev_hash=last.hash if last else GENESIS_HASH,
        )
        # Hash what the database will give back: JSON round-trips, microseconds kept.
        event.details = json.loads(json.dumps(event.details))
        event.hash = compute_hash(event)
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""

    @property
    def message(self) -> str:
        if self.ok:
            return f"Auditketen intact: {self.checked} gebeurtenissen gecontroleerd."
        return (
            f"Auditketen verbroken bij gebeurtenis #{self.broken_seq} "
            f"(id {self.broken_id}): {self.reason}"
        )


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def audit_verify() -> VerifyResult:
    """Walk the chain from the start; report the first event that does not fit."""
    prev_hash = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for event in _events():
        reason = ""
        if event.seq != expected_seq:
            reason = f"volgnummer {expected_seq} ontbreekt (verwijderd?)"
        elif event.prev_hash != prev_hash:
            reason = "verwijst niet naar de hash van de vorige gebeurtenis"
        elif compute_hash(event) != event.hash:
            reason = "inhoud komt niet overeen met de opgeslagen hash (gewijzigd?)"
        if reason:
            return VerifyResult(
                ok=False, checked=checked, broken_seq=event.seq, broken_id=event.pk, reason=reason
            )
        prev_hash = event.hash
        expected_seq += 1
        checked += 1
    return VerifyResult(ok=True, checked=checked)
