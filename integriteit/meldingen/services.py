"""Writes of the report module: intake (web, registered by the coordinator, imported), the
reporter's mailbox, and the handling steps with the legal clock.

Content goes into the case's vault (``kluis``) at once; nothing a reporter wrote is stored or
logged in the clear. On the anonymous paths (web intake, mailbox) no audit event is written:
its timestamp and its place in the chain would date the reporter's visit to the minute
(ADR 0011); the report row itself carries the day only. Handlers' steps are audited as usual,
and every read of content is an audit event.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integriteit.common.audit import audit_log
from integriteit.kluis import crypto
from integriteit.kluis import services as kluis
from integriteit.kluis.models import KluisDoel, KluisToegang, ToegangSoort
from integriteit.meldingen import termijnen
from integriteit.meldingen.bewaren import bewaren_tot_zetten
from integriteit.meldingen.constants import (
    BIJLAGE_MAX_BYTES,
    BIJLAGE_TYPES,
    BIJLAGEN_MAX,
    Afloop,
    Kanaal,
    Meldingsoort,
    Status,
    Triage,
    Zichtbaarheid,
)
from integriteit.meldingen.identiteit import identiteitsbewaarders
from integriteit.meldingen.models import (
    Bericht,
    Bijlage,
    Identiteitsverzoek,
    IdentiteitsverzoekStatus,
    Melding,
    Meldregeling,
)
from integriteit.meldingen.selectors import ontvangers
from integriteit.organisaties.models import Organisatie

ONTVANGSTCODE_SALT = "meldingen.ontvangstcode"
MAX_TEKST = 20_000


@dataclass(frozen=True)
class Inhoud:
    """What the reporter tells: encrypted as one JSON document."""

    wat: str
    wanneer: str = ""
    waar: str = ""
    betrokkenen: str = ""


@dataclass(frozen=True)
class Identiteit:
    naam: str = ""
    contact: str = ""

    @property
    def leeg(self) -> bool:
        return not (self.naam.strip() or self.contact.strip())


@dataclass(frozen=True)
class Invoer:
    organisatie: Organisatie
    soort: str
    inhoud: Inhoud
    identiteit: Identiteit = field(default_factory=Identiteit)
    bijlagen: Sequence[UploadedFile] = ()
    kanaal: str = Kanaal.WEB
    ontvangen_op: date | None = None


@dataclass(frozen=True)
class Ontvangen:
    melding: Melding
    ontvangstcode: str | None  # shown once to the reporter; never stored


def regeling_van(organisatie: Organisatie) -> Meldregeling:
    regeling, _ = Meldregeling.objects.get_or_create(organisatie=organisatie)
    return regeling


def _check(invoer: Invoer) -> None:
    errors: dict[str, list[str]] = {}
    if invoer.soort not in Meldingsoort.values:
        errors.setdefault("soort", []).append(_("Kies een soort melding."))
    if not invoer.inhoud.wat.strip():
        errors.setdefault("wat", []).append(_("Beschrijf wat er is gebeurd."))
    for name in ("wat", "wanneer", "waar", "betrokkenen"):
        if len(getattr(invoer.inhoud, name)) > MAX_TEKST:
            errors.setdefault(name, []).append(_("Maximaal %(n)d tekens.") % {"n": MAX_TEKST})
    if invoer.kanaal not in Kanaal.values:
        errors.setdefault("kanaal", []).append(_("Onbekend kanaal."))
    if fouten := bijlagen_controleren(invoer.bijlagen):
        errors["bijlagen"] = fouten
    if errors:
        raise ValidationError(errors)


def bijlagen_controleren(bijlagen: Sequence[UploadedFile]) -> list[str]:
    """Dutch messages for attachments that are too many, too large or of a refused type."""
    fouten: list[str] = []
    if len(bijlagen) > BIJLAGEN_MAX:
        fouten.append(_("Maximaal %(n)d bijlagen.") % {"n": BIJLAGEN_MAX})
    for bestand in bijlagen:
        naam = bestand.name or ""
        extensie = ("." + naam.rsplit(".", 1)[-1].lower()) if "." in naam else ""
        if extensie not in BIJLAGE_TYPES:
            fouten.append(
                _("%(naam)s: dit type bestand kan niet mee (toegestaan: %(types)s).")
                % {"naam": naam, "types": ", ".join(sorted(BIJLAGE_TYPES))}
            )
        elif (bestand.size or 0) > BIJLAGE_MAX_BYTES:
            fouten.append(
                _("%(naam)s is groter dan %(mb)d MB.")
                % {"naam": naam, "mb": BIJLAGE_MAX_BYTES // (1024 * 1024)}
            )
    return fouten


def _nummer(organisatie: Organisatie, jaar: int) -> str:
    prefix = f"{organisatie.code}-{jaar}-"
    bestaand = Melding.objects.filter(nummer__startswith=prefix).count()
    return f"{prefix}{bestaand + 1:04d}"


#: Attempts at a free registration number when reports arrive at the same moment.
NUMMER_POGINGEN = 5


def _opslaan_met_vrij_nummer(melding: Melding, jaar: int) -> None:
    """Save ``melding`` under the next free number of its organisation and year. Two reports
    arriving together compute the same number; the one that loses the unique constraint takes
    the next one, in a savepoint, so the reporter never has to send again (the load proof
    found 2 of 28 refused; ADR 0022). Only after :data:`NUMMER_POGINGEN` is it refused."""
    for _poging in range(NUMMER_POGINGEN):
        melding.nummer = _nummer(melding.organisatie, jaar)
        try:
            with transaction.atomic():
                melding.save()
        except IntegrityError:
            melding.pk = None
            continue
        return
    raise ValidationError(_("Probeer het nog eens; er kwam tegelijk een melding binnen."))


def _bijlage_opslaan(melding: Melding, bestand: UploadedFile, bericht: Bericht | None) -> Bijlage:
    data = b"".join(bestand.chunks())
    meta = json.dumps({"naam": bestand.name, "type": bestand.content_type or ""}).encode()
    bijlage = Bijlage(
        melding=melding,
        bericht=bericht,
        metadata=kluis.inhoud_versleutelen(melding.kluis, "bijlage.meta", meta),
        grootte=len(data),
    )
    versleuteld = kluis.inhoud_versleutelen(melding.kluis, "bijlage.data", data)
    bijlage.bestand.save(f"{secrets.token_hex(16)}.bin", ContentFile(versleuteld), save=False)
    bijlage.save()
    return bijlage


@transaction.atomic
def melding_ontvangen(*, invoer: Invoer, acting_user: Any = None) -> Ontvangen:
    """Store a new report, its content sealed in its vault; a web report gets a receipt code.

    ``acting_user``: the coordinator registering a report received by phone, mail or in
    person (audited); ``None`` on the anonymous web intake (not audited, see above)."""
    _check(invoer)
    organisatie = invoer.organisatie
    regeling = regeling_van(organisatie)
    ontvangen_op = invoer.ontvangen_op or timezone.localdate()
    t = termijnen.termijnen(
        ontvangen_op,
        dagen=regeling.bevestiging_dagen,
        maanden=regeling.terugkoppeling_maanden,
        werkdagen=regeling.werkdagen,
    )
    code = crypto.ontvangstcode_nieuw() if invoer.kanaal == Kanaal.WEB else None
    melder_publiek = index = salt = None
    if code is not None:
        kosten = kluis.argon2_kosten()
        index = crypto.ontvangstcode_index(code, kluis.instelling_bytes(ONTVANGSTCODE_SALT), kosten)
        salt = crypto.random_bytes(crypto.SALT_BYTES)
        melder_publiek = crypto.ontvangstcode_sleutelpaar(code, salt, kosten).public
    team = list(ontvangers(organisatie))
    vault = kluis.kluis_maken(
        doel=KluisDoel.MELDING,
        organisatie=organisatie,
        gebruikers=team,
        melder_publiek=melder_publiek,
    ).kluis
    melding = Melding(
        organisatie=organisatie,
        soort=invoer.soort,
        kanaal=invoer.kanaal,
        anoniem=invoer.identiteit.leeg,
        ontvangen_op=ontvangen_op,
        bevestiging_uiterlijk=t.bevestiging_uiterlijk,
        terugkoppeling_uiterlijk=t.terugkoppeling_uiterlijk,
        kluis=vault,
        inhoud=kluis.inhoud_versleutelen(
            vault, "inhoud", json.dumps(asdict(invoer.inhoud)).encode()
        ),
        ontvangstcode_index=index,
        ontvangstcode_salt=salt,
    )
    if not invoer.identiteit.leeg:
        # The identity vault: the identity custodian (never the handlers), the recovery key
        # and the reporter's own key (identiteit.py, ADR 0010).
        identiteit_kluis = kluis.kluis_maken(
            doel=KluisDoel.IDENTITEIT,
            organisatie=organisatie,
            gebruikers=identiteitsbewaarders(organisatie),
            melder_publiek=melder_publiek,
        ).kluis
        melding.identiteit_kluis = identiteit_kluis
        melding.identiteit = kluis.inhoud_versleutelen(
            identiteit_kluis, "identiteit", json.dumps(asdict(invoer.identiteit)).encode()
        )
    _opslaan_met_vrij_nummer(melding, ontvangen_op.year)
    melding.behandelaars.set(team)
    for bestand in invoer.bijlagen:
        _bijlage_opslaan(melding, bestand, None)
    if acting_user is not None:
        _event(acting_user, "melding.geregistreerd", melding, kanaal=invoer.kanaal)
    return Ontvangen(melding=melding, ontvangstcode=code)


def _event(actor: Any, action: str, melding: Melding, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=action,
        object_type="melding",
        object_id=melding.pk,
        organisatie_id=melding.organisatie_id,
        details=details,
    )


# --- the reporter's mailbox -------------------------------------------------------------------


@dataclass(frozen=True)
class Postbus:
    """An opened mailbox: the report and its vault key, for this request only."""

    melding: Melding
    kluis_private: bytes


def postbus_openen(code_invoer: str) -> Postbus | None:
    """The report of a receipt code, or ``None`` (wrong code; the caller rate-limits)."""
    code = crypto.ontvangstcode_normaliseer(code_invoer)
    if code is None:
        return None
    kosten = kluis.argon2_kosten()
    index = crypto.ontvangstcode_index(code, kluis.instelling_bytes(ONTVANGSTCODE_SALT), kosten)
    melding = Melding.objects.select_related("kluis").filter(ontvangstcode_index=index).first()
    if melding is None or melding.ontvangstcode_salt is None or melding.vernietigd_op:
        return None
    paar = crypto.ontvangstcode_sleutelpaar(code, bytes(melding.ontvangstcode_salt), kosten)
    try:
        private = kluis.kluis_openen_als_melder(kluis=melding.kluis, melder_private=paar.private)
    except kluis.GeenToegang:
        return None
    return Postbus(melding=melding, kluis_private=private)


def _volgnummer(melding: Melding) -> int:
    last = melding.berichten.order_by("-volgnummer").values_list("volgnummer", flat=True).first()
    return (last or 0) + 1


MELDING_AFGESLOTEN = gettext_lazy(
    "Deze melding is afgesloten; reageren kan niet meer. Heeft u nieuwe informatie, doe dan "
    "een nieuwe melding."
)


@transaction.atomic
def bericht_van_melder(
    *, postbus: Postbus, tekst: str, bijlagen: Sequence[UploadedFile] = ()
) -> Bericht:
    """The reporter replies through the mailbox (not audited: anonymous path)."""
    if not tekst.strip():
        raise ValidationError({"tekst": _("Schrijf een bericht.")})
    if fouten := bijlagen_controleren(bijlagen):
        raise ValidationError({"bijlagen": fouten})
    melding = Melding.objects.select_for_update().get(pk=postbus.melding.pk)
    if melding.status == Status.AFGESLOTEN:
        raise ValidationError(MELDING_AFGESLOTEN)
    bericht = Bericht.objects.create(
        melding=melding,
        zichtbaarheid=Zichtbaarheid.MELDER,
        van_melder=True,
        volgnummer=_volgnummer(melding),
        tekst=kluis.inhoud_versleutelen(melding.kluis, "bericht", tekst.encode()),
    )
    for bestand in bijlagen:
        _bijlage_opslaan(melding, bestand, bericht)
    return bericht


def inhoud_openen(postbus_of_sleutel: bytes, melding: Melding) -> Inhoud:
    data = kluis.inhoud_ontsleutelen(
        melding.kluis, postbus_of_sleutel, "inhoud", bytes(melding.inhoud)
    )
    return Inhoud(**json.loads(data))


def berichttekst(
    kluis_private: bytes, bericht: Bericht, *, eigen_private: bytes | None = None
) -> str:
    """The text of a message; a personal note needs its author's own key as well."""
    data = kluis.inhoud_ontsleutelen(
        bericht.melding.kluis, kluis_private, "bericht", bytes(bericht.tekst)
    )
    if bericht.zichtbaarheid == Zichtbaarheid.PERSOONLIJK:
        if eigen_private is None:
            raise kluis.GeenToegang
        try:
            data = crypto.envelop_open(eigen_private, data, b"integriteit:persoonlijk")
        except crypto.OntsleutelFout as error:
            raise kluis.GeenToegang from error
    return data.decode()


