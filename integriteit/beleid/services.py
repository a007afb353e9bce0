"""Writes of the policy cycle: the policy record (vision, document, actualiteit), the
coordinator's position, goals, instruments, evaluations and follow-up actions.

Every write is one transaction with one audit event (object type "beleid", details hold
codes, ids and field names, never the texts). Validation happens here, in one place, and
raises a ``ValidationError`` whose messages are Dutch and keyed by the field, so a form can
show each at its field; then nothing is saved. The record of an organisation is created by
its first write. Who may write is decided by the view (``BELEID_BEHEREN`` in scope, see
``selectors.organisatie_beheer_get``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.beleid import indicatoren
from integriteit.beleid.constants import (
    ACTUALITEIT_MAANDEN_MAX,
    ACTUALITEIT_MAANDEN_MIN,
    NUMERIEKE_BRONNEN,
    ActieStatus,
    Bron,
    InstrumentSoort,
    RapporteertAan,
    Richting,
    Streefniveau,
)
from integriteit.beleid.models import Beleid, Doel, Evaluatie, Instrument, Vervolgactie
from integriteit.common.audit import audit_log
from integriteit.organisaties.models import Organisatie

Fouten = dict[str, list[str]]


def _fout(fouten: Fouten, veld: str, tekst: str) -> None:
    fouten.setdefault(veld, []).append(tekst)


def _verplicht(fouten: Fouten, veld: str, waarde: str, label: str) -> None:
    if not waarde.strip():
        _fout(fouten, veld, _("Vul %(veld)s in.") % {"veld": label})


def _niet_in_toekomst(fouten: Fouten, veld: str, waarde: date | None, label: str) -> None:
    if waarde is not None and waarde > timezone.localdate():
        _fout(fouten, veld, _("%(veld)s mag niet in de toekomst liggen.") % {"veld": label})


def _url(fouten: Fouten, veld: str, waarde: str) -> None:
    if not waarde:
        return
    try:
        URLValidator(schemes=["http", "https"])(waarde)
    except ValidationError:
        _fout(fouten, veld, _("Geef een geldig webadres (https://…)."))


def _keuze(fouten: Fouten, veld: str, waarde: str, toegestaan: list[str]) -> None:
    if waarde not in toegestaan:
        _fout(fouten, veld, _("Kies een van de mogelijkheden."))


def _controleer(fouten: Fouten) -> None:
    if fouten:
        raise ValidationError(fouten)


def _event(actor: Any, action: str, beleid: Beleid, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=f"beleid.{action}",
        object_type="beleid",
        object_id=beleid.pk,
        organisatie_id=beleid.organisatie_id,
        details=details,
    )


def _beleid(organisatie: Organisatie) -> Beleid:
    beleid, _nieuw = Beleid.objects.select_for_update().get_or_create(organisatie=organisatie)
    return beleid


def _aangeraakt(beleid: Beleid) -> None:
    beleid.bijgewerkt_op = timezone.now()
    beleid.save(update_fields=["bijgewerkt_op"])


# --- the record and the coordinator's position -------------------------------------------------


@dataclass(frozen=True)
class BeleidGegevens:
    visie: str
    document_titel: str = ""
    document_vastgesteld_op: date | None = None
    document_url: str = ""
    actualiteit_maanden: int = 36


@transaction.atomic
def beleid_opslaan(
    *, acting_user: Any, organisatie: Organisatie, gegevens: BeleidGegevens
) -> Beleid:
    """Set the vision, the policy document and the actualiteit age of ``organisatie``."""
    fouten: Fouten = {}
    _niet_in_toekomst(
        fouten, "document_vastgesteld_op", gegevens.document_vastgesteld_op, _("Vastgesteld op")
    )
    _url(fouten, "document_url", gegevens.document_url.strip())
    if not ACTUALITEIT_MAANDEN_MIN <= gegevens.actualiteit_maanden <= ACTUALITEIT_MAANDEN_MAX:
        _fout(
            fouten,
            "actualiteit_maanden",
            _("De actualiteit moet tussen %(min)s en %(max)s maanden liggen.")
            % {"min": ACTUALITEIT_MAANDEN_MIN, "max": ACTUALITEIT_MAANDEN_MAX},
        )
    _controleer(fouten)
    beleid = _beleid(organisatie)
    beleid.visie = gegevens.visie.strip()
    beleid.document_titel = gegevens.document_titel.strip()
    beleid.document_vastgesteld_op = gegevens.document_vastgesteld_op
    beleid.document_url = gegevens.document_url.strip()
    beleid.actualiteit_maanden = gegevens.actualiteit_maanden
    beleid.bijgewerkt_op = timezone.now()
    beleid.save()
    _event(acting_user, "vastgelegd", beleid, actualiteit_maanden=gegevens.actualiteit_maanden)
    return beleid


@dataclass(frozen=True)
class PositieGegevens:
    coordinator_fte: Decimal | None
    taken_vastgelegd_op: date | None
    directe_toegang_top: bool | None
    rapporteert_aan: str
    team_budget: str = ""


@transaction.atomic
def positie_opslaan(
    *, acting_user: Any, organisatie: Organisatie, gegevens: PositieGegevens
) -> Beleid:
    """Record the integrity coordinator's position (norm 3)."""
    fouten: Fouten = {}
    if gegevens.coordinator_fte is not None and not (
        Decimal(0) <= gegevens.coordinator_fte <= Decimal(100)
    ):
        _fout(fouten, "coordinator_fte", _("De capaciteit moet tussen 0 en 100 fte liggen."))
    _niet_in_toekomst(
        fouten, "taken_vastgelegd_op", gegevens.taken_vastgelegd_op, _("Taken vastgelegd op")
    )
    if gegevens.rapporteert_aan:
        _keuze(fouten, "rapporteert_aan", gegevens.rapporteert_aan, RapporteertAan.values)
    _controleer(fouten)
    beleid = _beleid(organisatie)
    beleid.coordinator_fte = gegevens.coordinator_fte
    beleid.taken_vastgelegd_op = gegevens.taken_vastgelegd_op
    beleid.directe_toegang_top = gegevens.directe_toegang_top
    beleid.rapporteert_aan = gegevens.rapporteert_aan
    beleid.team_budget = gegevens.team_budget.strip()
    beleid.bijgewerkt_op = timezone.now()
    beleid.save()
    _event(
        acting_user,
        "positie_vastgelegd",
        beleid,
        rapporteert_aan=gegevens.rapporteert_aan,
        directe_toegang_top=gegevens.directe_toegang_top,
    )
    return beleid


