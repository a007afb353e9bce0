"""The whole snapshot of a year's annual report, and the document a renderer reads.

:func:`cijfers_maken` calls the key-figures layer once (``kerncijfers.rijksbeeld``) and turns
it into the JSON-ready figures (``jaarverslag_cijfers``, ``jaarverslag_melden``), always in
Dutch: the snapshot is the published text, whatever language the publisher's browser asked
for. :func:`document` adds what belongs to one version (status, version, BZK's narrative,
publication date); that dict is what a published report stores and what every renderer reads.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from integriteit.meldingen.statistiek import KLEINE_AANTALLEN
from integriteit.rapportages.jaarverslag_cijfers import Json, _cultuur, _structuur, tabel
from integriteit.rapportages.jaarverslag_constants import (
    COORDINATIE,
    CULTUUR,
    HOOFDSTUKKEN,
    MELDEN,
    SNAPSHOT_FORMAAT,
    STRUCTUUR,
)
from integriteit.rapportages.jaarverslag_melden import coordinatie, melden
from integriteit.rapportages.kerncijfers import Rijksbeeld, rijksbeeld
from integriteit.rapportages.models import Jaarverslag

TAAL = "nl"


def _samenvatting(beeld: Rijksbeeld) -> Json:
    codes = [n.code for n in beeld.normen.normen]
    rijen = []
    for m in beeld.ministeries:
        normen = beeld.normen.van(m.pk)
        cellen = []
        for code in codes:
            stand = normen.stand(code) if normen else None
            # "onbekend" (not assessed, as the report did for norms 4-6, 13 and 14) is no
            # rating, not "nee": only a level below "voldoet" says a norm is not met.
            cellen.append(
                _("ja")
                if stand and stand.voldoet
                else _("nee")
                if stand and stand.niet_voldaan
                else "–"
            )
        voldaan = normen.voldaan if normen and normen.beoordeling else None
        totaal = f"{voldaan} / {len(codes)}" if voldaan is not None else "–"
        rijen.append([m.naam, *cellen, totaal])
    kolommen = [_("Ministerie"), *codes, _("Voldaan")]
    return tabel("samenvatting", _("Normen waaraan elk ministerie voldoet"), kolommen, rijen)


def _bronnen(beeld: Rijksbeeld) -> Json:
    rijen = []
    for m in beeld.ministeries:
        normen = beeld.normen.van(m.pk)
        b = normen.beoordeling if normen else None
        rijen.append(
            [
                m.naam,
                f"{b.cyclus.titel} ({b.get_soort_display().lower()}, {_('versie')} {b.versie})"
                if b
                else _("geen definitieve beoordeling"),
            ]
        )
    golf = beeld.enquete.golf
    rijen.append([_("Medewerkersonderzoek"), golf.titel if golf else _("geen")])
    kolommen = [_("Onderdeel"), _("Bron")]
    return tabel("bronnen", _("Gebruikte beoordelingen en onderzoeken"), kolommen, rijen)


def _methode(beeld: Rijksbeeld, vandaag: date) -> list[str]:
    groep = beeld.enquete.min_group_size
    return [
        _(
            "Alle cijfers komen uit de registraties van dit systeem over %(jaar)d, met "
            "peildatum %(peildatum)s; de momentopname is gemaakt op %(datum)s."
        )
        % {
            "jaar": beeld.jaar,
            "peildatum": beeld.peildatum.isoformat(),
            "datum": vandaag.isoformat(),
        },
        _(
            "Normen: de nieuwste definitieve beoordeling van elk ministerie tot en met "
            "%(jaar)d; bij meer beoordelingen in één cyclus eerst die van de auditor, dan van "
            "de rijkscoördinator, dan de zelfevaluatie. Concepten tellen niet mee."
        )
        % {"jaar": beeld.jaar},
        _(
            "Afscherming: een aantal van 1 tot %(n)d staat als ‘<%(n)d’; als de overige "
            "cijfers een afgeschermd aantal zouden verraden, wordt een tweede cel "
            "‘afgeschermd’. Een percentage of mediaan over minder dan %(n)d meldingen wordt "
            "niet getoond. Enquêteresultaten van een groep onder de minimale groepsgrootte "
            "(%(groep)d) worden niet getoond."
        )
        % {"n": KLEINE_AANTALLEN, "groep": groep},
        _(
            "Significant lager: de bovengrens van het 95%%-betrouwbaarheidsinterval van het "
            "ministerie ligt onder het rijksbrede cijfer (t-interval voor een schaalgemiddelde, "
            "Wilson-interval voor een percentage)."
        ),
        _(
            "Het verslag bevat alleen geaggregeerde, afgeschermde cijfers: nooit de inhoud van "
            "een melding of onderzoek en nooit een logboek van een vertrouwenspersoon."
        ),
    ]


def cijfers_maken(*, jaar: int, vandaag: date | None = None) -> Json:
    """The figures of ``jaar``'s report, as the snapshot stores them."""
    vandaag = vandaag or timezone.localdate()
    with override(TAAL):
        beeld = rijksbeeld(jaar=jaar, vandaag=vandaag)
        inhoud = {
            STRUCTUUR: _structuur(beeld),
            CULTUUR: _cultuur(beeld),
            MELDEN: melden(beeld),
            COORDINATIE: coordinatie(beeld),
        }
        return {
            "formaat": SNAPSHOT_FORMAAT,
            "jaar": jaar,
            "peildatum": beeld.peildatum.isoformat(),
            "gemaakt_op": vandaag.isoformat(),
            "ministeries": [{"code": m.code, "naam": m.naam} for m in beeld.ministeries],
            "hoofdstukken": [
                {"code": code, "titel": str(titel), **inhoud[code]} for code, titel in HOOFDSTUKKEN
            ],
            "samenvatting": _samenvatting(beeld),
            "bijlage": {"methode": _methode(beeld, vandaag), "bronnen": _bronnen(beeld)},
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def document(*, verslag: Jaarverslag, cijfers: Json) -> dict[str, Any]:
    """The complete input of every renderer for ``verslag``: its figures plus its version,
    status, narrative and publication moment."""
    return {
        **cijfers,
        "verslag": {
            "status": verslag.status,
            "versie": verslag.versie,
            "gepubliceerd_op": _iso(verslag.gepubliceerd_op),
            "correctie_reden": verslag.correctie_reden,
        },
        "teksten": {code: verslag.tekst(code) for code, _titel in HOOFDSTUKKEN},
    }
