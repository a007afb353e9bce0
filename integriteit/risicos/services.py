"""Owns every write of the risk analysis instrument: analyses (set-up and establishing),
risks of the register (own or adopted from the catalogue), control measures and vulnerable
positions.

Each service runs in one transaction and writes one audit event in it. Which organisation a
user may write for is decided by the views through ``selectors`` (``RISICO_BEHEREN`` in
scope); the services enforce the rules of the data, in one place each (``_check_*``), and
raise ``ValidationError`` with Dutch messages that name the field. Rules (ADR 0014):

* likelihood and impact lie on the analysis's matrix (1..4 or 1..5);
* the residual likelihood and impact never exceed the inherent ones (refused, not warned);
* a new measure that is still to be done cannot be due in the past;
* an established analysis is frozen except for its measures, whose progress is followed up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.common.schendingen import Schending
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.organisaties.models import Organisatie
from integriteit.risicos.catalogus import catalogus_starter
from integriteit.risicos.constants import (
    OPEN_STATUSSEN,
    AnalyseStatus,
    FunctieMaatregel,
    KwetsbaarGebied,
    MaatregelStatus,
    Methode,
)
from integriteit.risicos.matrix import MATRICES, Matrix
from integriteit.risicos.models import Beheersmaatregel, KwetsbareFunctie, Risico, Risicoanalyse
from integriteit.risicos.stappen import ontbrekend_voor_vaststellen


def _event(actor: Any, action: str, analyse: Risicoanalyse, obj: Any, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=action,
        object_type=type(obj).__name__.lower(),
        object_id=obj.pk,
        organisatie_id=analyse.organisatie_id,
        details={"analyse": analyse.pk, **details},
    )


def _check_concept(analyse: Risicoanalyse) -> None:
    if analyse.is_vastgesteld:
        raise ValidationError(
            _(
                "Deze analyse is vastgesteld en kan niet meer worden gewijzigd; "
                "begin een nieuwe analyse."
            )
        )


# --- analyses ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalyseOpzet:
    """Step 1 of the analysis: how it was done and who took part."""

    titel: str
    datum: date
    methoden: Sequence[str] = ()
    deelnemers_aantal: int | None = None
    deelnemers_omschrijving: str = ""
    betrokkenheid: str = ""
    golf: Golf | None = None


def _check_opzet(opzet: AnalyseOpzet, organisatie: Organisatie) -> None:
    errors: dict[str, str] = {}
    if not opzet.titel.strip():
        errors["titel"] = _("Titel: vul een titel in.")
    if opzet.datum > timezone.localdate():
        errors["datum"] = _("Datum: de analyse kan niet in de toekomst liggen.")
    onbekend = [m for m in opzet.methoden if m not in Methode.values]
    if onbekend:
        errors["methoden"] = _("Methoden: onbekende methode %(code)s.") % {"code": onbekend[0]}
    if opzet.golf is not None and opzet.golf.organisatie_id not in organisatie.ancestor_ids:
        errors["golf"] = _(
            "Onderzoeksgolf: kies een golf van deze organisatie of van een organisatie erboven."
        )
    if errors:
        raise ValidationError(errors)


def _opzet_velden(opzet: AnalyseOpzet) -> dict[str, Any]:
    velden = asdict(opzet)
    velden["golf"] = opzet.golf
    velden["titel"] = opzet.titel.strip()
    velden["methoden"] = [m for m in Methode.values if m in opzet.methoden]
    return velden


@transaction.atomic
def analyse_create(
    *,
    organisatie: Organisatie,
    opzet: AnalyseOpzet,
    matrix_grootte: int = 5,
    acting_user: Any,
) -> Risicoanalyse:
    """A new draft analysis of ``organisatie`` on a matrix of ``matrix_grootte``."""
    if matrix_grootte not in MATRICES:
        raise ValidationError({"matrix_grootte": _("Matrix: kies 5 × 5 of 4 × 4.")})
    _check_opzet(opzet, organisatie)
    analyse = Risicoanalyse.objects.create(
        organisatie=organisatie, matrix_grootte=matrix_grootte, **_opzet_velden(opzet)
    )
    _event(acting_user, "risicoanalyse.aangemaakt", analyse, analyse, matrix=matrix_grootte)
    return analyse


@transaction.atomic
def analyse_update(
    *, analyse: Risicoanalyse, opzet: AnalyseOpzet, acting_user: Any
) -> Risicoanalyse:
    analyse = Risicoanalyse.objects.select_for_update().get(pk=analyse.pk)
    _check_concept(analyse)
    _check_opzet(opzet, analyse.organisatie)
    for veld, waarde in _opzet_velden(opzet).items():
        setattr(analyse, veld, waarde)
    analyse.save()
    _event(acting_user, "risicoanalyse.gewijzigd", analyse, analyse)
    return analyse


@transaction.atomic
def analyse_vaststellen(*, analyse: Risicoanalyse, acting_user: Any) -> Risicoanalyse:
    """Establish the analysis: steps 1 to 3 must be complete (set-up, risks, assessment)."""
    analyse = Risicoanalyse.objects.select_for_update().get(pk=analyse.pk)
    _check_concept(analyse)
    ontbrekend = ontbrekend_voor_vaststellen(analyse)
    if ontbrekend:
        raise ValidationError(
            [_("Vaststellen kan nog niet: %(wat)s") % {"wat": t} for t in ontbrekend]
        )
    analyse.status = AnalyseStatus.VASTGESTELD
    analyse.vastgesteld_op = timezone.localdate()
    analyse.vastgesteld_door = acting_user if getattr(acting_user, "pk", None) else None
    analyse.save(update_fields=["status", "vastgesteld_op", "vastgesteld_door"])
    _event(acting_user, "risicoanalyse.vastgesteld", analyse, analyse)
    return analyse


# --- risks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RisicoGegevens:
    titel: str
    gebied: str
    kwetsbaar_gebied: str
    schending: str
    omschrijving: str
    eigenaar: str
    kans: int | None = None
    impact: int | None = None
    bestaande_beheersing: str = ""
    rest_kans: int | None = None
    rest_impact: int | None = None


def _schaal(matrix: Matrix, veld: str, label: str, waarde: int | None) -> dict[str, str]:
    if waarde is None or matrix.bevat(waarde):
        return {}
    tekst = _("%(label)s: kies een waarde van 1 tot en met %(max)d.")
    return {veld: tekst % {"label": label, "max": matrix.grootte}}


def _check_rest(gegevens: RisicoGegevens) -> dict[str, str]:
    errors: dict[str, str] = {}
    paren = (
        ("rest_kans", _("Restkans"), gegevens.rest_kans, gegevens.kans, _("de kans")),
        ("rest_impact", _("Restimpact"), gegevens.rest_impact, gegevens.impact, _("de impact")),
    )
    if (gegevens.rest_kans is None) != (gegevens.rest_impact is None):
        veld = "rest_impact" if gegevens.rest_impact is None else "rest_kans"
        errors[veld] = _("Restrisico: vul restkans én restimpact in, of laat beide leeg.")
    for veld, label, rest, bruto, naam in paren:
        if rest is None or veld in errors:
            continue
        if bruto is None:
            errors[veld] = _("%(label)s: beoordeel eerst %(naam)s.") % {
                "label": label,
                "naam": naam,
            }
        elif rest > bruto:
            errors[veld] = _("%(label)s: mag niet hoger zijn dan %(naam)s (%(waarde)d).") % {
                "label": label,
                "naam": naam,
                "waarde": bruto,
            }
    return errors


def _check_risico(matrix: Matrix, gegevens: RisicoGegevens) -> None:
    errors: dict[str, str] = {}
    verplicht = {
        "titel": _("Titel: vul een korte naam in."),
        "gebied": _("Gebied, proces of functie: vul in waar het risico speelt."),
        "omschrijving": _("Omschrijving: beschrijf wat er kan gebeuren."),
        "eigenaar": _("Eigenaar: vul een functie in (geen naam)."),
    }
    for veld, tekst in verplicht.items():
        if not str(getattr(gegevens, veld)).strip():
            errors[veld] = tekst
    if gegevens.kwetsbaar_gebied not in KwetsbaarGebied.values:
        errors["kwetsbaar_gebied"] = _("Kwetsbaar gebied: kies een gebied uit de lijst.")
    if gegevens.schending not in Schending.values:
        errors["schending"] = _("Soort schending: kies een soort uit de lijst.")
    errors |= _schaal(matrix, "kans", _("Kans"), gegevens.kans)
    errors |= _schaal(matrix, "impact", _("Impact"), gegevens.impact)
    errors |= _schaal(matrix, "rest_kans", _("Restkans"), gegevens.rest_kans)
    errors |= _schaal(matrix, "rest_impact", _("Restimpact"), gegevens.rest_impact)
    if (gegevens.kans is None) != (gegevens.impact is None):
        veld = "impact" if gegevens.impact is None else "kans"
        errors.setdefault(veld, _("Beoordeling: vul kans én impact in, of laat beide leeg."))
    if not errors:
        errors = _check_rest(gegevens)
    if errors:
        raise ValidationError(errors)


def _volgend_nummer(analyse: Risicoanalyse) -> int:
    hoogste = analyse.risicos.aggregate(n=Max("nummer"))["n"]
    return (hoogste or 0) + 1


@transaction.atomic
def risico_create(
    *,
    analyse: Risicoanalyse,
    gegevens: RisicoGegevens,
    catalogus_code: str = "",
    acting_user: Any,
) -> Risico:
    analyse = Risicoanalyse.objects.select_for_update().get(pk=analyse.pk)
    _check_concept(analyse)
    _check_risico(analyse.matrix, gegevens)
    risico = Risico.objects.create(
        analyse=analyse,
        nummer=_volgend_nummer(analyse),
        catalogus_code=catalogus_code,
        **asdict(gegevens),
    )
    _event(acting_user, "risico.aangemaakt", analyse, risico, catalogus=catalogus_code)
    return risico


@transaction.atomic
def risico_update(*, risico: Risico, gegevens: RisicoGegevens, acting_user: Any) -> Risico:
    analyse = Risicoanalyse.objects.select_for_update().get(pk=risico.analyse_id)
    _check_concept(analyse)
    _check_risico(analyse.matrix, gegevens)
    for veld, waarde in asdict(gegevens).items():
        setattr(risico, veld, waarde)
    risico.save()
    _event(acting_user, "risico.gewijzigd", analyse, risico)
    return risico


@transaction.atomic
def risico_delete(*, risico: Risico, acting_user: Any) -> None:
    analyse = Risicoanalyse.objects.select_for_update().get(pk=risico.analyse_id)
    _check_concept(analyse)
    pk, nummer = risico.pk, risico.nummer
    risico.delete()
    audit_log(
        actor=acting_user,
        action="risico.verwijderd",
        object_type="risico",
        object_id=pk,
        organisatie_id=analyse.organisatie_id,
        details={"analyse": analyse.pk, "nummer": nummer},
    )


@transaction.atomic
def catalogus_overnemen(
    *, analyse: Risicoanalyse, codes: Iterable[str], acting_user: Any
) -> list[Risico]:
    """Copy the chosen catalogue entries into the register as the ministry's own risks, not
    yet assessed; ``catalogus_code`` keeps where each came from. Entries already adopted in
    this analysis are skipped."""
    analyse = Risicoanalyse.objects.select_for_update().get(pk=analyse.pk)
    _check_concept(analyse)
    catalogus = {c.code: c for c in catalogus_starter()}
    gekozen = list(dict.fromkeys(codes))
    onbekend = [c for c in gekozen if c not in catalogus]
    if not gekozen or onbekend:
        tekst = _("Catalogus: kies een of meer risico's uit de catalogus.")
        if onbekend:
            tekst = _("Catalogus: onbekende code %(code)s.") % {"code": onbekend[0]}
        raise ValidationError({"codes": tekst})
    al = set(analyse.risicos.exclude(catalogus_code="").values_list("catalogus_code", flat=True))
    nummer = _volgend_nummer(analyse)
    nieuw: list[Risico] = []
    for code in (c for c in gekozen if c not in al):
        item = catalogus[code]
        nieuw.append(
            Risico(
                analyse=analyse,
                nummer=nummer,
                titel=item.titel,
                gebied=item.gebied_label,
                kwetsbaar_gebied=item.gebied,
                schending=item.schending,
                omschrijving=item.omschrijving,
                bestaande_beheersing="\n".join(f"- {m}" for m in item.beheersmaatregelen),
                eigenaar=_("nog te bepalen"),
                catalogus_code=code,
            )
        )
        nummer += 1
    Risico.objects.bulk_create(nieuw)
    audit_log(
        actor=acting_user,
        action="risico.overgenomen",
        object_type="risicoanalyse",
        object_id=analyse.pk,
        organisatie_id=analyse.organisatie_id,
        details={"codes": [r.catalogus_code for r in nieuw]},
    )
    return nieuw


# --- measures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MaatregelGegevens:
    omschrijving: str
    eigenaar: str
    uiterlijk: date
    status: str = MaatregelStatus.GEPLAND


def _check_maatregel(gegevens: MaatregelGegevens, *, nieuw: bool) -> None:
    errors: dict[str, str] = {}
    if not gegevens.omschrijving.strip():
        errors["omschrijving"] = _("Omschrijving: beschrijf de maatregel.")
    if not gegevens.eigenaar.strip():
        errors["eigenaar"] = _("Eigenaar: vul een functie in (geen naam).")
    if gegevens.status not in MaatregelStatus.values:
        errors["status"] = _("Status: kies een status uit de lijst.")
    elif nieuw and gegevens.status in OPEN_STATUSSEN and gegevens.uiterlijk < timezone.localdate():
        errors["uiterlijk"] = _(
            "Uiterlijk: een nieuwe maatregel kan niet al te laat zijn; kies vandaag of later."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def maatregel_create(
    *, risico: Risico, gegevens: MaatregelGegevens, acting_user: Any
) -> Beheersmaatregel:
    """Add a measure to a risk; allowed after establishing too: the analysis's follow-up
    goes on (a measure for a high risk found missing, a measure that replaces one withdrawn)."""
    analyse = Risicoanalyse.objects.select_for_update().get(pk=risico.analyse_id)
    _check_maatregel(gegevens, nieuw=True)
    maatregel = Beheersmaatregel.objects.create(risico=risico, **asdict(gegevens))
    _event(acting_user, "beheersmaatregel.aangemaakt", analyse, maatregel, risico=risico.pk)
    return maatregel


@transaction.atomic
def maatregel_update(
    *, maatregel: Beheersmaatregel, gegevens: MaatregelGegevens, acting_user: Any
) -> Beheersmaatregel:
    """Change a measure; allowed after establishing too (progress is followed up)."""
    _check_maatregel(gegevens, nieuw=False)
    for veld, waarde in asdict(gegevens).items():
        setattr(maatregel, veld, waarde)
    maatregel.save()
    analyse = maatregel.risico.analyse
    _event(acting_user, "beheersmaatregel.gewijzigd", analyse, maatregel, status=maatregel.status)
    return maatregel


# --- vulnerable positions ------------------------------------------------------------------


@dataclass(frozen=True)
class FunctieGegevens:
    functie: str
    eenheid: str
    waarom: str
    maatregelen: Sequence[str] = ()
    toelichting: str = ""


def _check_functie(gegevens: FunctieGegevens) -> None:
    errors: dict[str, str] = {}
    if not gegevens.functie.strip():
        errors["functie"] = _("Functie: vul de naam van de functie in.")
    if not gegevens.eenheid.strip():
        errors["eenheid"] = _("Onderdeel: vul het onderdeel of de afdeling in.")
    if not gegevens.waarom.strip():
        errors["waarom"] = _("Waarom kwetsbaar: leg uit waarom de functie kwetsbaar is.")
    if any(m not in FunctieMaatregel.values for m in gegevens.maatregelen):
        errors["maatregelen"] = _("Maatregelen: kies maatregelen uit de lijst.")
    if errors:
        raise ValidationError(errors)


def _functie_velden(gegevens: FunctieGegevens) -> dict[str, Any]:
    velden = asdict(gegevens)
    velden["maatregelen"] = [m for m in FunctieMaatregel.values if m in gegevens.maatregelen]
    return velden


@transaction.atomic
def functie_create(
    *, analyse: Risicoanalyse, gegevens: FunctieGegevens, acting_user: Any
) -> KwetsbareFunctie:
    analyse = Risicoanalyse.objects.select_for_update().get(pk=analyse.pk)
    _check_concept(analyse)
    _check_functie(gegevens)
    functie = KwetsbareFunctie.objects.create(analyse=analyse, **_functie_velden(gegevens))
    _event(acting_user, "kwetsbarefunctie.aangemaakt", analyse, functie)
    return functie


@transaction.atomic
def functie_update(
    *, functie: KwetsbareFunctie, gegevens: FunctieGegevens, acting_user: Any
) -> KwetsbareFunctie:
    analyse = Risicoanalyse.objects.select_for_update().get(pk=functie.analyse_id)
    _check_concept(analyse)
    _check_functie(gegevens)
    for veld, waarde in _functie_velden(gegevens).items():
        setattr(functie, veld, waarde)
    functie.save()
    _event(acting_user, "kwetsbarefunctie.gewijzigd", analyse, functie)
    return functie
