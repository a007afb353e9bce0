"""The annual report's charts, drawn from the snapshot alone (never from live data), so a
published report draws the same SVG every time. Each sits beside a table with the same
numbers; colours are SVG attributes (strict CSP). Interval charts reuse ``grafieken.ci_svg``
on indicators rebuilt from the stored estimates."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from integriteit.rapportages.enquete import SCHAAL, Indicator, Indicatordef
from integriteit.rapportages.grafieken import ci_svg
from integriteit.rapportages.statistiek import Schatting

Json = dict[str, Any]

BREEDTE = 640
LABEL = 300
BALK_MAX = 280
RIJ = 26
KLEUR = "#0072b2"  # Okabe-Ito blue on white, dark text


def balk_svg(items: list[Json], *, aria_label: str) -> SafeString:
    """Horizontal bars; an item without a value (shielded) gets its text and no bar."""
    grootste = max((float(i["waarde"]) for i in items if i["waarde"] is not None), default=0.0)
    delen: list[str] = []
    for n, item in enumerate(items):
        y = n * RIJ
        midden = y + RIJ / 2
        waarde = item["waarde"]
        breedte = BALK_MAX * float(waarde) / grootste if waarde is not None and grootste else 0.0
        delen.append(
            f'<text x="{LABEL - 8}" y="{midden:.1f}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="13" fill="#1a1a1a">'
            f"{escape(item['label'])}</text>"
        )
        if breedte:
            delen.append(
                f'<rect x="{LABEL}" y="{y + 4}" width="{breedte:.1f}" height="{RIJ - 8}" '
                f'fill="{KLEUR}"><title>{escape(item["label"])}: {escape(item["tekst"])}'
                "</title></rect>"
            )
        delen.append(
            f'<text x="{LABEL + breedte + 6:.1f}" y="{midden:.1f}" dominant-baseline="middle" '
            f'font-size="13" fill="#1a1a1a">{escape(item["tekst"])}</text>'
        )
    hoogte = max(len(items), 1) * RIJ
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="igt-grafiek igt-mstat__grafiek" '
        f'role="img" aria-label="{escape(aria_label)}" viewBox="0 0 {BREEDTE} {hoogte}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">'
        + "".join(delen)
        + "</svg>"
    )
    return mark_safe(markup)  # noqa: S308 - every text went through escape()


def _schatting(s: Json | None) -> Schatting | None:
    if s is None:
        return None
    return Schatting(float(s["waarde"]), float(s["laag"]), float(s["hoog"]), int(s["n"]))


def interval_svg(grafiek: Json, *, aria_label: str) -> SafeString:
    schaal = bool(grafiek["schaal"])
    indicatoren = [
        Indicator(
            Indicatordef(str(i["code"]), str(i["label"]), str(i.get("soort", SCHAAL))),
            _schatting(i["ministerie"]),
            _schatting(i["rijk"]),
        )
        for i in grafiek["items"]
    ]
    return ci_svg(
        indicatoren,
        laag=1.0 if schaal else 0.0,
        hoog=5.0 if schaal else 100.0,
        decimalen=2 if schaal else 0,
        aria_label=aria_label,
    )


def svg(grafiek: Json | None, *, aria_label: str) -> SafeString | None:
    if not grafiek or not grafiek.get("items"):
        return None
    if grafiek["soort"] == "ci":
        return interval_svg(grafiek, aria_label=aria_label)
    return balk_svg(list(grafiek["items"]), aria_label=aria_label)
