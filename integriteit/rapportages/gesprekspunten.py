"""The talking points for BZK's conversation with one ministry (report, recommendation 1:
address ministers where the policy lags; norms BZK-3 and BZK-4). Pure: built from the key
figures (``kerncijfers``), the overdue actions and the visible ministries the view passes in.

Rules (docs/rapportages.md, ADR 0018):

- *norms not met*: the norms rated "stap" or "kleine-stap" in the ministry's newest final
  assessment, each with the ministries (visible to the reader, never the ministry itself)
  whose newest final rating of that norm is "voldoet" — whom to learn from;
- *overdue improvement actions*: open or in progress, deadline before today;
- *survey results significantly below government-wide*: the upper bound of the ministry's
  95 % interval lies below the government-wide estimate (``statistiek.significant_lager``);
- *risk analysis and policy cycle*: the signals of the policy "samenhang" (missing or old
  risk analysis, no policy, no goals, no recent evaluation, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from integriteit.beleid.samenhang import Signaal
from integriteit.normenkader.models import Verbeteractie
from integriteit.organisaties.models import Organisatie
from integriteit.rapportages.enquete import Indicator
from integriteit.rapportages.kerncijfers import Ministeriebeeld, Rijksbeeld
from integriteit.rapportages.normen import NormStand


@dataclass(frozen=True)
class ZwakkeNorm:
    stand: NormStand
    voorbeelden: tuple[Organisatie, ...]


@dataclass(frozen=True)
class Gesprekspunten:
    organisatie: Organisatie
    jaar: int
    zwakke_normen: tuple[ZwakkeNorm, ...]
    acties_te_laat: tuple[Verbeteractie, ...]
    enquete_lager: tuple[Indicator, ...]
    cyclus_signalen: tuple[Signaal, ...]

    @property
    def aantal(self) -> int:
        return (
            len(self.zwakke_normen)
            + len(self.acties_te_laat)
            + len(self.enquete_lager)
            + len(self.cyclus_signalen)
        )


def zwakke_normen(
    *, beeld: Rijksbeeld, organisatie: Organisatie, zichtbaar: list[Organisatie]
) -> tuple[ZwakkeNorm, ...]:
    normen = beeld.normen.van(organisatie.pk)
    if normen is None or normen.beoordeling is None:
        return ()
    uit = []
    for stand in normen.niet_voldaan:
        ids = set(beeld.normen.voldoen_aan(stand.code))
        voorbeelden = tuple(m for m in zichtbaar if m.pk in ids and m.pk != organisatie.pk)
        uit.append(ZwakkeNorm(stand, voorbeelden))
    return tuple(uit)


def gesprekspunten(
    *,
    beeld: Rijksbeeld,
    ministerie: Ministeriebeeld,
    zichtbaar: list[Organisatie],
    acties: list[Verbeteractie],
) -> Gesprekspunten:
    organisatie = ministerie.organisatie
    return Gesprekspunten(
        organisatie=organisatie,
        jaar=beeld.jaar,
        zwakke_normen=zwakke_normen(beeld=beeld, organisatie=organisatie, zichtbaar=zichtbaar),
        acties_te_laat=tuple(acties),
        enquete_lager=ministerie.rij.enquete.significant_lager,
        cyclus_signalen=tuple(ministerie.samenhang.signalen),
    )
