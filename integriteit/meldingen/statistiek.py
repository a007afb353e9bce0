"""Statistics of reports, from the registry's metadata only (never content): counts per type,
channel, triage and outcome, reports per 100 fte, the share acknowledged and fed back in time,
and the median days to acknowledge, to feed back and to close.

Two audiences. The coordinator and the competent authority (``bevoegd gezag``) read their own
organisation with exact counts. The government coordinator and the auditor read ministries and
the government as a whole with small cells shielded: every count under
:data:`KLEINE_AANTALLEN` is shown as "<5", a share or median computed on fewer reports is not
shown, and when exactly one cell of a distribution is shielded the smallest other cell is
shielded too ("afgeschermd"), so the hidden one cannot be derived from the total. This
secondary shielding works within one table; across pages it does not (the government total
minus the other ministries' own pages still gives a single small ministry's exact count) —
a known limit, docs/meldingen.md.

The legal-clock figures (in time, medians) leave out imported reports: their dates come from
an old spreadsheet, often incomplete (see ``importeren.py``), and their deadlines were not kept
by this system. The counts include them.

:func:`bereken` is pure; the few reads (:func:`rijen`, :func:`fte_van`, :func:`keuzes`) sit at
the bottom. :func:`balken_svg` draws a distribution as an SVG bar chart whose numbers the page
repeats in a table.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from integriteit.accounts.selectors import lidmaatschappen_actief
from integriteit.common.permissions import Capability, role_has
from integriteit.meldingen.constants import Afloop, Kanaal, Meldingsoort, Triage
from integriteit.meldingen.models import Melding
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie

KLEINE_AANTALLEN = 5
ONBEKEND = ""  # triage or outcome not (yet) recorded

#: Shown / under the threshold / shielded so that a small cell cannot be derived.
GETOOND, KLEIN, AFGESCHERMD = "getoond", "klein", "afgeschermd"


@dataclass(frozen=True)
class Rij:
    """The metadata of one report that the statistics use."""

    soort: str
    kanaal: str
    triage: str
    afloop: str
    ontvangen_op: date
    bevestiging_uiterlijk: date
    bevestigd_op: date | None
    terugkoppeling_uiterlijk: date
    teruggekoppeld_op: date | None
    afgesloten_op: date | None
    organisatie_pad: str = ""


VELDEN = (
    "soort",
    "kanaal",
    "triage",
    "afloop",
    "ontvangen_op",
    "bevestiging_uiterlijk",
    "bevestigd_op",
    "terugkoppeling_uiterlijk",
    "teruggekoppeld_op",
    "afgesloten_op",
    "organisatie__pad",
)


@dataclass(frozen=True)
class Aantal:
    code: str
    label: str
    waarde: int
    stand: str = GETOOND

    @property
    def getoond(self) -> bool:
        return self.stand == GETOOND

    @property
    def tekst(self) -> str:
        if self.stand == KLEIN:
            return f"<{KLEINE_AANTALLEN}"
        if self.stand == AFGESCHERMD:
            return _("afgeschermd")
        return str(self.waarde)


@dataclass(frozen=True)
class Verdeling:
    titel: str
    aantallen: tuple[Aantal, ...]


@dataclass(frozen=True)
class Kengetal:
    """A share (percent) or a median (days) and the number of reports it rests on."""

    waarde: float | None
    n: int
    verborgen: bool = False

    @property
    def tekst(self) -> str:
        if self.verborgen:
            return _("niet getoond (minder dan %(n)d meldingen)") % {"n": KLEINE_AANTALLEN}
        if self.waarde is None:
            return "–"
        tekst = f"{self.waarde:.1f}"
        return (tekst[:-2] if tekst.endswith(".0") else tekst).replace(".", ",")

    @property
    def n_tekst(self) -> str:
        if self.verborgen:
            return f"<{KLEINE_AANTALLEN}"
        return str(self.n)


@dataclass(frozen=True)
class Statistiek:
    totaal: Aantal
    per_soort: Verdeling
    per_kanaal: Verdeling
    per_triage: Verdeling
    per_afloop: Verdeling
    fte: Decimal | None
    per_100_fte: Kengetal
    bevestigd_op_tijd: Kengetal  # percent
    teruggekoppeld_op_tijd: Kengetal  # percent
    mediaan_bevestigen: Kengetal  # days
    mediaan_terugkoppelen: Kengetal
    mediaan_afsluiten: Kengetal
    afgeschermd: bool

    @property
    def verdelingen(self) -> tuple[Verdeling, ...]:
        return (self.per_soort, self.per_kanaal, self.per_triage, self.per_afloop)


# --- pure computation -----------------------------------------------------------------------


def afschermen(waarden: Sequence[int]) -> list[str]:
    """The state of each count of one distribution (see the module docstring)."""
    standen = [KLEIN if w < KLEINE_AANTALLEN else GETOOND for w in waarden]
    if standen.count(KLEIN) == 1 and sum(w for w in waarden if w < KLEINE_AANTALLEN) > 0:
        zichtbaar = [i for i, s in enumerate(standen) if s == GETOOND]
        if zichtbaar:
            standen[min(zichtbaar, key=lambda i: waarden[i])] = AFGESCHERMD
    return standen


def _verdeling(
    titel: str, keuzes: Sequence[tuple[str, str]], tellingen: Mapping[str, int], schermen: bool
) -> Verdeling:
    waarden = [tellingen.get(code, 0) for code, _label in keuzes]
    standen = afschermen(waarden) if schermen else [GETOOND] * len(waarden)
    return Verdeling(
        titel=titel,
        aantallen=tuple(
            Aantal(code=code, label=label, waarde=w, stand=s)
            for (code, label), w, s in zip(keuzes, waarden, standen, strict=True)
        ),
    )


def _tel(waarden: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for waarde in waarden:
        out[waarde] = out.get(waarde, 0) + 1
    return out


def _kengetal(waarde: float | None, n: int, schermen: bool) -> Kengetal:
    if schermen and n < KLEINE_AANTALLEN:
        return Kengetal(waarde=None, n=n, verborgen=True)
    return Kengetal(waarde=waarde if n else None, n=n)


def _op_tijd(paren: Sequence[tuple[date, date | None]], vandaag: date, schermen: bool) -> Kengetal:
    """Share done on or before the deadline, of the reports done or past their deadline."""
    basis = [(uiterlijk, gedaan) for uiterlijk, gedaan in paren if gedaan or uiterlijk < vandaag]
    op_tijd = sum(1 for uiterlijk, gedaan in basis if gedaan is not None and gedaan <= uiterlijk)
    pct = 100.0 * op_tijd / len(basis) if basis else None
    return _kengetal(pct, len(basis), schermen)


def _mediaan(dagen: Sequence[int], schermen: bool) -> Kengetal:
    waarde = float(statistics.median(dagen)) if dagen else None
    return _kengetal(waarde, len(dagen), schermen)


def _keuzes(choices: Iterable[tuple[str, Any]], leeg: str | None = None) -> list[tuple[str, str]]:
    out = [(str(code), str(label)) for code, label in choices]
    if leeg is not None:
        out.append((ONBEKEND, leeg))
    return out


def per_100_fte(totaal: int, fte: Decimal | None) -> float | None:
    if not fte:
        return None
    return float(Decimal(totaal) * 100 / fte)


def bereken(
    rijen: Sequence[Rij], *, fte: Decimal | None, afschermen_klein: bool, vandaag: date
) -> Statistiek:
    """All figures of one set of reports; ``afschermen_klein`` for the shielded audience."""
    s = afschermen_klein
    n = len(rijen)
    totaal = Aantal("totaal", _("Totaal"), n, KLEIN if s and n < KLEINE_AANTALLEN else GETOOND)
    klok = [r for r in rijen if r.kanaal != Kanaal.IMPORT]
    rate = per_100_fte(n, fte)
    return Statistiek(
        totaal=totaal,
        per_soort=_verdeling(
            _("Per soort"), _keuzes(Meldingsoort.choices), _tel(r.soort for r in rijen), s
        ),
        per_kanaal=_verdeling(
            _("Per kanaal"), _keuzes(Kanaal.choices), _tel(r.kanaal for r in rijen), s
        ),
        per_triage=_verdeling(
            _("Per uitkomst van de triage"),
            _keuzes(Triage.choices, _("Nog geen triage")),
            _tel(r.triage for r in rijen),
            s,
        ),
        per_afloop=_verdeling(
            _("Per afloop"),
            _keuzes(Afloop.choices, _("Nog niet afgesloten")),
            _tel(r.afloop for r in rijen),
            s,
        ),
        fte=fte,
        per_100_fte=_kengetal(rate, n, s) if rate is not None else Kengetal(None, n),
        bevestigd_op_tijd=_op_tijd(
            [(r.bevestiging_uiterlijk, r.bevestigd_op) for r in klok], vandaag, s
        ),
        teruggekoppeld_op_tijd=_op_tijd(
            [(r.terugkoppeling_uiterlijk, r.teruggekoppeld_op) for r in klok], vandaag, s
        ),
        mediaan_bevestigen=_mediaan(
            [(r.bevestigd_op - r.ontvangen_op).days for r in klok if r.bevestigd_op], s
        ),
        mediaan_terugkoppelen=_mediaan(
            [(r.teruggekoppeld_op - r.ontvangen_op).days for r in klok if r.teruggekoppeld_op], s
        ),
        mediaan_afsluiten=_mediaan(
            [(r.afgesloten_op - r.ontvangen_op).days for r in klok if r.afgesloten_op], s
        ),
        afgeschermd=s,
    )


# --- chart ----------------------------------------------------------------------------------

BREEDTE = 640
LABEL_BREEDTE = 300
BALK_MAX = 280
RIJ_HOOGTE = 26
BALK_KLEUR = "#0072b2"  # Okabe-Ito blue; white background, dark text


def balken_svg(verdeling: Verdeling, *, aria_label: str) -> SafeString:
    """Horizontal bars, one per category; a shielded count gets no bar, only its text."""
    grootste = max((a.waarde for a in verdeling.aantallen if a.getoond), default=0) or 1
    delen: list[str] = []
    for i, aantal in enumerate(verdeling.aantallen):
        y = i * RIJ_HOOGTE
        midden = y + RIJ_HOOGTE / 2
        delen.append(
            f'<text x="{LABEL_BREEDTE - 8}" y="{midden:.1f}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="13" fill="#1a1a1a">'
            f"{escape(aantal.label)}</text>"
        )
        breedte = BALK_MAX * aantal.waarde / grootste if aantal.getoond else 0.0
        if breedte:
            delen.append(
                f'<rect x="{LABEL_BREEDTE}" y="{y + 4}" width="{breedte:.1f}" '
                f'height="{RIJ_HOOGTE - 8}" fill="{BALK_KLEUR}">'
                f"<title>{escape(aantal.label)}: {escape(aantal.tekst)}</title></rect>"
            )
        delen.append(
            f'<text x="{LABEL_BREEDTE + breedte + 6:.1f}" y="{midden:.1f}" '
            f'dominant-baseline="middle" font-size="13" fill="#1a1a1a">'
            f"{escape(aantal.tekst)}</text>"
        )
    hoogte = max(len(verdeling.aantallen), 1) * RIJ_HOOGTE
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="igt-grafiek igt-mstat__grafiek" '
        f'role="img" aria-label="{escape(aria_label)}" viewBox="0 0 {BREEDTE} {hoogte}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">'
        + "".join(delen)
        + "</svg>"
    )
    return mark_safe(markup)  # noqa: S308 - every label went through escape()


# --- reads ----------------------------------------------------------------------------------


def rijen(meldingen: QuerySet[Melding]) -> list[Rij]:
    """The statistics' view of ``meldingen``: metadata columns only."""
    return [Rij(*waarden) for waarden in meldingen.order_by().values_list(*VELDEN)]


