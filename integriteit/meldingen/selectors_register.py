"""Reads of the registry (norm 13): which reports a user sees, the filters, the legal clock per
row, the users a handler may be chosen from, and the reports whose deadline must be signalled.

Metadata only: nothing here opens a vault. Scope (issue 5, roles): a coordinator
(``MELDING_INHOUD``) sees every report of the organisations in scope; a ``bevoegd_gezag``
(``MELDING_REGISTER`` without ``MELDING_INHOUD``) only the reports they were made a handler of.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, overload

from django.db.models import (
    BigIntegerField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability, roles_with
from integriteit.meldingen.constants import Status
from integriteit.meldingen.models import Melding, Meldregeling
from integriteit.meldingen.termijnen import TermijnStand, termijn_stand
from integriteit.organisaties.models import Organisatie

#: Ciphertext and code columns: never needed in a list, and heavy to sort.
VERSLEUTELD = ("inhoud", "identiteit", "ontvangstcode_index", "ontvangstcode_salt")

#: Warning period when an organisation has no reporting procedure row yet (the model default).
WAARSCHUWEN_STANDAARD = 2


@dataclass(frozen=True)
class _Bereik:
    """The organisations whose reports a user sees: all of them (``volledig``), or only those
    they handle (``beperkt``); disjoint, sorted ids."""

    volledig: list[int]
    beperkt: list[int]

    @property
    def is_leeg(self) -> bool:
        return not (self.volledig or self.beperkt)


def _bereik(gebruiker: Any) -> _Bereik:
    """Resolved in one query (a few hundred organisations at most), so the report table is
    filtered on ``organisatie_id`` alone and its indexes serve 100,000 rows."""
    inhoud = scope_for(gebruiker=gebruiker, capability=Capability.MELDING_INHOUD)
    register = scope_for(gebruiker=gebruiker, capability=Capability.MELDING_REGISTER)
    if inhoud.is_empty and register.is_empty:
        return _Bereik(volledig=[], beperkt=[])
    condition = Q(pk__in=[])
    for scope in (inhoud, register):
        if not scope.is_empty:
            condition |= scope.q()
    volledig, beperkt = [], []
    for pk, pad in Organisatie.objects.filter(condition).values_list("pk", "pad"):
        if inhoud.covers(pad=pad, node_id=pk):
            volledig.append(pk)
        elif register.covers(pad=pad, node_id=pk):
            beperkt.append(pk)
    return _Bereik(volledig=sorted(volledig), beperkt=sorted(beperkt))


def _bereik_q(bereik: _Bereik, gebruiker: Any, *, volgorde: bool = False) -> Q:
    """The reports in ``bereik``. With ``volgorde`` the same set, written so that no index on
    the organisation or the key can drive the query (``organisatie_id + 0``, a correlated
    EXISTS): the database then walks ``melding_register_volgorde`` in the list's order and
    stops after one page, instead of sorting every report in scope (SQLite's planner, without
    statistics, would otherwise pick the organisation index and sort 50,000 rows)."""
    organisatie = "register_organisatie" if volgorde else "organisatie_id"
    condition = Q(**{f"{organisatie}__in": bereik.volledig})
    if bereik.beperkt:
        eigen = Melding.behandelaars.through.objects.filter(gebruiker_id=gebruiker.pk)
        behandelt = (
            Q(Exists(eigen.filter(melding_id=OuterRef("pk"))))
            if volgorde
            else Q(pk__in=eigen.values("melding_id"))
        )
        condition |= Q(**{f"{organisatie}__in": bereik.beperkt}) & behandelt
    return condition


def register_list(*, gebruiker: Any) -> QuerySet[Melding]:
    """The reports ``gebruiker`` may see in the registry (see the module docstring)."""
    bereik = _bereik(gebruiker)
    if bereik.is_leeg:
        return Melding.objects.none()
    return Melding.objects.filter(_bereik_q(bereik, gebruiker))


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


def _filter_q(filters: Filters, vandaag: date) -> Q:
    condition = Q(**{k: v for k in ("soort", "status", "kanaal") if (v := getattr(filters, k))})
    if filters.van:
        condition &= Q(ontvangen_op__gte=filters.van)
    if filters.tot:
        condition &= Q(ontvangen_op__lte=filters.tot)
    if filters.alleen_verlopen:
        condition &= verlopen_q(vandaag)
    return condition


#: The list's order, newest first; ``melding_register_volgorde`` holds it.
VOLGORDE = ("-ontvangen_op", "-nummer")


class Registerlijst:
    """The filtered registry as Django's ``Paginator`` reads it: ``count()`` and a slice.

    Two queries whatever the number of reports, each served by one index without reading
    the table: the count by ``melding_register_telling`` (the organisations in scope), the
    page's keys by ``melding_register_volgorde`` (walked in the list's order, stopping after
    the page). The page's rows come by those keys, without ciphertext, joined to their
    organisation and procedure (cheap for 50 keys); their handlers: ``behandelaars_per_melding``."""

    def __init__(self, *, telling: QuerySet[Melding], volgorde: QuerySet[Melding]) -> None:
        self._telling = telling
        self._volgorde = volgorde
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._telling.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Melding]:
        return iter(self[0 : self.count()])

    @overload
    def __getitem__(self, index: int) -> Melding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Melding]: ...

    def __getitem__(self, index: int | slice) -> Melding | list[Melding]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        sleutels = self._volgorde.values("pk")[index]
        return list(
            Melding.objects.filter(pk__in=sleutels)
            .defer(*VERSLEUTELD)
            .select_related("organisatie", "organisatie__meldregeling")
            .order_by(*VOLGORDE)
        )


def behandelaars_per_melding(meldingen: Iterable[Melding]) -> dict[int, list[str]]:
    """The handlers' names of each report on a page, by username (as ``behandelaars.all()``).

    Two queries, and each handler built once (not once per row, as a prefetch would): the
    coordinator who handles every report on the page is one object, not fifty."""
    paren = list(
        Melding.behandelaars.through.objects.filter(
            melding_id__in=[m.pk for m in meldingen]
        ).values_list("melding_id", "gebruiker_id")
    )
    gebruikers = Gebruiker.objects.filter(pk__in={g for _, g in paren}).only(
        "username", "first_name", "last_name"
    )
    volgorde = {g.pk: (i, str(g)) for i, g in enumerate(gebruikers.order_by("username"))}
    namen: dict[int, list[str]] = {}
    for melding_id, gebruiker_id in sorted(paren, key=lambda p: volgorde[p[1]][0]):
        namen.setdefault(melding_id, []).append(volgorde[gebruiker_id][1])
    return namen


def register_lijst(
    *, gebruiker: Any, filters: Filters, vandaag: date | None = None
) -> Registerlijst:
    """The reports ``gebruiker`` may see (as ``register_list``), filtered, newest first."""
    bereik = _bereik(gebruiker)
    if bereik.is_leeg:
        leeg = Melding.objects.none()
        return Registerlijst(telling=leeg, volgorde=leeg)
    gefilterd = _filter_q(filters, vandaag or timezone.localdate())
    telling = Melding.objects.filter(_bereik_q(bereik, gebruiker), gefilterd)
    volgorde = (
        Melding.objects.alias(
            register_organisatie=ExpressionWrapper(
                F("organisatie_id") + 0, output_field=BigIntegerField()
            )
        )
        .filter(_bereik_q(bereik, gebruiker, volgorde=True), gefilterd)
        .order_by(*VOLGORDE)
    )
    return Registerlijst(telling=telling, volgorde=volgorde)


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
