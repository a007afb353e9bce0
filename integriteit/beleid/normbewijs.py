"""What the policy record holds for norms 2, 3 and 15 of ``ark-2024``, and a suggested level
(contract: ``normenkader/normbewijs.py``; the assessor decides, nothing is saved).

Rules (also in docs/beleid.md):

- **Norm 2** (an elaborated integrity policy). Three criteria: a vision; at least one goal with
  an indicator and a target; every expected kind of instrument present and current. All three
  → *voldoet*; one or two → *kleine-stap*; none, or no record → *stap*.
- **Norm 3** (an independently positioned coordinator). Four criteria: capacity recorded
  (more than 0 fte); tasks formally laid down; direct access to the top on own initiative;
  not reporting to the head of P&O/HR. Position not filled in → *onbekend*; all four →
  *voldoet*; three → *kleine-stap*; fewer → *stap*.
- **Norm 15** (periodic evaluation). No evaluation dated in the four years up to the
  reference date → *stap*; the newest one evaluated against the goals, has follow-up actions
  and none of them overdue → *voldoet*; otherwise → *kleine-stap*.

The policy record has no history: norms 2 and 3 read its present state; evaluations and
actions are judged on the reference date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integriteit.beleid import selectors
from integriteit.beleid.constants import EVALUATIE_JAREN, RapporteertAan
from integriteit.beleid.models import Beleid, maanden_later
from integriteit.beleid.samenhang import instrument_standen
from integriteit.normenkader.normbewijs import Aanwijzing, Normbewijs
from integriteit.organisaties.models import Organisatie


def _bron() -> str:
    return _("Integriteitsbeleid")


def _dag(waarde: date) -> str:
    return f"{waarde.day}-{waarde.month}-{waarde.year}"


def _niveau(voldaan: int, totaal: int) -> str:
    if voldaan == totaal:
        return "voldoet"
    return "kleine-stap" if voldaan else "stap"


def _norm2(beleid: Beleid | None, peildatum: date, url: str) -> Normbewijs:
    if beleid is None:
        # Nothing here is no proof of nothing: the policy may be kept elsewhere (ADR 0015).
        reden = _(
            "Deze module bevat geen integriteitsbeleid van de organisatie; beoordeel op het "
            "bewijs dat de organisatie elders aanlevert."
        )
        return Normbewijs("2", "onbekend", (reden,), bron=_bron())
    doelen = [
        d
        for d in beleid.doelen.all()
        if d.indicator and (d.streefwaarde is not None or d.streefniveau)
    ]
    standen, ontbrekend = instrument_standen(beleid, peildatum)
    niet_actueel = [s.instrument.naam for s in standen if not s.actueel]
    instrumenten_op_orde = not ontbrekend and not niet_actueel
    aanwijzingen = (
        Aanwijzing(
            _("Visie vastgelegd") if beleid.visie else _("Geen visie vastgelegd"),
            bool(beleid.visie),
            url,
        ),
        Aanwijzing(
            _("%(n)s doelen met indicator en streefwaarde") % {"n": len(doelen)}, bool(doelen), url
        ),
        Aanwijzing(
            _("Instrumenten: %(n)s, ontbrekend: %(ontbrekend)s, niet actueel: %(oud)s")
            % {
                "n": len(standen),
                "ontbrekend": ", ".join(ontbrekend) or _("geen"),
                "oud": ", ".join(niet_actueel) or _("geen"),
            },
            instrumenten_op_orde,
            url,
        ),
    )
    voldaan = sum(a.voldaan is True for a in aanwijzingen)
    redenen = [a.tekst for a in aanwijzingen if a.voldaan is False] or [
        _("Visie, concrete doelen met indicatoren en actuele instrumenten zijn vastgelegd.")
    ]
    return Normbewijs("2", _niveau(voldaan, 3), tuple(redenen), aanwijzingen, _bron())


def _norm3(beleid: Beleid | None, url: str) -> Normbewijs:
    if beleid is None or not beleid.positie_ingevuld:
        return Normbewijs(
            "3", "onbekend", (_("De positie van de coördinator is niet vastgelegd."),), bron=_bron()
        )
    fte = beleid.coordinator_fte
    aanwijzingen = (
        Aanwijzing(
            _("Capaciteit: %(fte)s fte") % {"fte": fte} if fte else _("Geen capaciteit vastgelegd"),
            bool(fte),
            url,
        ),
        Aanwijzing(
            _("Taken formeel vastgelegd op %(datum)s") % {"datum": _dag(beleid.taken_vastgelegd_op)}
            if beleid.taken_vastgelegd_op
            else _("Taken niet formeel vastgelegd"),
            beleid.taken_vastgelegd_op is not None,
            url,
        ),
        Aanwijzing(
            _("Directe toegang tot de top op eigen initiatief")
            if beleid.directe_toegang_top
            else _("Geen directe toegang tot de top op eigen initiatief"),
            bool(beleid.directe_toegang_top),
            url,
        ),
        Aanwijzing(
            _("Rapporteert aan: %(aan)s")
            % {"aan": beleid.get_rapporteert_aan_display() or _("niet vastgelegd")},
            bool(beleid.rapporteert_aan) and beleid.rapporteert_aan != RapporteertAan.HOOFD_PO,
            url,
        ),
    )
    voldaan = sum(a.voldaan is True for a in aanwijzingen)
    niveau = "voldoet" if voldaan == 4 else ("kleine-stap" if voldaan == 3 else "stap")
    redenen = [a.tekst for a in aanwijzingen if a.voldaan is False] or [
        _("De coördinator is onafhankelijk gepositioneerd, met vastgelegde taken en capaciteit.")
    ]
    return Normbewijs("3", niveau, tuple(redenen), aanwijzingen, _bron())


def _norm15(beleid: Beleid | None, peildatum: date, url: str) -> Normbewijs:
    if beleid is None:
        reden = _(
            "Deze module bevat geen integriteitsbeleid en geen evaluaties van de organisatie; "
            "beoordeel op het bewijs dat de organisatie elders aanlevert."
        )
        return Normbewijs("15", "onbekend", (reden,), bron=_bron())
    grens = maanden_later(peildatum, -12 * EVALUATIE_JAREN)
    evaluaties = [e for e in beleid.evaluaties.all() if e.datum <= peildatum]
    recent = [e for e in evaluaties if e.datum >= grens]
    if not recent:
        reden = _("Geen evaluatie van het beleid in de laatste %(jaren)s jaar.") % {
            "jaren": EVALUATIE_JAREN
        }
        vorige = tuple(
            Aanwijzing(_("Laatste evaluatie: %(datum)s") % {"datum": _dag(e.datum)}, False, url)
            for e in evaluaties[:1]
        )
        return Normbewijs("15", "stap", (reden,), vorige, _bron())
    laatste = recent[0]
    acties = list(laatste.acties.all())
    te_laat = [a for e in evaluaties for a in e.acties.all() if a.te_laat_op(peildatum)]
    aanwijzingen = (
        Aanwijzing(
            _("Evaluatie van %(datum)s: %(reikwijdte)s")
            % {"datum": _dag(laatste.datum), "reikwijdte": laatste.reikwijdte},
            True,
            url,
        ),
        Aanwijzing(
            _("Getoetst aan de doelen")
            if laatste.tegen_doelen
            else _("Niet getoetst aan de doelen"),
            laatste.tegen_doelen,
            url,
        ),
        Aanwijzing(
            ngettext("%(n)s vervolgactie", "%(n)s vervolgacties", len(acties)) % {"n": len(acties)},
            bool(acties),
            url,
        ),
        Aanwijzing(
            ngettext(
                "%(n)s vervolgactie over haar deadline",
                "%(n)s vervolgacties over hun deadline",
                len(te_laat),
            )
            % {"n": len(te_laat)},
            not te_laat,
            url,
        ),
    )
    voldaan = all(a.voldaan for a in aanwijzingen)
    redenen = [a.tekst for a in aanwijzingen if a.voldaan is False] or [
        _("Het beleid is recent geëvalueerd tegen de doelen, met vervolgacties op schema.")
    ]
    return Normbewijs(
        "15", "voldoet" if voldaan else "kleine-stap", tuple(redenen), aanwijzingen, _bron()
    )


def normbewijs(*, organisatie: Organisatie, peildatum: date, gebruiker: Any) -> list[Normbewijs]:
    """Evidence for norms 2, 3 and 15; ``url`` only when ``gebruiker`` may open the record."""
    beleid = selectors.beleid_van(organisatie=organisatie)
    url = ""
    if selectors.mag_lezen(gebruiker=gebruiker, organisatie=organisatie):
        url = reverse("beleid:detail", kwargs={"code": organisatie.code})
    return [_norm2(beleid, peildatum, url), _norm3(beleid, url), _norm15(beleid, peildatum, url)]