def fte_van(organisatie: Organisatie) -> Decimal | None:
    """The fte of ``organisatie`` and every unit under it (``None``: nothing recorded)."""
    totaal = Organisatie.objects.filter(pad__startswith=organisatie.pad).aggregate(t=Sum("fte"))
    waarde: Decimal | None = totaal["t"]
    return waarde or None


@dataclass(frozen=True)
class Keuze:
    """An organisation the viewer may read statistics of, exactly or shielded."""

    organisatie: Organisatie
    exact: bool


def keuzes(*, gebruiker: Any) -> list[Keuze]:
    """Own organisations exactly (coordinator, competent authority: the registry roles);
    ministries and the whole government shielded (government coordinator, auditor)."""
    gevonden: dict[int, Keuze] = {}
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        if role_has(lid.rol, Capability.MELDING_REGISTER):
            gevonden[lid.organisatie_id] = Keuze(lid.organisatie, exact=True)
        elif role_has(lid.rol, Capability.MELDING_STATISTIEK):
            nodes = [lid.organisatie]
            if lid.recursief:
                nodes += list(
                    Organisatie.objects.filter(
                        pad__startswith=lid.organisatie.pad, soort=Soort.MINISTERIE
                    ).exclude(pk=lid.organisatie_id)
                )
            for node in nodes:
                gevonden.setdefault(node.pk, Keuze(node, exact=False))
    return sorted(gevonden.values(), key=lambda k: k.organisatie.pad)
