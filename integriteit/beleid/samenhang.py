"""The "samenhang" of an organisation's integrity policy: the chain risk analysis → policy →
evaluation, what is missing or out of date, and each goal's indicator with its current value.

The Court of Audit (*Integriteit als basis*, 2024, §3.3 and recommendation 1) found that at
most ministries this cycle is missing: policy follows incidents instead of a risk analysis,
and is not evaluated against concrete goals. This module turns the records of the risk
analysis (through the contract in ``risicos/samenvatting.py``), the policy record and its
evaluations into three steps and a list of signals, each with a stable code (tests, the
normbewijs rules) and a Dutch sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integriteit.beleid import indicatoren
from integriteit.beleid.constants import (
    EVALUATIE_JAREN,
    RISICOANALYSE_JAREN,
    VERWACHTE_INSTRUMENTEN,
    InstrumentSoort,
)
from integriteit.beleid.indicatoren import Meetcontext, Waarde
from integriteit.beleid.models import Beleid, Doel, Evaluatie, Instrument, maanden_later
from integriteit.organisaties.models import Organisatie
from integriteit.risicos.samenvatting import AnalyseSamenvatting, analyse_samenvatting

#: States of a step, shown as text and badge (never colour alone).
GOED, AANDACHT, ONTBREEKT = "goed", "aandacht", "ontbreekt"
KLASSE = {GOED: "positive", AANDACHT: "warning", ONTBREEKT: "negative"}


@dataclass(frozen=True)
class Signaal:
    code: str
    tekst: str


@dataclass(frozen=True)
class Stap:
    code: str  # risicoanalyse, beleid, evaluatie
    titel: str
    datum: date | None
    staat: str  # GOED, AANDACHT, ONTBREEKT
    toelichting: str

    @property
    def klasse(self) -> str:
        return KLASSE[self.staat]

    @property
    def staat_label(self) -> str:
        return {GOED: _("op orde"), AANDACHT: _("aandacht nodig"), ONTBREEKT: _("ontbreekt")}[
            self.staat
        ]


@dataclass(frozen=True)
class DoelMeting:
    doel: Doel
    waarde: Waarde
    streef: str
    gehaald: bool | None


@dataclass(frozen=True)
class InstrumentStand:
    instrument: Instrument
    actueel: bool
    verloopt_op: date


@dataclass
class Samenhang:
    organisatie: Organisatie
    peildatum: date
    beleid: Beleid | None
    risicoanalyse: AnalyseSamenvatting | None
    stappen: list[Stap] = field(default_factory=list)
    signalen: list[Signaal] = field(default_factory=list)
    metingen: list[DoelMeting] = field(default_factory=list)
    instrumenten: list[InstrumentStand] = field(default_factory=list)
    ontbrekend: list[str] = field(default_factory=list)
    laatste_evaluatie: Evaluatie | None = None

    @property
    def codes(self) -> set[str]:
        return {s.code for s in self.signalen}


def _dag(waarde: date) -> str:
    return f"{waarde.day}-{waarde.month}-{waarde.year}"


def doel_metingen(
    beleid: Beleid, organisatie: Organisatie, context: Meetcontext
) -> list[DoelMeting]:
    metingen = []
    for doel in beleid.doelen.all():
        waarde = indicatoren.huidige_waarde(doel, context, organisatie)
        metingen.append(
            DoelMeting(
                doel, waarde, indicatoren.streef_tekst(doel), indicatoren.gehaald(doel, waarde)
            )
        )
    return metingen


def instrument_standen(beleid: Beleid, peildatum: date) -> tuple[list[InstrumentStand], list[str]]:
    """Each instrument with whether it is current, and the labels of the missing kinds."""
    standen = [
        InstrumentStand(
            i,
            i.is_actueel(maanden=beleid.actualiteit_maanden, peildatum=peildatum),
            i.verloopt_op(beleid.actualiteit_maanden),
        )
        for i in beleid.instrumenten.all()
    ]
    aanwezig = {s.instrument.soort for s in standen}
    ontbrekend = [
        str(InstrumentSoort(soort).label)
        for soort in VERWACHTE_INSTRUMENTEN
        if soort not in aanwezig
    ]
    return standen, ontbrekend


def _risico_stap(s: Samenhang) -> None:
    analyse = s.risicoanalyse
    if analyse is None:
        s.signalen.append(
            Signaal("geen_risicoanalyse", _("Er is geen risicoanalyse: het beleid rust niet op "
                                            "een beeld van de risico’s."))
        )  # fmt: skip
        s.stappen.append(
            Stap("risicoanalyse", _("Risicoanalyse"), None, ONTBREEKT, _("Geen risicoanalyse."))
        )
        return
    verouderd = analyse.datum < maanden_later(s.peildatum, -12 * RISICOANALYSE_JAREN)
    toelichting = _("%(titel)s: %(n)s risico’s, %(hoog)s met een hoog restrisico.") % {
        "titel": analyse.titel,
        "n": analyse.aantal_risicos,
        "hoog": analyse.aantal_hoog_restrisico,
    }
    staat = GOED
    if verouderd:
        staat = AANDACHT
        s.signalen.append(
            Signaal(
                "risicoanalyse_verouderd",
                _("De risicoanalyse van %(datum)s is ouder dan %(jaren)s jaar.")
                % {"datum": _dag(analyse.datum), "jaren": RISICOANALYSE_JAREN},
            )
        )
    if not analyse.vastgesteld:
        staat = AANDACHT
        s.signalen.append(
            Signaal("risicoanalyse_concept", _("De risicoanalyse is nog niet vastgesteld."))
        )
    s.stappen.append(Stap("risicoanalyse", _("Risicoanalyse"), analyse.datum, staat, toelichting))


def _beleid_signalen(s: Samenhang, beleid: Beleid) -> None:
    if not beleid.visie:
        s.signalen.append(Signaal("geen_visie", _("Het beleid heeft geen visie op integriteit.")))
    if not s.metingen:
        s.signalen.append(Signaal("geen_doelen", _("Het beleid heeft geen concrete doelen.")))
    for meting in s.metingen:
        if not meting.waarde.beschikbaar:
            s.signalen.append(
                Signaal(
                    "doel_zonder_waarde",
                    _("Doel ‘%(doel)s’ heeft geen actuele waarde (%(reden)s).")
                    % {"doel": meting.doel.omschrijving, "reden": meting.waarde.tekst},
                )
            )
    for stand in s.instrumenten:
        if not stand.actueel:
            s.signalen.append(
                Signaal(
                    "instrument_niet_actueel",
                    _("%(naam)s is niet actueel: laatst herzien op %(datum)s.")
                    % {"naam": stand.instrument.naam, "datum": _dag(stand.instrument.herzien_op)},
                )
            )
    for label in s.ontbrekend:
        s.signalen.append(
            Signaal(
                "instrument_ontbreekt", _("Instrument ontbreekt: %(soort)s.") % {"soort": label}
            )
        )
    analyse = s.risicoanalyse
    vastgesteld = beleid.document_vastgesteld_op
    if analyse is not None and vastgesteld is not None and vastgesteld < analyse.datum:
        s.signalen.append(
            Signaal(
                "beleid_voor_risicoanalyse",
                _("Het beleid (%(beleid)s) is vastgesteld vóór de laatste risicoanalyse "
                  "(%(analyse)s): ga na of het de risico’s nog dekt.")
                % {"beleid": _dag(vastgesteld), "analyse": _dag(analyse.datum)},
            )
        )  # fmt: skip


def _beleid_stap(s: Samenhang) -> None:
    beleid = s.beleid
    if beleid is None:
        s.signalen.append(Signaal("geen_beleid", _("Er is geen integriteitsbeleid vastgelegd.")))
        s.stappen.append(Stap("beleid", _("Beleid"), None, ONTBREEKT, _("Geen beleid.")))
        return
    _beleid_signalen(s, beleid)
    beleid_codes = {
        "geen_visie",
        "geen_doelen",
        "doel_zonder_waarde",
        "instrument_niet_actueel",
        "instrument_ontbreekt",
    }
    staat = AANDACHT if s.codes & beleid_codes else GOED
    if not beleid.visie and not s.metingen:
        staat = ONTBREEKT
    toelichting = _("%(doelen)s doelen, %(instrumenten)s instrumenten.") % {
        "doelen": len(s.metingen),
        "instrumenten": len(s.instrumenten),
    }
    s.stappen.append(
        Stap("beleid", _("Beleid"), beleid.document_vastgesteld_op, staat, toelichting)
    )


def _evaluatie_stap(s: Samenhang) -> None:
    evaluaties = (
        [e for e in s.beleid.evaluaties.all() if e.datum <= s.peildatum] if s.beleid else []
    )
    laatste = evaluaties[0] if evaluaties else None
    s.laatste_evaluatie = laatste
    grens = maanden_later(s.peildatum, -12 * EVALUATIE_JAREN)
    if laatste is None or laatste.datum < grens:
        s.signalen.append(
            Signaal(
                "geen_recente_evaluatie",
                _("Er is geen evaluatie van het beleid in de laatste %(jaren)s jaar.")
                % {"jaren": EVALUATIE_JAREN},
            )
        )
    vastgesteld = s.beleid.document_vastgesteld_op if s.beleid else None
    if laatste is not None and vastgesteld is not None and laatste.datum < vastgesteld:
        s.signalen.append(
            Signaal(
                "beleid_niet_geevalueerd",
                _("De laatste evaluatie (%(evaluatie)s) is ouder dan het beleid (%(beleid)s): "
                  "het huidige beleid is nog niet geëvalueerd.")
                % {"evaluatie": _dag(laatste.datum), "beleid": _dag(vastgesteld)},
            )
        )  # fmt: skip
    te_laat = [a for e in evaluaties for a in e.acties.all() if a.te_laat_op(s.peildatum)]
    if te_laat:
        s.signalen.append(
            Signaal(
                "acties_te_laat",
                ngettext(
                    "%(n)s vervolgactie van een evaluatie is over haar deadline.",
                    "%(n)s vervolgacties van evaluaties zijn over hun deadline.",
                    len(te_laat),
                )
                % {"n": len(te_laat)},
            )
        )
    if laatste is None:
        s.stappen.append(Stap("evaluatie", _("Evaluatie"), None, ONTBREEKT, _("Geen evaluatie.")))
        return
    problemen = s.codes & {"geen_recente_evaluatie", "beleid_niet_geevalueerd", "acties_te_laat"}
    s.stappen.append(
        Stap(
            "evaluatie",
            _("Evaluatie"),
            laatste.datum,
            AANDACHT if problemen else GOED,
            laatste.reikwijdte,
        )
    )


def samenhang_bepalen(
    *, organisatie: Organisatie, beleid: Beleid | None, peildatum: date
) -> Samenhang:
    """The chain for ``organisatie`` on ``peildatum``; ``beleid`` from
    ``selectors.beleid_van`` (prefetched). Not scoped: the view checks who may see it."""
    s = Samenhang(
        organisatie=organisatie,
        peildatum=peildatum,
        beleid=beleid,
        risicoanalyse=analyse_samenvatting(organisatie=organisatie, peildatum=peildatum),
    )
    if beleid is not None:
        s.metingen = doel_metingen(beleid, organisatie, Meetcontext(peildatum=peildatum))
        s.instrumenten, s.ontbrekend = instrument_standen(beleid, peildatum)
    _risico_stap(s)
    _beleid_stap(s)
    _evaluatie_stap(s)
    return s
