"""Moving a case through its protocol's phases (issue 6): the gate refuses a step while a
requirement is missing and names it; a deviation needs a reason and another coordinator's
consent; suspension, resumption and extension move the phase deadline. Each step is a new
``Overgang`` row and an audit event; the case row is locked. Re-exported by ``services``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.common.roles import Rol
from integriteit.meldingen import services as melding_services
from integriteit.meldingen.constants import Afloop
from integriteit.meldingen.constants import Status as MeldingStatus
from integriteit.onderzoeken import poort
from integriteit.onderzoeken._hulp import (
    MAX_DAGEN,
    UITKOMST_VEREISTE,
    _dekt,
    _eis_zaakrol,
    _event,
    _fase_actor,
    _locked,
    _lopend,
    _niet_afgesloten,
    _tekst,
    _uiterlijk,
    _vandaag,
    _versleutel,
)
from integriteit.onderzoeken.constants import (
    Gebeurtenis,
    Status,
    Uitkomst,
    VerzoekStatus,
    Zaakrol,
)
from integriteit.onderzoeken.models import (
    Afwijkingsverzoek,
    Onderzoek,
    Overgang,
)

# --- moving through the phases ----------------------------------------------------------------


#: How a linked report ends when its investigation closes (the report's status follows the
#: investigation, issue 6): the outcome decides; no outcome (no investigation) is "no
#: follow-up needed".
AFLOOP_VOOR_UITKOMST: dict[str, str] = {
    Uitkomst.VASTGESTELD: Afloop.GEGROND,
    Uitkomst.NIET_VASTGESTELD: Afloop.ONGEGROND,
    Uitkomst.NIET_VAST_TE_STELLEN: Afloop.NIET_VAST_TE_STELLEN,
}


def _meldingen_afsluiten(onderzoek: Onderzoek, door: Any) -> list[int]:
    """Close the case's open, acknowledged reports with the outcome; a report whose receipt
    was never acknowledged stays open (the registry flags its clock)."""
    afloop = AFLOOP_VOOR_UITKOMST.get(onderzoek.uitkomst, Afloop.GEEN_OPVOLGING)
    gesloten = []
    for melding in onderzoek.meldingen.exclude(status=MeldingStatus.AFGESLOTEN).filter(
        bevestigd_op__isnull=False
    ):
        melding_services.afsluiten(melding=melding, door=door, afloop=afloop)
        gesloten.append(melding.pk)
    return gesloten


def _verder(
    onderzoek: Onderzoek,
    door: Any,
    *,
    soort: str,
    reden: bytes | None = None,
    ontbrak: Sequence[str] = (),
    toestemming_door: Any = None,
) -> Onderzoek:
    """Leave the current phase for the next (a skip when its choice says so), or close the
    case after the last phase. ``onderzoek`` is locked by the caller."""
    spec = poort.spec(onderzoek)
    huidig = poort.stand(onderzoek)
    van = onderzoek.fase
    naar = poort.volgende(spec, van, huidig)
    vandaag = _vandaag()
    keuze = huidig.keuze(UITKOMST_VEREISTE)
    if keuze in Uitkomst.values:
        onderzoek.uitkomst = keuze
    Overgang.objects.create(
        onderzoek=onderzoek,
        soort=soort,
        van_fase=van,
        naar_fase=naar or "",
        door=door,
        reden=reden,
        ontbrak=list(ontbrak),
        toestemming_door=toestemming_door,
    )
    gesloten: list[int] = []
    if naar is None:
        onderzoek.status = Status.AFGESLOTEN
        onderzoek.afgesloten_op = vandaag
        onderzoek.fase_uiterlijk = None
        gesloten = _meldingen_afsluiten(onderzoek, door)
        if soort != Gebeurtenis.AFGESLOTEN:
            Overgang.objects.create(
                onderzoek=onderzoek, soort=Gebeurtenis.AFGESLOTEN, van_fase=van, door=door
            )
    else:
        onderzoek.fase = naar
        onderzoek.fase_sinds = vandaag
        onderzoek.fase_uiterlijk = _uiterlijk(spec.fase(naar), vandaag)
    velden = ["fase", "fase_sinds", "fase_uiterlijk", "status", "afgesloten_op", "uitkomst"]
    onderzoek.save(update_fields=velden)
    details: dict[str, Any] = {"van": van, "naar": naar or ""}
    if ontbrak:
        details["ontbrak"] = list(ontbrak)
    if gesloten:
        details["meldingen_afgesloten"] = gesloten
    if onderzoek.uitkomst:
        details["uitkomst"] = onderzoek.uitkomst
    action = "onderzoek.afgesloten" if naar is None else "onderzoek.fase_afgerond"
    if soort == Gebeurtenis.AFWIJKING:
        action = "onderzoek.afwijking_toegestaan"
        details["toestemming_door"] = toestemming_door.pk
        details["afgesloten"] = naar is None
    _event(door, action, onderzoek, **details)
    return onderzoek


@transaction.atomic
def fase_afronden(*, onderzoek: Onderzoek, door: Any) -> Onderzoek:
    """Leave the current phase: refused, with every missing item exactly as the gate names
    it, while the protocol's registrations are incomplete. After the last phase the case is
    closed."""
    onderzoek = _locked(onderzoek)
    _lopend(onderzoek)
    fase = poort.spec(onderzoek).fase(onderzoek.fase)
    _fase_actor(onderzoek, door, fase)
    if ontbrekend := poort.ontbrekend(onderzoek):
        raise ValidationError([o.melding for o in ontbrekend])
    laatste = poort.spec(onderzoek).laatste.code == onderzoek.fase
    soort = Gebeurtenis.AFGESLOTEN if laatste else Gebeurtenis.OVERGANG
    return _verder(onderzoek, door, soort=soort)


@transaction.atomic
def afwijking_aanvragen(*, onderzoek: Onderzoek, door: Any, reden: str) -> Afwijkingsverzoek:
    """Ask to move on although the protocol's registrations are incomplete (stored: what is
    missing now, and the reason, encrypted). A coordinator of the organisation decides."""
    onderzoek = _locked(onderzoek)
    _lopend(onderzoek)
    spec = poort.spec(onderzoek)
    fase = spec.fase(onderzoek.fase)
    _fase_actor(onderzoek, door, fase)
    huidig = poort.stand(onderzoek)
    ontbrekend = poort.ontbrekend_in(fase, huidig)
    if not ontbrekend:
        raise ValidationError(_("Er ontbreekt niets in deze fase: rond haar gewoon af."))
    tekst = _tekst(reden, "reden", wat=_("de reden van de afwijking"))
    if onderzoek.afwijkingsverzoeken.filter(status=VerzoekStatus.OPEN).exists():
        raise ValidationError(_("Er wacht al een verzoek om af te wijken op de coördinator."))
    verzoek = Afwijkingsverzoek.objects.create(
        onderzoek=onderzoek,
        van_fase=fase.code,
        naar_fase=poort.volgende(spec, fase.code, huidig) or "",
        ontbrak=[o.vereiste.code for o in ontbrekend],
        reden=_versleutel(onderzoek, "reden", tekst),
        aangevraagd_door=door,
    )
    _event(
        door,
        "onderzoek.afwijking_aangevraagd",
        onderzoek,
        verzoek=verzoek.pk,
        van=verzoek.van_fase,
        ontbrak=verzoek.ontbrak,
    )
    return verzoek


@transaction.atomic
def afwijking_beslissen(*, verzoek: Afwijkingsverzoek, door: Any, toestaan: bool) -> Onderzoek:
    """A coordinator of the organisation — not the requester — consents or refuses. Consent
    moves the case on at once, as an ``Overgang`` of kind AFWIJKING holding what was missing,
    the reason and who consented."""
    onderzoek = _locked(verzoek.onderzoek)
    verzoek = Afwijkingsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.status != VerzoekStatus.OPEN:
        raise ValidationError(_("Over dit verzoek is al beslist."))
    if not _dekt(door, onderzoek.organisatie, Rol.INTEGRITEITSCOORDINATOR):
        raise PermissionDenied(
            _("Alleen een integriteitscoördinator van de organisatie beslist over een afwijking.")
        )
    if door.pk == verzoek.aangevraagd_door_id:
        raise PermissionDenied(_("U kunt niet zelf toestemming geven voor uw eigen verzoek."))
    if toestaan:
        _lopend(onderzoek)
        if onderzoek.fase != verzoek.van_fase:
            raise ValidationError(
                _("Het onderzoek is intussen in een andere fase; dit verzoek geldt niet meer.")
            )
    verzoek.status = VerzoekStatus.TOEGESTAAN if toestaan else VerzoekStatus.AFGEWEZEN
    verzoek.beslist_door = door
    verzoek.beslist_op = timezone.now()
    verzoek.save(update_fields=["status", "beslist_door", "beslist_op"])
    if not toestaan:
        _event(door, "onderzoek.afwijking_afgewezen", onderzoek, verzoek=verzoek.pk)
        return onderzoek
    nog_open = [o.vereiste.code for o in poort.ontbrekend(onderzoek)]
    return _verder(
        onderzoek,
        door,
        soort=Gebeurtenis.AFWIJKING,
        reden=bytes(verzoek.reden),
        ontbrak=nog_open or verzoek.ontbrak,
        toestemming_door=door,
    )


# --- suspension and extension -----------------------------------------------------------------

BESTUURDERS = frozenset({Zaakrol.BEVOEGD_GEZAG, Zaakrol.COORDINATOR})


@transaction.atomic
def opschorten(*, onderzoek: Onderzoek, door: Any, reden: str) -> Onderzoek:
    """Suspend the case (e.g. while the police investigate): the phase's clock stops."""
    onderzoek = _locked(onderzoek)
    _lopend(onderzoek)
    _eis_zaakrol(onderzoek, door, BESTUURDERS, _("het onderzoek opschorten"))
    tekst = _tekst(reden, "reden", wat=_("de reden van opschorten"))
    onderzoek.status = Status.OPGESCHORT
    onderzoek.opgeschort_sinds = _vandaag()
    onderzoek.save(update_fields=["status", "opgeschort_sinds"])
    Overgang.objects.create(
        onderzoek=onderzoek,
        soort=Gebeurtenis.OPGESCHORT,
        van_fase=onderzoek.fase,
        naar_fase=onderzoek.fase,
        door=door,
        reden=_versleutel(onderzoek, "reden", tekst),
    )
    _event(door, "onderzoek.opgeschort", onderzoek, fase=onderzoek.fase)
    return onderzoek


