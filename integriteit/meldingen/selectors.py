"""Reads of the report module: who receives a new report's key, the registry in a scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.selectors import Scope
from integriteit.common.permissions import Capability, roles_with
from integriteit.meldingen.models import Melding
from integriteit.organisaties.models import Organisatie


def ontvangers(organisatie: Organisatie) -> QuerySet[Gebruiker]:
    """Users who hold report content on ``organisatie`` by role (the coordinators): a new
    report's vault is sealed to each of them."""
    ancestors = Q(organisatie_id__in=organisatie.ancestor_ids, recursief=True)
    leden = (
        Lidmaatschap.objects.actief()
        .filter(rol__in=sorted(roles_with(Capability.MELDING_INHOUD)))
        .filter(Q(organisatie=organisatie) | ancestors)
        .values("gebruiker_id")
    )
    return Gebruiker.objects.filter(pk__in=leden, is_active=True).order_by("pk")


def melding_list(*, scope: Scope) -> QuerySet[Melding]:
    """Reports of the organisations in ``scope`` (metadata only)."""
    return Melding.objects.filter(scope.q(prefix="organisatie__")).select_related("organisatie")


def melding_get(*, scope: Scope, pk: Any) -> Melding | None:
    return melding_list(scope=scope).filter(pk=pk).first()
