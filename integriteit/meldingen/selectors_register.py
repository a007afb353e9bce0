"""Reads of the registry (norm 13): which reports a user sees, the filters, the legal clock per
row, the users a handler may be chosen from, and the reports whose deadline must be signalled.

Metadata only: nothing here opens a vault. Scope (issue 5, roles): a coordinator
(``MELDING_INHOUD``) sees every report of the organisations in scope; a ``bevoegd_gezag``
(``MELDING_REGISTER`` without ``MELDING_INHOUD``) only the reports they were made a handler of.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.selectors import Scope, scope_for
from integriteit.common.permissions import Capability, roles_with
from integriteit.meldingen.constants import Status
from integriteit.meldingen.models import Melding, Meldregeling
from integriteit.meldingen.termijnen import TermijnStand, termijn_stand
from integriteit.organisaties.models import Organisatie

#: Ciphertext and code columns: never needed in a list, and heavy to sort.
VERSLEUTELD = ("inhoud", "identiteit", "ontvangstcode_index", "ontvangstcode_salt")

#: Warning period when an organisation has no reporting procedure row yet (the model default).
WAARSCHUWEN_STANDAARD = 2


def register_list(*, gebruiker: Any) -> QuerySet[Melding]:
    """The reports ``gebruiker`` may see in the registry (see the module docstring).

    The organisations are resolved first (a few hundred ids at most), so the report table is
    filtered on ``organisatie_id`` alone and its indexes serve 100,000 rows."""
    volledig = _ids(scope_for(gebruiker=gebruiker, capability=Capability.MELDING_INHOUD))
    beperkt = _ids(scope_for(gebruiker=gebruiker, capability=Capability.MELDING_REGISTER))
    beperkt -= volledig
    condition = Q(organisatie_id__in=sorted(volledig))
    if beperkt:
        eigen = Melding.behandelaars.through.objects.filter(gebruiker_id=gebruiker.pk).values(
            "melding_id"
        )
        condition |= Q(organisatie_id__in=sorted(beperkt), pk__in=eigen)
    if not (volledig or beperkt):
        return Melding.objects.none()
    return Melding.objects.filter(condition)


def _ids(scope: Scope) -> set[int]:
    if scope.is_empty:
        return set()
    return set(Organisatie.objects.filter(scope.q()).values_list("pk", flat=True))


def register_get(*, gebruiker: Any, pk: Any) -> Melding | None:
    return (
        register_list(gebruiker=gebruiker)
        .select_related("organisatie", "organisatie__meldregeling")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class Filters:
    """The registry's GET filters, already parsed (the form does the parsing)."""

    soort: str = ""
    status: str = ""
    kanaal: str = ""
    van: date | None = None
    tot: date | None = None
    alleen_verlopen: bool = False


def verlopen_q(vandaag: date) -> Q:
    """Open reports with a deadline that passed without the step being done."""
    return ~Q(status=Status.AFGESLOTEN) & (
        Q(bevestigd_op__isnull=True, bevestiging_uiterlijk__lt=vandaag)
        | Q(teruggekoppeld_op__isnull=True, terugkoppeling_uiterlijk__lt=vandaag)
    )


def register_filter(
    meldingen: QuerySet[Melding], filters: Filters, *, vandaag: date | None = None
) -> QuerySet[Melding]:
    """Apply the filters; the page of rows carries its organisation, procedure and handlers
    (a constant number of queries whatever the page size)."""
    exact = {"soort": filters.soort, "status": filters.status, "kanaal": filters.kanaal}
    meldingen = meldingen.filter(**{k: v for k, v in exact.items() if v})
    if filters.van:
        meldingen = meldingen.filter(ontvangen_op__gte=filters.van)
    if filters.tot:
        meldingen = meldingen.filter(ontvangen_op__lte=filters.tot)
    if filters.alleen_verlopen:
        meldingen = meldingen.filter(verlopen_q(vandaag or timezone.localdate()))
    # Narrow rows to sort: no ciphertext, no joins; the page's organisations, procedures and
    # handlers come in by prefetch (three more queries, whatever the page size).
    return (
        meldingen.defer(*VERSLEUTELD)
        .prefetch_related("organisatie", "organisatie__meldregeling", "behandelaars")
        .order_by("-ontvangen_op", "-nummer")
    )


