"""Reads of the policy cycle: which organisations a user may read or manage, the policy
record of one organisation with everything on it, and the overview's one line per
organisation (a fixed number of queries, whatever the number of organisations).

Scope: ``BELEID_LEZEN`` to read (coordinator, competent authority, auditor), ``BELEID_BEHEREN``
to write (coordinator), both on the organisation's node or above it; anything else is 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from integriteit.accounts.selectors import scope_for
from integriteit.beleid.constants import EVALUATIE_JAREN, VERWACHTE_INSTRUMENTEN
from integriteit.beleid.models import (
    Beleid,
    Doel,
    Evaluatie,
    Instrument,
    Vervolgactie,
    maanden_later,
)
from integriteit.common.permissions import Capability
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.selectors import organisatie_get as _organisatie_get


def organisatie_lezen_get(*, gebruiker: Any, code: str) -> Organisatie:
    """The organisation ``code`` when ``gebruiker`` may read its policy, else 404."""
    return _organisatie_get(gebruiker=gebruiker, capability=Capability.BELEID_LEZEN, code=code)


def organisatie_beheer_get(*, gebruiker: Any, code: str) -> Organisatie:
    """The organisation ``code`` when ``gebruiker`` may edit its policy, else 404."""
    return _organisatie_get(gebruiker=gebruiker, capability=Capability.BELEID_BEHEREN, code=code)


def mag_beheren(*, gebruiker: Any, organisatie: Organisatie) -> bool:
    scope = scope_for(gebruiker=gebruiker, capability=Capability.BELEID_BEHEREN)
    return scope.covers(pad=organisatie.pad, node_id=organisatie.pk)


def mag_lezen(*, gebruiker: Any, organisatie: Organisatie) -> bool:
    scope = scope_for(gebruiker=gebruiker, capability=Capability.BELEID_LEZEN)
    return scope.covers(pad=organisatie.pad, node_id=organisatie.pk)


def _met_alles(queryset: QuerySet[Beleid]) -> QuerySet[Beleid]:
    return queryset.select_related("organisatie").prefetch_related(
        Prefetch("doelen", queryset=Doel.objects.order_by("volgorde", "pk")),
        Prefetch("instrumenten", queryset=Instrument.objects.order_by("soort", "naam")),
        Prefetch(
            "evaluaties",
            queryset=Evaluatie.objects.order_by("-datum", "-pk").prefetch_related(
                Prefetch("acties", queryset=Vervolgactie.objects.order_by("deadline", "pk"))
            ),
        ),
    )


def beleid_van(*, organisatie: Organisatie) -> Beleid | None:
    """The policy record of ``organisatie`` with its goals, instruments and evaluations (the
    caller has checked the scope), or None when there is none yet."""
    return _met_alles(Beleid.objects.filter(organisatie=organisatie)).first()


def doel_get(*, organisatie: Organisatie, pk: int) -> Doel:
    doel = Doel.objects.filter(beleid__organisatie=organisatie, pk=pk).first()
    if doel is None:
        raise Http404
    return doel


def instrument_get(*, organisatie: Organisatie, pk: int) -> Instrument:
    instrument = Instrument.objects.filter(beleid__organisatie=organisatie, pk=pk).first()
    if instrument is None:
        raise Http404
    return instrument


def evaluatie_get(*, organisatie: Organisatie, pk: int) -> Evaluatie:
    evaluatie = (
        Evaluatie.objects.filter(beleid__organisatie=organisatie, pk=pk)
        .select_related("beleid")
        .first()
    )
    if evaluatie is None:
        raise Http404
    return evaluatie


def actie_get(*, organisatie: Organisatie, pk: int) -> Vervolgactie:
    actie = (
        Vervolgactie.objects.filter(evaluatie__beleid__organisatie=organisatie, pk=pk)
        .select_related("evaluatie__beleid")
        .first()
    )
    if actie is None:
        raise Http404
    return actie


# --- the overview ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OverzichtRij:
    organisatie: Organisatie
    beleid: Beleid | None
    heeft_visie: bool
    document_vastgesteld_op: date | None
    doelen: int
    instrumenten_niet_actueel: int
    instrumenten_ontbrekend: int
    laatste_evaluatie: date | None
    evaluatie_recent: bool
    acties_te_laat: int

    @property
    def aandachtspunten(self) -> int:
        return (
            (0 if self.heeft_visie else 1)
            + (0 if self.doelen else 1)
            + self.instrumenten_niet_actueel
            + self.instrumenten_ontbrekend
            + (0 if self.evaluatie_recent else 1)
            + self.acties_te_laat
        )


def _rij(organisatie: Organisatie, beleid: Beleid | None, peildatum: date) -> OverzichtRij:
    if beleid is None:
        return OverzichtRij(
            organisatie, None, False, None, 0, 0, len(VERWACHTE_INSTRUMENTEN), None, False, 0
        )
    instrumenten = list(beleid.instrumenten.all())
    evaluaties = [e for e in beleid.evaluaties.all() if e.datum <= peildatum]
    laatste = evaluaties[0].datum if evaluaties else None
    grens = maanden_later(peildatum, -12 * EVALUATIE_JAREN)
    return OverzichtRij(
        organisatie=organisatie,
        beleid=beleid,
        heeft_visie=bool(beleid.visie),
        document_vastgesteld_op=beleid.document_vastgesteld_op,
        doelen=len(beleid.doelen.all()),
        instrumenten_niet_actueel=sum(
            not i.is_actueel(maanden=beleid.actualiteit_maanden, peildatum=peildatum)
            for i in instrumenten
        ),
        instrumenten_ontbrekend=len(set(VERWACHTE_INSTRUMENTEN) - {i.soort for i in instrumenten}),
        laatste_evaluatie=laatste,
        evaluatie_recent=laatste is not None and laatste >= grens,
        acties_te_laat=sum(
            a.te_laat_op(peildatum) for e in beleid.evaluaties.all() for a in e.acties.all()
        ),
    )


def overzicht(*, gebruiker: Any, peildatum: date) -> list[OverzichtRij]:
    """One line per organisation in the read scope: the ministries, and any other node that
    has a policy record. Six queries."""
    scope = scope_for(gebruiker=gebruiker, capability=Capability.BELEID_LEZEN)
    organisaties = list(
        Organisatie.objects.filter(scope.q())
        .filter(Q(soort=Soort.MINISTERIE) | Q(integriteitsbeleid__isnull=False))
        .geldig_op(peildatum)
        .order_by("pad")
    )
    per_org = {
        b.organisatie_id: b
        for b in _met_alles(Beleid.objects.filter(organisatie__in=[o.pk for o in organisaties]))
    }
    return [_rij(o, per_org.get(o.pk), peildatum) for o in organisaties]
