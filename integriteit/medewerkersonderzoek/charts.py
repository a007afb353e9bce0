"""SVG charts of the survey results pages: plain Python, no models, no JavaScript.

Every builder returns markup that is marked safe only after every label in it has been
escaped, with ``role="img"`` and an ``aria-label``; the pages print the same numbers in a
table beside each chart, so the chart is never the only carrier of a figure. Colours are
chosen for colour-blind readers (ColorBrewer RdBu for rating scales, Okabe-Ito for choices);
"weet niet" is always grey. Presentation attributes (``fill=``, ``width=``) only: the
Content-Security-Policy forbids ``style=`` attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: Drawing area of a stacked bar (the viewBox scales it to the page width).
BREEDTE = 600
BALK_BREEDTE = 500
BALK_HOOGTE = 28
#: A segment narrower than this shows no number inside (the table has it).
MIN_LABEL_BREEDTE = 34

DONKER = "#1a1a1a"
LICHT = "#ffffff"
WEET_NIET = "#6b6b6b"  # grey, with white text (contrast 5.3:1)

#: Diverging palettes (ColorBrewer RdBu) by number of substantive answer codes, negative
#: to positive: the light middle takes dark text, the saturated ends white text.
_DIVERGEREND: Mapping[int, tuple[str, ...]] = {
    1: ("#67a9cf",),
    2: ("#ef8a62", "#67a9cf"),
    3: ("#ef8a62", "#f7f7f7", "#67a9cf"),
    4: ("#b2182b", "#ef8a62", "#67a9cf", "#2166ac"),
    5: ("#b2182b", "#ef8a62", "#f7f7f7", "#67a9cf", "#2166ac"),
    6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
    7: ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"),
}
#: Okabe-Ito, for answer options without an order.
_KWALITATIEF = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")
_WIT_OP = frozenset({"#b2182b", "#2166ac", "#0072b2", WEET_NIET})


def tekstkleur(fill: str) -> str:
    """Dark or white text on ``fill`` (white only on the dark fills)."""
    return LICHT if fill in _WIT_OP else DONKER


def getal(value: float | None, decimals: int = 1) -> str:
    """A number the Dutch way (decimal comma); "–" when missing."""
    if value is None:
        return "–"
    return f"{value:.{decimals}f}".replace(".", ",").replace("-", "−")


def procent(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else f"{getal(value, decimals)} %"


@dataclass(frozen=True)
class Segment:
    """One answer code's share of a stacked bar."""

    code: int
    label: str
    pct: float  # 0-100 of the valid answers
    kleur: str
    weet_niet: bool = False

    @property
    def tekst_kleur(self) -> str:
        return tekstkleur(self.kleur)


def kleuren(
    codes: Sequence[int], *, geordend: Sequence[int], weet_niet: Iterable[int]
) -> dict[int, str]:
    """A fill per code: ``geordend`` codes (low to high) on the diverging palette, the
    "weet niet" codes grey, any other code a qualitative colour."""
    missing = set(weet_niet)
    ordered = [c for c in geordend if c not in missing]
    palette = _DIVERGEREND.get(len(ordered))
    out: dict[int, str] = {}
    if palette is not None:
        out.update(zip(ordered, palette, strict=True))
    extra = iter(_KWALITATIEF)
    for code in codes:
        if code in missing:
            out[code] = WEET_NIET
        elif code not in out:
            out[code] = next(extra, WEET_NIET)
    return out


def segmenten(
    percent: Mapping[str, float | None],
    labels: Mapping[int, str],
    kleur: Mapping[int, str],
    weet_niet: Iterable[int] = (),
) -> tuple[Segment, ...]:
    """The segments of one item in code order (the engine's ``percent`` has string keys)."""
    missing = set(weet_niet)
    out = []
    for key, value in percent.items():
        code = int(key)
        out.append(
            Segment(
                code=code,
                label=labels.get(code, str(code)),
                pct=float(value or 0.0),
                kleur=kleur.get(code, WEET_NIET),
                weet_niet=code in missing,
            )
        )
    return tuple(out)


def _rect(x: float, width: float, y: float, height: float, fill: str, title: str) -> str:
    return (
        f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(width, 0.0):.2f}" height="{height:.2f}" '
        f'fill="{fill}" stroke="#ffffff" stroke-width="1"><title>{escape(title)}</title></rect>'
    )