# --- handlers ------------------------------------------------------------------------------


def kluis_van_behandelaar(*, melding: Melding, gebruiker: Any, private: bytes | None) -> bytes:
    """The case key for a handler; every successful opening is an audit event (a read)."""
    if private is None:
        raise kluis.GeenToegang(_("Log opnieuw in om versleutelde inhoud te kunnen lezen."))
    sleutel = kluis.kluis_openen(kluis=melding.kluis, gebruiker=gebruiker, private=private)
    _event(gebruiker, "melding.inhoud_gelezen", melding)
    return sleutel


@transaction.atomic
def bericht_plaatsen(
    *, melding: Melding, auteur: Any, kluis_private: bytes, tekst: str, zichtbaarheid: str
) -> Bericht:
    """A handler's message to the reporter, team note or personal note. Content is enveloped
    to the case key; a personal note additionally only to the author's own key (so the team,
    holding the case key, cannot read it)."""
    if not tekst.strip():
        raise ValidationError({"tekst": _("Schrijf een bericht.")})
    if zichtbaarheid not in Zichtbaarheid.values:
        raise ValidationError({"zichtbaarheid": _("Kies wie het bericht mag lezen.")})
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    data = tekst.encode()
    if zichtbaarheid == Zichtbaarheid.PERSOONLIJK:
        publiek = kluis.publieke_sleutel(auteur)
        if publiek is None:
            raise kluis.GeenToegang
        data = crypto.envelop(publiek, data, b"integriteit:persoonlijk")
    bericht = Bericht.objects.create(
        melding=melding,
        zichtbaarheid=zichtbaarheid,
        auteur=auteur,
        volgnummer=_volgnummer(melding),
        tekst=kluis.inhoud_versleutelen(melding.kluis, "bericht", data),
    )
    _event(auteur, "melding.bericht_geplaatst", melding, zichtbaarheid=zichtbaarheid)
    return bericht