# --- goals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoelGegevens:
    omschrijving: str
    indicator: str
    bron: str
    bron_code: str = ""
    richting: str = Richting.HOGER
    streefwaarde: Decimal | None = None
    streefniveau: str = ""


def _doel_fouten(gegevens: DoelGegevens) -> Fouten:
    fouten: Fouten = {}
    _verplicht(fouten, "omschrijving", gegevens.omschrijving, _("het doel"))
    if not gegevens.indicator.strip():
        _fout(
            fouten,
            "indicator",
            _("Een doel zonder indicator is niet meetbaar: vul de indicator in."),
        )
    _keuze(fouten, "bron", gegevens.bron, Bron.values)
    _keuze(fouten, "richting", gegevens.richting, Richting.values)
    if "bron" in fouten:
        return fouten
    needs_code = gegevens.bron in (Bron.ENQUETE_ITEM, Bron.ENQUETE_SCHAAL, Bron.NORM)
    if needs_code and not gegevens.bron_code.strip():
        _fout(fouten, "bron_code", _("Vul de code in de bron in (vraag, schaal of norm)."))
    elif melding := indicatoren.bron_fout(gegevens.bron, gegevens.bron_code):
        _fout(fouten, "bron_code", melding)
    if gegevens.bron in NUMERIEKE_BRONNEN and gegevens.streefwaarde is None:
        _fout(fouten, "streefwaarde", _("Vul de streefwaarde in: het getal dat u wilt halen."))
    procent = gegevens.bron == Bron.ENQUETE_ITEM and gegevens.streefwaarde is not None
    if procent and not Decimal(0) <= gegevens.streefwaarde <= Decimal(100):  # type: ignore[operator]
        _fout(fouten, "streefwaarde", _("Een percentage ligt tussen 0 en 100."))
    if gegevens.bron == Bron.NORM:
        _keuze(fouten, "streefniveau", gegevens.streefniveau, Streefniveau.values)
    return fouten


