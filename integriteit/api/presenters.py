"""Turn the other apps' objects into the plain dicts the API serializers render. No reads
that depend on who asks happen here: the views pass in what the selectors returned."""

from __future__ import annotations

from typing import Any

from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.resultaten import GolfResultaten, Knoop
from integriteit.medewerkersonderzoek.spec import Questionnaire
from integriteit.meldingen import statistiek as stat
from integriteit.normenkader.models import Beoordeling, Cyclus, Oordeel
from integriteit.normenkader.selectors import Heatmap
from integriteit.organisaties.models import Organisatie

Json = dict[str, Any]


def organisatie(org: Organisatie) -> Json:
    return {"code": org.code, "naam": org.naam}


def cyclus(item: Cyclus) -> Json:
    kader = item.normenkader
    return {
        "id": item.pk,
        "jaar": item.jaar,
        "titel": item.titel,
        "normenkader": {"code": kader.code, "versie": kader.versie, "titel": kader.titel},
        "vorige": item.vorige_id,
    }


def beoordeling(item: Beoordeling) -> Json:
    return {
        "id": item.pk,
        "cyclus": item.cyclus_id,
        "jaar": item.cyclus.jaar,
        "organisatie": organisatie(item.organisatie),
        "soort": item.soort,
        "status": item.status,
        "versie": item.versie,
        "vervangt": item.vervangt_id,
        "beoordelaar": item.beoordelaar,
        "aangemaakt_op": item.aangemaakt_op,
        "ingediend_op": item.ingediend_op,
        "definitief_op": item.definitief_op,
    }


def oordeel(item: Oordeel) -> Json:
    return {
        "id": item.pk,
        "norm": item.norm.code,
        "groep": item.norm.groep.code,
        "niveau": item.niveau.code if item.niveau else None,
        "bevinding": item.bevinding,
        "bron": item.bron,
        "gewijzigd_op": item.gewijzigd_op,
    }


def heatmap(hm: Heatmap) -> Json:
    normen = [
        {
            "code": column.norm.code,
            "groep": groep.code,
            "voldoet": column.voldoet,
            "beoordeeld": column.beoordeeld,
            "totaal": column.totaal,
            "per_niveau": dict(column.per_niveau),
        }
        for groep, columns in hm.groepen
        for column in columns
    ]
    rijen = []
    for row in hm.rows:
        niveaus: dict[str, str | None] = {}
        for column in hm.columns:
            cell = row.cells.get(column.norm.pk)
            niveau = cell.niveau if cell is not None else None
            niveaus[column.norm.code] = niveau.code if niveau else None
        rijen.append(
            {
                "organisatie": organisatie(row.organisatie),
                "in_bereik": row.in_scope,
                "beoordeling": row.beoordeling.pk if row.beoordeling and row.in_scope else None,
                "status": row.beoordeling.status if row.beoordeling else "",
                "niveaus": niveaus,
            }
        )
    return {
        "cyclus": cyclus(hm.cyclus),
        "soort": hm.soort,
        "rol": hm.applies_to,
        "niveaus": [
            {"code": n.code, "label": n.label, "rang": n.rang, "kleur": n.kleur} for n in hm.niveaus
        ],
        "normen": normen,
        "organisaties": rijen,
    }


# --- survey ------------------------------------------------------------------------------------


def golf(item: Golf) -> Json:
    return {
        "id": item.pk,
        "titel": item.titel,
        "organisatie": organisatie(item.organisatie),
        "vragenlijst": item.vragenlijst.code,
        "start": item.start,
        "eind": item.eind,
        "status": item.status,
        "min_groepsgrootte": item.min_group_size,
        "synthetisch": item.synthetisch,
    }


