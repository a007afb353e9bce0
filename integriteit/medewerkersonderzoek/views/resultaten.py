"""The results pages of a wave: items per block, scales and correlations, and the unit
heatmap. Thin: ``resultaten.golf_resultaten`` computes (and suppresses) everything for the
whole wave, ``zichtbare_knopen`` decides which nodes this viewer reads; these views only pick
the node and shape the numbers for the templates and charts. Raw responses are never read
here, free-text answers never shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from integriteit.common.permissions import Capability, requires
from integriteit.medewerkersonderzoek import charts, rapportfiguren, selectors
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.resultaten import (
    GolfResultaten,
    Json,
    golf_resultaten,
    rijksbreed,
    toegestane_knopen,
    zichtbare_knopen,
)
from integriteit.medewerkersonderzoek.spec import Item, Questionnaire
from integriteit.medewerkersonderzoek.views.beheer_toegang import scope

CAPABILITY = Capability.ENQUETE_RESULTATEN

#: The report's scale correlations (4.3, "Samenhang voorbeeldgedrag en cultuur").
RAPPORT_CORRELATIES = {
    frozenset({"voorbeeldgedrag", "cultuur"}): 0.6,
    frozenset({"communicatie", "cultuur"}): 0.7,
}


@dataclass(frozen=True)
class Keuze:
    """An option of the node picker."""

    code: str
    label: str
    onderdrukt: bool
    gekozen: bool


@dataclass(frozen=True)
class Basis:
    """What every results page needs: the wave, its results, the chosen node, the
    comparisons this viewer may read."""

    golf: Golf
    resultaten: GolfResultaten
    zichtbaar: set[str]
    toegestaan: set[str]
    knoop: str | None  # None: nothing visible for this viewer
    ouder: str | None  # the chosen node's parent, when visible and not the government total
    rijk: Json | None  # the government-wide total, unless it is the chosen node itself

    @property
    def resultaat(self) -> Json | None:
        return self.resultaten.resultaat(self.knoop) if self.knoop else None


def _golf(request: HttpRequest, pk: int) -> Golf:
    """The wave if it has a unit in the viewer's results scope, else 404."""
    golf = selectors.golf_list(scope=scope(request, CAPABILITY)).filter(pk=pk).first()
    if golf is None:
        raise Http404
    return golf


def _kies(request: HttpRequest, resultaten: GolfResultaten, zichtbaar: set[str]) -> str | None:
    gevraagd = request.GET.get("eenheid")
    if gevraagd:
        if gevraagd not in zichtbaar:
            raise Http404
        return gevraagd
    if not zichtbaar:
        return None
    knopen = resultaten.knopen
    return min(zichtbaar, key=lambda code: (knopen[code].diepte, knopen[code].naam.lower()))


def _basis(request: HttpRequest, pk: int) -> Basis:
    golf = _golf(request, pk)
    res = golf_resultaten(golf=golf)
    zichtbaar = zichtbare_knopen(resultaten=res, gebruiker=request.user, capability=CAPABILITY)
    toegestaan = toegestane_knopen(resultaten=res, gebruiker=request.user, capability=CAPABILITY)
    knoop = _kies(request, res, zichtbaar)
    rijk = rijksbreed(golf=golf)
    rijk_top = rijk[1] if rijk else None
    is_rijk_top = rijk is not None and rijk[0].pk == golf.pk and knoop == res.top
    ouder = res.knopen[knoop].parent if knoop else None
    if ouder not in zichtbaar or (rijk and rijk[0].pk == golf.pk and ouder == res.top):
        ouder = None
    return Basis(
        golf=golf,
        resultaten=res,
        zichtbaar=zichtbaar,
        toegestaan=toegestaan,
        knoop=knoop,
        ouder=ouder,
        rijk=None if is_rijk_top else rijk_top,
    )