def _locked(melding: Melding) -> Melding:
    return Melding.objects.select_for_update().get(pk=melding.pk)


@transaction.atomic
def bevestigen(*, melding: Melding, door: Any, op: date | None = None) -> Melding:
    """Record the acknowledgement of receipt (the 7-day clock)."""
    melding = _locked(melding)
    if melding.bevestigd_op is not None:
        raise ValidationError(_("De ontvangst is al bevestigd."))
    melding.bevestigd_op = op or timezone.localdate()
    if melding.status == Status.ONTVANGEN:
        melding.status = Status.BEVESTIGD
    melding.save(update_fields=["bevestigd_op", "status"])
    _event(door, "melding.bevestigd", melding, op=melding.bevestigd_op.isoformat())
    return melding


@transaction.atomic
def triage_vastleggen(*, melding: Melding, door: Any, uitkomst: str) -> Melding:
    if uitkomst not in Triage.values:
        raise ValidationError({"triage": _("Kies een uitkomst van de triage.")})
    melding = _locked(melding)
    if melding.status == Status.AFGESLOTEN:
        raise ValidationError(_("Een afgesloten melding verandert niet meer."))
    melding.triage = uitkomst
    melding.status = Status.IN_BEHANDELING
    melding.save(update_fields=["triage", "status"])
    _event(door, "melding.triage", melding, uitkomst=uitkomst)
    return melding


