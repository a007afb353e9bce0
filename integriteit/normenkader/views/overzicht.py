"""Read-only overviews of the norm framework: the government-wide heatmap, one rating, one
organisation across cycles, one norm across organisations, the comparison of two cycles and
the frameworks themselves. Thin: the selectors decide what a user sees (in the read scope
everything, elsewhere only final levels; 404 for objects outside the scope)."""

from __future__ import annotations

from pathlib import PurePath

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from integriteit.accounts.selectors import gebruiker_has_capability
from integriteit.common.permissions import Capability, requires
from integriteit.normenkader import selectors
from integriteit.normenkader.constants import AppliesTo, Soort, Status
from integriteit.normenkader.normbewijs import normbewijs_voor_oordeel
from integriteit.normenkader.selectors import (
    cyclus_list,
    may_author,
    normenkader_list,
    oordeel_get,
    verbeteractie_list,
    vorige_niveaus,
)
from integriteit.normenkader.selectors_overzicht import (
    kort_label,
    norm_get,
    norm_overzicht,
    normenkader_get,
    normgroepen_met_normen,
    organisatie_overzicht,
)
from integriteit.normenkader.views import overzicht_vergelijking
from integriteit.normenkader.views.overzicht_forms import (
    HeatmapKeuze,
    heatmap_keuze,
    vergelijking_keuze,
)
from integriteit.normenkader.views.overzicht_heatmap import heatmap_tabel
from integriteit.normenkader.views.overzicht_vergelijking import VERANDERINGEN
from integriteit.organisaties.selectors import organisatie_get


def _may(request: HttpRequest, capability: Capability) -> bool:
    return gebruiker_has_capability(gebruiker=request.user, capability=capability)


def _vergelijk_query(keuze: HeatmapKeuze) -> dict[str, str]:
    """The comparison of this cycle with its previous one, same kind and norms."""
    query = {"b": str(keuze.cyclus.pk), "soort_b": keuze.soort, "rol": keuze.rol}
    if keuze.cyclus.vorige_id is not None:
        query["a"] = str(keuze.cyclus.vorige_id)
    return query


@require_GET
@requires(Capability.BEOORDELING_LEZEN)
def heatmap(request: HttpRequest) -> HttpResponse:
    """Organisations × norms for one cycle and kind; filters in the query string."""
    form, keuze = heatmap_keuze(request.GET)
    context: dict[str, object] = {"form": form, "keuze": keuze}
    if keuze is not None:
        hm = selectors.heatmap(
            gebruiker=request.user,
            cyclus=keuze.cyclus,
            soort=keuze.soort,
            applies_to=keuze.rol,
            groep_code=keuze.groep,
        )
        context |= {
            "tabel": heatmap_tabel(hm),
            "soort_label": Soort(keuze.soort).label,
            "export_query": urlencode({"cyclus": str(keuze.cyclus.pk), "soort": keuze.soort}),
            "vergelijk_query": urlencode(_vergelijk_query(keuze)),
            "coordinatie": keuze.rol == AppliesTo.COORDINATOR,
            "may_norm": _may(request, Capability.HEATMAP_RIJKSBREED),
            "start_ids": _startable(request, hm, keuze.soort),
        }
    return render(request, "normenkader/heatmap.html", context)


def _startable(request: HttpRequest, hm: selectors.Heatmap, soort: str) -> set[int]:
    """Rows without an assessment of this kind that this user may begin (a link per row)."""
    return {
        row.organisatie.pk
        for row in hm.rows
        if row.beoordeling is None
        and selectors.may_author(gebruiker=request.user, soort=soort, organisatie=row.organisatie)
    }


