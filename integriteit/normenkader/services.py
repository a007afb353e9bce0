"""Owns every write to assessments: cycles, assessments and their workflow, ratings,
evidence and improvement actions. Frameworks themselves are loaded by ``loader.py``.

Each service runs in one transaction and writes its audit event in it. Who may call a
service for which organisation is decided by the views through the selectors' scopes; the
services enforce the rules of the data (status, completeness, immutability).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.normenkader.constants import ActieStatus, AppliesTo, BewijsSoort, Soort, Status
from integriteit.normenkader.models import (
    Beoordeling,
    Bewijs,
    Cyclus,
    Niveau,
    Norm,
    Normenkader,
    Oordeel,
    StatusWijziging,
    Verbeteractie,
)
from integriteit.normenkader.workflow import ALLOWED_TRANSITIONS, NEEDS_REASON
from integriteit.organisaties.constants import Soort as OrgSoort
from integriteit.organisaties.models import Organisatie


def _event(actor: Any, action: str, beoordeling: Beoordeling, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=action,
        object_type="beoordeling",
        object_id=beoordeling.pk,
        organisatie_id=beoordeling.organisatie_id,
        details={"cyclus": beoordeling.cyclus.jaar, "soort": beoordeling.soort, **details},
    )


def applies_to_for(organisatie: Organisatie) -> str:
    """The root of the tree carries the coordinating-role norms; ministries the others."""
    return AppliesTo.COORDINATOR if organisatie.soort == OrgSoort.RIJK else AppliesTo.ORGANISATION


def norms_for(*, normenkader: Normenkader, organisatie: Organisatie) -> list[Norm]:
    return list(
        normenkader.normen.filter(groep__applies_to=applies_to_for(organisatie))
        .select_related("groep")
        .order_by("volgorde")
    )


@transaction.atomic
def cyclus_create(
    *, acting_user: Any, jaar: int, normenkader: Normenkader, titel: str = "", vorige: Cyclus | None
) -> Cyclus:
    """A new cycle; with ``vorige`` its assessments show that cycle's levels as "previous"."""
    if Cyclus.objects.filter(jaar=jaar, normenkader=normenkader).exists():
        raise ValidationError(
            {"jaar": _("Er is al een cyclus %(jaar)s voor dit normenkader.") % {"jaar": jaar}}
        )
    if vorige is not None and vorige.jaar >= jaar:
        raise ValidationError({"vorige": _("De vorige cyclus moet een eerder jaar hebben.")})
    cyclus = Cyclus.objects.create(
        jaar=jaar,
        normenkader=normenkader,
        titel=titel or _("Beoordeling %(jaar)s") % {"jaar": jaar},
        vorige=vorige,
    )
    audit_log(
        actor=acting_user,
        action="cyclus.aangemaakt",
        object_type="cyclus",
        object_id=cyclus.pk,
        details={
            "jaar": jaar,
            "normenkader": str(normenkader.code),
            "vorige": vorige and vorige.jaar,
        },
    )
    return cyclus


@transaction.atomic
def beoordeling_start(
    *, acting_user: Any, cyclus: Cyclus, organisatie: Organisatie, soort: str, beoordelaar: str = ""
) -> Beoordeling:
    """A new concept assessment with an empty rating for every norm that applies."""
    if organisatie.soort == OrgSoort.ONDERDEEL:
        raise ValidationError(
            _("Beoordelingen gaan over een ministerie of over het Rijk, niet over een onderdeel.")
        )
    existing = Beoordeling.objects.filter(cyclus=cyclus, organisatie=organisatie, soort=soort)
    if existing.exists():
        raise ValidationError(
            _("Er is al een %(soort)s van %(org)s in deze cyclus; werk die bij of corrigeer die.")
            % {"soort": Soort(soort).label.lower(), "org": organisatie.code}
        )
    beoordeling = Beoordeling.objects.create(
        cyclus=cyclus,
        organisatie=organisatie,
        soort=soort,
        beoordelaar=beoordelaar or _user_label(acting_user),
        aangemaakt_door=acting_user if getattr(acting_user, "pk", None) else None,
    )
    norms = norms_for(normenkader=cyclus.normenkader, organisatie=organisatie)
    Oordeel.objects.bulk_create([Oordeel(beoordeling=beoordeling, norm=norm) for norm in norms])
    StatusWijziging.objects.create(
        beoordeling=beoordeling, naar=Status.CONCEPT, door=beoordeling.aangemaakt_door
    )
    _event(acting_user, "beoordeling.gestart", beoordeling)
    return beoordeling


