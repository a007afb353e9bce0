"""Chapters 3 (reporting and investigations) and 4 (the coordinating role of BZK) of the
annual report's snapshot; the layout is described in ``jaarverslag_cijfers``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from integriteit.meldingen import statistiek as stat
from integriteit.normenkader.constants import AppliesTo, Soort, Status
from integriteit.normenkader.models import Beoordeling, Oordeel
from integriteit.organisaties.constants import Soort as OrgSoort
from integriteit.rapportages.constants import SOORT_VOORKEUR
from integriteit.rapportages.jaarverslag_cijfers import Json, _aantal_item, balk, getal, tabel
from integriteit.rapportages.kerncijfers import Rijksbeeld
from integriteit.rapportages.meldcijfers import onderzoekcijfers


def _kengetal(k: stat.Kengetal, heeft_fte: bool = True) -> str:
    return k.tekst if heeft_fte else _("fte onbekend")


def _meldrij(naam: str, s: stat.Statistiek, totaal: stat.Aantal) -> list[str]:
    return [
        naam,
        totaal.tekst,
        _kengetal(s.per_100_fte, bool(s.fte)),
        s.bevestigd_op_tijd.tekst,
        s.teruggekoppeld_op_tijd.tekst,
        s.mediaan_terugkoppelen.tekst,
        s.mediaan_afsluiten.tekst,
    ]


def _meldtabel(beeld: Rijksbeeld) -> Json:
    rijen, items = [], []
    for m in beeld.ministeries:
        s = beeld.meldingen.van(m.pk)
        totaal = beeld.meldingen.totalen.get(m.pk)
        if s is None or totaal is None:
            continue
        rijen.append(_meldrij(m.naam, s, totaal))
        k = s.per_100_fte
        toon = bool(s.fte) and not k.verborgen and k.waarde is not None
        items.append((m.code, k.waarde if toon else None, _kengetal(k, bool(s.fte))))
    r = beeld.meldingen.rijk
    rijen.append(_meldrij(_("Rijksbreed"), r, r.totaal))
    kolommen = [
        _("Ministerie"),
        _("Meldingen"),
        _("Per 100 fte"),
        _("Ontvangst op tijd bevestigd (%)"),
        _("Op tijd teruggekoppeld (%)"),
        _("Mediaan dagen tot terugkoppeling"),
        _("Mediaan dagen tot afsluiten"),
    ]
    titel = _("Meldingen per ministerie")
    return tabel("meldingen", titel, kolommen, rijen, balk(items))


def _soorttabel(beeld: Rijksbeeld) -> Json:
    r = beeld.meldingen.rijk
    rijen = []
    for a in r.per_soort.aantallen:
        per_fte = "–"
        if a.getoond and r.fte:
            per_fte = getal(float(stat.per_100_fte(a.waarde, r.fte) or 0.0), 2)
        rijen.append([a.label, a.tekst, per_fte])
    kolommen = [_("Soort"), _("Meldingen"), _("Per 100 fte")]
    grafiek = balk([_aantal_item(a) for a in r.per_soort.aantallen])
    return tabel("meldsoort", _("Meldingen naar soort, rijksbreed"), kolommen, rijen, grafiek)


def _verdelingtabel(id_: str, v: stat.Verdeling) -> Json:
    rijen = [[a.label, a.tekst] for a in v.aantallen]
    return tabel(
        id_,
        v.titel,
        [_("Categorie"), _("Aantal")],
        rijen,
        balk([_aantal_item(a) for a in v.aantallen]),
    )


def _vptabel(beeld: Rijksbeeld) -> Json:
    vp = beeld.vertrouwenspersonen
    rijen = []
    for m in beeld.ministeries:
        rij = vp.van(m.pk)
        if rij is not None:
            rijen.append([m.naam, *(c.tekst for c in rij.cellen), rij.totaal.tekst])
    totaal = vp.totaal.tekst if vp.totaal else "–"
    rijen.append([_("Rijksbreed"), *(c.tekst for c in vp.kolomtotalen), totaal])
    kolommen = [_("Ministerie"), *(c.label for c in vp.kolomtotalen), _("Totaal")]
    items = [(c.label, float(c.waarde) if c.getoond else None, c.tekst) for c in vp.kolomtotalen]
    titel = _("Contacten met vertrouwenspersonen naar categorie")
    return tabel("vertrouwenspersonen", titel, kolommen, rijen, balk(items))


def melden(beeld: Rijksbeeld) -> Json:
    o = onderzoekcijfers(organisaties=list(beeld.ministeries), jaar=beeld.jaar)
    kern = tabel(
        "onderzoeken",
        _("Interne integriteitsonderzoeken, rijksbreed"),
        [_("Kengetal"), _("Aantal")],
        [[_("Geopend"), o.geopend.tekst], [_("Afgesloten"), o.afgesloten.tekst]],
    )
    alineas = [
        _(
            "Meldingen ontvangen in %(jaar)d, uit de metadata van de registers; interne "
            "onderzoeken en maatregelen van dat jaar; contacten met vertrouwenspersonen. "
            "Een aantal onder de 5 staat als ‘<5’; een percentage of mediaan over minder dan 5 "
            "meldingen wordt niet getoond."
        )
        % {"jaar": beeld.jaar}
    ]
    tabellen = [_meldtabel(beeld), _soorttabel(beeld), kern]
    tabellen += [_verdelingtabel(f"onderzoek-{i}", v) for i, v in enumerate(o.verdelingen)]
    tabellen.append(_vptabel(beeld))
    return {"alineas": alineas, "tabellen": tabellen}


# --- chapter 4 ---------------------------------------------------------------------------------


def _bzk_beoordeling(jaar: int) -> Beoordeling | None:
    """The newest final assessment of the government (the Rijk root) up to ``jaar``."""
    finals = list(
        Beoordeling.objects.filter(
            organisatie__soort=OrgSoort.RIJK, status=Status.DEFINITIEF, cyclus__jaar__lte=jaar
        ).select_related("cyclus")
    )

    def sleutel(b: Beoordeling) -> tuple[int, int, int]:
        voorkeur = SOORT_VOORKEUR.index(b.soort) if b.soort in SOORT_VOORKEUR else 99
        return (-b.cyclus.jaar, voorkeur, -b.versie)

    return min(finals, key=sleutel, default=None)


def _bzktabel(b: Beoordeling | None) -> Json:
    rijen: list[list[str]] = []
    if b is not None:
        oordelen = (
            Oordeel.objects.filter(beoordeling=b, norm__groep__applies_to=AppliesTo.COORDINATOR)
            .select_related("norm", "niveau")
            .order_by("norm__volgorde")
        )
        rijen = [
            [f"{o.norm.code}. {o.norm.tekst}", o.niveau.label if o.niveau else "–"]
            for o in oordelen
        ]
    kolommen = [_("Norm"), _("Oordeel")]
    return tabel(
        "bzk", _("Oordelen over de coördinerende rol (BZK-1 tot en met BZK-5)"), kolommen, rijen
    )


def coordinatie(beeld: Rijksbeeld) -> Json:
    b = _bzk_beoordeling(beeld.jaar)
    n = len(beeld.ministeries)
    niet_voldaan = sum(
        1 for m in beeld.ministeries if (x := beeld.normen.van(m.pk)) and x.niet_voldaan
    )
    lager = sum(1 for m in beeld.ministeries if beeld.enquete.van(m.pk).significant_lager)
    coordinator = Beoordeling.objects.filter(
        soort=Soort.COORDINATOR, status=Status.DEFINITIEF, cyclus__jaar=beeld.jaar
    ).count()
    if b is None:
        bron = _("Er is tot en met %(jaar)d geen definitief oordeel over de coördinerende rol.") % {
            "jaar": beeld.jaar
        }
    else:
        bron = _("Oordelen uit %(titel)s (%(soort)s).") % {
            "titel": b.cyclus.titel,
            "soort": b.get_soort_display().lower(),
        }
    feiten = tabel(
        "bzk-feiten",
        _("Wat de gegevens over het jaar laten zien"),
        [_("Gegeven"), _("Aantal")],
        [
            [_("Ministeries met minstens één norm niet voldaan"), f"{niet_voldaan} / {n}"],
            [_("Ministeries met een enquêteresultaat significant lager"), f"{lager} / {n}"],
            [
                _("Definitieve beoordelingen door de rijkscoördinator in de cyclus"),
                str(coordinator),
            ],
        ],
    )
    alineas = [
        bron,
        _(
            "Voor de ministeries met een niet-voldane norm of een significant lager resultaat "
            "maakt het systeem gesprekspunten (norm BZK-4). Hoeveel gesprekken BZK daarover "
            "voerde, wordt niet vastgelegd; dit verslag noemt alleen wat de gegevens bevatten."
        ),
    ]
    return {"alineas": alineas, "tabellen": [_bzktabel(b), feiten]}
