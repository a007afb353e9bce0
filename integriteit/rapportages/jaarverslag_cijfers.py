"""The figures of the annual integrity report, made once from the key-figures layer into one
JSON-ready dict: the *snapshot* (ADR 0021).

Everything the report shows is in here, already shielded and already written out as text
("<5", "afgeschermd", "3,4 (3,1–3,7)"): a shielded count is stored as its text only, never as
its value, so the stored snapshot holds nothing the public report may not show. The renderers
(``jaarverslag_uitvoer``) read only this dict, so a concept (made live) and a published
report (read back from the database) go through the same code, and rendering a stored
snapshot again gives the same bytes.

Layout: ``hoofdstukken`` (chapters, following *Integriteit als basis*), each with generated
paragraphs and tables; a table is ``{id, titel, kolommen, rijen, grafiek?}`` with every cell
a string; a chart is ``{"soort": "balk", items: [{label, waarde|None, tekst}]}`` or
``{"soort": "ci", schaal, items: [{code, label, ministerie, rijk}]}`` (estimates with
their interval). Then ``samenvatting`` (ministries × norms met) and ``bijlage`` (method and
sources).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from integriteit.meldingen import statistiek as stat
from integriteit.rapportages.enquete import Indicator
from integriteit.rapportages.jaarverslag_constants import (
    CULTUURNORMEN,
    STRUCTUURNORMEN,
)
from integriteit.rapportages.kerncijfers import Rijksbeeld
from integriteit.rapportages.statistiek import Schatting

Json = dict[str, Any]


# --- small builders ---------------------------------------------------------------------------


def getal(waarde: float, decimalen: int) -> str:
    return f"{waarde:.{decimalen}f}".replace(".", ",")


def janee(waarde: bool) -> str:
    return _("ja") if waarde else _("nee")


def tabel(
    id_: str, titel: str, kolommen: list[str], rijen: list[list[str]], grafiek: Json | None = None
) -> Json:
    return {"id": id_, "titel": titel, "kolommen": kolommen, "rijen": rijen, "grafiek": grafiek}


def balk(items: Sequence[tuple[str, float | None, str]]) -> Json:
    """A bar chart: per item its label, its value (None: shielded, no bar) and its text."""
    return {
        "soort": "balk",
        "items": [{"label": lab, "waarde": w, "tekst": t} for lab, w, t in items],
    }


def _aantal_item(a: stat.Aantal) -> tuple[str, float | None, str]:
    return (a.label, float(a.waarde) if a.getoond else None, a.tekst)


def _schatting(s: Schatting | None) -> Json | None:
    if s is None:
        return None
    return {"waarde": s.waarde, "laag": s.laag, "hoog": s.hoog, "n": s.n}


def schatting_tekst(s: Schatting | None, schaal: bool) -> str:
    if s is None:
        return "–"
    d = 2 if schaal else 0
    eenheid = "" if schaal else "%"
    return f"{getal(s.waarde, d)}{eenheid} ({getal(s.laag, d)}–{getal(s.hoog, d)})"


# --- chapter 1 and 2: norms -------------------------------------------------------------------


def _normteksten(beeld: Rijksbeeld) -> dict[str, str]:
    return {n.code: n.tekst for n in beeld.normen.normen}


def _normtabel(beeld: Rijksbeeld, codes: tuple[str, ...], id_: str) -> Json:
    """Per norm: how many ministries meet it, do not, or have no final rating of it."""
    teksten = _normteksten(beeld)
    rijen, items = [], []
    for code in (c for c in codes if c in teksten):
        voldoet = niet = 0
        for m in beeld.ministeries:
            normen = beeld.normen.van(m.pk)
            stand = normen.stand(code) if normen else None
            voldoet += bool(stand and stand.voldoet)
            niet += bool(stand and stand.niet_voldaan)
        geen = len(beeld.ministeries) - voldoet - niet
        rijen.append([f"{code}. {teksten[code]}", str(voldoet), str(niet), str(geen)])
        items.append((_("Norm %(code)s") % {"code": code}, float(voldoet), str(voldoet)))
    kolommen = [_("Norm"), _("Voldoet"), _("Voldoet niet"), _("Geen oordeel")]
    titel = _("Aantal ministeries per norm")
    return tabel(id_, titel, kolommen, rijen, balk(items))


def _ministerienormen(beeld: Rijksbeeld, codes: tuple[str, ...], id_: str) -> Json:
    teksten = _normteksten(beeld)
    codes = tuple(c for c in codes if c in teksten)
    rijen = []
    for m in beeld.ministeries:
        normen = beeld.normen.van(m.pk)
        rij = [m.naam]
        for code in codes:
            stand = normen.stand(code) if normen else None
            rij.append(stand.niveau.label if stand and stand.niveau else "–")
        rijen.append(rij)
    kolommen = [_("Ministerie"), *(_("Norm %(code)s") % {"code": c} for c in codes)]
    return tabel(id_, _("Oordeel per ministerie"), kolommen, rijen)


def _cyclustabel(beeld: Rijksbeeld) -> Json:
    rijen = []
    tellers = [0, 0, 0, 0]
    for m in beeld.ministeries:
        c = beeld.cyclus.get(m.pk)
        if c is None:
            continue
        vlaggen = [c.risicoanalyse_actueel, c.beleid_compleet, c.evaluatie_recent, c.compleet]
        tellers = [t + int(v) for t, v in zip(tellers, vlaggen, strict=True)]
        rijen.append(
            [
                m.naam,
                c.risicoanalyse_datum.isoformat() if c.risicoanalyse_datum else _("geen"),
                *(janee(v) for v in vlaggen[:2]),
                c.laatste_evaluatie.isoformat() if c.laatste_evaluatie else _("geen"),
                *(janee(v) for v in vlaggen[2:]),
            ]
        )
    labels = [
        _("Risicoanalyse ≤ 3 jaar"),
        _("Beleid met visie en doel"),
        _("Evaluatie ≤ 4 jaar"),
        _("Beleidscyclus compleet"),
    ]
    kolommen = [_("Ministerie"), _("Laatste risicoanalyse"), labels[0], labels[1]]
    kolommen += [_("Laatste evaluatie"), labels[2], labels[3]]
    grafiek = balk([(lab, float(t), str(t)) for lab, t in zip(labels, tellers, strict=True)])
    return tabel(
        "cyclus", _("Risicoanalyse en beleidscyclus per ministerie"), kolommen, rijen, grafiek
    )


def _structuur(beeld: Rijksbeeld) -> Json:
    n = len(beeld.ministeries)
    compleet = sum(1 for c in beeld.cyclus.values() if c.compleet)
    return {
        "alineas": [
            _(
                "Structuurmaatregelen zijn de risicoanalyse, het integriteitsbeleid, de "
                "integriteitscoördinator en de protocollen voor melden en onderzoeken (normen "
                "1-3, 8 en 9). Per norm staat hoeveel van de %(n)d ministeries eraan voldoen "
                "in hun nieuwste definitieve beoordeling tot en met %(jaar)d."
            )
            % {"n": n, "jaar": beeld.jaar},
            _("%(x)d van de %(n)d ministeries hebben een complete beleidscyclus.")
            % {"x": compleet, "n": n},
        ],
        "tabellen": [
            _normtabel(beeld, STRUCTUURNORMEN, "structuurnormen"),
            _ministerienormen(beeld, STRUCTUURNORMEN, "structuur-ministeries"),
            _cyclustabel(beeld),
        ],
    }


# --- chapter 2: survey --------------------------------------------------------------------------


def _ci_item(ind: Indicator, label: str) -> Json:
    return {
        "code": ind.definitie.code,
        "soort": ind.definitie.soort,
        "label": label,
        "ministerie": _schatting(ind.ministerie),
        "rijk": _schatting(ind.rijk),
    }


def _rijkstabel(beeld: Rijksbeeld, schaal: bool) -> Json:
    e = beeld.enquete
    rijen, items = [], []
    for d, s in zip(e.definities, e.rijk, strict=True):
        if (d.soort == "schaal") != schaal:
            continue
        rijen.append([d.titel, schatting_tekst(s, schaal), str(s.n) if s else "–"])
        items.append(_ci_item(Indicator(d, s, None), d.titel))
    titel = _("Schalen (gemiddelde, 1-5)") if schaal else _("Kernvragen (% (volledig) eens)")
    kolommen = [_("Indicator"), _("Rijksbreed (95%-interval)"), _("n")]
    grafiek = {"soort": "ci", "schaal": schaal, "items": items}
    return tabel("rijk-schalen" if schaal else "rijk-kernvragen", titel, kolommen, rijen, grafiek)


def _kernschaaltabel(beeld: Rijksbeeld) -> Json:
    rijen, items = [], []
    for m in beeld.ministeries:
        e = beeld.enquete.van(m.pk)
        ind = e.kernschaal
        if not e.getoond or ind is None:
            rijen.append([m.naam, e.status_tekst, "–", "–"])
            continue
        rijen.append(
            [
                m.naam,
                schatting_tekst(ind.ministerie, True),
                schatting_tekst(ind.rijk, True),
                _("▼ ja") if ind.significant_lager else _("nee"),
            ]
        )
        items.append(_ci_item(ind, m.code))
    kolommen = [
        _("Ministerie"),
        _("Cultuur (95%-interval)"),
        _("Rijksbreed"),
        _("Significant lager"),
    ]
    grafiek = {"soort": "ci", "schaal": True, "items": items}
    return tabel(
        "kernschaal", _("Ervaren integriteitscultuur per ministerie"), kolommen, rijen, grafiek
    )


def _lagertabel(beeld: Rijksbeeld) -> Json:
    rijen = []
    for m in beeld.ministeries:
        for ind in beeld.enquete.van(m.pk).significant_lager:
            rijen.append(
                [
                    m.naam,
                    ind.definitie.titel,
                    schatting_tekst(ind.ministerie, ind.is_schaal),
                    schatting_tekst(ind.rijk, ind.is_schaal),
                ]
            )
    kolommen = [_("Ministerie"), _("Indicator"), _("Ministerie (95%-interval)"), _("Rijksbreed")]
    return tabel("lager", _("Resultaten significant lager dan rijksbreed"), kolommen, rijen)


def _cultuur(beeld: Rijksbeeld) -> Json:
    e = beeld.enquete
    tabellen = [
        _normtabel(beeld, CULTUURNORMEN, "cultuurnormen"),
        _ministerienormen(beeld, CULTUURNORMEN, "cultuur-ministeries"),
    ]
    alineas = [
        _(
            "Cultuurmaatregelen zijn het voorbeeldgedrag van leidinggevenden, hun "
            "ondersteuning en de openheid om dilemma's en kwesties te bespreken (normen 4-7)."
        )
    ]
    if e.golf is None:
        alineas.append(
            _("Er is tot en met %(jaar)d geen rijksbreed medewerkersonderzoek.")
            % {"jaar": beeld.jaar}
        )
    else:
        alineas.append(
            _(
                "Uit %(titel)s (%(n)s respondenten rijksbreed). Per schaal het gemiddelde "
                "(1-5), per kernvraag het percentage (volledig) eens, met het "
                "95%%-betrouwbaarheidsinterval."
            )
            % {"titel": e.golf.titel, "n": e.rijk_n if e.rijk_n is not None else "–"}
        )
        if e.synthetisch:
            alineas.append(_("Let op: de antwoorden van dit onderzoek zijn synthetisch."))
        tabellen += [
            _rijkstabel(beeld, True),
            _rijkstabel(beeld, False),
            _kernschaaltabel(beeld),
            _lagertabel(beeld),
        ]
    return {"alineas": alineas, "tabellen": tabellen}
