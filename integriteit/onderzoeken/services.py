"""Writes of the investigations module (issue 6): opening a case, its participants, the
registrations the protocol requires, interviews, evidence and measures, and the steps through
the phases — each refused, with a Dutch message, when the protocol's gate (``poort``) says
something is missing, unless a coordinator consented to a reasoned deviation.

Every write is one transaction with one audit event (object type "onderzoek"; details hold
codes, counts and ids, never content). Content goes into the case's vault at once
(``kluis.inhoud_versleutelen`` with the vault's public key: writing needs no private key, only
reading does). The case row is locked (``select_for_update``) by every write, so a
registration and a transition never interleave. History is only added to: each step is a new
``Overgang`` row, a registration is corrected by a newer row.

Who may act is decided per case: the staff roles of ``Deelnemer`` (bevoegd gezag,
onderzoeker, coördinator) against the phase's actors (``poort.mag_handelen``); opening a case
and naming participants also by the organisation's coordinators (``ONDERZOEK_OPENEN`` in
scope). A refusal for lack of a role is a ``PermissionDenied``; bad input a
``ValidationError`` naming the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from integriteit.common.roles import Rol
from integriteit.common.schendingen import Schending
from integriteit.kluis import services as kluis
from integriteit.kluis.models import KluisDoel
from integriteit.meldingen import services as melding_services
from integriteit.meldingen.constants import Status as MeldingStatus
from integriteit.meldingen.constants import Triage
from integriteit.meldingen.models import Melding
from integriteit.onderzoeken import poort
from integriteit.onderzoeken._hulp import (
    MAX_TEKST,
    ROL_VOOR_ZAAKROL,
    _bestand_opslaan,
    _datum,
    _dekt,
    _document,
    _event,
    _heeft_rol,
    _locked,
    _mag_openen,
    _niet_afgesloten,
    _rollen_tekst,
    _tekst,
    _uiterlijk,
    _vandaag,
    _versleutel,
    zaakrollen,
)
from integriteit.onderzoeken.constants import (
    ZAAKROLLEN_GEBRUIKER,
    Gebeurtenis,
    Soort,
    Zaakrol,
)
from integriteit.onderzoeken.models import (
    Deelnemer,
    Onderzoek,
    Overgang,
    Registratie,
)
from integriteit.onderzoeken.protocol import spec_van_tekst
from integriteit.onderzoeken.protocollen import actief_protocol
from integriteit.onderzoeken.services_stukken import (
    bewijs_vastleggen,
    maatregel_registreren,
    verhoor_reactie,
    verhoor_vastleggen,
    verhoor_voorleggen,
)
from integriteit.onderzoeken.services_verloop import (
    afwijking_aanvragen,
    afwijking_beslissen,
    fase_afronden,
    hervatten,
    opschorten,
    verlengen,
)
from integriteit.onderzoeken.spec import Vereiste
from integriteit.organisaties.models import Organisatie

__all__ = [
    "afwijking_aanvragen",
    "afwijking_beslissen",
    "bewijs_vastleggen",
    "deelnemer_toevoegen",
    "fase_afronden",
    "hervatten",
    "inhoud_lezen",
    "kluis_van_deelnemer",
    "maatregel_registreren",
    "onafhankelijkheid_verklaren",
    "onderzoek_openen",
    "opschorten",
    "registreren",
    "verhoor_reactie",
    "verhoor_vastleggen",
    "verhoor_voorleggen",
    "verlengen",
    "zaakrollen",
]


# --- opening ----------------------------------------------------------------------------------


def _nummer(organisatie: Organisatie, jaar: int) -> str:
    prefix = f"ONZ-{organisatie.code}-{jaar}-"
    bestaand = Onderzoek.objects.filter(nummer__startswith=prefix).count()
    return f"{prefix}{bestaand + 1:04d}"


def _meldingen_fouten(
    organisatie: Organisatie, meldingen_lijst: Sequence[Melding], reden: str | None
) -> list[str]:
    if not meldingen_lijst and not (reden or "").strip():
        return [
            _(
                "Kies minstens één melding, of geef de reden voor een onderzoek op eigen "
                "initiatief van het bevoegd gezag."
            )
        ]
    return [
        _("Melding %(nummer)s hoort niet bij deze organisatie.") % {"nummer": melding.nummer}
        for melding in meldingen_lijst
        if not melding.organisatie.pad.startswith(organisatie.pad)
    ]


def _check_openen(
    *,
    organisatie: Organisatie,
    door: Any,
    meldingen_lijst: Sequence[Melding],
    soort: str,
    bevoegd_gezag: Any,
    reden: str | None,
) -> None:
    if not _mag_openen(door, organisatie):
        raise PermissionDenied(_("U kunt in deze organisatie geen onderzoek openen."))
    errors: dict[str, list[str]] = {}
    if fouten := _meldingen_fouten(organisatie, meldingen_lijst, reden):
        errors["meldingen"] = fouten
    if reden is not None and len(reden) > MAX_TEKST:
        errors["eigen_initiatief_reden"] = [_("Maximaal %(n)d tekens.") % {"n": MAX_TEKST}]
    if soort and soort not in Schending.values:
        errors["soort"] = [_("Kies een van de soorten schendingen, of laat dit leeg.")]
    if bevoegd_gezag is None or not _dekt(bevoegd_gezag, organisatie, Rol.BEVOEGD_GEZAG):
        errors["bevoegd_gezag"] = [_("Kies iemand die bevoegd gezag is in deze organisatie.")]
    elif kluis.publieke_sleutel(bevoegd_gezag) is None:
        errors["bevoegd_gezag"] = [
            _("Het bevoegd gezag heeft nog geen sleutel: die moet eerst eenmaal inloggen.")
        ]
    if kluis.publieke_sleutel(door) is None:
        errors["door"] = [_("U heeft nog geen sleutel: log opnieuw in met uw wachtwoord.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def onderzoek_openen(
    *,
    organisatie: Organisatie,
    door: Any,
    bevoegd_gezag: Any,
    meldingen: Sequence[Melding] = (),
    soort: str = "",
    eigen_initiatief_reden: str | None = None,
) -> Onderzoek:
    """Open an investigation from reports of ``organisatie`` (or on the competent authority's
    own initiative, with a reason): the protocol is the organisation's active one, the vault
    is sealed to the opener (the case's coordinator) and the competent authority, the case
    starts in the protocol's first phase. Reports without a triage get "onderzoek"."""
    meldingen_lijst = list(meldingen)
    _check_openen(
        organisatie=organisatie,
        door=door,
        meldingen_lijst=meldingen_lijst,
        soort=soort,
        bevoegd_gezag=bevoegd_gezag,
        reden=eigen_initiatief_reden,
    )
    protocol = actief_protocol(organisatie)
    eerste = spec_van_tekst(protocol.yaml, f"{protocol.code}.yaml").eerste
    vandaag = _vandaag()
    gebruikers = [door] if door.pk == bevoegd_gezag.pk else [door, bevoegd_gezag]
    vault = kluis.kluis_maken(
        doel=KluisDoel.ONDERZOEK, organisatie=organisatie, gebruikers=gebruikers
    ).kluis
    onderzoek = Onderzoek(
        organisatie=organisatie,
        nummer=_nummer(organisatie, vandaag.year),
        protocol=protocol,
        soort=soort,
        fase=eerste.code,
        fase_sinds=vandaag,
        fase_uiterlijk=_uiterlijk(eerste, vandaag),
        kluis=vault,
        geopend_op=vandaag,
    )
    try:
        with transaction.atomic():
            onderzoek.save()
    except IntegrityError as error:  # a concurrent opening took the number
        raise ValidationError(
            _("Probeer het nog eens; er werd tegelijk een onderzoek geopend.")
        ) from error
    Deelnemer.objects.create(onderzoek=onderzoek, rol=Zaakrol.COORDINATOR, gebruiker=door)
    Deelnemer.objects.create(
        onderzoek=onderzoek, rol=Zaakrol.BEVOEGD_GEZAG, gebruiker=bevoegd_gezag
    )
    reden = (eigen_initiatief_reden or "").strip()
    Overgang.objects.create(
        onderzoek=onderzoek,
        soort=Gebeurtenis.GEOPEND,
        naar_fase=eerste.code,
        door=door,
        reden=_versleutel(onderzoek, "reden", reden) if reden and not meldingen_lijst else None,
    )
    onderzoek.meldingen.set(meldingen_lijst)
    for melding in meldingen_lijst:
        if not melding.triage and melding.status != MeldingStatus.AFGESLOTEN:
            melding_services.triage_vastleggen(
                melding=melding, door=door, uitkomst=Triage.ONDERZOEK
            )
    _event(
        door,
        "onderzoek.geopend",
        onderzoek,
        nummer=onderzoek.nummer,
        meldingen=[m.pk for m in meldingen_lijst],
        eigen_initiatief=not meldingen_lijst,
        protocol=f"{protocol.code} {protocol.versie}",
        fase=eerste.code,
        bevoegd_gezag=bevoegd_gezag.pk,
    )
    return onderzoek


def kluis_van_deelnemer(*, onderzoek: Onderzoek, gebruiker: Any, private: bytes | None) -> bytes:
    """The case key for a staff participant; every successful opening is an audit event."""
    if private is None:
        raise kluis.GeenToegang(_("Log opnieuw in om versleutelde inhoud te kunnen lezen."))
    if not zaakrollen(onderzoek, gebruiker):
        raise kluis.GeenToegang(_("U neemt geen deel aan dit onderzoek."))
    sleutel = kluis.kluis_openen(kluis=onderzoek.kluis, gebruiker=gebruiker, private=private)
    _event(gebruiker, "onderzoek.inhoud_gelezen", onderzoek)
    return sleutel


def inhoud_lezen(sleutel: bytes, onderzoek: Onderzoek, veld: str, blob: bytes) -> str:
    """Decrypt one text field of the case (``veld`` as it was encrypted)."""
    return kluis.inhoud_ontsleutelen(onderzoek.kluis, sleutel, veld, bytes(blob)).decode()


# --- participants -----------------------------------------------------------------------------


@transaction.atomic
def deelnemer_toevoegen(
    *,
    onderzoek: Onderzoek,
    door: Any,
    rol: str,
    gebruiker: Any = None,
    door_private: bytes | None = None,
    omschrijving: str = "",
) -> Deelnemer:
    """Add a participant. Staff (bevoegd gezag, onderzoeker, coördinator): a user holding the
    matching role (bevoegd gezag and coördinator in the organisation; an investigator anywhere,
    e.g. a central investigations unit), granted the case key by ``door`` with ``door``'s own
    key. Subject, reporter, witness: described, the description encrypted. Added by the
    organisation's coordinators or the case's competent authority or coordinator."""
    onderzoek = _locked(onderzoek)
    _niet_afgesloten(onderzoek)
    if not (
        _mag_openen(door, onderzoek.organisatie)
        or zaakrollen(onderzoek, door) & {Zaakrol.BEVOEGD_GEZAG, Zaakrol.COORDINATOR}
    ):
        raise PermissionDenied(_("U kunt aan dit onderzoek geen deelnemers toevoegen."))
    if rol not in Zaakrol.values:
        raise ValidationError({"rol": _("Kies een rol in het onderzoek.")})
    if rol in ZAAKROLLEN_GEBRUIKER:
        deelnemer = _medewerker_toevoegen(onderzoek, door, rol, gebruiker, door_private)
        _event(door, "onderzoek.deelnemer_toegevoegd", onderzoek, rol=rol, gebruiker=gebruiker.pk)
        return deelnemer
    if gebruiker is not None:
        raise ValidationError(
            {"gebruiker": _("Een betrokkene, melder of getuige wordt beschreven, niet gekozen.")}
        )
    tekst = _tekst(omschrijving, "omschrijving", wat=_("naam en functie"))
    deelnemer = Deelnemer.objects.create(
        onderzoek=onderzoek,
        rol=rol,
        omschrijving=_versleutel(onderzoek, "omschrijving", tekst),
    )
    _event(door, "onderzoek.deelnemer_toegevoegd", onderzoek, rol=rol, deelnemer=deelnemer.pk)
    return deelnemer


def _medewerker_toevoegen(
    onderzoek: Onderzoek, door: Any, rol: str, gebruiker: Any, door_private: bytes | None
) -> Deelnemer:
    if gebruiker is None:
        raise ValidationError({"gebruiker": _("Kies een gebruiker.")})
    vereist = ROL_VOOR_ZAAKROL[Zaakrol(rol)]
    heeft = (
        _heeft_rol(gebruiker, vereist)
        if rol == Zaakrol.ONDERZOEKER
        else _dekt(gebruiker, onderzoek.organisatie, vereist)
    )
    if not gebruiker.is_active or not heeft:
        raise ValidationError(
            {
                "gebruiker": _("%(naam)s heeft niet de rol %(rol)s.")
                % {"naam": gebruiker.get_username(), "rol": str(Rol(vereist).label).lower()}
            }
        )
    if Deelnemer.objects.filter(onderzoek=onderzoek, rol=rol, gebruiker=gebruiker).exists():
        raise ValidationError(
            {
                "gebruiker": _("%(naam)s is al %(rol)s in dit onderzoek.")
                % {"naam": gebruiker.get_username(), "rol": str(Zaakrol(rol).label).lower()}
            }
        )
    if not kluis.heeft_toegang(kluis=onderzoek.kluis, gebruiker=gebruiker):
        if kluis.publieke_sleutel(gebruiker) is None:
            raise ValidationError(
                {
                    "gebruiker": _(
                        "%(naam)s heeft nog geen sleutel: die moet eerst eenmaal inloggen."
                    )
                    % {"naam": gebruiker.get_username()}
                }
            )
        if door_private is None:
            raise kluis.GeenToegang(_("Log opnieuw in om toegang te kunnen verlenen."))
        kluis.toegang_verlenen(
            kluis=onderzoek.kluis, door=door, door_private=door_private, aan=gebruiker
        )
    return Deelnemer.objects.create(onderzoek=onderzoek, rol=rol, gebruiker=gebruiker)


@transaction.atomic
def onafhankelijkheid_verklaren(
    *, onderzoek: Onderzoek, door: Any, verklaring: str, op: date | None = None
) -> Deelnemer:
    """The investigator declares, in their own words, to have no tie with the subject or the
    reporter (encrypted); once per investigator."""
    onderzoek = _locked(onderzoek)
    _niet_afgesloten(onderzoek)
    deelnemer = Deelnemer.objects.filter(
        onderzoek=onderzoek, rol=Zaakrol.ONDERZOEKER, gebruiker=door
    ).first()
    if deelnemer is None:
        raise PermissionDenied(_("Alleen een onderzoeker van dit onderzoek verklaart dit."))
    if deelnemer.onafhankelijk_op is not None:
        raise ValidationError(_("U heeft uw onafhankelijkheid al verklaard."))
    tekst = _tekst(verklaring, "verklaring", wat=_("de verklaring"))
    op = op or _vandaag()
    if op > _vandaag():
        raise ValidationError({"op": _("De datum ligt in de toekomst.")})
    deelnemer.onafhankelijk_op = op
    deelnemer.onafhankelijkheid = _versleutel(onderzoek, "onafhankelijkheid", tekst)
    deelnemer.save(update_fields=["onafhankelijk_op", "onafhankelijkheid"])
    _event(door, "onderzoek.onafhankelijkheid_verklaard", onderzoek, op=op.isoformat())
    return deelnemer


# --- registrations ----------------------------------------------------------------------------

GEREGISTREERD = frozenset({Soort.TEKST, Soort.DATUM, Soort.KEUZE, Soort.DOCUMENT})


@transaction.atomic
def registreren(
    *, onderzoek: Onderzoek, door: Any, vereiste_code: str, waarde: object
) -> Registratie:
    """Register what a requirement of the current phase asks: a text, a date, one of the
    options of a choice, or a document (the same type and size rules as report attachments).
    Only in the requirement's own phase, while it is the current one, and only by a role that
    acts there. Append-only: registering again adds a newer row, which counts."""
    onderzoek = _locked(onderzoek)
    _niet_afgesloten(onderzoek)
    spec = poort.spec(onderzoek)
    try:
        fase, vereiste = spec.vereiste(vereiste_code)
    except KeyError:
        raise ValidationError({"vereiste": _("Het protocol kent deze vereiste niet.")}) from None
    if vereiste.soort not in GEREGISTREERD:
        raise ValidationError(
            {
                "vereiste": _(
                    "‘%(titel)s’ volgt uit de deelnemers, verhoren, bewijsstukken of maatregelen; "
                    "leg die vast."
                )
                % {"titel": vereiste.titel}
            }
        )
    if fase.code != onderzoek.fase:
        huidig = spec.fase(onderzoek.fase)
        raise ValidationError(
            {
                "vereiste": _(
                    "‘%(titel)s’ hoort bij de fase ‘%(fase)s’, maar het onderzoek is in de fase "
                    "‘%(huidig)s’. Registreren kan alleen in de huidige fase."
                )
                % {"titel": vereiste.titel, "fase": fase.titel, "huidig": huidig.titel}
            }
        )
    if not poort.mag_handelen(fase, zaakrollen(onderzoek, door), vereiste):
        wie = vereiste.door or fase.actoren
        raise PermissionDenied(
            _("‘%(titel)s’ legt alleen %(wie)s vast.")
            % {"titel": vereiste.titel, "wie": _rollen_tekst(wie)}
        )
    registratie = Registratie(
        onderzoek=onderzoek, fase=fase.code, vereiste=vereiste.code, geregistreerd_door=door
    )
    _waarde_zetten(onderzoek, registratie, vereiste, waarde)
    registratie.save()
    details: dict[str, Any] = {"vereiste": vereiste.code, "fase": fase.code}
    if registratie.keuze:
        details["keuze"] = registratie.keuze
    _event(door, "onderzoek.geregistreerd", onderzoek, **details)
    return registratie


def _waarde_zetten(
    onderzoek: Onderzoek, registratie: Registratie, vereiste: Vereiste, waarde: object
) -> None:
    """The value checked by the requirement's kind, content encrypted; errors name the
    requirement's code as the field."""
    veld = vereiste.code
    if vereiste.soort == Soort.TEKST:
        tekst = _tekst(str(waarde or ""), veld, wat=vereiste.titel.lower())
        registratie.tekst = _versleutel(onderzoek, "tekst", tekst)
    elif vereiste.soort == Soort.DATUM:
        registratie.datum = _datum(waarde, veld)
    elif vereiste.soort == Soort.KEUZE:
        opties = [code for code, _label in vereiste.opties]
        if waarde not in opties:
            raise ValidationError(
                {veld: _("Kies een van: %(opties)s.") % {"opties": ", ".join(opties)}}
            )
        registratie.keuze = str(waarde)
    else:
        if not isinstance(waarde, UploadedFile):
            raise ValidationError({veld: _("Voeg een document toe.")})
        data, naam = _document(waarde, veld)
        _bestand_opslaan(onderzoek, registratie, data, naam)