@transaction.atomic
def terugkoppelen(*, melding: Melding, door: Any, op: date | None = None) -> Melding:
    """Record that the reporter got feedback (the 3-month clock)."""
    melding = _locked(melding)
    if melding.teruggekoppeld_op is not None:
        raise ValidationError(_("De terugkoppeling is al vastgelegd."))
    melding.teruggekoppeld_op = op or timezone.localdate()
    melding.save(update_fields=["teruggekoppeld_op"])
    _event(door, "melding.teruggekoppeld", melding, op=melding.teruggekoppeld_op.isoformat())
    return melding


@transaction.atomic
def afsluiten(*, melding: Melding, door: Any, afloop: str, op: date | None = None) -> Melding:
    if afloop not in Afloop.values:
        raise ValidationError({"afloop": _("Kies hoe de melding is afgelopen.")})
    melding = _locked(melding)
    if melding.status == Status.AFGESLOTEN:
        raise ValidationError(_("De melding is al afgesloten."))
    if melding.bevestigd_op is None:
        raise ValidationError(_("Bevestig eerst de ontvangst."))
    melding.afloop = afloop
    melding.status = Status.AFGESLOTEN
    melding.afgesloten_op = op or timezone.localdate()
    bewaren_tot_zetten(melding, save=False)  # the retention period starts (ADR 0011)
    melding.save(update_fields=["afloop", "status", "afgesloten_op", "bewaren_tot"])
    _event(door, "melding.afgesloten", melding, afloop=afloop)
    return melding


