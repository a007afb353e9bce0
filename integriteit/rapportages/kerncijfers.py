"""The key figures per ministry and government-wide for one year: the data layer of the
dashboard, the ministry pages and the talking points, and of the annual report (ADR 0018).

Entry points:

- :func:`rijksbeeld` — every section for every ministry that existed in the year, in a fixed
  number of queries whatever the number of ministries (assessments, survey, reports,
  advisers, risk analysis and policy cycle);
- :func:`ministeriebeeld` — one ministry in full: adds the investigations, the risk analysis
  summary and the policy "samenhang", which cost queries per ministry;
- :class:`Dashboardrij` — the dashboard's line per ministry.

Not scoped: everything here is an aggregate, suppressed by the owning module's rules before it
leaves this layer. Callers decide which ministries a user may *see* (``selectors.py``); the
figures themselves, including the shielding, are the same for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from integriteit.beleid.samenhang import Samenhang, samenhang_bepalen
from integriteit.beleid.selectors import beleid_van
from integriteit.meldingen import statistiek as stat
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie
from integriteit.rapportages.cyclus import Cyclusstand, cyclusstanden
from integriteit.rapportages.enquete import Enquetebeeld, Indicator, MinisterieEnquete, enquetebeeld
from integriteit.rapportages.meldcijfers import (
    Meldcijfers,
    Onderzoekcijfers,
    meldcijfers,
    onderzoekcijfers,
)
from integriteit.rapportages.normen import MinisterieNormen, Normenbeeld, normenbeeld
from integriteit.rapportages.vpcijfers import Vpcijfers, vpcijfers
from integriteit.risicos.samenvatting import AnalyseSamenvatting
from integriteit.vertrouwenspersonen import telling


def peildatum_van(jaar: int, vandaag: date) -> date:
    """The reference date of a year: its last day, or today for the running year."""
    return min(date(jaar, 12, 31), vandaag)


def ministeries_van(jaar: int) -> list[Organisatie]:
    """The ministries that existed at some point in ``jaar`` (EZK was split in 2024)."""
    begin, eind = date(jaar, 1, 1), date(jaar, 12, 31)
    return list(
        Organisatie.objects.filter(soort=Soort.MINISTERIE)
        .exclude(geldig_van__gt=eind)
        .exclude(geldig_tot__lt=begin)
        .order_by("code")
    )


@dataclass(frozen=True)
class Dashboardrij:
    organisatie: Organisatie
    normen: MinisterieNormen | None
    aantal_normen: int
    enquete: MinisterieEnquete
    meldingen: stat.Statistiek | None
    meldingen_totaal: stat.Aantal | None
    vp: telling.Tabelrij | None
    cyclus: Cyclusstand | None

    @property
    def kernschaal(self) -> Indicator | None:
        return self.enquete.kernschaal


@dataclass(frozen=True)
class Rijksbeeld:
    jaar: int
    peildatum: date
    ministeries: tuple[Organisatie, ...]
    normen: Normenbeeld
    enquete: Enquetebeeld
    meldingen: Meldcijfers
    vertrouwenspersonen: Vpcijfers
    cyclus: dict[int, Cyclusstand]

    def ministerie(self, code: str) -> Organisatie | None:
        return next((m for m in self.ministeries if m.code == code), None)

    def rij(self, organisatie: Organisatie) -> Dashboardrij:
        pk = organisatie.pk
        return Dashboardrij(
            organisatie=organisatie,
            normen=self.normen.van(pk),
            aantal_normen=self.normen.aantal_normen,
            enquete=self.enquete.van(pk),
            meldingen=self.meldingen.van(pk),
            meldingen_totaal=self.meldingen.totalen.get(pk),
            vp=self.vertrouwenspersonen.van(pk),
            cyclus=self.cyclus.get(pk),
        )

    def rijen(self, organisaties: list[Organisatie] | None = None) -> list[Dashboardrij]:
        lijst = self.ministeries if organisaties is None else organisaties
        return [self.rij(m) for m in lijst]


def rijksbeeld(*, jaar: int, vandaag: date | None = None) -> Rijksbeeld:
    """Every section of the key figures of ``jaar`` for every ministry of that year."""
    vandaag = vandaag or timezone.localdate()
    ministeries = ministeries_van(jaar)
    peildatum = peildatum_van(jaar, vandaag)
    return Rijksbeeld(
        jaar=jaar,
        peildatum=peildatum,
        ministeries=tuple(ministeries),
        normen=normenbeeld(jaar=jaar, ministeries=ministeries),
        enquete=enquetebeeld(jaar=jaar, ministeries=ministeries),
        meldingen=meldcijfers(jaar=jaar, ministeries=ministeries, vandaag=vandaag),
        vertrouwenspersonen=vpcijfers(jaar=jaar, ministeries=ministeries),
        cyclus=cyclusstanden(ministeries=ministeries, peildatum=peildatum),
    )


@dataclass(frozen=True)
class Ministeriebeeld:
    rij: Dashboardrij
    onderzoeken: Onderzoekcijfers
    onderzoeken_rijk: Onderzoekcijfers
    samenhang: Samenhang

    @property
    def organisatie(self) -> Organisatie:
        return self.rij.organisatie

    @property
    def risicoanalyse(self) -> AnalyseSamenvatting | None:
        return self.samenhang.risicoanalyse


def ministeriebeeld(*, beeld: Rijksbeeld, organisatie: Organisatie) -> Ministeriebeeld:
    """One ministry in full: the dashboard line plus investigations and the policy chain."""
    return Ministeriebeeld(
        rij=beeld.rij(organisatie),
        onderzoeken=onderzoekcijfers(organisaties=[organisatie], jaar=beeld.jaar),
        onderzoeken_rijk=onderzoekcijfers(organisaties=list(beeld.ministeries), jaar=beeld.jaar),
        samenhang=samenhang_bepalen(
            organisatie=organisatie,
            beleid=beleid_van(organisatie=organisatie),
            peildatum=beeld.peildatum,
        ),
    )
