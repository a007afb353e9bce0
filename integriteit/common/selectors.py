"""Owns the reads of the audit log, limited to the events of organisations in scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from integriteit.accounts.selectors import scope_for
from integriteit.common.models import AuditEvent
from integriteit.common.permissions import Capability


def audit_event_list(*, gebruiker: Any, action_prefix: str = "") -> QuerySet[AuditEvent]:
    """Events about organisations in the user's audit scope, newest first.

    Events without an organisation (log-ins, system events) are shown only to those whose
    scope includes the root of the tree, i.e. the whole government.
    """
    from integriteit.organisaties.models import Organisatie
    from integriteit.organisaties.selectors import organisatie_rijk

    scope = scope_for(gebruiker=gebruiker, capability=Capability.AUDIT_BEKIJKEN)
    org_ids = Organisatie.objects.filter(scope.q()).values("pk")
    condition = Q(organisatie_id__in=org_ids)
    rijk = organisatie_rijk()
    if rijk is not None and scope.covers(pad=rijk.pad, node_id=rijk.pk):
        condition |= Q(organisatie_id__isnull=True)
    events = AuditEvent.objects.filter(condition)
    if action_prefix:
        events = events.filter(action__startswith=action_prefix)
    return events.order_by("-seq")