@transaction.atomic
def doel_opslaan(
    *,
    acting_user: Any,
    organisatie: Organisatie,
    gegevens: DoelGegevens,
    doel: Doel | None = None,
) -> Doel:
    """Add a goal to ``organisatie``'s policy, or change ``doel``. Refused without an
    indicator, or with a code the source does not know."""
    _controleer(_doel_fouten(gegevens))
    beleid = _beleid(organisatie)
    if doel is None:
        doel = Doel(beleid=beleid, volgorde=beleid.doelen.count() + 1)
    elif doel.beleid_id != beleid.pk:
        raise ValidationError(_("Dit doel hoort niet bij deze organisatie."))
    is_numeriek = gegevens.bron in NUMERIEKE_BRONNEN
    doel.omschrijving = gegevens.omschrijving.strip()
    doel.indicator = gegevens.indicator.strip()
    doel.bron = gegevens.bron
    doel.bron_code = gegevens.bron_code.strip()
    doel.richting = gegevens.richting if is_numeriek else Richting.HOGER
    doel.streefwaarde = gegevens.streefwaarde if is_numeriek else None
    doel.streefniveau = "" if is_numeriek else gegevens.streefniveau
    nieuw = doel.pk is None
    doel.save()
    _aangeraakt(beleid)
    _event(
        acting_user,
        "doel_toegevoegd" if nieuw else "doel_gewijzigd",
        beleid,
        doel=doel.pk,
        bron=doel.bron,
        bron_code=doel.bron_code,
    )
    return doel


@transaction.atomic
def doel_verwijderen(*, acting_user: Any, doel: Doel) -> None:
    beleid = doel.beleid
    pk = doel.pk
    doel.delete()
    _aangeraakt(beleid)
    _event(acting_user, "doel_verwijderd", beleid, doel=pk)


# --- instruments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentGegevens:
    soort: str
    naam: str
    eigenaar: str
    herzien_op: date | None
    url: str = ""
    omschrijving: str = ""


@transaction.atomic
def instrument_opslaan(
    *,
    acting_user: Any,
    organisatie: Organisatie,
    gegevens: InstrumentGegevens,
    instrument: Instrument | None = None,
) -> Instrument:
    """Add or change an instrument; the revision date is required and not in the future."""
    fouten: Fouten = {}
    _keuze(fouten, "soort", gegevens.soort, InstrumentSoort.values)
    _verplicht(fouten, "naam", gegevens.naam, _("de naam"))
    _verplicht(fouten, "eigenaar", gegevens.eigenaar, _("de eigenaar (functie)"))
    if gegevens.herzien_op is None:
        _fout(fouten, "herzien_op", _("Vul de datum van de laatste herziening in."))
    _niet_in_toekomst(fouten, "herzien_op", gegevens.herzien_op, _("De herzieningsdatum"))
    _url(fouten, "url", gegevens.url.strip())
    _controleer(fouten)
    beleid = _beleid(organisatie)
    if instrument is None:
        instrument = Instrument(beleid=beleid)
    elif instrument.beleid_id != beleid.pk:
        raise ValidationError(_("Dit instrument hoort niet bij deze organisatie."))
    nieuw = instrument.pk is None
    for veld, waarde in asdict(gegevens).items():
        setattr(instrument, veld, waarde.strip() if isinstance(waarde, str) else waarde)
    instrument.save()
    _aangeraakt(beleid)
    _event(
        acting_user,
        "instrument_toegevoegd" if nieuw else "instrument_gewijzigd",
        beleid,
        instrument=instrument.pk,
        soort=instrument.soort,
    )
    return instrument