def _user_label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user.get_full_name() or user.get_username())


def _lock(beoordeling: Beoordeling) -> Beoordeling:
    return Beoordeling.objects.select_for_update().select_related("cyclus").get(pk=beoordeling.pk)


def _require_concept(beoordeling: Beoordeling) -> None:
    if beoordeling.status != Status.CONCEPT:
        raise ValidationError(
            _("Deze beoordeling is %(status)s en kan niet meer worden gewijzigd.")
            % {"status": Status(beoordeling.status).label.lower()}
        )


@transaction.atomic
def oordeel_update(
    *, acting_user: Any, oordeel: Oordeel, niveau: Niveau | None, bevinding: str, bron: str = ""
) -> Oordeel:
    beoordeling = _lock(oordeel.beoordeling)
    _require_concept(beoordeling)
    if niveau is not None and niveau.normenkader_id != beoordeling.cyclus.normenkader_id:
        raise ValidationError(
            {"niveau": _("Dit niveau hoort niet bij het normenkader van de cyclus.")}
        )
    before = oordeel.niveau.code if oordeel.niveau else None
    oordeel.niveau = niveau
    oordeel.bevinding = bevinding.strip()
    oordeel.bron = bron.strip()
    oordeel.gewijzigd_op = timezone.now()
    oordeel.save(update_fields=["niveau", "bevinding", "bron", "gewijzigd_op"])
    _event(
        acting_user,
        "oordeel.gewijzigd",
        beoordeling,
        norm=oordeel.norm.code,
        van=before,
        naar=niveau.code if niveau else None,
    )
    return oordeel


def _check_transition(beoordeling: Beoordeling, naar: str, toelichting: str) -> None:
    if naar not in ALLOWED_TRANSITIONS.get(beoordeling.status, frozenset()):
        raise ValidationError(
            _("Van %(van)s naar %(naar)s kan niet.")
            % {"van": Status(beoordeling.status).label.lower(), "naar": Status(naar).label.lower()}
        )
    if (beoordeling.status, naar) in NEEDS_REASON and not toelichting.strip():
        raise ValidationError({"toelichting": _("Geef een reden.")})
    if naar == Status.INGEDIEND:
        open_norms = [
            o.norm.code for o in beoordeling.oordelen.select_related("norm") if o.niveau_id is None
        ]
        if open_norms:
            raise ValidationError(
                _("Nog niet alle normen zijn beoordeeld: %(normen)s. Kies zo nodig ‘onbekend’.")
                % {"normen": ", ".join(open_norms)}
            )


@transaction.atomic
def beoordeling_transition(
    *, acting_user: Any, beoordeling: Beoordeling, naar: str, toelichting: str = ""
) -> Beoordeling:
    locked = _lock(beoordeling)
    _check_transition(locked, naar, toelichting)
    van = locked.status
    locked.status = naar
    now = timezone.now()
    if naar == Status.INGEDIEND:
        locked.ingediend_op = now
    if naar == Status.DEFINITIEF:
        locked.definitief_op = now
    locked.save(update_fields=["status", "ingediend_op", "definitief_op"])
    door = acting_user if getattr(acting_user, "pk", None) else None
    StatusWijziging.objects.create(
        beoordeling=locked, van=van, naar=naar, door=door, toelichting=toelichting.strip()
    )
    _event(acting_user, "beoordeling.status", locked, van=van, naar=naar)
    return locked


