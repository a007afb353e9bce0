"""The assessment part of the key figures: per ministry the newest *final* rating of every
norm up to a year, with the trend against the ministry's final assessment of an earlier cycle.

Why not ``normenkader.selectors.heatmap``: inside a reader's scope that shows the newest
version whatever its status, and the government coordinator holds the read capability on the
whole tree; the dashboard and the talking points must rest on final ratings only (ADR 0018).
So this module reads the final assessments itself, read-only, in five queries whatever the
number of ministries. Which final assessment counts when a ministry has several in one cycle:
:data:`~integriteit.rapportages.constants.SOORT_VOORKEUR`, then the highest version.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from integriteit.normenkader.constants import ONBEKEND, AppliesTo, Status
from integriteit.normenkader.models import Beoordeling, Cyclus, Niveau, Norm, Oordeel
from integriteit.organisaties.models import Organisatie
from integriteit.rapportages.constants import NIET_VOLDAAN, SOORT_VOORKEUR, VOLDOET

BETER, SLECHTER, GELIJK, NIEUW = "beter", "slechter", "gelijk", "nieuw"


@dataclass(frozen=True)
class NormStand:
    """One norm of one ministry: the level now and in the earlier cycle (None: not rated)."""

    code: str
    tekst: str
    groep: str
    niveau: Niveau | None
    vorig: Niveau | None

    @property
    def voldoet(self) -> bool:
        return self.niveau is not None and self.niveau.code == VOLDOET

    @property
    def niet_voldaan(self) -> bool:
        return self.niveau is not None and self.niveau.code in NIET_VOLDAAN

    @property
    def trend(self) -> str:
        """Against the earlier cycle: beter, slechter, gelijk, or nieuw (no earlier rating)."""
        if self.niveau is None or self.niveau.code == ONBEKEND:
            return ""
        if self.vorig is None or self.vorig.code == ONBEKEND:
            return NIEUW
        if self.niveau.rang > self.vorig.rang:
            return BETER
        if self.niveau.rang < self.vorig.rang:
            return SLECHTER
        return GELIJK

    @property
    def trend_label(self) -> str:
        return {
            BETER: _("beter"),
            SLECHTER: _("slechter"),
            GELIJK: _("gelijk"),
            NIEUW: _("geen eerder oordeel"),
        }.get(self.trend, "–")


@dataclass(frozen=True)
class MinisterieNormen:
    organisatie_id: int
    beoordeling: Beoordeling | None
    vorige: Beoordeling | None
    standen: tuple[NormStand, ...]

    @property
    def voldaan(self) -> int:
        return sum(1 for s in self.standen if s.voldoet)

    @property
    def niet_voldaan(self) -> tuple[NormStand, ...]:
        return tuple(s for s in self.standen if s.niet_voldaan)

    def stand(self, code: str) -> NormStand | None:
        return next((s for s in self.standen if s.code == code), None)


@dataclass(frozen=True)
class Normenbeeld:
    """The final ratings of every ministry given, by organisation id."""

    normen: tuple[Norm, ...]
    niveaus: tuple[Niveau, ...]
    per_ministerie: dict[int, MinisterieNormen] = field(default_factory=dict)

    @property
    def aantal_normen(self) -> int:
        return len(self.normen)

    def van(self, organisatie_id: int) -> MinisterieNormen | None:
        return self.per_ministerie.get(organisatie_id)

    def voldoen_aan(self, code: str) -> list[int]:
        """Ids of the ministries whose newest final rating of norm ``code`` is "voldoet"."""
        uit = []
        for org_id, normen in self.per_ministerie.items():
            stand = normen.stand(code)
            if stand is not None and stand.voldoet:
                uit.append(org_id)
        return uit


def _sleutel(b: Beoordeling) -> tuple[int, int, int]:
    voorkeur = SOORT_VOORKEUR.index(b.soort) if b.soort in SOORT_VOORKEUR else 99
    return (-b.cyclus.jaar, voorkeur, -b.versie)


def _kies(finals: list[Beoordeling]) -> tuple[Beoordeling | None, Beoordeling | None]:
    """The newest final assessment and the one of the newest earlier cycle year."""
    if not finals:
        return None, None
    finals = sorted(finals, key=_sleutel)
    nieuwste = finals[0]
    vorige = next((b for b in finals if b.cyclus.jaar < nieuwste.cyclus.jaar), None)
    return nieuwste, vorige


def _normen(cycli: Iterable[Cyclus]) -> tuple[tuple[Norm, ...], tuple[Niveau, ...]]:
    """The organisation norms and the levels of the newest cycle's framework."""
    nieuwste = max(cycli, key=lambda c: c.jaar, default=None)
    if nieuwste is None:
        return (), ()
    normen = Norm.objects.filter(
        normenkader_id=nieuwste.normenkader_id, groep__applies_to=AppliesTo.ORGANISATION
    ).select_related("groep")
    niveaus = Niveau.objects.filter(normenkader_id=nieuwste.normenkader_id).order_by("-rang")
    return tuple(normen.order_by("volgorde")), tuple(niveaus)


def normenbeeld(*, jaar: int, ministeries: list[Organisatie]) -> Normenbeeld:
    """The newest final ratings up to cycle year ``jaar`` of ``ministeries``. Five queries."""
    finals: dict[int, list[Beoordeling]] = defaultdict(list)
    for b in Beoordeling.objects.filter(
        organisatie__in=[m.pk for m in ministeries],
        status=Status.DEFINITIEF,
        cyclus__jaar__lte=jaar,
    ).select_related("cyclus"):
        finals[b.organisatie_id].append(b)
    gekozen = {org_id: _kies(lijst) for org_id, lijst in finals.items()}
    normen, niveaus = _normen(b.cyclus for b, _v in gekozen.values() if b is not None)
    ids = [b.pk for paar in gekozen.values() for b in paar if b is not None]
    per_beoordeling: dict[int, dict[str, Niveau | None]] = defaultdict(dict)
    for o in Oordeel.objects.filter(
        beoordeling_id__in=ids, norm__groep__applies_to=AppliesTo.ORGANISATION
    ).select_related("norm", "niveau"):
        per_beoordeling[o.beoordeling_id][o.norm.code] = o.niveau
    beeld = Normenbeeld(normen=normen, niveaus=niveaus)
    for m in ministeries:
        nieuwste, vorige = gekozen.get(m.pk, (None, None))
        nu = per_beoordeling.get(nieuwste.pk, {}) if nieuwste else {}
        toen = per_beoordeling.get(vorige.pk, {}) if vorige else {}
        standen = tuple(
            NormStand(n.code, n.tekst, n.groep.titel, nu.get(n.code), toen.get(n.code))
            for n in normen
        )
        beeld.per_ministerie[m.pk] = MinisterieNormen(m.pk, nieuwste, vorige, standen)
    return beeld
