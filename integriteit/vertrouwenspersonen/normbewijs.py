"""Evidence of the confidential advisers' module for norms 10, 11 and 12 of ``ark-2024``
(contract in ``integriteit/normenkader/normbewijs.py``; rules in docs/vertrouwenspersonen.md
and ADR 0013). Only aggregates: no contact, no note, no name of anyone who came.

The advisers counted are those serving the organisation or a unit under it whose term includes
the reference date (``peildatum``). No profile at all: ``onbekend`` for all three norms.

* Norm 10 (independent, accessible, competent): ``voldoet`` with at least two active advisers,
  at least one of them external, and all with the basic training; ``stap`` with none active,
  or with neither an external adviser nor anyone trained; otherwise ``kleine-stap``.
* Norm 11 (enough means): for every active adviser fixed hours, tasks and powers in writing,
  intervision and a training budget. All four for all: ``voldoet``; none of the four for
  anyone: ``stap``; otherwise ``kleine-stap``.
* Norm 12 (own report, meetings, substantive response): (a) an issued annual report over the
  previous year with at least one recommendation, (b) more than one meeting with the competent
  authority in the twelve months up to the reference date, (c) every recommendation made more
  than three months before the reference date has a substantive response. All three:
  ``voldoet``; neither (a) nor (b): ``stap`` (whatever (c) says: without recommendations it
  holds trivially); otherwise ``kleine-stap``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability
from integriteit.normenkader.normbewijs import Aanwijzing, Normbewijs
from integriteit.organisaties.models import Organisatie
from integriteit.vertrouwenspersonen.constants import JaarverslagStatus, Soort
from integriteit.vertrouwenspersonen.models import (
    Aanbeveling,
    Jaarverslag,
    Overleg,
    Vertrouwenspersoon,
)

BRON = "Vertrouwenspersonen"
REACTIE_BINNEN = timedelta(days=91)


def _niveau(voldaan: list[bool]) -> str:
    if all(voldaan):
        return "voldoet"
    if not any(voldaan):
        return "stap"
    return "kleine-stap"


def _url(gebruiker: Any, organisatie: Organisatie, capability: Capability, naam: str) -> str:
    scope = scope_for(gebruiker=gebruiker, capability=capability)
    return reverse(naam) if scope.covers(pad=organisatie.pad, node_id=organisatie.pk) else ""


def _ja(waarde: bool) -> str:
    return _("ja") if waarde else _("nee")


def _norm10(actief: list[Vertrouwenspersoon], url: str) -> Normbewijs:
    n = len(actief)
    extern = sum(1 for p in actief if p.soort == Soort.EXTERN)
    opgeleid = sum(1 for p in actief if p.basisopleiding_op is not None)
    criteria = [n >= 2, extern >= 1, n > 0 and opgeleid == n]
    niveau = "stap" if n == 0 or (extern == 0 and opgeleid == 0) else _niveau(criteria)
    redenen = {
        "voldoet": _(
            "Er zijn meerdere vertrouwenspersonen, waaronder een externe, allen opgeleid."
        ),
        "kleine-stap": _("Er zijn vertrouwenspersonen, maar niet alle voorwaarden zijn vervuld."),
        "stap": _("Er is geen actieve vertrouwenspersoon, of geen externe en niemand opgeleid."),
    }
    return Normbewijs(
        norm_code="10",
        niveau=niveau,
        redenen=(redenen[niveau],),
        aanwijzingen=(
            Aanwijzing(
                _("Actieve vertrouwenspersonen: %(n)d (intern %(i)d, extern %(e)d).")
                % {"n": n, "i": n - extern, "e": extern},
                voldaan=n >= 2,
                url=url,
            ),
            Aanwijzing(
                _("Keuze voor een externe vertrouwenspersoon: %(ja)s.") % {"ja": _ja(extern >= 1)},
                voldaan=extern >= 1,
            ),
            Aanwijzing(
                _("Meerdaagse basisopleiding gevolgd: %(t)d van %(n)d.") % {"t": opgeleid, "n": n},
                voldaan=n > 0 and opgeleid == n,
            ),
        ),
        bron=BRON,
    )


def _norm11(actief: list[Vertrouwenspersoon], url: str) -> Normbewijs:
    n = len(actief)
    teller = {
        _("vastgestelde uren"): sum(1 for p in actief if p.uren_per_week),
        _("taken en bevoegdheden op schrift"): sum(1 for p in actief if p.taken_vastgelegd),
        _("intervisie"): sum(1 for p in actief if p.intervisie),
        _("budget voor (bij)scholing"): sum(1 for p in actief if p.scholingsbudget),
    }
    if n == 0:
        niveau = "stap"
    elif all(v == n for v in teller.values()):
        niveau = "voldoet"
    elif not any(teller.values()):
        niveau = "stap"
    else:
        niveau = "kleine-stap"
    redenen = {
        "voldoet": _(
            "Alle vertrouwenspersonen hebben uren, taken op schrift, intervisie en budget."
        ),
        "kleine-stap": _("Niet alle vertrouwenspersonen hebben alle middelen."),
        "stap": _("De middelen van de vertrouwenspersonen zijn niet geregeld."),
    }
    return Normbewijs(
        norm_code="11",
        niveau=niveau,
        redenen=(redenen[niveau],),
        aanwijzingen=tuple(
            Aanwijzing(
                _("%(wat)s: %(k)d van %(n)d.") % {"wat": wat.capitalize(), "k": k, "n": n},
                voldaan=n > 0 and k == n,
                url=url if i == 0 else "",
            )
            for i, (wat, k) in enumerate(teller.items())
        ),
        bron=BRON,
    )


def _norm12(organisatie: Organisatie, peildatum: date, url: str) -> Normbewijs:
    binnen = Q(vertrouwenspersoon__organisatie__pad__startswith=organisatie.pad)
    vorig_jaar = peildatum.year - 1
    verslagen = Jaarverslag.objects.filter(
        binnen,
        jaar=vorig_jaar,
        status=JaarverslagStatus.UITGEBRACHT,
        uitgebracht_op__lte=peildatum,
    )
    met_aanbevelingen = verslagen.filter(aanbevelingen__isnull=False).distinct().count()
    overleggen = Overleg.objects.filter(
        binnen, datum__gt=peildatum - timedelta(days=365), datum__lte=peildatum
    ).count()
    zichtbaar = Q(jaarverslag__isnull=True) | Q(jaarverslag__status=JaarverslagStatus.UITGEBRACHT)
    oud = Aanbeveling.objects.filter(binnen, zichtbaar, datum__lte=peildatum - REACTIE_BINNEN)
    zonder_reactie = oud.filter(Q(reactie="") | Q(reactie_op__gt=peildatum)).count()
    criteria = [met_aanbevelingen > 0, overleggen > 1, zonder_reactie == 0]
    niveau = "stap" if not (criteria[0] or criteria[1]) else _niveau(criteria)
    redenen = {
        "voldoet": _(
            "Eigen jaarverslag met aanbevelingen, vaker overleg, en inhoudelijke reacties."
        ),
        "kleine-stap": _("De relatie met het bevoegd gezag is deels op orde."),
        "stap": _(
            "Geen jaarverslag met aanbevelingen, hooguit één overleg per jaar en geen "
            "inhoudelijke reactie op aanbevelingen."
        ),
    }
    return Normbewijs(
        norm_code="12",
        niveau=niveau,
        redenen=(redenen[niveau],),
        aanwijzingen=(
            Aanwijzing(
                _("Jaarverslagen over %(jaar)d uitgebracht: %(n)d, met aanbevelingen: %(m)d.")
                % {"jaar": vorig_jaar, "n": verslagen.count(), "m": met_aanbevelingen},
                voldaan=criteria[0],
                url=url,
            ),
            Aanwijzing(
                _("Overleggen met het bevoegd gezag in de afgelopen twaalf maanden: %(n)d.")
                % {"n": overleggen},
                voldaan=criteria[1],
            ),
            Aanwijzing(
                _("Aanbevelingen ouder dan drie maanden zonder inhoudelijke reactie: %(n)d.")
                % {"n": zonder_reactie},
                voldaan=criteria[2],
            ),
        ),
        bron=BRON,
    )


def normbewijs(*, organisatie: Organisatie, peildatum: date, gebruiker: Any) -> list[Normbewijs]:
    """What this module holds for norms 10-12 of ``organisatie`` on ``peildatum``."""
    profielen = Vertrouwenspersoon.objects.filter(organisatie__pad__startswith=organisatie.pad)
    if not profielen.filter(termijn_van__lte=peildatum).exists():
        reden = (_("Er zijn geen vertrouwenspersonen in deze module geregistreerd."),)
        return [
            Normbewijs(norm_code=code, niveau="onbekend", redenen=reden, bron=BRON)
            for code in ("10", "11", "12")
        ]
    actief = list(profielen.actief_op(peildatum))
    beheer = _url(gebruiker, organisatie, Capability.VP_BEHEREN, "vertrouwenspersonen:overzicht")
    aanbevelingen = _url(
        gebruiker, organisatie, Capability.VP_AANBEVELINGEN, "vertrouwenspersonen:aanbevelingen"
    )
    return [
        _norm10(actief, beheer),
        _norm11(actief, beheer),
        _norm12(organisatie, peildatum, aanbevelingen),
    ]
