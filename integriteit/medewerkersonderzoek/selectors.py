"""Reads of the survey's collection side: questionnaires, waves in a scope, the response rate
per unit with small-group suppression, invitations still to remind, and a respondent's draft.

Scoping: the selectors take a :class:`~integriteit.accounts.selectors.Scope` (built by the
view with ``scope_for`` and the survey capability), so the rules of who sees which unit live
here. Suppression is computed over the whole wave *before* scoping, so every viewer sees the
same cells hidden (ADR 0008).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from integriteit.accounts.selectors import Scope
from integriteit.medewerkersonderzoek.constants import MIN_GROUP_SIZE_FLOOR
from integriteit.medewerkersonderzoek.models import (
    ConceptAntwoord,
    Golf,
    GolfEenheid,
    Respons,
    Uitnodiging,
    Vragenlijst,
)
from integriteit.medewerkersonderzoek.services import token_hash


def vragenlijst_list() -> QuerySet[Vragenlijst]:
    return Vragenlijst.objects.order_by("code", "-versie")


def golf_list(*, scope: Scope) -> QuerySet[Golf]:
    """Waves of an organisation in scope, and waves with at least one unit in scope (a
    ministry's coordinator sees the government-wide wave for the own part)."""
    if scope.is_empty:
        return Golf.objects.none()
    units = GolfEenheid.objects.filter(scope.q(prefix="organisatie__")).values("golf_id")
    return (
        Golf.objects.filter(scope.q(prefix="organisatie__") | Q(pk__in=units))
        .select_related("vragenlijst", "organisatie")
        .order_by("-start", "titel")
    )


def herinneringen_te_sturen(*, golf: Golf) -> QuerySet[Uitnodiging]:
    """Invitations of ``golf`` that have not been used to answer."""
    return Uitnodiging.objects.filter(golf=golf, gebruikt=False).order_by("golf_eenheid", "pk")


def concept_antwoorden(*, token: str) -> dict[str, Any]:
    """The answers saved halfway with ``token`` (empty when none)."""
    concept = ConceptAntwoord.objects.filter(token_hash=token_hash(token.strip())).first()
    return dict(concept.antwoorden) if concept else {}


# --- response rate -------------------------------------------------------------------------


@dataclass(frozen=True)
class EenheidRespons:
    """Response of one unit (or of the whole wave). ``gerespondeerd`` and ``percentage`` are
    ``None`` when suppressed; ``percentage`` is 0-100 of the invitations."""

    code: str
    naam: str
    pad: str
    aantal_medewerkers: int
    uitgenodigd: int
    gerespondeerd: int | None
    percentage: float | None
    onderdrukt: bool


@dataclass(frozen=True)
class GolfRespons:
    eenheden: list[EenheidRespons]
    totaal: EenheidRespons | None  # only for a viewer whose scope covers the whole wave


def suppress(sizes: Mapping[Any, int], min_size: int) -> set[Any]:
    """The groups (siblings under one parent) whose counts must not be shown.

    Primary: fewer than ``min_size``. Secondary, so that the parent's total minus the visible
    siblings reveals no suppressed group: while exactly one group is suppressed, or the
    suppressed groups together hold fewer than ``min_size``, also suppress the smallest
    visible group.
    """
    min_size = max(min_size, MIN_GROUP_SIZE_FLOOR)
    hidden = {key for key, n in sizes.items() if n < min_size}
    visible = sorted((n, str(key), key) for key, n in sizes.items() if key not in hidden)
    total = sum(sizes[key] for key in hidden)
    while hidden and visible and (len(hidden) == 1 or total < min_size):
        n, _label, key = visible.pop(0)
        hidden.add(key)
        total += n
    return hidden


def _row(
    eenheid: GolfEenheid | None, golf: Golf, invited: int, responded: int | None
) -> EenheidRespons:
    rate = None
    if responded is not None and invited:
        rate = 100.0 * responded / invited
    org = eenheid.organisatie if eenheid else golf.organisatie
    return EenheidRespons(
        code=org.code,
        naam=org.naam,
        pad=org.pad,
        aantal_medewerkers=eenheid.aantal_medewerkers if eenheid else 0,
        uitgenodigd=invited,
        gerespondeerd=responded,
        percentage=rate,
        onderdrukt=responded is None,
    )


def golf_respons(*, golf: Golf, scope: Scope) -> GolfRespons:
    """Invited, responded and rate per unit of ``golf`` for a viewer with ``scope``.

    Units below the wave's minimum group size are suppressed, plus secondary suppression
    among the siblings under each parent (:func:`suppress`): the suppressed units of every
    parent together hold 0 or at least the minimum, so no total of an ancestor minus the
    visible units reveals a suppressed one.
    """
    eenheden = list(golf.eenheden.select_related("organisatie"))
    invited = _counts(Uitnodiging.objects.filter(golf=golf))
    responded = _counts(Respons.objects.filter(golf=golf))
    siblings: dict[int | None, dict[int, int]] = defaultdict(dict)
    for e in eenheden:
        siblings[e.organisatie.parent_id][e.pk] = responded.get(e.pk, 0)
    hidden: set[int] = set()
    for sizes in siblings.values():
        hidden |= suppress(sizes, golf.min_group_size)
    rows = [
        _row(e, golf, invited.get(e.pk, 0), None if e.pk in hidden else responded.get(e.pk, 0))
        for e in eenheden
        if scope.covers(pad=e.organisatie.pad, node_id=e.organisatie_id)
    ]
    totaal = None
    if scope.covers(pad=golf.organisatie.pad, node_id=golf.organisatie_id):
        n_responded = sum(responded.values())
        shown = n_responded if n_responded >= golf.min_group_size else None
        totaal = _row(None, golf, sum(invited.values()), shown)
    return GolfRespons(eenheden=rows, totaal=totaal)


def _counts(queryset: QuerySet[Any]) -> dict[int, int]:
    """Rows per wave unit, in one grouped query."""
    rows = queryset.order_by().values("golf_eenheid_id").annotate(n=Count("pk"))
    return {row["golf_eenheid_id"]: row["n"] for row in rows}