def _keuzes(basis: Basis) -> list[Keuze]:
    """The nodes this viewer may pick, in tree order; suppressed ones without a number."""
    res = basis.resultaten
    out: list[Keuze] = []

    def walk(code: str) -> None:
        if code in basis.toegestaan:
            knoop = res.knopen[code]
            label = "– " * knoop.diepte + knoop.naam
            if code not in basis.zichtbaar:
                label += " — " + _("te weinig respons (< %(n)d)") % {"n": res.min_group_size}
            out.append(Keuze(code, label, code not in basis.zichtbaar, code == basis.knoop))
        for kind in res.kinderen(code):
            walk(kind.code)

    walk(res.top)
    return out


def _context(basis: Basis, **extra: Any) -> dict[str, Any]:
    res = basis.resultaten
    knoop = res.knopen[basis.knoop] if basis.knoop else None
    return {
        "golf": basis.golf,
        "knoop": knoop,
        "keuzes": _keuzes(basis),
        "ouder": res.knopen[basis.ouder] if basis.ouder else None,
        "heeft_rijk": basis.rijk is not None,
        "min_group_size": res.min_group_size,
        "resultaat": basis.resultaat,
        **extra,
    }


# --- items per block -----------------------------------------------------------------------


def _is_weet_niet(label: str) -> bool:
    return label.strip().lower().startswith("weet niet")


def _codes(
    item: Item, questionnaire: Questionnaire
) -> tuple[dict[int, str], tuple[int, ...], dict[int, str]]:
    """Labels, "weet niet" codes and colours of a scale or single-choice item."""
    scale = questionnaire.scale_of(item)
    if scale is not None:
        kleur = charts.kleuren(
            scale.valid_codes, geordend=scale.substantive, weet_niet=scale.missing
        )
        return dict(scale.labels), scale.missing, kleur
    labels = {o.code: o.label for o in item.options}
    missing = tuple(o.code for o in item.options if _is_weet_niet(o.label))
    return labels, missing, charts.kleuren(list(labels), geordend=(), weet_niet=missing)


def _item_weergave(
    item: Item, questionnaire: Questionnaire, stats: Json
) -> tuple[Any, list[dict[str, Any]]]:
    """The SVG of one item — stacked shares (scale, single choice) or bars (multiple
    choice) — and the same shares as table rows (label, percentage, colour)."""
    if item.kind == "multi":
        balken = [charts.Balk(o.label, stats["percent"].get(str(o.code))) for o in item.options]
        label = _("%(vraag)s: aandeel dat elk antwoord koos") % {"vraag": item.text}
        rows = [{"label": b.label, "pct": b.pct, "kleur": b.kleur} for b in balken]
        return charts.balken_svg(balken, aria_label=label), rows
    labels, missing, kleur = _codes(item, questionnaire)
    segs = charts.segmenten(stats["percent"], labels, kleur, missing)
    agree = stats.get("agree_pct")
    beschrijving = "; ".join(f"{s.label} {charts.procent(s.pct)}" for s in segs)
    rechts = charts.procent(agree) if agree is not None else None
    svg = charts.stapel_svg(segs, aria_label=f"{item.text} {beschrijving}", rechts=rechts)
    return svg, [{"label": s.label, "pct": s.pct, "kleur": s.kleur} for s in segs]


def _agree_label(questionnaire: Questionnaire, item: Item) -> str | None:
    scale = questionnaire.scale_of(item)
    if scale is None or not scale.agree:
        return None
    return " + ".join(scale.labels[c].lower() for c in scale.agree)


def _vergelijk(basis: Basis, code: str) -> dict[str, float | None]:
    def agree(result: Json | None) -> float | None:
        stats = (result or {}).get("items", {}).get(code)
        return stats.get("agree_pct") if stats else None

    ouder = basis.resultaten.resultaat(basis.ouder) if basis.ouder else None
    return {"ouder": agree(ouder), "rijk": agree(basis.rijk)}