@transaction.atomic
def behandelaar_toevoegen(
    *, melding: Melding, door: Any, door_private: bytes | None, behandelaar: Any
) -> None:
    """Assign a handler: granted the case key by someone who holds it (audited twice: the
    assignment here, the grant in the vault)."""
    if door_private is None:
        raise kluis.GeenToegang(_("Log opnieuw in om toegang te kunnen verlenen."))
    kluis.toegang_verlenen(
        kluis=melding.kluis, door=door, door_private=door_private, aan=behandelaar
    )
    melding.behandelaars.add(behandelaar)
    _event(door, "melding.behandelaar_toegevoegd", melding, behandelaar=behandelaar.pk)


@transaction.atomic
def behandelaar_verwijderen(*, melding: Melding, door: Any, behandelaar: Any, reden: str) -> None:
    """Take a handler off the case (e.g. a conflict of interest): the sealed copy of the case
    key for that person is deleted, and so is any access to the identity vault they got on
    request (the identity custodian's own copy stays). At least one other handler must keep
    the key, or nobody but the recovery key could open the case. Audited with the reason's
    length only (the reason may name people)."""
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden waarom deze behandelaar stopt.")})
    Melding.objects.select_for_update().filter(pk=melding.pk).first()
    if not melding.behandelaars.filter(pk=behandelaar.pk).exists():
        raise ValidationError(
            _("%(naam)s is geen behandelaar van deze melding.") % {"naam": behandelaar}
        )
    anderen = KluisToegang.objects.filter(
        kluis=melding.kluis, soort=ToegangSoort.GEBRUIKER
    ).exclude(gebruiker=behandelaar)
    if not anderen.exists():
        raise ValidationError(
            _(
                "%(naam)s is de enige met toegang tot de inhoud; voeg eerst een andere "
                "behandelaar toe."
            )
            % {"naam": behandelaar}
        )
    kluis.toegang_intrekken(kluis=melding.kluis, door=door, gebruiker=behandelaar)
    identiteit_ingetrokken = False
    op_verzoek = Identiteitsverzoek.objects.filter(
        melding=melding,
        aangevraagd_door=behandelaar,
        status=IdentiteitsverzoekStatus.GOEDGEKEURD,
    ).exists()
    if melding.identiteit_kluis is not None and op_verzoek:
        identiteit_ingetrokken = kluis.toegang_intrekken(
            kluis=melding.identiteit_kluis, door=door, gebruiker=behandelaar
        )
    melding.behandelaars.remove(behandelaar)
    _event(
        door,
        "melding.behandelaar_verwijderd",
        melding,
        behandelaar=behandelaar.pk,
        identiteit_ingetrokken=identiteit_ingetrokken,
    )