@require_GET
@requires(Capability.BEOORDELING_LEZEN)
def oordeel(request: HttpRequest, pk: int) -> HttpResponse:
    """One rating: the norm, the level and why, the evidence and the improvement actions."""
    item = oordeel_get(gebruiker=request.user, pk=pk)
    beoordeling = item.beoordeling
    organisatie = beoordeling.organisatie
    acties = verbeteractie_list(gebruiker=request.user).filter(
        organisatie=organisatie, norm__code=item.norm.code
    )
    vorige = vorige_niveaus(beoordeling=beoordeling).get(item.norm.code)
    bewijzen = item.bewijzen.all()
    context = {
        "oordeel": item,
        "beoordeling": beoordeling,
        "norm": item.norm,
        "kort": kort_label(item.niveau),
        "bewijzen": [(b, PurePath(b.bestand.name).name if b.bestand else "") for b in bewijzen],
        "acties": acties,
        "vorige": vorige,
        "heatmap_query": urlencode(
            {
                "cyclus": str(beoordeling.cyclus_id),
                "soort": beoordeling.soort,
                "rol": item.norm.groep.applies_to,
            }
        ),
        "may_edit": beoordeling.status == Status.CONCEPT
        and may_author(gebruiker=request.user, soort=beoordeling.soort, organisatie=organisatie),
        "may_norm": _may(request, Capability.HEATMAP_RIJKSBREED),
        "suggesties": normbewijs_voor_oordeel(
            oordeel=item, gebruiker=request.user, vandaag=timezone.localdate()
        ),
    }
    return render(request, "normenkader/oordeel_detail.html", context)


@require_GET
@requires(Capability.BEOORDELING_LEZEN)
def organisatie(request: HttpRequest, code: str) -> HttpResponse:
    """One organisation: its levels across cycles, findings, open actions, assessments."""
    org = organisatie_get(
        gebruiker=request.user, capability=Capability.BEOORDELING_LEZEN, code=code
    )
    overzicht = organisatie_overzicht(gebruiker=request.user, organisatie=org)
    acties = verbeteractie_list(gebruiker=request.user, open_only=True).filter(organisatie=org)
    context = {
        "organisatie": org,
        "overzicht": overzicht,
        "acties": acties,
        "may_norm": _may(request, Capability.HEATMAP_RIJKSBREED),
    }
    return render(request, "normenkader/organisatie_detail.html", context)


@require_GET
@requires(Capability.HEATMAP_RIJKSBREED)
def norm(request: HttpRequest, kader: int, code: str) -> HttpResponse:
    """One norm: its text, the report's conclusion, every organisation's level per cycle."""
    item = norm_get(kader=kader, code=code)
    context = {
        "norm": item,
        "overzicht": norm_overzicht(gebruiker=request.user, norm=item),
        "coordinatie": item.groep.applies_to == AppliesTo.COORDINATOR,
    }
    return render(request, "normenkader/norm_detail.html", context)


@require_GET
@requires(Capability.BEOORDELING_LEZEN)
def vergelijking(request: HttpRequest) -> HttpResponse:
    """Two cycles side by side: per organisation and norm better, equal or worse."""
    form, keuze = vergelijking_keuze(request.GET)
    context: dict[str, object] = {"form": form, "keuze": keuze, "veranderingen": VERANDERINGEN}
    if keuze is not None:
        a = selectors.heatmap(
            gebruiker=request.user, cyclus=keuze.a, soort=keuze.soort_a, applies_to=keuze.rol
        )
        b = selectors.heatmap(
            gebruiker=request.user, cyclus=keuze.b, soort=keuze.soort_b, applies_to=keuze.rol
        )
        context |= {
            "resultaat": overzicht_vergelijking.vergelijking(a=a, b=b),
            "soort_a_label": Soort(keuze.soort_a).label,
            "soort_b_label": Soort(keuze.soort_b).label,
        }
    return render(request, "normenkader/vergelijking.html", context)


@require_GET
@requires(Capability.NORMENKADER_BEKIJKEN)
def kader_list(request: HttpRequest) -> HttpResponse:
    """Every loaded framework version with its source and number of norms."""
    kaders = normenkader_list().prefetch_related("cycli")
    context = {
        "kaders": kaders,
        "may_upload": _may(request, Capability.NORMENKADER_BEHEREN),
    }
    return render(request, "normenkader/kader_list.html", context)


@require_GET
@requires(Capability.NORMENKADER_BEKIJKEN)
def kader_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One framework version: its scale, its groups and norms, and the cycles using it."""
    kader = normenkader_get(pk=pk)
    niveaus = list(kader.niveaus.order_by("-rang"))
    context = {
        "kader": kader,
        "niveaus": [(n, kort_label(n)) for n in niveaus],
        "groepen": normgroepen_met_normen(normenkader=kader),
        "cycli": cyclus_list().filter(normenkader=kader),
        "may_lezen": _may(request, Capability.BEOORDELING_LEZEN),
        "may_norm": _may(request, Capability.HEATMAP_RIJKSBREED),
    }
    return render(request, "normenkader/kader_detail.html", context)