def _blokken(basis: Basis, questionnaire: Questionnaire) -> list[dict[str, Any]]:
    result = basis.resultaat or {}
    blokken = []
    for block in questionnaire.blocks:
        items = []
        for item in block.items:
            stats = result.get("items", {}).get(item.code)
            if item.kind == "text" or stats is None:
                continue  # free text is never shown
            svg, rijen = _item_weergave(item, questionnaire, stats)
            items.append(
                {
                    "item": item,
                    "stats": stats,
                    "svg": svg,
                    "rijen": rijen,
                    "agree_label": _agree_label(questionnaire, item),
                    "vergelijk": _vergelijk(basis, item.code),
                }
            )
        if items:
            blokken.append({"blok": block, "items": items})
    return blokken


def _figuren(basis: Basis) -> list[dict[str, Any]]:
    """The report's figures 6-10 beside this node's values (ark-2023 only)."""
    result = basis.resultaat
    if result is None or not rapportfiguren.toepasbaar(basis.golf.vragenlijst.code):
        return []
    out = []
    for figuur, rows in rapportfiguren.vergelijk(result):
        balken: list[charts.Balk] = []
        for row in rows:
            if row.referentie.rapport is not None:
                balken.append(
                    charts.Balk(
                        _("%(label)s — rapport") % {"label": row.referentie.label},
                        row.referentie.rapport,
                        "#6b6b6b",
                    )
                )
            balken.append(
                charts.Balk(
                    _("%(label)s — deze golf") % {"label": row.referentie.label}, row.waarde
                )
            )
        titel = _("Figuur %(n)d: %(titel)s") % {"n": figuur.nummer, "titel": figuur.titel}
        svg = charts.balken_svg(balken, aria_label=titel)
        out.append({"figuur": figuur, "titel": titel, "rijen": rows, "svg": svg})
    return out


@require_GET
@requires(CAPABILITY)
def resultaten(request: HttpRequest, pk: int) -> HttpResponse:
    """Items per block for one node (``?eenheid=CODE``), with the report's figures."""
    basis = _basis(request, pk)
    questionnaire = basis.golf.vragenlijst.spec()
    context = _context(
        basis,
        pagina="items",
        blokken=_blokken(basis, questionnaire),
        figuren=_figuren(basis),
    )
    return render(request, "medewerkersonderzoek/resultaten.html", context)


# --- scales and correlations ---------------------------------------------------------------


def _schalen(result: Json, questionnaire: Questionnaire) -> list[dict[str, Any]]:
    out = []
    for scale in questionnaire.scales:
        stats = result["scales"].get(scale.code)
        if stats is None:
            continue
        items = [
            {
                "item": questionnaire.item(code),
                "omgekeerd": code in scale.reversed,
                "item_rest": stats["item_rest"].get(code),
                "alpha_if_deleted": stats["alpha_if_deleted"].get(code),
            }
            for code in scale.items
        ]
        out.append({"schaal": scale, "stats": stats, "items": items})
    return out


def _matrix(result: Json, questionnaire: Questionnaire) -> dict[str, Any]:
    """The correlation matrix: one row per scale, the lower triangle filled."""
    codes = [s.code for s in questionnaire.scales]
    titels = {s.code: s.title for s in questionnaire.scales}
    pairs = {frozenset({c["x"], c["y"]}): c for c in result.get("correlations", [])}
    rijen = []
    for i, x in enumerate(codes):
        cellen = [pairs.get(frozenset({x, y})) if j < i else None for j, y in enumerate(codes)]
        rijen.append({"titel": titels[x], "cellen": cellen, "diagonaal": i})
    rapport = []
    for pair, r in RAPPORT_CORRELATIES.items():
        if pair <= set(codes) and pair in pairs:
            a, b = sorted(pair)
            rapport.append({"x": titels[a], "y": titels[b], "rapport": r, "golf": pairs[pair]["r"]})
    return {"kolommen": [titels[c] for c in codes], "rijen": rijen, "rapport": rapport}


