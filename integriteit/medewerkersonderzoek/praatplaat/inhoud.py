"""The content of a talk sheet (praatplaat): pure functions from the engine results of a
unit and its comparisons to a :class:`Praatplaat`. No database, no request; the HTML page,
the PDF and the ZIP job all render the same object.

Rules (docs/enquete.md, "Praatplaat"):

- Columns: the unit, its parent and the government-wide total, in that order; a comparison
  without results (suppressed, or no government-wide wave) is left out and named in
  ``weggelaten``; the government-wide total is left out when it is the unit or the parent.
- Per scale: the mean score (1-5) from the engine, and the agree share: the mean of the
  ``agree_pct`` of the scale's items that are not reversed.
- Strengths and points of attention: every item with a response scale that has agree codes
  and at least ``min_group_size`` answers in the unit is scored by the unit's agree share
  minus the comparison's (government-wide where available, else the parent); for items
  where agreeing is unfavourable (``ongunstig`` in vragen.yaml) the sign is turned round.
  Without any comparison the score is the unit's own share (100 − share when unfavourable).
  Strengths are the three highest scores, points of attention the three lowest of the rest;
  ties go by the item's order in the questionnaire.
- Questions: per point of attention its first question (else its scale's), then second
  questions up to four, then the general questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from integriteit.medewerkersonderzoek.praatplaat.vragen import Gespreksvragen
from integriteit.medewerkersonderzoek.spec import Questionnaire

Json = dict[str, Any]

EENHEID, OUDER, RIJK = "eenheid", "ouder", "rijk"
#: Why a comparison is missing (the template words it).
ONDERDRUKT, ONTBREEKT = "onderdrukt", "ontbreekt"
AANTAL = 3
MAX_SPECIFIEK = 4


@dataclass(frozen=True)
class Bron:
    """One column: the unit or a comparison, with its engine results (None = not shown)."""

    sleutel: str  # EENHEID, OUDER or RIJK
    naam: str
    resultaat: Json | None
    reden: str = ""  # ONDERDRUKT or ONTBREEKT when resultaat is None


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    naam: str
    n: int


@dataclass(frozen=True)
class Weggelaten:
    sleutel: str
    naam: str
    reden: str


@dataclass(frozen=True)
class Waarde:
    gemiddelde: float | None  # scale score, 1-5
    instemming: float | None  # agree share, 0-100


@dataclass(frozen=True)
class SchaalRegel:
    code: str
    titel: str
    waarden: tuple[Waarde, ...]  # one per column, in the order of Praatplaat.kolommen


@dataclass(frozen=True)
class Uitschieter:
    """A strength or point of attention: an item with the unit's and comparison's share."""

    item: str
    tekst: str
    instemming_label: str  # the labels of the agree codes, e.g. "Eens / Helemaal eens"
    eenheid_pct: float
    vergelijking_pct: float | None
    score: float
    ongunstig: bool


@dataclass(frozen=True)
class Staaf:
    """One bar of the chart (SVG user units)."""

    kolom: str
    y: float
    breedte: float
    waarde: float | None
    tekst_x: float
    tekst_y: float


@dataclass(frozen=True)
class Groep:
    titel: str
    titel_y: float
    staven: tuple[Staaf, ...]


@dataclass(frozen=True)
class Grafiek:
    breedte: int
    hoogte: float
    label_breedte: int
    schaal_breedte: int
    staaf_hoogte: int
    groepen: tuple[Groep, ...]


@dataclass(frozen=True)
class Praatplaat:
    code: str
    naam: str
    n: int
    kolommen: tuple[Kolom, ...]
    weggelaten: tuple[Weggelaten, ...]
    schalen: tuple[SchaalRegel, ...]
    grafiek: Grafiek
    vergelijking: Kolom | None  # what strengths and points of attention are measured against
    sterk: tuple[Uitschieter, ...]
    aandacht: tuple[Uitschieter, ...]
    vragen: tuple[str, ...]


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _instemming(questionnaire: Questionnaire, resultaat: Json, code: str) -> float | None:
    scale = next(s for s in questionnaire.scales if s.code == code)
    values = [
        _num((resultaat["items"].get(item) or {}).get("agree_pct"))
        for item in scale.items
        if item not in scale.reversed
    ]
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _schalen(questionnaire: Questionnaire, resultaten: Sequence[Json]) -> tuple[SchaalRegel, ...]:
    rows = []
    for scale in questionnaire.scales:
        waarden = []
        for resultaat in resultaten:
            stats = resultaat["scales"].get(scale.code) or {}
            waarden.append(
                Waarde(
                    gemiddelde=_num(stats.get("mean")),
                    instemming=_instemming(questionnaire, resultaat, scale.code),
                )
            )
        rows.append(SchaalRegel(code=scale.code, titel=scale.title, waarden=tuple(waarden)))
    return tuple(rows)


def grafiek_maken(schalen: Sequence[SchaalRegel], kolommen: Sequence[Kolom]) -> Grafiek:
    """Bars of the agree share per scale: one group per scale, one bar per column."""
    label_breedte, schaal_breedte, staaf, gat, titel = 110, 300, 11, 2, 15
    groepen = []
    y = 0.0
    for regel in schalen:
        staven = []
        top = y
        y += titel
        for kolom, waarde in zip(kolommen, regel.waarden, strict=True):
            breedte = schaal_breedte * (waarde.instemming or 0.0) / 100.0
            staven.append(
                Staaf(
                    kolom=kolom.sleutel,
                    y=y,
                    breedte=round(breedte, 1),
                    waarde=waarde.instemming,
                    tekst_x=round(label_breedte + breedte + 4, 1),
                    tekst_y=y + staaf - 2,
                )
            )
            y += staaf + gat
        groepen.append(Groep(titel=regel.titel, titel_y=top + titel - 4, staven=tuple(staven)))
        y += gat * 3
    return Grafiek(
        breedte=label_breedte + schaal_breedte + 48,
        hoogte=y,
        label_breedte=label_breedte,
        schaal_breedte=schaal_breedte,
        staaf_hoogte=staaf,
        groepen=tuple(groepen),
    )


def _kandidaten(
    questionnaire: Questionnaire,
    eenheid: Json,
    vergelijking: Json | None,
    min_n: int,
    ongunstig: frozenset[str],
) -> list[tuple[int, Uitschieter]]:
    out = []
    for index, item in enumerate(questionnaire.items):
        scale = questionnaire.scale_of(item)
        own = eenheid["items"].get(item.code) or {}
        pct = _num(own.get("agree_pct"))
        if scale is None or not scale.agree or pct is None or (own.get("n") or 0) < min_n:
            continue
        ref = None
        if vergelijking is not None:
            ref = _num((vergelijking["items"].get(item.code) or {}).get("agree_pct"))
            if ref is None:
                continue
        slecht = item.code in ongunstig
        if ref is None:
            score = 100.0 - pct if slecht else pct
        else:
            score = ref - pct if slecht else pct - ref
        label = " / ".join(scale.labels[code] for code in scale.agree if code in scale.labels)
        out.append(
            (
                index,
                Uitschieter(
                    item=item.code,
                    tekst=item.text,
                    instemming_label=label,
                    eenheid_pct=pct,
                    vergelijking_pct=ref,
                    score=score,
                    ongunstig=slecht,
                ),
            )
        )
    return out


def sterk_en_aandacht(
    questionnaire: Questionnaire,
    eenheid: Json,
    vergelijking: Json | None,
    *,
    min_n: int,
    ongunstig: frozenset[str] = frozenset(),
) -> tuple[tuple[Uitschieter, ...], tuple[Uitschieter, ...]]:
    """The three strengths and three points of attention (module docstring)."""
    kandidaten = _kandidaten(questionnaire, eenheid, vergelijking, min_n, ongunstig)
    hoog = sorted(kandidaten, key=lambda c: (-c[1].score, c[0]))[:AANTAL]
    gekozen = {c[1].item for c in hoog}
    rest = [c for c in kandidaten if c[1].item not in gekozen]
    laag = sorted(rest, key=lambda c: (c[1].score, c[0]))[:AANTAL]
    return tuple(c[1] for c in hoog), tuple(c[1] for c in laag)


def vragen_kiezen(
    questionnaire: Questionnaire, aandacht: Sequence[Uitschieter], vragen: Gespreksvragen
) -> tuple[str, ...]:
    """Questions for the points of attention, then the general ones (module docstring)."""
    per_item: list[tuple[str, ...]] = []
    for punt in aandacht:
        eigen = vragen.items.get(punt.item, ())
        if not eigen:
            schaal = next((s for s in questionnaire.scales if punt.item in s.items), None)
            eigen = vragen.schalen.get(schaal.code, ()) if schaal else ()
        per_item.append(eigen)
    gekozen: list[str] = []
    for eigen in per_item:
        if eigen and eigen[0] not in gekozen:
            gekozen.append(eigen[0])
    for eigen in per_item:
        for vraag in eigen[1:]:
            if len(gekozen) < MAX_SPECIFIEK and vraag not in gekozen:
                gekozen.append(vraag)
    gekozen += [vraag for vraag in vragen.algemeen if vraag not in gekozen]
    return tuple(gekozen)


def praatplaat_maken(
    *,
    questionnaire: Questionnaire,
    code: str,
    eenheid: Bron,
    vergelijkingen: Sequence[Bron],
    min_group_size: int,
    vragen: Gespreksvragen,
) -> Praatplaat:
    """The talk sheet of a visible unit; ``vergelijkingen`` are the parent and the
    government-wide total (either with ``resultaat=None`` when not available)."""
    if eenheid.resultaat is None:
        raise ValueError("Een onderdrukte eenheid heeft geen praatplaat.")
    zichtbaar = [eenheid] + [b for b in vergelijkingen if b.resultaat is not None]
    kolommen = tuple(
        Kolom(sleutel=b.sleutel, naam=b.naam, n=int((b.resultaat or {}).get("n_responses", 0)))
        for b in zichtbaar
    )
    weggelaten = tuple(
        Weggelaten(sleutel=b.sleutel, naam=b.naam, reden=b.reden or ONDERDRUKT)
        for b in vergelijkingen
        if b.resultaat is None
    )
    schalen = _schalen(questionnaire, [b.resultaat for b in zichtbaar if b.resultaat is not None])
    referentie = next(
        (b for sleutel in (RIJK, OUDER) for b in zichtbaar[1:] if b.sleutel == sleutel), None
    )
    sterk, aandacht = sterk_en_aandacht(
        questionnaire,
        eenheid.resultaat,
        referentie.resultaat if referentie else None,
        min_n=min_group_size,
        ongunstig=vragen.ongunstig,
    )
    return Praatplaat(
        code=code,
        naam=eenheid.naam,
        n=kolommen[0].n,
        kolommen=kolommen,
        weggelaten=weggelaten,
        schalen=schalen,
        grafiek=grafiek_maken(schalen, kolommen),
        vergelijking=next(
            (k for k in kolommen if referentie and k.sleutel == referentie.sleutel), None
        ),
        sterk=sterk,
        aandacht=aandacht,
        vragen=vragen_kiezen(questionnaire, aandacht, vragen),
    )