@transaction.atomic
def beoordeling_correct(*, acting_user: Any, beoordeling: Beoordeling, reden: str) -> Beoordeling:
    """A new concept version of a final assessment, with its ratings copied, and the reason."""
    original = _lock(beoordeling)
    if original.status != Status.DEFINITIEF:
        raise ValidationError(
            _("Alleen een definitieve beoordeling wordt gecorrigeerd; wijzig een concept gewoon.")
        )
    if hasattr(original, "vervangen_door"):
        raise ValidationError(_("Deze versie is al gecorrigeerd; corrigeer de nieuwste versie."))
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van de correctie.")})
    correction = Beoordeling.objects.create(
        cyclus=original.cyclus,
        organisatie=original.organisatie,
        soort=original.soort,
        versie=original.versie + 1,
        vervangt=original,
        correctie_reden=reden.strip(),
        beoordelaar=original.beoordelaar,
        aangemaakt_door=acting_user if getattr(acting_user, "pk", None) else None,
    )
    Oordeel.objects.bulk_create(
        [
            Oordeel(
                beoordeling=correction,
                norm=o.norm,
                niveau=o.niveau,
                bevinding=o.bevinding,
                bron=o.bron,
            )
            for o in original.oordelen.all()
        ]
    )
    StatusWijziging.objects.create(
        beoordeling=correction,
        naar=Status.CONCEPT,
        door=correction.aangemaakt_door,
        toelichting=reden.strip(),
    )
    _event(
        acting_user,
        "beoordeling.gecorrigeerd",
        correction,
        vervangt=original.pk,
        versie=correction.versie,
    )
    return correction


@transaction.atomic
def bewijs_add(
    *,
    acting_user: Any,
    oordeel: Oordeel,
    omschrijving: str,
    peildatum: date,
    bestand: Any = None,
    url: str = "",
) -> Bewijs:
    beoordeling = _lock(oordeel.beoordeling)
    _require_concept(beoordeling)
    if bool(bestand) == bool(url):
        raise ValidationError(_("Voeg een bestand óf een link toe (precies één van beide)."))
    bewijs = Bewijs.objects.create(
        oordeel=oordeel,
        soort=BewijsSoort.BESTAND if bestand else BewijsSoort.LINK,
        bestand=bestand or "",
        url=url,
        omschrijving=omschrijving.strip(),
        peildatum=peildatum,
        toegevoegd_door=acting_user if getattr(acting_user, "pk", None) else None,
    )
    _event(acting_user, "bewijs.toegevoegd", beoordeling, norm=oordeel.norm.code, bewijs=bewijs.pk)
    return bewijs


@transaction.atomic
def bewijs_gelezen(*, acting_user: Any, bewijs: Bewijs) -> None:
    """Every download of evidence is an audit event (reads of assessment content)."""
    beoordeling = bewijs.oordeel.beoordeling
    audit_log(
        actor=acting_user,
        action="bewijs.gelezen",
        object_type="bewijs",
        object_id=bewijs.pk,
        organisatie_id=beoordeling.organisatie_id,
        details={"beoordeling": beoordeling.pk, "norm": bewijs.oordeel.norm.code},
    )


@transaction.atomic
def verbeteractie_create(
    *,
    acting_user: Any,
    oordeel: Oordeel,
    omschrijving: str,
    eigenaar: str,
    deadline: date,
) -> Verbeteractie:
    actie = Verbeteractie.objects.create(
        organisatie=oordeel.beoordeling.organisatie,
        norm=oordeel.norm,
        oordeel=oordeel,
        omschrijving=omschrijving.strip(),
        eigenaar=eigenaar.strip(),
        deadline=deadline,
        aangemaakt_door=acting_user if getattr(acting_user, "pk", None) else None,
    )
    _actie_event(acting_user, "verbeteractie.aangemaakt", actie)
    return actie


def _actie_event(actor: Any, action: str, actie: Verbeteractie, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=action,
        object_type="verbeteractie",
        object_id=actie.pk,
        organisatie_id=actie.organisatie_id,
        details={"norm": actie.norm.code, "status": actie.status, **details},
    )


@transaction.atomic
def verbeteractie_update(
    *,
    acting_user: Any,
    actie: Verbeteractie,
    status: str,
    afsluitend_bewijs: str = "",
    deadline: date | None = None,
) -> Verbeteractie:
    """Change the status (and deadline); closing an action needs closing evidence."""
    locked = Verbeteractie.objects.select_for_update().get(pk=actie.pk)
    if status not in ActieStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    if status == ActieStatus.AFGEROND and not afsluitend_bewijs.strip():
        raise ValidationError(
            {"afsluitend_bewijs": _("Beschrijf waaruit blijkt dat de actie is uitgevoerd.")}
        )
    van = locked.status
    locked.status = status
    locked.afsluitend_bewijs = afsluitend_bewijs.strip()
    locked.afgerond_op = timezone.localdate() if status == ActieStatus.AFGEROND else None
    if deadline is not None:
        locked.deadline = deadline
    locked.save()
    _actie_event(acting_user, "verbeteractie.gewijzigd", locked, van=van)
    return locked
