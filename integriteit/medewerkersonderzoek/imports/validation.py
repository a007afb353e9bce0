"""Checking the rows of an import: which column is which, each cell translated to an answer
code, the unit and the role, and then the same check as an answer given through the form
(:func:`services.antwoorden_clean`). Every problem is collected, naming row and column.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from integriteit.medewerkersonderzoek.constants import ROL_ITEM, ROL_ITEM_JA, Rol
from integriteit.medewerkersonderzoek.imports.fouten import Fouten, plaats
from integriteit.medewerkersonderzoek.imports.mapping import (
    ROLE,
    UNIT,
    Code,
    Koppeling,
    doelkolommen,
)
from integriteit.medewerkersonderzoek.imports.readers import (
    LIMESURVEY_KOLOMMEN,
    Cel,
    Tabel,
    waarde_tekst,
)
from integriteit.medewerkersonderzoek.services import antwoorden_clean
from integriteit.medewerkersonderzoek.spec import Item, Questionnaire

#: Progress is reported every this many rows.
STAP_RIJEN = 250
#: LimeSurvey writes a ticked option of a multiple-choice question as Y.
_LIMESURVEY_JA_NEE: dict[str, Code] = {"Y": 1, "N": 0}


@dataclass(frozen=True)
class ImportRij:
    """One response as it will be stored: unit, role and the cleaned answers."""

    golf_eenheid_id: int
    rol: str
    antwoorden: dict[str, Any]


@dataclass(frozen=True)
class Doel:
    """Where a column of the file goes, and how its cells become codes."""

    index: int
    bron: str
    kolom: str
    item: Item | None = None
    codes: frozenset[int] = frozenset()
    labels: dict[str, int] = field(default_factory=dict)
    vertaling: dict[str, Code] = field(default_factory=dict)
    bestandlabels: dict[str, str] = field(default_factory=dict)
    ontbrekend: tuple[tuple[float, float], ...] = ()


@dataclass
class Controle:
    """The checked rows, what was left aside and what the user should know."""

    rijen: list[ImportRij]
    waarschuwingen: list[str]
    genegeerd: list[str]
    overgeslagen: int = 0


def _norm(label: str) -> str:
    return " ".join(label.casefold().split())


def _vragenlijst_labels(spec: Questionnaire, item: Item) -> dict[int, str]:
    if item.kind == "single":
        return {option.code: option.label for option in item.options}
    if item.kind == "multi":
        return {}
    scale = spec.scale_of(item)
    return dict(scale.labels) if scale else {}


def _toegestaan(spec: Questionnaire, item: Item) -> frozenset[int]:
    if item.kind == "multi":
        return frozenset({0, 1})
    if item.kind == "single":
        return frozenset(option.code for option in item.options)
    scale = spec.scale_of(item)
    return frozenset(scale.valid_codes if scale else ())


@dataclass
class _Context:
    tabel: Tabel
    spec: Questionnaire
    koppeling: Koppeling | None
    fouten: Fouten
    waarschuwingen: list[str]


def _doel(ctx: _Context, index: int, bron: str, kolom: str) -> Doel:
    if kolom in (UNIT, ROLE):
        vertaling = ctx.koppeling.waarden.get(kolom, {}) if ctx.koppeling else {}
        return Doel(index=index, bron=bron, kolom=kolom, vertaling=vertaling)
    item = ctx.spec.item(doelkolommen(ctx.spec)[kolom])
    vertaling = dict(ctx.koppeling.waarden.get(kolom, {})) if ctx.koppeling else {}
    if item.kind == "multi" and ctx.tabel.formaat == "limesurvey":
        vertaling = {**_LIMESURVEY_JA_NEE, **vertaling}
    labels = _vragenlijst_labels(ctx.spec, item)
    bestandlabels = ctx.tabel.labels.get(bron, {})
    if bestandlabels and item.kind != "text":
        _labels_vergelijken(ctx, bron, bestandlabels, labels)
    return Doel(
        index=index,
        bron=bron,
        kolom=kolom,
        item=item,
        codes=_toegestaan(ctx.spec, item),
        labels={_norm(label): code for code, label in labels.items()},
        vertaling=vertaling,
        bestandlabels=bestandlabels,
        ontbrekend=tuple(ctx.tabel.ontbrekend.get(bron, ())),
    )


def _labels_vergelijken(
    ctx: _Context, bron: str, bestandlabels: dict[str, str], labels: dict[int, str]
) -> None:
    """Warn where the file's label of a code is not the questionnaire's label of that code."""
    verschillen = [
        _("%(code)s = ‘%(bestand)s’ in het bestand, ‘%(vragenlijst)s’ in de vragenlijst")
        % {"code": waarde, "bestand": label, "vragenlijst": labels[int(waarde)]}
        for waarde, label in bestandlabels.items()
        if waarde.lstrip("-").isdigit()
        and int(waarde) in labels
        and _norm(label) != _norm(labels[int(waarde)])
    ]
    if verschillen:
        message = _(
            "Kolom ‘%(kolom)s’: de waardelabels wijken af van de vragenlijst (%(verschillen)s). "
            "De codes zijn overgenomen; controleer of ze hetzelfde betekenen."
        )
        ctx.waarschuwingen.append(message % {"kolom": bron, "verschillen": "; ".join(verschillen)})


def _kop_fout(ctx: _Context, bron: str, doelen: dict[str, str]) -> None:
    message = _(
        "Kopregel, kolom ‘%(kolom)s’: geen kolom van vragenlijst %(code)s. Geef de kolommen "
        "de codes van de vragen, of koppel ze met een koppelbestand."
    ) % {"kolom": bron[:60], "code": ctx.spec.code}
    close = difflib.get_close_matches(bron, list(doelen), n=1, cutoff=0.75)
    if close:
        message += " " + _("(bedoelt u ‘%(naam)s’?)") % {"naam": close[0]}
    ctx.fouten.add(message)


def _doel_van(ctx: _Context, bron: str, doelen: dict[str, str]) -> str | None:
    """The target column of heading ``bron``; None when the column is ignored."""
    if ctx.koppeling is not None:
        if bron in ctx.koppeling.kolommen:
            return ctx.koppeling.kolommen[bron]
        # A heading that is already a column passes, unless the mapping fills that column.
        gekoppeld = set(ctx.koppeling.kolommen.values())
        return bron if bron in doelen and bron not in gekoppeld else None
    if bron in doelen:
        return bron
    if bron.lower() in LIMESURVEY_KOLOMMEN or not bron:
        return None
    _kop_fout(ctx, bron, doelen)
    return None


def doelen_bepalen(ctx: _Context) -> tuple[list[Doel], list[str]]:
    """The used columns, and the names of the ignored ones."""
    doelen = doelkolommen(ctx.spec)
    gezien: set[str] = set()
    result: list[Doel] = []
    genegeerd: list[str] = []
    for index, bron in enumerate(ctx.tabel.kolommen):
        if bron and bron in gezien:
            message = _("Kopregel: kolom ‘%(kolom)s’ komt twee keer voor.")
            ctx.fouten.add(message % {"kolom": bron[:60]})
            continue
        gezien.add(bron)
        kolom = _doel_van(ctx, bron, doelen)
        if kolom is None:
            genegeerd.append(bron or _("(kolom zonder naam)"))
        else:
            result.append(_doel(ctx, index, bron, kolom))
    if ctx.koppeling is not None:
        afwezig = [
            bron for bron, doel in ctx.koppeling.kolommen.items() if doel and bron not in gezien
        ]
        if afwezig:
            message = _("Kolommen uit het koppelbestand die niet in het bestand staan: %(namen)s.")
            ctx.waarschuwingen.append(message % {"namen": ", ".join(afwezig)})
    return result, genegeerd


# --- cells ------------------------------------------------------------------------------------


def _geheel(cel: Cel, tekst: str) -> int | None:
    if isinstance(cel, bool):
        return None
    if isinstance(cel, int):
        return cel
    if isinstance(cel, float):
        return int(cel) if cel.is_integer() else None
    if tekst.lstrip("-").isdigit():
        return int(tekst)
    try:
        getal = float(tekst)  # "4.0" from a program that writes codes as decimals
    except ValueError:
        return None
    return int(getal) if getal.is_integer() else None


def _via_label(doel: Doel, tekst: str) -> int | None:
    """A text value as a code: by the file's value label, else as the questionnaire's label."""
    label = doel.bestandlabels.get(tekst, tekst)
    return doel.labels.get(_norm(label))


def _is_ontbrekend(doel: Doel, code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in doel.ontbrekend)


def cel_waarde(doel: Doel, cel: Cel) -> tuple[Any, str]:
    """The answer in ``cel`` (None = empty), or a Dutch message."""
    tekst = waarde_tekst(cel)
    if tekst in doel.vertaling:
        return doel.vertaling[tekst], ""
    if not tekst:
        return None, ""
    if doel.item is None or doel.item.kind == "text":
        return tekst, ""
    code = _geheel(cel, tekst)
    if code is None:
        code = _via_label(doel, tekst)
    if code is None:
        message = _("‘%(waarde)s’ is geen antwoordcode van vraag %(item)s (een heel getal).")
        return None, message % {"waarde": tekst[:40], "item": doel.item.code}
    if code not in doel.codes:
        if _is_ontbrekend(doel, code):
            return None, ""  # user-missing in SPSS (e.g. 99 = geen antwoord): empty
        message = _("%(waarde)s is geen geldig antwoord op vraag %(item)s; kies uit %(codes)s.")
        codes = ", ".join(map(str, sorted(doel.codes)))
        return None, message % {"waarde": tekst[:40], "item": doel.item.code, "codes": codes}
    return code, ""


# --- rows -------------------------------------------------------------------------------------


@dataclass
class _Rij:
    nummer: int
    antwoorden: dict[str, Any] = field(default_factory=dict)
    eenheid: int | None = None
    rol: str = ""
    goed: bool = True


class Controleur:
    """Checks one row at a time against the questionnaire and the wave's units."""

    def __init__(
        self,
        ctx: _Context,
        doelen: list[Doel],
        eenheden: dict[str, int],
        koppeling_eenheden: dict[str, str],
    ) -> None:
        self.ctx = ctx
        self.doelen = doelen
        self.eenheden = eenheden
        self.eenheden_klein = {code.casefold(): pk for code, pk in eenheden.items()}
        self.koppeling_eenheden = koppeling_eenheden
        self.enige = next(iter(eenheden.values())) if len(eenheden) == 1 else None
        self.multi = [item for item in ctx.spec.items if item.kind == "multi"]
        self.limesurvey = ctx.tabel.formaat == "limesurvey"

    def fout(self, rij: _Rij, kolom: str, tekst: str) -> None:
        self.ctx.fouten.add(f"{plaats(self.ctx.tabel.regelwoord, rij.nummer, kolom)}: {tekst}")
        rij.goed = False

    def eenheid(self, rij: _Rij, doel: Doel, cel: Cel) -> None:
        tekst = waarde_tekst(cel)
        if not tekst:
            return
        code = self.koppeling_eenheden.get(tekst, tekst)
        pk = self.eenheden.get(code, self.eenheden_klein.get(code.casefold()))
        if pk is None:
            message = _("eenheid ‘%(code)s’ hoort niet bij deze golf.")
            self.fout(rij, doel.bron, message % {"code": tekst[:60]})
        rij.eenheid = pk

    def rol(self, rij: _Rij, doel: Doel, cel: Cel) -> None:
        tekst = waarde_tekst(cel)
        waarde = doel.vertaling.get(tekst, tekst.casefold())
        if waarde in (None, ""):
            return
        if waarde not in Rol.values:
            message = _("‘%(waarde)s’ is geen rol; kies uit %(rollen)s.")
            self.fout(
                rij, doel.bron, message % {"waarde": tekst[:40], "rollen": ", ".join(Rol.values)}
            )
        rij.rol = str(waarde)

    def controleren(self, nummer: int, cellen: list[Cel]) -> ImportRij | None:
        rij = _Rij(nummer=nummer)
        for doel in self.doelen:
            cel = cellen[doel.index]
            if doel.kolom == UNIT:
                self.eenheid(rij, doel, cel)
            elif doel.kolom == ROLE:
                self.rol(rij, doel, cel)
            else:
                waarde, fout = cel_waarde(doel, cel)
                if fout:
                    self.fout(rij, doel.bron, fout)
                elif waarde is not None:
                    rij.antwoorden[doel.kolom] = waarde
        if not rij.goed:
            return None
        return self.afronden(rij)

    def afronden(self, rij: _Rij) -> ImportRij | None:
        if self.limesurvey:
            self.meerkeuze_aanvullen(rij.antwoorden)
        try:
            schoon = antwoorden_clean(self.ctx.spec, rij.antwoorden)
        except ValidationError as exc:
            for message in exc.messages:
                self.fout(rij, "", message)
            return None
        eenheid = rij.eenheid if rij.eenheid is not None else self.enige
        if eenheid is None:
            message = _("de eenheid ontbreekt; deze golf heeft meer dan één eenheid.")
            self.fout(rij, UNIT, message)
            return None
        rol = self.rol_bepalen(rij, schoon)
        if not rij.goed:
            return None
        return ImportRij(golf_eenheid_id=eenheid, rol=rol, antwoorden=schoon)

    def meerkeuze_aanvullen(self, antwoorden: dict[str, Any]) -> None:
        """LimeSurvey leaves an option that was not ticked empty: with one option of an item
        ticked, the others were shown and not chosen (0)."""
        for item in self.multi:
            kolommen = item.columns()
            if any(kolom in antwoorden for kolom in kolommen):
                for kolom in kolommen:
                    antwoorden.setdefault(kolom, 0)

    def rol_bepalen(self, rij: _Rij, schoon: dict[str, Any]) -> str:
        """The role column if given, else as the form does: the answer to ``leidinggevende``."""
        if ROL_ITEM in schoon:
            uit_vraag = Rol.LEIDINGGEVENDE if schoon[ROL_ITEM] == ROL_ITEM_JA else Rol.MEDEWERKER
            if rij.rol and rij.rol != uit_vraag:
                message = _("rol ‘%(rol)s’ past niet bij het antwoord op vraag %(item)s.")
                self.fout(rij, ROLE, message % {"rol": rij.rol, "item": ROL_ITEM})
            return str(uit_vraag)
        return rij.rol or str(Rol.MEDEWERKER)