# --- the legal clock's escalation (``integriteit meldingen_termijnen``) ---------------------

TERMIJN_VELDEN = {
    "bevestiging": "bevestiging_gesignaleerd_op",
    "terugkoppeling": "terugkoppeling_gesignaleerd_op",
}


def _signaal_tekst(melding: Melding, termijn: str, uiterlijk: date, link: str) -> tuple[str, str]:
    """Subject and body of a deadline signal: number, deadline and link — never content."""
    stap = _("ontvangstbevestiging") if termijn == "bevestiging" else _("terugkoppeling")
    values = {"nummer": melding.nummer, "stap": stap, "dag": uiterlijk.strftime("%d-%m-%Y")}
    subject = _("Termijn melding %(nummer)s: %(stap)s uiterlijk %(dag)s") % values
    body = _(
        "De wettelijke termijn voor de %(stap)s van melding %(nummer)s loopt af op %(dag)s "
        "(of is verlopen).\n\nU bent behandelaar van deze melding. Bekijk haar in het "
        "meldingenregister:\n\n%(link)s\n\nDeze e-mail bevat bewust geen inhoud van de melding."
    ) % {**values, "link": link}
    return subject, body


@transaction.atomic
def termijn_signaleren(
    *, melding: Melding, termijn: str, vandaag: date, link: str, ontvangers: Sequence[Any]
) -> int:
    """Mail ``ontvangers`` (the handlers) that a deadline of ``melding`` is near or passed,
    and record the day so the signal goes out once (audited: melding.termijn_gesignaleerd).
    The mail is sent inside the transaction: if sending fails, nothing is recorded and the
    next run tries again. Returns the number of mails sent."""
    veld = TERMIJN_VELDEN[termijn]
    melding = _locked(melding)
    if getattr(melding, veld) is not None:
        return 0
    uiterlijk = getattr(melding, f"{termijn}_uiterlijk")
    subject, body = _signaal_tekst(melding, termijn, uiterlijk, link)
    adressen = sorted({u.email for u in ontvangers if u.email})
    if not adressen:
        return 0
    setattr(melding, veld, vandaag)
    melding.save(update_fields=[veld])
    _event(
        None,
        "melding.termijn_gesignaleerd",
        melding,
        termijn=termijn,
        uiterlijk=uiterlijk.isoformat(),
        ontvangers=len(adressen),
    )
    berichten = tuple((subject, body, settings.DEFAULT_FROM_EMAIL, [a]) for a in adressen)
    return send_mass_mail(berichten, fail_silently=False)
