"""Interviews (each put to the interviewee, who approves or comments), the evidence log and
the measures of a decided case (issue 6). Content encrypted with the case vault; one audit
event per write; the case row locked. Re-exported by ``services``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from integriteit.onderzoeken import poort
from integriteit.onderzoeken._hulp import (
    _bestand_opslaan,
    _datum,
    _document,
    _eis_zaakrol,
    _event,
    _locked,
    _niet_afgesloten,
    _rollen_tekst,
    _tekst,
    _vandaag,
    _versleutel,
    zaakrollen,
)
from integriteit.onderzoeken.constants import (
    Soort,
    VerhoorStatus,
    Zaakrol,
)
from integriteit.onderzoeken.models import (
    Bewijsstuk,
    Maatregel,
    Maatregelsoort,
    Onderzoek,
    Verhoor,
)
from integriteit.onderzoeken.spec import Fase, Vereiste

# --- interviews, evidence, measures -----------------------------------------------------------


def _volgnummer(rijen: Any) -> int:
    return int(rijen.aggregate(n=Max("volgnummer"))["n"] or 0) + 1


@transaction.atomic
def verhoor_vastleggen(
    *, onderzoek: Onderzoek, door: Any, datum: date, gehoorde: str, verslag: str
) -> Verhoor:
    """An investigator records an interview (a draft until it is put to the interviewee)."""
    onderzoek = _locked(onderzoek)
    _niet_afgesloten(onderzoek)
    _eis_zaakrol(onderzoek, door, {Zaakrol.ONDERZOEKER}, _("een verhoor vastleggen"))
    gehoorde = _tekst(gehoorde, "gehoorde", wat=_("wie gehoord is"))
    verslag = _tekst(verslag, "verslag", wat=_("het verslag"))
    datum = _datum(datum, "datum")
    if datum > _vandaag():
        raise ValidationError({"datum": _("De datum van het verhoor ligt in de toekomst.")})
    verhoor = Verhoor.objects.create(
        onderzoek=onderzoek,
        volgnummer=_volgnummer(onderzoek.verhoren),
        datum=datum,
        gehoorde=_versleutel(onderzoek, "gehoorde", gehoorde),
        verslag=_versleutel(onderzoek, "verslag", verslag),
        vastgelegd_door=door,
    )
    _event(door, "onderzoek.verhoor_vastgelegd", onderzoek, volgnummer=verhoor.volgnummer)
    return verhoor


def _verhoor_locked(verhoor: Verhoor, door: Any) -> tuple[Onderzoek, Verhoor]:
    onderzoek = _locked(verhoor.onderzoek)
    _niet_afgesloten(onderzoek)
    _eis_zaakrol(onderzoek, door, {Zaakrol.ONDERZOEKER}, _("een verhoorverslag bijwerken"))
    return onderzoek, Verhoor.objects.select_for_update().get(pk=verhoor.pk)


@transaction.atomic
def verhoor_voorleggen(*, verhoor: Verhoor, door: Any) -> Verhoor:
    """The record is put to the interviewee, who approves it or comments on it."""
    onderzoek, verhoor = _verhoor_locked(verhoor, door)
    if verhoor.status != VerhoorStatus.CONCEPT:
        raise ValidationError(_("Dit verhoorverslag is al voorgelegd."))
    verhoor.status = VerhoorStatus.VOORGELEGD
    verhoor.save(update_fields=["status"])
    _event(door, "onderzoek.verhoor_voorgelegd", onderzoek, volgnummer=verhoor.volgnummer)
    return verhoor


@transaction.atomic
def verhoor_reactie(
    *,
    verhoor: Verhoor,
    door: Any,
    goedgekeurd: bool,
    commentaar: str = "",
    op: date | None = None,
) -> Verhoor:
    """The interviewee's response, recorded by the investigator: approved, or comments (the
    comments encrypted and kept with the record, which itself stays as it was)."""
    onderzoek, verhoor = _verhoor_locked(verhoor, door)
    if verhoor.status != VerhoorStatus.VOORGELEGD:
        raise ValidationError(_("Leg het verhoorverslag eerst voor aan de gehoorde."))
    if not goedgekeurd:
        commentaar = _tekst(commentaar, "commentaar", wat=_("het commentaar van de gehoorde"))
        verhoor.reactie = _versleutel(onderzoek, "reactie", commentaar)
        verhoor.status = VerhoorStatus.BECOMMENTARIEERD
    else:
        verhoor.status = VerhoorStatus.GOEDGEKEURD
    verhoor.reactie_op = op or _vandaag()
    verhoor.save(update_fields=["status", "reactie", "reactie_op"])
    _event(
        door,
        "onderzoek.verhoor_reactie",
        onderzoek,
        volgnummer=verhoor.volgnummer,
        status=verhoor.status,
    )
    return verhoor


@transaction.atomic
def bewijs_vastleggen(
    *,
    onderzoek: Onderzoek,
    door: Any,
    omschrijving: str,
    verkregen_op: date,
    bestand: UploadedFile | None = None,
) -> Bewijsstuk:
    """An item of the evidence log: what it is and where it came from, with an optional file."""
    onderzoek = _locked(onderzoek)
    _niet_afgesloten(onderzoek)
    _eis_zaakrol(onderzoek, door, {Zaakrol.ONDERZOEKER}, _("bewijs vastleggen"))
    wat = _("wat het is en waar het vandaan komt")
    omschrijving = _tekst(omschrijving, "omschrijving", wat=wat)
    verkregen_op = _datum(verkregen_op, "verkregen_op")
    if verkregen_op > _vandaag():
        raise ValidationError({"verkregen_op": _("De datum ligt in de toekomst.")})
    stuk = Bewijsstuk(
        onderzoek=onderzoek,
        volgnummer=_volgnummer(onderzoek.bewijsstukken),
        omschrijving=_versleutel(onderzoek, "omschrijving", omschrijving),
        verkregen_op=verkregen_op,
        vastgelegd_door=door,
    )
    if bestand is not None:
        data, naam = _document(bestand, "bestand")
        _bestand_opslaan(onderzoek, stuk, data, naam)
    stuk.save()
    _event(
        door,
        "onderzoek.bewijs_vastgelegd",
        onderzoek,
        volgnummer=stuk.volgnummer,
        bestand=bool(bestand),
    )
    return stuk


def _maatregel_fase(onderzoek: Onderzoek) -> tuple[Fase, Vereiste | None]:
    """The phase (and requirement) where the protocol asks for measures."""
    spec = poort.spec(onderzoek)
    for fase in spec.fasen:
        for vereiste in fase.vereisten:
            if vereiste.soort == Soort.MAATREGELEN:
                return fase, vereiste
    return spec.laatste, None


@transaction.atomic
def maatregel_registreren(
    *, onderzoek: Onderzoek, door: Any, soort: Maatregelsoort, datum: date, motivering: str
) -> Maatregel:
    """A measure of a decided case: from the phase where the protocol asks for measures (the
    decision) onwards, by the role that decides there; the reasoning on proportionality is
    encrypted, the kind and date stay readable for the statistics."""
    onderzoek = _locked(onderzoek)
    _niet_afgesloten(onderzoek)
    spec = poort.spec(onderzoek)
    fase, vereiste = _maatregel_fase(onderzoek)
    if spec.index(onderzoek.fase) < spec.index(fase.code):
        raise ValidationError(
            {
                "soort": _(
                    "Maatregelen worden vastgelegd vanaf de fase ‘%(fase)s’; het onderzoek is nog "
                    "in de fase ‘%(huidig)s’."
                )
                % {"fase": fase.titel, "huidig": spec.fase(onderzoek.fase).titel}
            }
        )
    if not poort.mag_handelen(fase, zaakrollen(onderzoek, door), vereiste):
        raise PermissionDenied(
            _("Een maatregel legt alleen %(wie)s vast.")
            % {"wie": _rollen_tekst((vereiste.door if vereiste else ()) or fase.actoren)}
        )
    if not soort.actief:
        raise ValidationError({"soort": _("Deze soort maatregel is niet meer te kiezen.")})
    datum = _datum(datum, "datum")
    motivering = _tekst(motivering, "motivering", wat=_("de motivering van de maatregel"))
    maatregel = Maatregel.objects.create(
        onderzoek=onderzoek,
        soort=soort,
        datum=datum,
        motivering=_versleutel(onderzoek, "motivering", motivering),
        geregistreerd_door=door,
    )
    _event(
        door,
        "onderzoek.maatregel_geregistreerd",
        onderzoek,
        soort=soort.code,
        datum=datum.isoformat(),
    )
    return maatregel
