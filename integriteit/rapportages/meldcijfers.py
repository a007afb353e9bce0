"""The reports and investigations part of the key figures, from metadata only.

Reports: the figures of ``meldingen.statistiek.bereken`` for every ministry and the whole
government, always with small cells shielded (the government-wide audience: "<5", no share
or median on fewer than five reports). Two queries for all ministries: the reports' metadata
of the year and the fte per node. The ministries' totals are shielded as one distribution,
as on the reports statistics page, so one small ministry cannot be derived from the total.

Investigations: ``onderzoeken.selectors.maatregel_statistiek`` for one node (five queries),
1-4 shown as "<5" (0 stays 0), with secondary shielding within each distribution.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from integriteit.common.schendingen import Schending
from integriteit.meldingen import statistiek as stat
from integriteit.meldingen.models import Melding
from integriteit.onderzoeken.constants import Uitkomst
from integriteit.onderzoeken.models import Maatregelsoort
from integriteit.onderzoeken.selectors import maatregel_statistiek
from integriteit.organisaties.models import Organisatie
from integriteit.vertrouwenspersonen import telling


@dataclass(frozen=True)
class Meldcijfers:
    rijk: stat.Statistiek
    per_ministerie: dict[int, stat.Statistiek] = field(default_factory=dict)
    #: The ministries' totals, shielded as one distribution.
    totalen: dict[int, stat.Aantal] = field(default_factory=dict)

    def van(self, organisatie_id: int) -> stat.Statistiek | None:
        return self.per_ministerie.get(organisatie_id)


def _fte_per_pad() -> list[tuple[str, Decimal]]:
    rijen = Organisatie.objects.filter(fte__isnull=False).values_list("pad", "fte")
    return [(pad, fte) for pad, fte in rijen if fte is not None]


def _fte(fte: Sequence[tuple[str, Decimal]], pad: str) -> Decimal | None:
    totaal = sum((f for p, f in fte if p.startswith(pad)), Decimal(0))
    return totaal or None


def meldcijfers(*, jaar: int, ministeries: list[Organisatie], vandaag: date) -> Meldcijfers:
    """The shielded report figures of ``jaar`` (received in it), per ministry and in total."""
    rijen = stat.rijen(Melding.objects.filter(ontvangen_op__year=jaar))
    fte = _fte_per_pad()
    totaal_fte = sum((f for _p, f in fte), Decimal(0)) or None
    per_ministerie = {
        m.pk: stat.bereken(
            [r for r in rijen if r.organisatie_pad.startswith(m.pad)],
            fte=_fte(fte, m.pad),
            afschermen_klein=True,
            vandaag=vandaag,
        )
        for m in ministeries
    }
    standen = stat.afschermen([c.totaal.waarde for c in per_ministerie.values()])
    totalen = {
        org_id: stat.Aantal("totaal", _("Totaal"), c.totaal.waarde, stand)
        for (org_id, c), stand in zip(per_ministerie.items(), standen, strict=True)
    }
    return Meldcijfers(
        rijk=stat.bereken(rijen, fte=totaal_fte, afschermen_klein=True, vandaag=vandaag),
        per_ministerie=per_ministerie,
        totalen=totalen,
    )


# --- investigations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Onderzoekcijfers:
    geopend: stat.Aantal
    afgesloten: stat.Aantal
    per_uitkomst: stat.Verdeling
    per_maatregel: stat.Verdeling
    per_schending: stat.Verdeling

    @property
    def verdelingen(self) -> tuple[stat.Verdeling, ...]:
        return (self.per_uitkomst, self.per_maatregel, self.per_schending)


def _afgeschermd(titel: str, paren: Iterable[tuple[str, str, int]]) -> stat.Verdeling:
    lijst = list(paren)
    standen = telling.afschermen([w for _c, _l, w in lijst])
    return stat.Verdeling(
        titel=titel,
        aantallen=tuple(
            stat.Aantal(code, label, w, s)
            for (code, label, w), s in zip(lijst, standen, strict=True)
        ),
    )


def _los(code: str, label: str, waarde: int) -> stat.Aantal:
    return stat.Aantal(code, label, waarde, telling.stand_van(waarde))


def onderzoekcijfers(*, organisaties: list[Organisatie], jaar: int) -> Onderzoekcijfers:
    """Investigations of ``organisaties`` (and their units) in ``jaar``, shielded."""
    cijfers = maatregel_statistiek(organisaties=organisaties, jaar=jaar)
    soorten = [
        s
        for s in Maatregelsoort.objects.order_by("volgorde", "naam")
        if s.actief or s.code in cijfers.per_maatregel
    ]
    per_schending: dict[str, int] = {}
    for (schending, _maatregel), n in cijfers.per_soort.items():
        per_schending[schending] = per_schending.get(schending, 0) + n
    schendingen = [(str(c), str(label)) for c, label in Schending.choices]
    if per_schending.get(""):
        schendingen.append(("", _("Niet opgegeven")))
    return Onderzoekcijfers(
        geopend=_los("geopend", _("Geopend"), cijfers.geopend),
        afgesloten=_los("afgesloten", _("Afgesloten"), cijfers.afgesloten),
        per_uitkomst=_afgeschermd(
            _("Besloten onderzoeken naar uitkomst"),
            ((str(c), str(label), cijfers.per_uitkomst.get(c, 0)) for c, label in Uitkomst.choices),
        ),
        per_maatregel=_afgeschermd(
            _("Maatregelen naar soort"),
            ((s.code, s.naam, cijfers.per_maatregel.get(s.code, 0)) for s in soorten),
        ),
        per_schending=_afgeschermd(
            _("Maatregelen naar soort schending"),
            ((c, label, per_schending.get(c, 0)) for c, label in schendingen),
        ),
    )
