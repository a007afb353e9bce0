"""Reads of the risk analysis instrument, scoped to who asks: ``RISICO_LEZEN`` reads the
analyses (with register, matrix and reports) of the organisations in its scope,
``RISICO_BEHEREN`` writes them. Anything outside the scope is None, and the view answers 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.organisaties.models import Organisatie
from integriteit.risicos.models import Beheersmaatregel, KwetsbareFunctie, Risico, Risicoanalyse

LEZEN = Capability.RISICO_LEZEN
BEHEREN = Capability.RISICO_BEHEREN


def analyse_list(*, gebruiker: Any, capability: Capability = LEZEN) -> QuerySet[Risicoanalyse]:
    """The analyses in ``gebruiker``'s scope, newest first, with their counts."""
    scope = scope_for(gebruiker=gebruiker, capability=capability)
    return (
        Risicoanalyse.objects.filter(scope.q(prefix="organisatie__"))
        .select_related("organisatie")
        .annotate(
            n_risicos=Count("risicos", distinct=True),
            n_functies=Count("kwetsbare_functies", distinct=True),
        )
        .order_by("-datum", "-pk")
    )


def _scoped(gebruiker: Any, capability: Capability, prefix: str) -> Q:
    return scope_for(gebruiker=gebruiker, capability=capability).q(prefix=prefix)


def analyse_get(*, gebruiker: Any, pk: Any, capability: Capability = LEZEN) -> Risicoanalyse | None:
    return (
        Risicoanalyse.objects.filter(_scoped(gebruiker, capability, "organisatie__"), pk=pk)
        .select_related("organisatie", "golf")
        .first()
    )


def risico_get(*, gebruiker: Any, pk: Any, capability: Capability = LEZEN) -> Risico | None:
    return (
        Risico.objects.filter(_scoped(gebruiker, capability, "analyse__organisatie__"), pk=pk)
        .select_related("analyse__organisatie")
        .first()
    )


def maatregel_get(
    *, gebruiker: Any, pk: Any, capability: Capability = BEHEREN
) -> Beheersmaatregel | None:
    prefix = "risico__analyse__organisatie__"
    return (
        Beheersmaatregel.objects.filter(_scoped(gebruiker, capability, prefix), pk=pk)
        .select_related("risico__analyse__organisatie")
        .first()
    )


def functie_get(
    *, gebruiker: Any, pk: Any, capability: Capability = BEHEREN
) -> KwetsbareFunctie | None:
    return (
        KwetsbareFunctie.objects.filter(
            _scoped(gebruiker, capability, "analyse__organisatie__"), pk=pk
        )
        .select_related("analyse__organisatie")
        .first()
    )


def mag_beheren(*, gebruiker: Any, analyse: Risicoanalyse) -> bool:
    scope = scope_for(gebruiker=gebruiker, capability=BEHEREN)
    org = analyse.organisatie
    return scope.covers(pad=org.pad, node_id=org.pk)


def organisaties_voor_beheer(*, gebruiker: Any) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(_scoped(gebruiker, BEHEREN, "")).order_by("pad")


def golven_van(*, organisatie: Organisatie) -> QuerySet[Golf]:
    """The survey waves of the organisation or of one above it (a possible input)."""
    return Golf.objects.filter(organisatie_id__in=organisatie.ancestor_ids).order_by("-start")


def register(*, analyse: Risicoanalyse) -> list[Risico]:
    """The risks of ``analyse`` with their measures, each knowing its analysis (no query per
    risk for the matrix)."""
    risicos = list(analyse.risicos.prefetch_related("maatregelen").order_by("nummer"))
    for risico in risicos:
        risico.analyse = analyse
    return risicos