def _items(resultaat: Json, spec: Questionnaire) -> Json:
    """Item statistics as the results pages show them: shares, agree share and mean; never
    free text, never the raw counts."""
    out: Json = {}
    for item in spec.items:
        stats = resultaat.get("items", {}).get(item.code)
        if item.kind == "text" or stats is None:
            continue
        out[item.code] = {
            "n": stats.get("n", 0),
            "gemiddelde": stats.get("mean"),
            "percentage_eens": stats.get("agree_pct"),
            "percentages": {str(k): v for k, v in stats.get("percent", {}).items()},
        }
    return out


def _schalen(resultaat: Json) -> Json:
    return {
        code: {
            "n": stats.get("n_complete", 0),
            "gemiddelde": stats.get("mean"),
            "sd": stats.get("sd"),
            "alpha": stats.get("alpha"),
            "omega": stats.get("omega"),
        }
        for code, stats in resultaat.get("scales", {}).items()
    }


def knoop(knoop_: Knoop, resultaat: Json | None, spec: Questionnaire) -> Json:
    """One node: with numbers only when it is visible (not suppressed, in the role's reach)."""
    zichtbaar = resultaat is not None
    return {
        "code": knoop_.code,
        "naam": knoop_.naam,
        "bovenliggend": knoop_.parent,
        "diepte": knoop_.diepte,
        "onderdrukt": not zichtbaar,
        "n": knoop_.n if zichtbaar else None,
        "items": _items(resultaat, spec) if resultaat is not None else None,
        "schalen": _schalen(resultaat) if resultaat is not None else None,
    }


def golf_resultaten(
    item: Golf, res: GolfResultaten, toegestaan: set[str], zichtbaar: set[str]
) -> Json:
    """The nodes the role allows, in tree order; suppressed ones listed without numbers."""
    spec = item.vragenlijst.spec()
    knopen: list[Json] = []

    def walk(code: str) -> None:
        if code in toegestaan:
            resultaat = res.resultaat(code) if code in zichtbaar else None
            knopen.append(knoop(res.knopen[code], resultaat, spec))
        for kind in res.kinderen(code):
            walk(kind.code)

    walk(res.top)
    return {
        "golf": golf(item),
        "aantal_antwoorden": res.n_responses if res.top in zichtbaar else None,
        "knopen": knopen,
    }


# --- statistics --------------------------------------------------------------------------------


def aantal(item: stat.Aantal) -> Json:
    return {
        "code": item.code,
        "label": item.label,
        "waarde": item.waarde if item.getoond else None,
        "tekst": item.tekst,
        "stand": item.stand,
    }


def kengetal(item: stat.Kengetal) -> Json:
    return {
        "waarde": None if item.verborgen else item.waarde,
        "n": None if item.verborgen else item.n,
        "tekst": item.tekst,
        "verborgen": item.verborgen,
    }


KENGETALLEN = (
    "per_100_fte",
    "bevestigd_op_tijd",
    "teruggekoppeld_op_tijd",
    "mediaan_bevestigen",
    "mediaan_terugkoppelen",
    "mediaan_afsluiten",
)


def statistiek(
    keuze: stat.Keuze,
    opties: list[stat.Keuze],
    jaar: int,
    cijfers: stat.Statistiek,
    onderdelen: list[tuple[stat.Keuze, stat.Aantal]],
) -> Json:
    return {
        "organisatie": organisatie(keuze.organisatie),
        "jaar": jaar,
        "afgeschermd": cijfers.afgeschermd,
        "drempel": stat.KLEINE_AANTALLEN,
        "totaal": aantal(cijfers.totaal),
        "verdelingen": [
            {"titel": v.titel, "aantallen": [aantal(a) for a in v.aantallen]}
            for v in cijfers.verdelingen
        ],
        "kengetallen": {naam: kengetal(getattr(cijfers, naam)) for naam in KENGETALLEN},
        "per_ministerie": [
            {"organisatie": organisatie(k.organisatie), "totaal": aantal(a)} for k, a in onderdelen
        ],
        "keuzes": [
            {"code": o.organisatie.code, "naam": o.organisatie.naam, "exact": o.exact}
            for o in opties
        ],
    }
