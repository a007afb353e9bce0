"""Reads of the confidential advisers' module, each limited to what the asker may see.

- The adviser (``VP_LOGBOEK``) reads only the profile linked to their own account, and only
  its contacts, meetings, reports and recommendations.
- The coordinator (``VP_BEHEREN``) reads the profiles in scope and counts over their logs,
  never a single contact.
- The competent authority and the coordinator (``VP_AANBEVELINGEN``) read recommendations
  (those between reports, and those of issued reports) and meetings in scope.
- BZK (``VP_RIJKSBREED``) reads counts per ministry, shielded.
- Everyone reads the public list of active advisers of a ministry.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from integriteit.accounts.selectors import Scope, lidmaatschappen_actief, scope_for
from integriteit.common.permissions import Capability
from integriteit.common.roles import Rol
from integriteit.organisaties.constants import Soort as OrganisatieSoort
from integriteit.organisaties.models import Organisatie
from integriteit.vertrouwenspersonen.constants import JaarverslagStatus
from integriteit.vertrouwenspersonen.models import (
    Aanbeveling,
    Contact,
    Jaarverslag,
    Overleg,
    Vertrouwenspersoon,
)

# --- adviser ----------------------------------------------------------------------------------


def eigen_profiel(*, gebruiker: Any) -> Vertrouwenspersoon | None:
    """The adviser's own profile (the most recent term), or ``None``: not registered yet."""
    if scope_for(gebruiker=gebruiker, capability=Capability.VP_LOGBOEK).is_empty:
        return None
    return (
        Vertrouwenspersoon.objects.filter(gebruiker_id=gebruiker.pk)
        .select_related("organisatie")
        .order_by("-termijn_van", "-pk")
        .first()
    )


def eigen_contacten(*, profiel: Vertrouwenspersoon) -> QuerySet[Contact]:
    return Contact.objects.filter(vertrouwenspersoon=profiel).order_by("-datum", "-pk")


def eigen_contact(*, gebruiker: Any, pk: int) -> Contact:
    """One contact of the adviser's own log; 404 for any other."""
    contact = (
        Contact.objects.filter(pk=pk, vertrouwenspersoon__gebruiker_id=gebruiker.pk)
        .select_related("vertrouwenspersoon__organisatie")
        .first()
    )
    if contact is None or scope_for(gebruiker=gebruiker, capability=Capability.VP_LOGBOEK).is_empty:
        raise Http404
    return contact


# --- coordinator ------------------------------------------------------------------------------


def beheer_scope(*, gebruiker: Any) -> Scope:
    return scope_for(gebruiker=gebruiker, capability=Capability.VP_BEHEREN)


def profiel_list(*, gebruiker: Any) -> QuerySet[Vertrouwenspersoon]:
    """Profiles of the advisers in the coordinator's scope."""
    scope = beheer_scope(gebruiker=gebruiker)
    return (
        Vertrouwenspersoon.objects.filter(scope.q(prefix="organisatie__"))
        .select_related("organisatie", "gebruiker")
        .order_by("organisatie__pad", "publieke_naam")
    )


def profiel_get(*, gebruiker: Any, pk: int) -> Vertrouwenspersoon:
    profiel = profiel_list(gebruiker=gebruiker).filter(pk=pk).first()
    if profiel is None:
        raise Http404
    return profiel


def contacttellingen(
    *, profielen: QuerySet[Vertrouwenspersoon], jaar: int
) -> list[tuple[int, int, str, str, int]]:
    """(profile id, year, category, follow-up, minutes) of the contacts of ``jaar`` and the
    year before — the raw material for the shielded counts; nothing else of a contact."""
    return list(
        Contact.objects.filter(vertrouwenspersoon__in=profielen, datum__year__in=[jaar, jaar - 1])
        .order_by()
        .values_list("vertrouwenspersoon_id", "datum__year", "categorie", "vervolg", "duur_minuten")
    )


# --- competent authority and coordinator -------------------------------------------------------


def gezag_scope(*, gebruiker: Any) -> Scope:
    """Where ``gebruiker`` is the competent authority: only there may it respond."""
    prefixes: list[str] = []
    nodes: set[int] = set()
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        if lid.rol != Rol.BEVOEGD_GEZAG:
            continue
        if lid.recursief:
            prefixes.append(lid.organisatie.pad)
        else:
            nodes.add(lid.organisatie_id)
    return Scope(prefixes=tuple(prefixes), node_ids=frozenset(nodes))


