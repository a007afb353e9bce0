"""The report's survey figures 6-10 (Algemene Rekenkamer, "Integriteit als basis", 2024,
sections 4.3-4.5) for waves of the ``ark-2023`` questionnaire: which items each figure shows
and the percentages the report publishes in its text, so a results page can put the wave's
value beside the report's.

The report prints the figures as images; its text gives the numbers used here (76 %; "2 op
de 3"; about half neutral or "weet niet"; 33 % and 40 %; 15 %, "iets meer dan de helft" and
18 %; 11 %, 3 % and 8 %). Figure 9 and the reasons of figure 10 have no published number:
those bars show the wave's value only. Verbal figures are read as a range (``bereik``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

VRAGENLIJST = "ark-2023"

Noemer = Literal["gevraagd", "alle"]


@dataclass(frozen=True)
class Referentie:
    """One bar of a figure: the share of ``item`` answering one of ``codes``.

    ``noemer`` "gevraagd": of those who answered the item (the engine's ``percent``);
    "alle": of all respondents of the wave (the report's 3 % reported / 8 % did not).
    ``rapport`` is the published percentage (``None`` when the report gives none) and
    ``rapport_tekst`` how the report says it; ``bereik`` reads a verbal figure as a range.
    """

    label: str
    item: str
    codes: tuple[int, ...]
    rapport: float | None
    rapport_tekst: str
    noemer: Noemer = "gevraagd"
    bereik: tuple[float, float] | None = None


@dataclass(frozen=True)
class RapportFiguur:
    nummer: int
    titel: str
    paragraaf: str
    referenties: tuple[Referentie, ...]


_HALF = (40.0, 60.0)
_NEUTRAAL = (3, 9)

FIGUREN: tuple[RapportFiguur, ...] = (
    RapportFiguur(
        6,
        "Beleving voorbeeldgedrag",
        "4.3.2",
        (
            Referentie(
                "Leidinggevende geeft het goede voorbeeld: (volledig) eens",
                "vb_goed_voorbeeld",
                (4, 5),
                76.0,
                "76 %",
            ),
            Referentie(
                "Voldoende gelegenheid om een kwestie of dilemma te bespreken: eens",
                "cul_dilemma",
                (4, 5),
                200 / 3,
                "2 op de 3",
            ),
            Referentie(
                "Bespreekt kwesties in alle openheid: neutraal of weet niet",
                "vb_open_bespreken",
                _NEUTRAAL,
                None,
                "ongeveer de helft",
                bereik=_HALF,
            ),
            Referentie(
                "Spreekt aan op niet-integer gedrag: neutraal of weet niet",
                "vb_aanspreken",
                _NEUTRAAL,
                None,
                "ongeveer de helft",
                bereik=_HALF,
            ),
            Referentie(
                "Steunt en beschermt wie iets aan de orde stelt: neutraal of weet niet",
                "vb_steunen",
                _NEUTRAAL,
                None,
                "ongeveer de helft",
                bereik=_HALF,
            ),
        ),
    ),
    RapportFiguur(
        7,
        "Beleving bespreekbaar maken",
        "4.3.2",
        (
            Referentie(
                "Integriteit in (bijna) geen van de werkoverleggen",
                "cul_werkoverleg",
                (1,),
                33.0,
                "33 %",
            ),
            Referentie(
                "Integriteit in (bijna) geen van de voortgangsgesprekken",
                "cul_voortgangsgesprek",
                (1,),
                40.0,
                "40 %",
            ),
        ),
    ),
    RapportFiguur(
        8,
        "Beleving leidinggevenden bij ondersteuning",
        "4.3.2",
        (
            Referentie("Structureel voldoende ondersteund", "lg_ondersteuning", (1,), 15.0, "15 %"),
            Referentie(
                "Voldoende als ik er zelf om vraag",
                "lg_ondersteuning",
                (2,),
                None,
                "iets meer dan de helft",
                bereik=(50.0, 60.0),
            ),
            Referentie("Onvoldoende ondersteund", "lg_ondersteuning", (3,), 18.0, "18 %"),
        ),
    ),
    RapportFiguur(
        9,
        "Beleving inzet departementen",
        "4.4.2",
        (
            Referentie(
                "Departement vindt integriteit een belangrijk thema: eens",
                "dep_belangrijk",
                (4, 5),
                None,
                "het overgrote deel",
                bereik=(70.0, 100.0),
            ),
            Referentie(
                "Departement doet voldoende om schendingen te voorkomen: eens",
                "dep_voorkomen",
                (4, 5),
                None,
                "lager dan bij ‘belangrijk thema’",
            ),
        ),
    ),
    RapportFiguur(
        10,
        "Beleving meldcultuur",
        "4.5.2",
        (
            Referentie(
                "Vermoeden van een integriteitsschending gehad", "mel_vermoeden", (1,), 11.0, "11 %"
            ),
            Referentie(
                "Vermoeden formeel gemeld (van alle respondenten)",
                "mel_gemeld",
                (1,),
                3.0,
                "3 %",
                noemer="alle",
            ),
            Referentie(
                "Vermoeden niet gemeld (van alle respondenten)",
                "mel_gemeld",
                (2,),
                8.0,
                "8 %",
                noemer="alle",
            ),
            Referentie("Reden: voelde niet veilig", "mel_reden", (1,), None, "geen cijfer"),
            Referentie(
                "Reden: zorgen over gevolgen voor de baan", "mel_reden", (2,), None, "geen cijfer"
            ),
            Referentie(
                "Reden: er gebeurt niets met een melding", "mel_reden", (3,), None, "geen cijfer"
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Vergelijking:
    referentie: Referentie
    waarde: float | None  # the wave's percentage (None: the item has no answers)
    n: int  # the denominator of ``waarde``
    binnen_marge: bool | None  # None when the report gives nothing to check against


def toepasbaar(vragenlijst_code: str) -> bool:
    return vragenlijst_code == VRAGENLIJST


def waarde(ref: Referentie, resultaat: dict[str, Any]) -> tuple[float | None, int]:
    """The share (0-100) of ``ref`` in one node's engine result, and its denominator."""
    item = resultaat["items"].get(ref.item)
    if item is None:
        return None, 0
    chosen = sum(int(item["counts"].get(str(code), 0)) for code in ref.codes)
    n = int(resultaat["n_responses"]) if ref.noemer == "alle" else int(item["n"])
    return (100.0 * chosen / n if n else None), n


def marge(pct: float, n: int) -> float:
    """Sampling margin in percentage points: three standard errors of a share, at least
    one point (the report rounds to whole percentages)."""
    p = min(max(pct / 100.0, 0.0), 1.0)
    return max(300.0 * math.sqrt(p * (1.0 - p) / n), 1.0) if n else math.inf


def _binnen(ref: Referentie, value: float | None, n: int) -> bool | None:
    if value is None:
        return None
    if ref.bereik is not None:
        low, high = ref.bereik
        return low <= value <= high
    if ref.rapport is None:
        return None
    return abs(value - ref.rapport) <= marge(ref.rapport, n)


def vergelijk(resultaat: dict[str, Any]) -> list[tuple[RapportFiguur, list[Vergelijking]]]:
    """Every figure with, per bar, the report's figure and the wave's value."""
    out = []
    for figuur in FIGUREN:
        rows = []
        for ref in figuur.referenties:
            value, n = waarde(ref, resultaat)
            rows.append(Vergelijking(ref, value, n, _binnen(ref, value, n)))
        out.append((figuur, rows))
    return out