@transaction.atomic
def hervatten(*, onderzoek: Onderzoek, door: Any) -> Onderzoek:
    """Resume a suspended case: the phase's deadline moves by the days it was suspended."""
    onderzoek = _locked(onderzoek)
    _niet_afgesloten(onderzoek)
    if onderzoek.status != Status.OPGESCHORT or onderzoek.opgeschort_sinds is None:
        raise ValidationError(_("Dit onderzoek is niet opgeschort."))
    _eis_zaakrol(onderzoek, door, BESTUURDERS, _("het onderzoek hervatten"))
    dagen = (_vandaag() - onderzoek.opgeschort_sinds).days
    if onderzoek.fase_uiterlijk is not None:
        onderzoek.fase_uiterlijk += timedelta(days=dagen)
    onderzoek.status = Status.LOPEND
    onderzoek.opgeschort_sinds = None
    onderzoek.save(update_fields=["status", "opgeschort_sinds", "fase_uiterlijk"])
    Overgang.objects.create(
        onderzoek=onderzoek,
        soort=Gebeurtenis.HERVAT,
        van_fase=onderzoek.fase,
        naar_fase=onderzoek.fase,
        door=door,
        dagen=min(dagen, 32767),
    )
    _event(door, "onderzoek.hervat", onderzoek, fase=onderzoek.fase, dagen=dagen)
    return onderzoek