def _ingediend(tabel: Tabel) -> int | None:
    """LimeSurvey: the column ``submitdate`` (empty = the respondent did not finish)."""
    if tabel.formaat != "limesurvey":
        return None
    namen = [naam.lower() for naam in tabel.kolommen]
    return namen.index("submitdate") if "submitdate" in namen else None


def rijen_controleren(
    *,
    tabel: Tabel,
    spec: Questionnaire,
    koppeling: Koppeling | None,
    eenheden: dict[str, int],
    voortgang: Callable[[int], None],
) -> tuple[Controle, Fouten]:
    """Every row checked; the errors in the returned :class:`Fouten` (nothing raised)."""
    ctx = _Context(
        tabel=tabel,
        spec=spec,
        koppeling=koppeling,
        fouten=Fouten(),
        waarschuwingen=list(tabel.waarschuwingen),
    )
    doelen, genegeerd = doelen_bepalen(ctx)
    controle = Controle(rijen=[], waarschuwingen=ctx.waarschuwingen, genegeerd=genegeerd)
    if ctx.fouten.aantal:
        return controle, ctx.fouten
    controleur = Controleur(ctx, doelen, eenheden, koppeling.eenheden if koppeling else {})
    ingediend = _ingediend(tabel)
    for gedaan, (nummer, cellen) in enumerate(tabel.rijen, start=1):
        if ingediend is not None and not waarde_tekst(cellen[ingediend]):
            controle.overgeslagen += 1
        elif (rij := controleur.controleren(nummer, cellen)) is not None:
            controle.rijen.append(rij)
        if gedaan % STAP_RIJEN == 0:
            voortgang(gedaan)
    voortgang(len(tabel.rijen))
    _waarschuwen(controle)
    return controle, ctx.fouten


def _waarschuwen(controle: Controle) -> None:
    if controle.genegeerd:
        message = _("Genegeerde kolommen (niet opgeslagen): %(namen)s.")
        controle.waarschuwingen.append(message % {"namen": ", ".join(controle.genegeerd)})
    if controle.overgeslagen:
        message = _(
            "%(n)d onvolledige antwoorden (zonder submitdate) zijn overgeslagen: de respondent "
            "heeft de vragenlijst niet afgemaakt."
        )
        controle.waarschuwingen.append(message % {"n": controle.overgeslagen})