def _aanbevelingen_scope(gebruiker: Any) -> Scope:
    return scope_for(gebruiker=gebruiker, capability=Capability.VP_AANBEVELINGEN)


def aanbeveling_list(*, gebruiker: Any) -> QuerySet[Aanbeveling]:
    """Recommendations the competent authority has received in scope: open ones first, then
    those awaiting follow-up, then the finished ones; newest first within each."""
    scope = _aanbevelingen_scope(gebruiker)
    zichtbaar = Q(jaarverslag__isnull=True) | Q(jaarverslag__status=JaarverslagStatus.UITGEBRACHT)
    volgorde = Case(
        When(reactie="", then=Value(0)),
        When(opvolging="", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Aanbeveling.objects.filter(scope.q(prefix="vertrouwenspersoon__organisatie__"))
        .filter(zichtbaar)
        .select_related("vertrouwenspersoon__organisatie", "jaarverslag", "reactie_door")
        .annotate(volgorde=volgorde)
        .order_by("volgorde", "-datum", "-pk")
    )


def aanbeveling_get(*, gebruiker: Any, pk: int) -> Aanbeveling:
    aanbeveling = aanbeveling_list(gebruiker=gebruiker).filter(pk=pk).first()
    if aanbeveling is None:
        raise Http404
    return aanbeveling


def overleg_list(*, gebruiker: Any) -> QuerySet[Overleg]:
    scope = _aanbevelingen_scope(gebruiker)
    return (
        Overleg.objects.filter(scope.q(prefix="vertrouwenspersoon__organisatie__"))
        .select_related("vertrouwenspersoon__organisatie")
        .order_by("-datum", "-pk")
    )


def uitgebrachte_verslagen(*, gebruiker: Any) -> QuerySet[Jaarverslag]:
    scope = _aanbevelingen_scope(gebruiker)
    return (
        Jaarverslag.objects.filter(scope.q(prefix="vertrouwenspersoon__organisatie__"))
        .filter(status=JaarverslagStatus.UITGEBRACHT)
        .select_related("vertrouwenspersoon__organisatie")
        .order_by("-jaar", "vertrouwenspersoon__publieke_naam")
    )


def uitgebracht_verslag_get(*, gebruiker: Any, pk: int) -> Jaarverslag:
    verslag = uitgebrachte_verslagen(gebruiker=gebruiker).filter(pk=pk).first()
    if verslag is None:
        raise Http404
    return verslag


# --- government-wide (BZK) ---------------------------------------------------------------------


def ministeries(*, peildatum: date) -> list[Organisatie]:
    return list(
        Organisatie.objects.filter(soort=OrganisatieSoort.MINISTERIE)
        .geldig_op(peildatum)
        .order_by("code")
    )


def rijksbrede_tellingen(
    *, jaar: int, ministerie_lijst: list[Organisatie]
) -> dict[tuple[str, str], int]:
    """(ministry code, category) → number of contacts in ``jaar``. Only counts leave here."""
    uit: dict[tuple[str, str], int] = {}
    paden = [(m.code, m.pad) for m in ministerie_lijst]
    rijen = (
        Contact.objects.filter(datum__year=jaar)
        .order_by()
        .values_list("vertrouwenspersoon__organisatie__pad", "categorie")
    )
    for pad, categorie in rijen:
        code = next((c for c, p in paden if pad.startswith(p)), None)
        if code is not None:
            uit[(code, categorie)] = uit.get((code, categorie), 0) + 1
    return uit


# --- public -------------------------------------------------------------------------------------


def publieke_organisaties(*, peildatum: date) -> list[Organisatie]:
    """Ministries with at least one active adviser, by name."""
    actief = Vertrouwenspersoon.objects.actief_op(peildatum)
    paden = list(actief.values_list("organisatie__pad", flat=True))
    return [m for m in ministeries(peildatum=peildatum) if any(p.startswith(m.pad) for p in paden)]


def publieke_organisatie(*, code: str, peildatum: date) -> Organisatie:
    organisatie = next((m for m in ministeries(peildatum=peildatum) if m.code == code), None)
    if organisatie is None:
        raise Http404
    return organisatie


def publieke_vertrouwenspersonen(
    *, organisatie: Organisatie, peildatum: date
) -> list[Vertrouwenspersoon]:
    """Active advisers serving the ministry or a unit under it: internal first, then external."""
    return list(
        Vertrouwenspersoon.objects.actief_op(peildatum)
        .filter(organisatie__pad__startswith=organisatie.pad)
        .select_related("organisatie")
        .order_by("soort", "publieke_naam")
    )