@transaction.atomic
def verlengen(*, onderzoek: Onderzoek, door: Any, dagen: int, reden: str) -> Onderzoek:
    """Extend the current phase's deadline by ``dagen`` days, with a reason."""
    onderzoek = _locked(onderzoek)
    _niet_afgesloten(onderzoek)
    _eis_zaakrol(onderzoek, door, BESTUURDERS, _("de termijn verlengen"))
    if not isinstance(dagen, int) or not 1 <= dagen <= MAX_DAGEN:
        raise ValidationError({"dagen": _("Verleng met 1 tot %(max)d dagen.") % {"max": MAX_DAGEN}})
    if onderzoek.fase_uiterlijk is None:
        raise ValidationError({"dagen": _("Deze fase heeft geen termijn om te verlengen.")})
    tekst = _tekst(reden, "reden", wat=_("de reden van verlengen"))
    onderzoek.fase_uiterlijk += timedelta(days=dagen)
    onderzoek.save(update_fields=["fase_uiterlijk"])
    Overgang.objects.create(
        onderzoek=onderzoek,
        soort=Gebeurtenis.VERLENGD,
        van_fase=onderzoek.fase,
        naar_fase=onderzoek.fase,
        door=door,
        reden=_versleutel(onderzoek, "reden", tekst),
        dagen=dagen,
    )
    _event(
        door,
        "onderzoek.verlengd",
        onderzoek,
        fase=onderzoek.fase,
        dagen=dagen,
        uiterlijk=onderzoek.fase_uiterlijk.isoformat(),
    )
    return onderzoek
