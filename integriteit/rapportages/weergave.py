"""What the pages show, worked out once from the key figures: the charts with the tables they
sit beside, the year choice and the talking points' printable context. No database reads
beyond what ``kerncijfers`` already did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404, HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from integriteit.meldingen import statistiek as stat
from integriteit.organisaties.models import Organisatie
from integriteit.rapportages.constants import EERSTE_JAAR
from integriteit.rapportages.enquete import Indicator
from integriteit.rapportages.grafieken import balken, ci_svg
from integriteit.rapportages.kerncijfers import Ministeriebeeld, Rijksbeeld
from integriteit.vertrouwenspersonen import telling


def jaar_uit(request: HttpRequest, vandaag: date) -> int:
    """The year asked for (``?jaar=``), by default this year (figures so far: the demo's
    reports and contacts are of the last months); 404 for anything else."""
    try:
        jaar = int(request.GET.get("jaar") or vandaag.year)
    except ValueError as error:
        raise Http404 from error
    if not EERSTE_JAAR <= jaar <= vandaag.year:
        raise Http404
    return jaar


def jaren(vandaag: date) -> list[int]:
    return list(range(vandaag.year, EERSTE_JAAR - 1, -1))


@dataclass(frozen=True)
class Grafiek:
    id: str
    titel: str
    svg: SafeString
    verdeling: stat.Verdeling


def grafiek(id_: str, verdeling: stat.Verdeling, naam: str, jaar: int) -> Grafiek:
    label = _("%(titel)s, %(naam)s, %(jaar)d; de cijfers staan in de tabel.") % {
        "titel": verdeling.titel,
        "naam": naam,
        "jaar": jaar,
    }
    return Grafiek(id_, verdeling.titel, balken(verdeling, aria_label=label), verdeling)


@dataclass(frozen=True)
class Enquetegrafiek:
    id: str
    titel: str
    svg: SafeString
    indicatoren: tuple[Indicator, ...]
    is_schaal: bool


def _enquetegrafiek(
    id_: str, titel: str, indicatoren: tuple[Indicator, ...], naam: str
) -> Enquetegrafiek | None:
    if not indicatoren:
        return None
    schaal = indicatoren[0].is_schaal
    label = _(
        "%(titel)s van %(naam)s met 95%%-betrouwbaarheidsinterval, en het rijksbrede cijfer "
        "als streepjeslijn; de cijfers staan in de tabel."
    ) % {"titel": titel, "naam": naam}
    svg = ci_svg(
        indicatoren,
        laag=1.0 if schaal else 0.0,
        hoog=5.0 if schaal else 100.0,
        decimalen=2 if schaal else 0,
        aria_label=label,
    )
    return Enquetegrafiek(id_, titel, svg, indicatoren, schaal)


def enquetegrafieken(ministerie: Ministeriebeeld) -> list[Enquetegrafiek]:
    enquete = ministerie.rij.enquete
    naam = ministerie.organisatie.naam
    schalen = tuple(i for i in enquete.indicatoren if i.is_schaal)
    items = tuple(i for i in enquete.indicatoren if not i.is_schaal)
    uit = [
        _enquetegrafiek("schalen", _("Schalen (gemiddelde, 1-5)"), schalen, naam),
        _enquetegrafiek("kernvragen", _("Kernvragen (% (volledig) eens)"), items, naam),
    ]
    return [g for g in uit if g is not None]


def normverdeling(beeld: Rijksbeeld, organisatie: Organisatie) -> stat.Verdeling | None:
    """How many norms the ministry's newest final assessment rates at each level."""
    normen = beeld.normen.van(organisatie.pk)
    if normen is None or normen.beoordeling is None:
        return None
    tellingen: dict[str, int] = {}
    for stand in normen.standen:
        code = stand.niveau.code if stand.niveau else ""
        tellingen[code] = tellingen.get(code, 0) + 1
    aantallen = [
        stat.Aantal(n.code, n.label, tellingen.get(n.code, 0)) for n in beeld.normen.niveaus
    ]
    if tellingen.get(""):
        aantallen.append(stat.Aantal("", _("Geen oordeel"), tellingen[""]))
    return stat.Verdeling(_("Normen per niveau"), tuple(aantallen))


def vp_verdeling(rij: telling.Tabelrij | None) -> stat.Verdeling | None:
    if rij is None:
        return None
    return stat.Verdeling(
        _("Contacten met vertrouwenspersonen naar categorie"),
        tuple(stat.Aantal(c.code, c.label, c.waarde, c.stand) for c in rij.cellen),
    )


def normen_per_ministerie(beeld: Rijksbeeld, ministeries: list[Organisatie]) -> Grafiek:
    """The dashboard's chart: norms met per ministry (its table is the dashboard table)."""
    aantallen = []
    for m in ministeries:
        normen = beeld.normen.van(m.pk)
        if normen is not None and normen.beoordeling is not None:
            aantallen.append(stat.Aantal(m.code, m.code, normen.voldaan))
    verdeling = stat.Verdeling(_("Normen waaraan wordt voldaan"), tuple(aantallen))
    return grafiek("normen", verdeling, _("per ministerie"), beeld.jaar)


def ministerie_grafieken(beeld: Rijksbeeld, ministerie: Ministeriebeeld) -> dict[str, object]:
    naam, jaar = ministerie.organisatie.naam, beeld.jaar
    meld = ministerie.rij.meldingen
    norm = normverdeling(beeld, ministerie.organisatie)
    vp = vp_verdeling(ministerie.rij.vp)
    return {
        "normgrafiek": grafiek("normniveaus", norm, naam, jaar) if norm else None,
        "enquetegrafieken": enquetegrafieken(ministerie),
        "meldgrafieken": [grafiek("meldsoort", meld.per_soort, naam, jaar)] if meld else [],
        "onderzoekgrafieken": [
            grafiek(f"onderzoek-{i}", v, naam, jaar)
            for i, v in enumerate(ministerie.onderzoeken.verdelingen)
        ],
        "vpgrafiek": grafiek("vp", vp, naam, jaar) if vp else None,
    }
