"""The survey part of the key figures: per ministry the scales and key items with their 95 %
confidence interval, against the government-wide result, from one government-wide wave.

The wave: the newest government-wide wave (on the Rijk root, open or closed) that started in
or before the year. Its results come from ``medewerkersonderzoek.resultaten.golf_resultaten``,
which has already suppressed every node below the wave's minimum group size (ADR 0008): a
ministry that is in the wave but suppressed shows "onvoldoende respons", never a number. Only
the Rijk root and ministries are read here (the coordinator's aggregate levels), never units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.resultaten import GolfResultaten, golf_resultaten
from integriteit.medewerkersonderzoek.spec import Questionnaire
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie
from integriteit.rapportages.constants import KERNITEMS, KERNSCHAAL
from integriteit.rapportages.statistiek import (
    Schatting,
    aandeel_ci,
    gemiddelde_ci,
    significant_lager,
)

Json = dict[str, Any]

#: The state of a ministry in the wave.
GETOOND, ONVOLDOENDE_RESPONS, NIET_IN_ONDERZOEK, GEEN_ONDERZOEK = (
    "getoond",
    "onvoldoende_respons",
    "niet_in_onderzoek",
    "geen_onderzoek",
)
SCHAAL, ITEM = "schaal", "item"


@dataclass(frozen=True)
class Indicatordef:
    code: str
    titel: str
    soort: str  # SCHAAL (mean 1-5) or ITEM (% "(volledig) eens")


@dataclass(frozen=True)
class Indicator:
    definitie: Indicatordef
    ministerie: Schatting | None
    rijk: Schatting | None

    @property
    def significant_lager(self) -> bool:
        return significant_lager(self.ministerie, self.rijk)

    @property
    def is_schaal(self) -> bool:
        return self.definitie.soort == SCHAAL


@dataclass(frozen=True)
class MinisterieEnquete:
    status: str
    n: int | None  # respondents, only when shown
    indicatoren: tuple[Indicator, ...] = ()

    @property
    def getoond(self) -> bool:
        return self.status == GETOOND

    @property
    def status_tekst(self) -> str:
        return {
            GETOOND: _("getoond"),
            ONVOLDOENDE_RESPONS: _("onvoldoende respons"),
            NIET_IN_ONDERZOEK: _("niet in het onderzoek"),
            GEEN_ONDERZOEK: _("geen rijksbreed onderzoek"),
        }[self.status]

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicatoren if i.definitie.code == code), None)

    @property
    def kernschaal(self) -> Indicator | None:
        return self.indicator(KERNSCHAAL)

    @property
    def significant_lager(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicatoren if i.significant_lager)


@dataclass(frozen=True)
class Enquetebeeld:
    golf: Golf | None
    synthetisch: bool = False
    min_group_size: int = 0
    definities: tuple[Indicatordef, ...] = ()
    rijk: tuple[Schatting | None, ...] = ()
    rijk_n: int | None = None
    per_ministerie: dict[int, MinisterieEnquete] = field(default_factory=dict)

    def rijk_van(self, code: str) -> Schatting | None:
        for definitie, schatting in zip(self.definities, self.rijk, strict=True):
            if definitie.code == code:
                return schatting
        return None

    @property
    def rijk_kernschaal(self) -> Schatting | None:
        return self.rijk_van(KERNSCHAAL)

    def van(self, organisatie_id: int) -> MinisterieEnquete:
        return self.per_ministerie.get(organisatie_id, MinisterieEnquete(GEEN_ONDERZOEK, None))


def definities(questionnaire: Questionnaire) -> tuple[Indicatordef, ...]:
    """Every scale of the questionnaire, then the key items it has."""
    schalen = [Indicatordef(s.code, s.title, SCHAAL) for s in questionnaire.scales]
    items = [
        Indicatordef(code, questionnaire.item(code).text, ITEM)
        for code in KERNITEMS
        if questionnaire.has_item(code)
    ]
    return (*schalen, *items)


def schatting(definitie: Indicatordef, resultaat: Json) -> Schatting | None:
    """The estimate and interval of one indicator from one node's engine results."""
    if definitie.soort == SCHAAL:
        s = resultaat.get("scales", {}).get(definitie.code) or {}
        return gemiddelde_ci(s.get("mean"), s.get("sd"), int(s.get("n_complete") or 0))
    i = resultaat.get("items", {}).get(definitie.code) or {}
    return aandeel_ci(i.get("agree_pct"), int(i.get("n") or 0))


def rijksgolf(*, jaar: int) -> Golf | None:
    """The newest government-wide wave that started in or before ``jaar``."""
    return (
        Golf.objects.filter(
            organisatie__soort=Soort.RIJK,
            status__in=[GolfStatus.OPEN, GolfStatus.GESLOTEN],
            start__year__lte=jaar,
        )
        .select_related("vragenlijst", "organisatie")
        .order_by("-start", "-pk")
        .first()
    )


def _ministerie(
    org: Organisatie, res: GolfResultaten, defs: tuple[Indicatordef, ...], rijk: list[Any]
) -> MinisterieEnquete:
    knoop = res.knopen.get(org.code)
    if knoop is None:
        return MinisterieEnquete(NIET_IN_ONDERZOEK, None)
    resultaat = res.resultaat(org.code)
    if resultaat is None:
        return MinisterieEnquete(ONVOLDOENDE_RESPONS, None)
    return MinisterieEnquete(
        GETOOND,
        int(resultaat.get("n_responses") or knoop.n),
        tuple(Indicator(d, schatting(d, resultaat), r) for d, r in zip(defs, rijk, strict=True)),
    )


def enquetebeeld(*, jaar: int, ministeries: list[Organisatie]) -> Enquetebeeld:
    """Scales and key items per ministry and government-wide for ``jaar``."""
    golf = rijksgolf(jaar=jaar)
    if golf is None:
        return Enquetebeeld(golf=None)
    res = golf_resultaten(golf=golf)
    defs = definities(golf.vragenlijst.spec())
    top = res.resultaat(res.top)
    rijk = [schatting(d, top) if top else None for d in defs]
    return Enquetebeeld(
        golf=golf,
        synthetisch=res.synthetisch,
        min_group_size=res.min_group_size,
        definities=defs,
        rijk=tuple(rijk),
        rijk_n=int(top.get("n_responses") or 0) if top else None,
        per_ministerie={m.pk: _ministerie(m, res, defs, rijk) for m in ministeries},
    )
