"""Statistics of reports (metadata only) and the coordinator's list of reports whose retention
period ends soon. Thin: ``statistiek`` computes and shields, ``bewaren`` selects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.common.schendingen import Schending
from integriteit.meldingen import bewaren
from integriteit.meldingen import statistiek as stat
from integriteit.meldingen.constants import Afloop
from integriteit.meldingen.models import Melding
from integriteit.onderzoeken.constants import Uitkomst
from integriteit.onderzoeken.models import Maatregelsoort
from integriteit.onderzoeken.selectors import maatregel_statistiek
from integriteit.organisaties.models import Organisatie

EERSTE_JAAR = 2000


@dataclass(frozen=True)
class Grafiek:
    verdeling: stat.Verdeling
    svg: str
    id: str


@dataclass(frozen=True)
class Onderdeel:
    """A row of the per-ministry table (shielded audience)."""

    organisatie: Organisatie
    totaal: stat.Aantal
    cijfers: stat.Statistiek


def _keuze(request: HttpRequest, opties: list[stat.Keuze]) -> stat.Keuze:
    code = request.GET.get("organisatie")
    if not code:
        return opties[0]
    for optie in opties:
        if optie.organisatie.code == code:
            return optie
    raise Http404


def _jaar(request: HttpRequest, vandaag: date) -> int:
    try:
        jaar = int(request.GET.get("jaar") or vandaag.year)
    except ValueError as error:
        raise Http404 from error
    if not EERSTE_JAAR <= jaar <= vandaag.year:
        raise Http404
    return jaar


def _onderdelen(
    keuze: stat.Keuze,
    opties: list[stat.Keuze],
    rijen: list[stat.Rij],
    vandaag: date,
) -> list[Onderdeel]:
    """Per ministry under the chosen node, for the shielded audience; the totals column is
    shielded as one distribution (one small ministry cannot be derived from the total)."""
    if keuze.exact:
        return []
    pad = keuze.organisatie.pad
    kinderen = [
        o.organisatie
        for o in opties
        if o.organisatie.pad.startswith(pad) and o.organisatie.pk != keuze.organisatie.pk
    ]
    cijfers = []
    for kind in kinderen:
        eigen = [r for r in rijen if r.organisatie_pad.startswith(kind.pad)]
        cijfers.append(
            stat.bereken(eigen, fte=stat.fte_van(kind), afschermen_klein=True, vandaag=vandaag)
        )
    standen = stat.afschermen([c.totaal.waarde for c in cijfers])
    return [
        Onderdeel(
            organisatie=kind,
            totaal=stat.Aantal(kind.code, kind.naam, c.totaal.waarde, stand),
            cijfers=c,
        )
        for kind, c, stand in zip(kinderen, cijfers, standen, strict=True)
    ]


@dataclass(frozen=True)
class SoortRij:
    """A kind of measure and how often it was imposed."""

    naam: str
    disciplinair: bool
    aantal: stat.Aantal


@dataclass(frozen=True)
class KruisRij:
    """A violation type × kind of measure that occurred, and how often."""

    schending: str
    maatregel: str
    disciplinair: bool
    aantal: stat.Aantal


@dataclass(frozen=True)
class Maatregelcijfers:
    """The section "Onderzoeken en maatregelen" (norm 14): metadata of investigations only."""

    geopend: stat.Aantal
    afgesloten: stat.Aantal
    uitkomsten: Grafiek
    per_maatregel: tuple[SoortRij, ...]
    maatregelen_grafiek: Grafiek
    kruis: tuple[KruisRij, ...]


def _stand(waarde: int, schermen: bool) -> str:
    """Outside the organisation 1–4 is "<5"; 0 stays 0 (as in ``onderzoeken.selectors``)."""
    return stat.KLEIN if schermen and 0 < waarde < stat.KLEINE_AANTALLEN else stat.GETOOND


def _kolom_afschermen(waarden: list[int]) -> list[str]:
    """The cells of one kind of measure across violation types, whose total the page shows:
    when exactly one cell is "<5" and the total is exact, the smallest other cell is shielded
    too, so the hidden one cannot be derived."""
    standen = [_stand(w, True) for w in waarden]
    if sum(waarden) >= stat.KLEINE_AANTALLEN and standen.count(stat.KLEIN) == 1:
        zichtbaar = [i for i, s in enumerate(standen) if s == stat.GETOOND]
        if zichtbaar:
            standen[min(zichtbaar, key=lambda i: waarden[i])] = stat.AFGESCHERMD
    return standen


def _maatregelcijfers(keuze: stat.Keuze, jaar: int) -> Maatregelcijfers:
    cijfers = maatregel_statistiek(organisaties=[keuze.organisatie], jaar=jaar)
    schermen = not keuze.exact
    naam = keuze.organisatie.naam

    def aantal(code: str, label: str, waarde: int) -> stat.Aantal:
        return stat.Aantal(code, label, waarde, _stand(waarde, schermen))

    def grafiek(verdeling: stat.Verdeling, id_: str) -> Grafiek:
        label = _("%(titel)s, %(naam)s, %(jaar)d; de cijfers staan in de tabel.") % {
            "titel": verdeling.titel,
            "naam": naam,
            "jaar": jaar,
        }
        return Grafiek(
            verdeling=verdeling, svg=stat.balken_svg(verdeling, aria_label=label), id=id_
        )

    uitkomsten = stat.Verdeling(
        titel=_("Besloten onderzoeken naar uitkomst"),
        aantallen=tuple(
            aantal(code, str(label), cijfers.per_uitkomst.get(code, 0))
            for code, label in Uitkomst.choices
        ),
    )
    soorten = {
        s.code: s
        for s in Maatregelsoort.objects.order_by("volgorde", "naam")
        if s.actief or s.code in cijfers.per_maatregel
    }
    per_maatregel = tuple(
        SoortRij(s.naam, s.disciplinair, aantal(code, s.naam, cijfers.per_maatregel.get(code, 0)))
        for code, s in soorten.items()
    )
    schendingen = [*Schending.values, ""]
    kruis: list[KruisRij] = []
    for code, s in soorten.items():
        cellen = sorted(
            ((schendingen.index(sch) if sch in schendingen else 99, sch, n))
            for (sch, maatregel), n in cijfers.per_soort.items()
            if maatregel == code and n
        )
        waarden = [n for _i, _sch, n in cellen]
        standen = _kolom_afschermen(waarden) if schermen else [stat.GETOOND] * len(waarden)
        for (_i, sch, n), stand in zip(cellen, standen, strict=True):
            label = str(Schending(sch).label) if sch in Schending.values else _("Niet opgegeven")
            kruis.append(KruisRij(label, s.naam, s.disciplinair, stat.Aantal(sch, label, n, stand)))
    kruis.sort(key=lambda r: (schendingen.index(r.aantal.code), r.maatregel))
    return Maatregelcijfers(
        geopend=aantal("geopend", _("Geopend"), cijfers.geopend),
        afgesloten=aantal("afgesloten", _("Afgesloten"), cijfers.afgesloten),
        uitkomsten=grafiek(uitkomsten, "uitkomsten"),
        per_maatregel=per_maatregel,
        maatregelen_grafiek=grafiek(
            stat.Verdeling(
                titel=_("Maatregelen naar soort"), aantallen=tuple(r.aantal for r in per_maatregel)
            ),
            "maatregelen",
        ),
        kruis=tuple(kruis),
    )


def _mag_maatregelen(request: HttpRequest, keuze: stat.Keuze) -> bool:
    scope = scope_for(gebruiker=request.user, capability=Capability.MAATREGEL_STATISTIEK)
    return scope.covers(pad=keuze.organisatie.pad, node_id=keuze.organisatie.pk)


@require_GET
@requires(Capability.MELDING_STATISTIEK)
def statistiek(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    opties = stat.keuzes(gebruiker=request.user)
    if not opties:
        raise Http404
    keuze = _keuze(request, opties)
    jaar = _jaar(request, vandaag)
    scope = scope_for(gebruiker=request.user, capability=Capability.MELDING_STATISTIEK)
    basis = Melding.objects.filter(scope.q(prefix="organisatie__")).filter(
        organisatie__pad__startswith=keuze.organisatie.pad
    )
    per_jaar = {
        row["jaar"]: row["n"]
        for row in basis.order_by()
        .annotate(jaar=ExtractYear("ontvangen_op"))
        .values("jaar")
        .annotate(n=Count("id"))
    }
    jaren = sorted(set(per_jaar) | {vandaag.year, jaar}, reverse=True)
    rijen = stat.rijen(basis.filter(ontvangen_op__year=jaar))
    cijfers = stat.bereken(
        rijen,
        fte=stat.fte_van(keuze.organisatie),
        afschermen_klein=not keuze.exact,
        vandaag=vandaag,
    )
    grafieken = [
        Grafiek(
            verdeling=v,
            svg=stat.balken_svg(
                v,
                aria_label=_("%(titel)s, %(naam)s, %(jaar)d; de cijfers staan in de tabel.")
                % {"titel": v.titel, "naam": keuze.organisatie.naam, "jaar": jaar},
            ),
            id=f"verdeling-{i}",
        )
        for i, v in enumerate(cijfers.verdelingen)
    ]
    jaar_aantallen = [
        stat.Aantal(
            str(j),
            str(j),
            per_jaar.get(j, 0),
            stat.KLEIN
            if not keuze.exact and per_jaar.get(j, 0) < stat.KLEINE_AANTALLEN
            else stat.GETOOND,
        )
        for j in jaren
    ]
    return render(
        request,
        "meldingen/statistiek.html",
        {
            "opties": opties,
            "keuze": keuze,
            "jaar": jaar,
            "jaren": jaren,
            "cijfers": cijfers,
            "grafieken": grafieken,
            "onderdelen": _onderdelen(keuze, opties, rijen, vandaag),
            "jaar_aantallen": jaar_aantallen,
            "drempel": stat.KLEINE_AANTALLEN,
            "maatregelen": _maatregelcijfers(keuze, jaar)
            if _mag_maatregelen(request, keuze)
            else None,
        },
    )


@dataclass(frozen=True)
class Vervalt:
    melding: Melding
    dagen: int  # negative: already past, waiting for the next purge


@require_GET
@requires(Capability.MELDING_REGISTER)
def bewaartermijn(request: HttpRequest) -> HttpResponse:
    """Reports whose content is destroyed within the next 30 days (metadata only)."""
    vandaag = timezone.localdate()
    scope = scope_for(gebruiker=request.user, capability=Capability.MELDING_REGISTER)
    meldingen = bewaren.binnenkort_te_vernietigen(scope=scope, vandaag=vandaag)
    rijen = [Vervalt(m, (m.bewaren_tot - vandaag).days) for m in meldingen if m.bewaren_tot]
    return render(
        request,
        "meldingen/statistiek_bewaartermijn.html",
        {
            "rijen": rijen,
            "dagen": bewaren.WAARSCHUWEN_DAGEN,
            "termijnen": [
                (Afloop(code).label, jaren) for code, jaren in bewaren.bewaartermijnen().items()
            ],
        },
    )
