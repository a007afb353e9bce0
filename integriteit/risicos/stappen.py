"""The guided analysis: six steps, each with what is still missing (issue 7).

1 opzet (method, date, participants, how employees took part), 2 risico's identificeren,
3 beoordelen (likelihood × impact, existing controls, residual), 4 maatregelen (every risk in
the highest inherent band has a measure), 5 kwetsbare functies (each with its measures),
6 vaststellen. Steps 1 to 3 must be complete before an analysis can be established; gaps in
steps 4 and 5 do not block it, but show here and in the norm 1 evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integriteit.risicos.constants import MaatregelStatus, Methode
from integriteit.risicos.matrix import Band
from integriteit.risicos.models import Risico, Risicoanalyse


@dataclass(frozen=True)
class Stap:
    nummer: int
    titel: str
    uitleg: str
    ontbrekend: tuple[str, ...]

    @property
    def klaar(self) -> bool:
        return not self.ontbrekend


def _opzet(analyse: Risicoanalyse) -> list[str]:
    mist: list[str] = []
    if not analyse.methoden:
        mist.append(_("kies de methode(n): workshop, enquête, interviews of documentstudie."))
    met_mensen = {Methode.WORKSHOP, Methode.INTERVIEWS} & set(analyse.methoden)
    if met_mensen and not analyse.deelnemers_aantal:
        mist.append(_("vul het aantal deelnemers in."))
    if not analyse.deelnemers_omschrijving.strip():
        mist.append(_("beschrijf welke onderdelen en functies hebben meegedaan."))
    if not analyse.betrokkenheid.strip():
        mist.append(_("beschrijf hoe medewerkers van de werkvloer hebben bijgedragen."))
    return mist


def _aantal(tekst_een: str, tekst_meer: str, n: int) -> str:
    return ngettext(tekst_een, tekst_meer, n) % {"n": n}


def _beoordelen(risicos: list[Risico]) -> list[str]:
    mist: list[str] = []
    zonder = [r for r in risicos if not r.is_beoordeeld]
    if zonder:
        mist.append(
            _aantal(
                "%(n)d risico heeft nog geen kans en impact.",
                "%(n)d risico's hebben nog geen kans en impact.",
                len(zonder),
            )
        )
    zonder_rest = [r for r in risicos if r.is_beoordeeld and not r.heeft_rest]
    if zonder_rest:
        mist.append(
            _aantal(
                "%(n)d risico heeft nog geen restrisico.",
                "%(n)d risico's hebben nog geen restrisico.",
                len(zonder_rest),
            )
        )
    return mist


def hoog_zonder_maatregel(risicos: list[Risico]) -> list[Risico]:
    """Risks in the highest inherent band without a measure that is not withdrawn.
    ``risicos`` must have ``maatregelen`` prefetched and ``analyse`` loaded."""
    return [
        r
        for r in risicos
        if r.band == Band.HOOG
        and not any(m.status != MaatregelStatus.VERVALLEN for m in r.maatregelen.all())
    ]


def _maatregelen(risicos: list[Risico]) -> list[str]:
    zonder = hoog_zonder_maatregel(risicos)
    if not zonder:
        return []
    codes = ", ".join(r.code for r in zonder)
    return [
        _("geef deze risico's met een hoog bruto risico een maatregel: %(codes)s.")
        % {"codes": codes}
    ]


def _functies(analyse: Risicoanalyse) -> list[str]:
    functies = list(analyse.kwetsbare_functies.all())
    if not functies:
        return [_("benoem de kwetsbare functies (of leg vast dat er geen zijn).")]
    zonder = [f.functie for f in functies if not f.maatregelen and not f.toelichting.strip()]
    if zonder:
        return [_("geef maatregelen voor: %(functies)s.") % {"functies": ", ".join(zonder)}]
    return []


def _risicos(analyse: Risicoanalyse) -> list[Risico]:
    risicos = list(analyse.risicos.prefetch_related("maatregelen"))
    for risico in risicos:
        risico.analyse = analyse  # the matrix of each risk, without a query per risk
    return risicos


def ontbrekend_voor_vaststellen(analyse: Risicoanalyse) -> list[str]:
    risicos = _risicos(analyse)
    mist = _opzet(analyse)
    if not risicos:
        mist.append(_("voeg risico's toe aan het register."))
    return mist + _beoordelen(risicos)


def stappen(analyse: Risicoanalyse) -> list[Stap]:
    risicos = _risicos(analyse)
    return [
        Stap(
            1,
            _("Opzet"),
            _("Methode, datum, deelnemers en hoe medewerkers meededen."),
            tuple(_opzet(analyse)),
        ),
        Stap(
            2,
            _("Risico's identificeren"),
            _("Neem risico's over uit de catalogus of voeg eigen risico's toe."),
            () if risicos else (_("voeg risico's toe aan het register."),),
        ),
        Stap(
            3,
            _("Beoordelen"),
            _("Kans × impact, de bestaande beheersing en het restrisico van elk risico."),
            tuple(_beoordelen(risicos)),
        ),
        Stap(
            4,
            _("Maatregelen"),
            _("Maatregelen met eigenaar, uiterlijke datum en status."),
            tuple(_maatregelen(risicos)),
        ),
        Stap(
            5,
            _("Kwetsbare functies"),
            _("Functies die extra kwetsbaar zijn, met hun maatregelen."),
            tuple(_functies(analyse)),
        ),
        Stap(
            6,
            _("Vaststellen"),
            _("De analyse vaststellen; daarna liggen register en functies vast."),
            () if analyse.is_vastgesteld else (_("de analyse is nog niet vastgesteld."),),
        ),
    ]