@transaction.atomic
def instrument_verwijderen(*, acting_user: Any, instrument: Instrument) -> None:
    beleid = instrument.beleid
    pk, soort = instrument.pk, instrument.soort
    instrument.delete()
    _aangeraakt(beleid)
    _event(acting_user, "instrument_verwijderd", beleid, instrument=pk, soort=soort)


# --- evaluations and follow-up actions -----------------------------------------------------


@dataclass(frozen=True)
class EvaluatieGegevens:
    datum: date | None
    reikwijdte: str
    bevindingen: str
    tegen_doelen: bool = False


@transaction.atomic
def evaluatie_opslaan(
    *,
    acting_user: Any,
    organisatie: Organisatie,
    gegevens: EvaluatieGegevens,
    evaluatie: Evaluatie | None = None,
) -> Evaluatie:
    """Record an evaluation that took place; a date in the future is refused."""
    fouten: Fouten = {}
    if gegevens.datum is None:
        _fout(fouten, "datum", _("Vul de datum van de evaluatie in."))
    elif gegevens.datum > timezone.localdate():
        _fout(
            fouten,
            "datum",
            _("De datum van de evaluatie ligt in de toekomst; leg een evaluatie vast als die "
              "heeft plaatsgevonden."),
        )  # fmt: skip
    _verplicht(fouten, "reikwijdte", gegevens.reikwijdte, _("de reikwijdte"))
    _verplicht(fouten, "bevindingen", gegevens.bevindingen, _("de bevindingen"))
    _controleer(fouten)
    beleid = _beleid(organisatie)
    if evaluatie is None:
        evaluatie = Evaluatie(beleid=beleid)
    elif evaluatie.beleid_id != beleid.pk:
        raise ValidationError(_("Deze evaluatie hoort niet bij deze organisatie."))
    nieuw = evaluatie.pk is None
    evaluatie.datum = gegevens.datum  # type: ignore[assignment]
    evaluatie.reikwijdte = gegevens.reikwijdte.strip()
    evaluatie.bevindingen = gegevens.bevindingen.strip()
    evaluatie.tegen_doelen = gegevens.tegen_doelen
    evaluatie.save()
    _aangeraakt(beleid)
    _event(
        acting_user,
        "evaluatie_toegevoegd" if nieuw else "evaluatie_gewijzigd",
        beleid,
        evaluatie=evaluatie.pk,
    )
    return evaluatie


@dataclass(frozen=True)
class ActieGegevens:
    omschrijving: str
    eigenaar: str
    deadline: date | None
    status: str = ActieStatus.OPEN


@transaction.atomic
def actie_opslaan(
    *,
    acting_user: Any,
    evaluatie: Evaluatie,
    gegevens: ActieGegevens,
    actie: Vervolgactie | None = None,
) -> Vervolgactie:
    """Add a follow-up action to ``evaluatie``, or change one (its status, mostly)."""
    fouten: Fouten = {}
    _verplicht(fouten, "omschrijving", gegevens.omschrijving, _("de actie"))
    _verplicht(fouten, "eigenaar", gegevens.eigenaar, _("de eigenaar (functie)"))
    if gegevens.deadline is None:
        _fout(fouten, "deadline", _("Vul in wanneer de actie uiterlijk klaar is."))
    _keuze(fouten, "status", gegevens.status, ActieStatus.values)
    _controleer(fouten)
    if actie is None:
        actie = Vervolgactie(evaluatie=evaluatie)
    elif actie.evaluatie_id != evaluatie.pk:
        raise ValidationError(_("Deze actie hoort niet bij deze evaluatie."))
    nieuw = actie.pk is None
    actie.omschrijving = gegevens.omschrijving.strip()
    actie.eigenaar = gegevens.eigenaar.strip()
    actie.deadline = gegevens.deadline  # type: ignore[assignment]
    actie.status = gegevens.status
    actie.save()
    _aangeraakt(evaluatie.beleid)
    _event(
        acting_user,
        "actie_toegevoegd" if nieuw else "actie_gewijzigd",
        evaluatie.beleid,
        evaluatie=evaluatie.pk,
        actie=actie.pk,
        status=actie.status,
    )
    return actie
