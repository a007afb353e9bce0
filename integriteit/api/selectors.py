"""Owns the reads of the API app: the user's own tokens, and the few reads the API needs
that the other apps keep inside their views. Everything that depends on who asks is scoped
exactly as the pages are — through ``scope_for``/``Scope.q()`` and the other apps'
selectors — so the API never shows more than the page of the same capability.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from integriteit.accounts.selectors import scope_for
from integriteit.api.models import ApiToken
from integriteit.common.permissions import Capability
from integriteit.medewerkersonderzoek import selectors as enquete_selectors
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.meldingen import statistiek as stat
from integriteit.meldingen.models import Melding
from integriteit.normenkader.models import Beoordeling
from integriteit.normenkader.selectors import read_scope


def apitoken_list(*, gebruiker: Any) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked and expired ones included)."""
    return ApiToken.objects.filter(gebruiker_id=gebruiker.pk).order_by("-aangemaakt_op", "-pk")


def apitoken_get(*, gebruiker: Any, pk: int) -> ApiToken:
    """One of the user's own tokens; anyone else's is a 404."""
    token = apitoken_list(gebruiker=gebruiker).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


# --- assessments -----------------------------------------------------------------------------


def beoordeling_list(
    *,
    gebruiker: Any,
    cyclus: int | None = None,
    organisatie: str | None = None,
    soort: str | None = None,
    status: str | None = None,
) -> QuerySet[Beoordeling]:
    """Assessments in the user's read scope (``normenkader.selectors.read_scope``: every
    version and status, as the assessment pages show them)."""
    scope = read_scope(gebruiker=gebruiker)
    beoordelingen = Beoordeling.objects.filter(scope.q(prefix="organisatie__")).select_related(
        "cyclus", "organisatie"
    )
    if cyclus is not None:
        beoordelingen = beoordelingen.filter(cyclus_id=cyclus)
    if organisatie:
        beoordelingen = beoordelingen.filter(organisatie__code=organisatie)
    if soort:
        beoordelingen = beoordelingen.filter(soort=soort)
    if status:
        beoordelingen = beoordelingen.filter(status=status)
    return beoordelingen.order_by("-cyclus__jaar", "organisatie__code", "soort", "-versie", "pk")


# --- survey ------------------------------------------------------------------------------------


def golf_list(*, gebruiker: Any, capability: Capability) -> QuerySet[Golf]:
    """Waves with an organisation or unit in the user's scope of ``capability``."""
    return enquete_selectors.golf_list(scope=scope_for(gebruiker=gebruiker, capability=capability))


def golf_get(*, gebruiker: Any, pk: int, capability: Capability) -> Golf:
    golf = golf_list(gebruiker=gebruiker, capability=capability).filter(pk=pk).first()
    if golf is None:
        raise Http404
    return golf


def golf_get_beheren(*, gebruiker: Any, pk: int) -> Golf:
    """A wave the user runs (its own organisation in the ENQUETE_BEHEREN scope), as the
    import page decides (``views/beheer_toegang.golf_get(beheren=True)``); else 404."""
    scope = scope_for(gebruiker=gebruiker, capability=Capability.ENQUETE_BEHEREN)
    golf = enquete_selectors.golf_list(scope=scope).filter(pk=pk).first()
    if golf is None or not scope.covers(pad=golf.organisatie.pad, node_id=golf.organisatie_id):
        raise Http404
    return golf


# --- statistics of reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class StatistiekUitkomst:
    keuze: stat.Keuze
    opties: list[stat.Keuze]
    jaar: int
    cijfers: stat.Statistiek
    onderdelen: list[tuple[stat.Keuze, stat.Aantal]]


def _keuze(opties: list[stat.Keuze], code: str | None) -> stat.Keuze:
    if not code:
        return opties[0]
    for optie in opties:
        if optie.organisatie.code == code:
            return optie
    raise Http404


def _onderdelen(
    keuze: stat.Keuze, opties: list[stat.Keuze], rijen: list[stat.Rij], vandaag: date
) -> list[tuple[stat.Keuze, stat.Aantal]]:
    """Per ministry under the chosen node, for the shielded audience; the totals shielded
    as one distribution, as the page does (meldingen/views/statistiek._onderdelen)."""
    if keuze.exact:
        return []
    pad = keuze.organisatie.pad
    kinderen = [
        o
        for o in opties
        if o.organisatie.pad.startswith(pad) and o.organisatie.pk != keuze.organisatie.pk
    ]
    totalen = [
        stat.bereken(
            [r for r in rijen if r.organisatie_pad.startswith(k.organisatie.pad)],
            fte=stat.fte_van(k.organisatie),
            afschermen_klein=True,
            vandaag=vandaag,
        ).totaal.waarde
        for k in kinderen
    ]
    standen = stat.afschermen(totalen)
    return [
        (k, stat.Aantal(k.organisatie.code, k.organisatie.naam, n, stand))
        for k, n, stand in zip(kinderen, totalen, standen, strict=True)
    ]


def melding_statistiek(
    *, gebruiker: Any, organisatie: str | None, jaar: int, vandaag: date
) -> StatistiekUitkomst:
    """The figures of the statistics page (``meldingen/statistiek.py``) for one organisation
    the user may choose and one year: exact for the own organisation (registry roles),
    shielded ("<5") for the government-wide audience. An organisation the user may not
    choose is a 404, as on the page."""
    opties = stat.keuzes(gebruiker=gebruiker)
    if not opties:
        raise Http404
    keuze = _keuze(opties, organisatie)
    scope = scope_for(gebruiker=gebruiker, capability=Capability.MELDING_STATISTIEK)
    basis = Melding.objects.filter(scope.q(prefix="organisatie__")).filter(
        organisatie__pad__startswith=keuze.organisatie.pad
    )
    rijen = stat.rijen(basis.filter(ontvangen_op__year=jaar))
    cijfers = stat.bereken(
        rijen,
        fte=stat.fte_van(keuze.organisatie),
        afschermen_klein=not keuze.exact,
        vandaag=vandaag,
    )
    return StatistiekUitkomst(
        keuze=keuze,
        opties=opties,
        jaar=jaar,
        cijfers=cijfers,
        onderdelen=_onderdelen(keuze, opties, rijen, vandaag),
    )