@require_GET
@requires(CAPABILITY)
def schalen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reliability of the scales and the correlations between the scale scores."""
    basis = _basis(request, pk)
    questionnaire = basis.golf.vragenlijst.spec()
    result = basis.resultaat
    context = _context(
        basis,
        pagina="schalen",
        schalen=_schalen(result, questionnaire) if result else [],
        matrix=_matrix(result, questionnaire) if result else None,
        toon_rapport=rapportfiguren.toepasbaar(basis.golf.vragenlijst.code),
    )
    return render(request, "medewerkersonderzoek/resultaten_schalen.html", context)


# --- unit heatmap ----------------------------------------------------------------------------


def _gemiddelden(result: Json | None) -> dict[str, float | None]:
    if result is None:
        return {}
    return {code: stats.get("mean") for code, stats in result["scales"].items()}


def _cel(waarde: float | None, vergelijking: float | None) -> dict[str, Any]:
    verschil = None
    if waarde is not None and vergelijking is not None:
        verschil = waarde - vergelijking
    return {
        "waarde": waarde,
        "verschil": verschil,
        "verschil_tekst": charts.verschil_tekst(verschil),
        "klasse": charts.heat_klasse(verschil),
    }


def _heat_rij(
    basis: Basis, code: str, vergelijk: dict[str, float | None], codes: list[str], is_totaal: bool
) -> dict[str, Any]:
    res = basis.resultaten
    knoop = res.knopen[code]
    if code not in basis.zichtbaar:
        return {"knoop": knoop, "onderdrukt": True, "cellen": [], "totaal": is_totaal}
    means = _gemiddelden(res.resultaat(code))
    drill = any(k.code in basis.zichtbaar for k in res.kinderen(code)) and not is_totaal
    return {
        "knoop": knoop,
        "onderdrukt": False,
        "n": knoop.n,
        "cellen": [_cel(means.get(c), vergelijk.get(c)) for c in codes],
        "totaal": is_totaal,
        "verder": drill,
    }


def _heatmap(basis: Basis, knoop: str, modus: str, questionnaire: Questionnaire) -> dict[str, Any]:
    res = basis.resultaten
    codes = [s.code for s in questionnaire.scales]
    rijk = _gemiddelden(basis.rijk)
    eigen = _gemiddelden(basis.resultaat)
    ouder_van_knoop = _gemiddelden(res.resultaat(basis.ouder)) if basis.ouder else {}
    if modus == "rijk":
        kind_vergelijk, eigen_vergelijk = rijk, rijk
    else:
        kind_vergelijk, eigen_vergelijk = eigen, ouder_van_knoop
    rijen = [_heat_rij(basis, knoop, eigen_vergelijk, codes, True)]
    for kind in res.kinderen(knoop):
        if kind.code in basis.toegestaan:
            rijen.append(_heat_rij(basis, kind.code, kind_vergelijk, codes, False))
    return {
        "kolommen": [s.title for s in questionnaire.scales],
        "rijen": rijen,
        "heeft_kinderen": len(rijen) > 1,
    }


@require_GET
@requires(CAPABILITY)
def eenheden(request: HttpRequest, pk: int) -> HttpResponse:
    """Mean scale score per unit (the chosen node's children), coloured by the difference
    to the parent or to the government-wide value; suppressed cells without a number."""
    basis = _basis(request, pk)
    modus = "rijk" if request.GET.get("vergelijk") == "rijk" and basis.rijk else "ouder"
    questionnaire = basis.golf.vragenlijst.spec()
    context = _context(
        basis,
        pagina="eenheden",
        modus=modus,
        heatmap=_heatmap(basis, basis.knoop, modus, questionnaire) if basis.knoop else None,
        legenda=[
            ("igt-resheat--m2", _("0,30 of meer lager")),
            ("igt-resheat--m1", _("0,10 tot 0,30 lager")),
            ("igt-resheat--0", _("minder dan 0,10 verschil")),
            ("igt-resheat--p1", _("0,10 tot 0,30 hoger")),
            ("igt-resheat--p2", _("0,30 of meer hoger")),
        ],
    )
    return render(request, "medewerkersonderzoek/resultaten_eenheden.html", context)