def waarschuwen_dagen(melding: Melding) -> int:
    """The warning period of the report's organisation (without a procedure: the default)."""
    try:
        regeling: Meldregeling = melding.organisatie.meldregeling
    except Meldregeling.DoesNotExist:
        return WAARSCHUWEN_STANDAARD
    return regeling.waarschuwen_dagen


@dataclass(frozen=True)
class Klok:
    """The legal clock of one report: the state of each deadline (``None``: not applicable,
    a report closed before the deadline without the step)."""

    bevestiging: TermijnStand | None
    terugkoppeling: TermijnStand | None


def _stand(melding: Melding, uiterlijk: date, gedaan: date | None, vandaag: date) -> Any:
    if gedaan is None and melding.afgesloten_op is not None:
        # Closed without the step: late only when it was closed after the deadline.
        return TermijnStand.VERLOPEN if melding.afgesloten_op > uiterlijk else None
    return termijn_stand(uiterlijk, gedaan, vandaag, waarschuwen_dagen(melding))


def klok(melding: Melding, vandaag: date | None = None) -> Klok:
    dag = vandaag or timezone.localdate()
    return Klok(
        bevestiging=_stand(melding, melding.bevestiging_uiterlijk, melding.bevestigd_op, dag),
        terugkoppeling=_stand(
            melding, melding.terugkoppeling_uiterlijk, melding.teruggekoppeld_op, dag
        ),
    )


def kandidaat_behandelaars(melding: Melding) -> QuerySet[Gebruiker]:
    """Users who may be made a handler: an active registry role (coordinator or bevoegd
    gezag) on the report's organisation or a recursive one above it, a key (logged in once),
    and not a handler yet."""
    organisatie = melding.organisatie
    leden = (
        Lidmaatschap.objects.actief()
        .filter(rol__in=sorted(roles_with(Capability.MELDING_REGISTER)))
        .filter(
            Q(organisatie=organisatie)
            | Q(organisatie_id__in=organisatie.ancestor_ids, recursief=True)
        )
        .values("gebruiker_id")
    )
    return (
        Gebruiker.objects.filter(pk__in=leden, is_active=True, kluissleutel__isnull=False)
        .exclude(pk__in=melding.behandelaars.values("pk"))
        .order_by("last_name", "first_name", "username")
    )


@dataclass(frozen=True)
class Signaal:
    """One deadline to signal: ``termijn`` is "bevestiging" or "terugkoppeling"."""

    melding: Melding
    termijn: str
    uiterlijk: date


def te_signaleren(vandaag: date) -> list[Signaal]:
    """Open reports whose acknowledgement or feedback deadline is within the organisation's
    warning period (or passed), not done and not signalled yet."""
    ruimste = Meldregeling.objects.aggregate(m=Max("waarschuwen_dagen"))["m"] or 0
    grens = vandaag + timedelta(days=max(ruimste, WAARSCHUWEN_STANDAARD))
    bevestiging = Q(
        bevestigd_op__isnull=True,
        bevestiging_gesignaleerd_op__isnull=True,
        bevestiging_uiterlijk__lte=grens,
    )
    terugkoppeling = Q(
        teruggekoppeld_op__isnull=True,
        terugkoppeling_gesignaleerd_op__isnull=True,
        terugkoppeling_uiterlijk__lte=grens,
    )
    kandidaten = (
        Melding.objects.exclude(status=Status.AFGESLOTEN)
        .filter(vernietigd_op__isnull=True)
        .filter(bevestiging | terugkoppeling)
        .select_related("organisatie", "organisatie__meldregeling")
        .prefetch_related("behandelaars")
        .order_by("pk")
    )
    signalen: list[Signaal] = []
    for melding in kandidaten:
        dagen = waarschuwen_dagen(melding)
        for termijn, uiterlijk, gedaan, gesignaleerd in (
            (
                "bevestiging",
                melding.bevestiging_uiterlijk,
                melding.bevestigd_op,
                melding.bevestiging_gesignaleerd_op,
            ),
            (
                "terugkoppeling",
                melding.terugkoppeling_uiterlijk,
                melding.teruggekoppeld_op,
                melding.terugkoppeling_gesignaleerd_op,
            ),
        ):
            if gedaan is None and gesignaleerd is None and (uiterlijk - vandaag).days <= dagen:
                signalen.append(Signaal(melding=melding, termijn=termijn, uiterlijk=uiterlijk))
    return signalen
