"""SVG charts of the government-wide pages. Every chart is decoration beside a table with the
same numbers (house rule); colours are SVG attributes (strict CSP), and meaning never rests on
colour alone: a significantly lower result also gets a marker and its own column in the table.
Bar charts of counts reuse ``meldingen.statistiek.balken_svg`` (shielded cells get no bar).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from integriteit.meldingen import statistiek as stat
from integriteit.rapportages.enquete import Indicator

BREEDTE = 640
LABEL = 260
AS = 320
RIJ = 28
KLEUR_MINISTERIE = "#0072b2"  # Okabe-Ito blue
KLEUR_RIJK = "#1a1a1a"
KLEUR_LAGER = "#d55e00"  # Okabe-Ito vermillion, always with the "▼" marker


def _x(waarde: float, laag: float, hoog: float) -> float:
    return LABEL + AS * (min(max(waarde, laag), hoog) - laag) / (hoog - laag)


def _getal(waarde: float, decimalen: int) -> str:
    return f"{waarde:.{decimalen}f}".replace(".", ",")


def _rij(i: int, ind: Indicator, laag: float, hoog: float, dec: int) -> list[str]:
    y = i * RIJ + RIJ / 2
    label = Truncator(ind.definitie.titel).chars(40)  # the table beside has the full text
    delen = [
        f'<text x="{LABEL - 8}" y="{y:.1f}" text-anchor="end" dominant-baseline="middle" '
        f'font-size="12" fill="#1a1a1a">{escape(label)}</text>'
    ]
    if ind.rijk is not None:
        x = _x(ind.rijk.waarde, laag, hoog)
        delen.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 10:.1f}" y2="{y + 10:.1f}" '
            f'stroke="{KLEUR_RIJK}" stroke-width="2" stroke-dasharray="3 2"/>'
        )
    m = ind.ministerie
    if m is not None:
        kleur = KLEUR_LAGER if ind.significant_lager else KLEUR_MINISTERIE
        x1, x2, xm = _x(m.laag, laag, hoog), _x(m.hoog, laag, hoog), _x(m.waarde, laag, hoog)
        tekst = f"{_getal(m.waarde, dec)} ({_getal(m.laag, dec)}–{_getal(m.hoog, dec)})"
        teken = " ▼" if ind.significant_lager else ""
        delen.append(
            f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{kleur}" '
            f'stroke-width="2"/><circle cx="{xm:.1f}" cy="{y:.1f}" r="4.5" fill="{kleur}">'
            f"<title>{escape(label)}: {escape(tekst)}</title></circle>"
            f'<text x="{LABEL + AS + 6}" y="{y:.1f}" dominant-baseline="middle" font-size="12" '
            f'fill="#1a1a1a">{escape(_getal(m.waarde, dec) + teken)}</text>'
        )
    return delen


def ci_svg(
    indicatoren: Sequence[Indicator],
    *,
    laag: float,
    hoog: float,
    decimalen: int,
    aria_label: str,
) -> SafeString:
    """Dot and whisker per indicator (the ministry with its 95 % interval) and a dashed tick
    at the government-wide estimate, on a common axis from ``laag`` to ``hoog``."""
    delen: list[str] = []
    for i, ind in enumerate(indicatoren):
        delen.extend(_rij(i, ind, laag, hoog, decimalen))
    hoogte = max(len(indicatoren), 1) * RIJ
    for waarde in (laag, (laag + hoog) / 2, hoog):
        x = _x(waarde, laag, hoog)
        delen.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{hoogte}" stroke="#8c8c8c" '
            f'stroke-width="0.5"/><text x="{x:.1f}" y="{hoogte + 14}" text-anchor="middle" '
            f'font-size="11" fill="#1a1a1a">{escape(_getal(waarde, 0))}</text>'
        )
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="igt-grafiek igt-mstat__grafiek" '
        f'role="img" aria-label="{escape(aria_label)}" viewBox="0 0 {BREEDTE} {hoogte + 20}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">'
        + "".join(delen)
        + "</svg>"
    )
    return mark_safe(markup)  # noqa: S308 - every text went through escape()


def balken(verdeling: stat.Verdeling, *, aria_label: str) -> SafeString:
    return stat.balken_svg(verdeling, aria_label=aria_label)
