"""Evidence of the risk analysis for norm 1 of ``ark-2024`` (contract in
``integriteit/normenkader/normbewijs.py``; rule in ADR 0014 and docs/risicos.md).

Norm 1: vulnerable areas, activities and circumstances are mapped, with employees from the
work floor involved, leading to fitting measures. The newest analysis of the organisation
dated on or before the reference date decides:

* ``stap``: no analysis, or the newest is more than three years old;
* ``voldoet``: it is established, employees took part, and every risk in the highest inherent
  band has a measure;
* ``kleine-stap``: otherwise (an analysis exists, with the gaps listed as reasons).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability
from integriteit.normenkader.normbewijs import Aanwijzing, Normbewijs
from integriteit.organisaties.models import Organisatie
from integriteit.risicos.samenvatting import AnalyseSamenvatting, analyse_samenvatting

NORM = "1"
MAX_JAREN = 3


def _jaren_terug(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year - jaren, day=28)


def _aanwijzingen(s: AnalyseSamenvatting, url: str) -> tuple[Aanwijzing, ...]:
    methoden = ", ".join(s.methoden) or _("geen methode vastgelegd")
    return (
        Aanwijzing(
            _("Risicoanalyse ‘%(titel)s’ van %(datum)s (%(methoden)s), %(n)d risico's.")
            % {
                "titel": s.titel,
                "datum": date_format(s.datum, "d-m-Y"),
                "methoden": methoden,
                "n": s.aantal_risicos,
            },
            voldaan=s.vastgesteld,
            url=url,
        ),
        Aanwijzing(
            _("Medewerkers betrokken: %(ja)s.")
            % {"ja": _("ja") if s.medewerkers_betrokken else _("nee")},
            voldaan=s.medewerkers_betrokken,
        ),
        Aanwijzing(
            _("Risico's met hoog bruto risico zonder maatregel: %(n)d.")
            % {"n": s.hoog_zonder_maatregel},
            voldaan=s.hoog_zonder_maatregel == 0,
        ),
        Aanwijzing(
            _("Maatregelen open: %(open)d, waarvan te laat: %(laat)d.")
            % {"open": s.maatregelen_open, "laat": s.maatregelen_te_laat},
        ),
        Aanwijzing(_("Kwetsbare functies benoemd: %(n)d.") % {"n": s.kwetsbare_functies}),
    )


def _gaten(s: AnalyseSamenvatting) -> list[str]:
    gaten: list[str] = []
    if not s.vastgesteld:
        gaten.append(_("De nieuwste risicoanalyse is nog niet vastgesteld."))
    if not s.medewerkers_betrokken:
        gaten.append(
            _(
                "Medewerkers van de werkvloer waren niet betrokken "
                "(geen workshop, interviews of enquête)."
            )
        )
    if s.hoog_zonder_maatregel:
        gaten.append(
            _("%(n)d risico('s) met een hoog bruto risico hebben geen maatregel.")
            % {"n": s.hoog_zonder_maatregel}
        )
    return gaten


def normbewijs(*, organisatie: Organisatie, peildatum: date, gebruiker: Any) -> list[Normbewijs]:
    bron = _("Risicoanalyse")
    s = analyse_samenvatting(organisatie=organisatie, peildatum=peildatum)
    if s is None:
        # Nothing here is no proof of nothing: the analysis may be kept elsewhere (ADR 0015).
        reden = _(
            "Deze module bevat geen risicoanalyse van de organisatie; beoordeel op het bewijs "
            "dat de organisatie elders aanlevert."
        )
        return [Normbewijs(norm_code=NORM, niveau="onbekend", redenen=(reden,), bron=bron)]
    scope = scope_for(gebruiker=gebruiker, capability=Capability.RISICO_LEZEN)
    mag = scope.covers(pad=organisatie.pad, node_id=organisatie.pk)
    url = reverse("risicos:detail", kwargs={"pk": s.pk}) if mag else ""
    aanwijzingen = _aanwijzingen(s, url)
    if s.datum < _jaren_terug(peildatum, MAX_JAREN):
        reden = _("De nieuwste risicoanalyse is ouder dan %(n)d jaar.") % {"n": MAX_JAREN}
        return [
            Normbewijs(
                norm_code=NORM,
                niveau="stap",
                redenen=(reden,),
                aanwijzingen=aanwijzingen,
                bron=bron,
            )
        ]
    gaten = _gaten(s)
    if gaten:
        niveau, redenen = "kleine-stap", tuple(gaten)
    else:
        niveau = "voldoet"
        redenen = (
            _(
                "Een vastgestelde risicoanalyse van ten hoogste %(n)d jaar oud, met medewerkers "
                "van de werkvloer, en een maatregel voor elk hoog risico."
            )
            % {"n": MAX_JAREN},
        )
    return [
        Normbewijs(
            norm_code=NORM, niveau=niveau, redenen=redenen, aanwijzingen=aanwijzingen, bron=bron
        )
    ]