def _text(x: float, y: float, content: str, fill: str, anchor: str = "middle") -> str:
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" fill="{fill}" text-anchor="{anchor}" '
        f'dominant-baseline="middle" font-size="13">{escape(content)}</text>'
    )


def _svg(body: Sequence[str], height: float, aria_label: str) -> SafeString:
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="igt-grafiek" role="img" '
        f'aria-label="{escape(aria_label)}" viewBox="0 0 {BREEDTE} {height:.0f}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">'
        + "".join(body)
        + "</svg>"
    )
    return mark_safe(markup)  # noqa: S308 - every label above went through escape()


def stapel_svg(
    segs: Sequence[Segment], *, aria_label: str, rechts: str | None = None
) -> SafeString:
    """One horizontal stacked bar (shares per answer code, summing to 100 %), with
    ``rechts`` (e.g. the agree share) printed after the bar."""
    total = sum(s.pct for s in segs) or 1.0
    body: list[str] = []
    cumulative = 0.0
    for seg in segs:
        x0 = BALK_BREEDTE * cumulative / total
        cumulative += seg.pct
        x1 = BALK_BREEDTE * cumulative / total
        tip = f"{seg.label}: {procent(seg.pct)}"
        body.append(_rect(x0, x1 - x0, 2, BALK_HOOGTE, seg.kleur, tip))
        if x1 - x0 >= MIN_LABEL_BREEDTE:
            label = getal(seg.pct, 0)
            body.append(_text((x0 + x1) / 2, 2 + BALK_HOOGTE / 2, label, seg.tekst_kleur))
    if rechts:
        body.append(_text(BALK_BREEDTE + 8, 2 + BALK_HOOGTE / 2, rechts, DONKER, "start"))
    return _svg(body, BALK_HOOGTE + 4, aria_label)


@dataclass(frozen=True)
class Balk:
    """One bar of a simple bar chart: a share 0-100 (``None``: not available)."""

    label: str
    pct: float | None
    kleur: str = "#0072b2"


def balken_svg(balken: Sequence[Balk], *, aria_label: str) -> SafeString:
    """Horizontal bars on a 0-100 % axis, each with its label above and value beside it
    (multiple-choice items: the share that chose each option)."""
    row = BALK_HOOGTE + 22
    body: list[str] = []
    for i, balk in enumerate(balken):
        top = i * row
        body.append(_text(0, top + 9, balk.label, DONKER, "start"))
        width = BALK_BREEDTE * max(0.0, min(balk.pct or 0.0, 100.0)) / 100.0
        body.append(_rect(0, BALK_BREEDTE, top + 18, BALK_HOOGTE - 8, "#eeeeee", balk.label))
        body.append(
            _rect(
                0,
                width,
                top + 18,
                BALK_HOOGTE - 8,
                balk.kleur,
                f"{balk.label}: {procent(balk.pct)}",
            )
        )
        body.append(
            _text(
                BALK_BREEDTE + 8,
                top + 18 + (BALK_HOOGTE - 8) / 2,
                procent(balk.pct),
                DONKER,
                "start",
            )
        )
    return _svg(body, max(row * len(balken), row), aria_label)


#: Heatmap bins: difference in scale points (1-5) to the comparison, with the CSS class of
#: the cell and the legend text. Blue is better, orange worse; the sign is also printed.
HEAT_GRENZEN: tuple[tuple[float, str], ...] = (
    (-0.30, "igt-resheat--m2"),
    (-0.10, "igt-resheat--m1"),
    (0.10, "igt-resheat--0"),
    (0.30, "igt-resheat--p1"),
)
HEAT_HOOGSTE = "igt-resheat--p2"


def heat_klasse(verschil: float | None) -> str:
    """The CSS class of a heatmap cell by its difference to the comparison."""
    if verschil is None:
        return "igt-resheat--geen"
    for grens, klasse in HEAT_GRENZEN:
        if verschil < grens:
            return klasse
    return HEAT_HOOGSTE


def verschil_tekst(verschil: float | None, decimals: int = 2) -> str:
    """A signed difference the Dutch way: "+0,12" / "−0,30" / "0,00"."""
    if verschil is None:
        return "–"
    rounded = round(verschil, decimals)
    if rounded > 0:
        return "+" + getal(rounded, decimals)
    return getal(rounded if rounded != 0 else 0.0, decimals)
