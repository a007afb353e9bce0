"""SVG bar charts of shielded counts; every page repeats the same numbers in a table beside the
chart. A hidden count ("<5", "afgeschermd") gets no bar, only its text, so the picture never
shows more than the table. Each bar carries its year or label in text: colour is never the
only way to tell two bars apart."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from integriteit.vertrouwenspersonen.telling import Cel, Trendregel

BREEDTE = 680
LABEL_BREEDTE = 300
BALK_MAX = 260
RIJ = 22
KLEUR = "#0072b2"  # Okabe-Ito blue
KLEUR_VORIG = "#999999"  # grey for the year before
TEKST = "#1a1a1a"


def _svg(delen: list[str], hoogte: float, aria_label: str) -> SafeString:
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="igt-grafiek" role="img" '
        f'aria-label="{escape(aria_label)}" viewBox="0 0 {BREEDTE} {hoogte:.0f}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" focusable="false">' + "".join(delen) + "</svg>"
    )
    return mark_safe(markup)  # noqa: S308 - every text went through escape()


def _balk(y: float, cel: Cel, grootste: int, kleur: str, voorvoegsel: str) -> list[str]:
    breedte = BALK_MAX * cel.waarde / grootste if cel.getoond and cel.waarde else 0.0
    delen = []
    if breedte:
        delen.append(
            f'<rect x="{LABEL_BREEDTE}" y="{y + 3:.1f}" width="{breedte:.1f}" '
            f'height="{RIJ - 6}" fill="{kleur}"/>'
        )
    delen.append(
        f'<text x="{LABEL_BREEDTE + breedte + 6:.1f}" y="{y + RIJ / 2:.1f}" '
        f'dominant-baseline="middle" font-size="12" fill="{TEKST}">'
        f"{escape(voorvoegsel)}{escape(cel.tekst)}</text>"
    )
    return delen


#: Characters of a label that fit left of the bars at font size 12; the table beside the
#: chart has the full label.
LABEL_TEKENS = 44


def kort(tekst: str) -> str:
    """``tekst``, cut at a word with "…" when it would not fit left of the bars."""
    if len(tekst) <= LABEL_TEKENS:
        return tekst
    return tekst[: LABEL_TEKENS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _label(y: float, tekst: str) -> str:
    return (
        f'<text x="{LABEL_BREEDTE - 8}" y="{y:.1f}" text-anchor="end" '
        f'dominant-baseline="middle" font-size="12" fill="{TEKST}"><title>{escape(tekst)}</title>'
        f"{escape(kort(tekst))}</text>"
    )


def trend_svg(regels: Sequence[Trendregel], *, jaar: int, aria_label: str) -> SafeString:
    """Two bars per category: ``jaar`` (blue) and the year before (grey), each with its year."""
    cellen = [c for r in regels for c in (r.dit_jaar, r.vorig_jaar)]
    grootste = max((c.waarde for c in cellen if c.getoond), default=0) or 1
    delen: list[str] = []
    for i, regel in enumerate(regels):
        y = i * 2 * RIJ
        delen.append(_label(y + RIJ, regel.label))
        delen += _balk(y, regel.dit_jaar, grootste, KLEUR, f"{jaar}: ")
        delen += _balk(y + RIJ, regel.vorig_jaar, grootste, KLEUR_VORIG, f"{jaar - 1}: ")
    return _svg(delen, max(len(regels), 1) * 2 * RIJ, aria_label)


def balken_svg(cellen: Sequence[Cel], *, aria_label: str) -> SafeString:
    """One bar per cell."""
    grootste = max((c.waarde for c in cellen if c.getoond), default=0) or 1
    delen: list[str] = []
    for i, cel in enumerate(cellen):
        y = i * RIJ
        delen.append(_label(y + RIJ / 2, cel.label))
        delen += _balk(y, cel, grootste, KLEUR, "")
    return _svg(delen, max(len(cellen), 1) * RIJ, aria_label)
