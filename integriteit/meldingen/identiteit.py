"""The identity custodian (identiteitsbewaarder) and requests to learn a reporter's identity
(issue 5, ADR 0010).

Owns, as services (writes, one transaction with their audit event) and selectors (reads for
one user):

- to whom a new report's identity vault is sealed besides the recovery key and the reporter:
  the organisation's custodian (or that of the nearest ancestor that names one) — never the
  handlers (:func:`identiteitsbewaarders`, used by ``services.melding_ontvangen``);
- a handler's recorded, reasoned request for the identity and the custodian's decision: an
  approval opens the identity vault with the custodian's own key and grants it to the
  requester (``kluis.services.toegang_verlenen``);
- reading the identity: only a holder of a grant on the identity vault (the custodian it was
  sealed to, or an approved requester); every read is an audit event
  (``melding.identiteit_gelezen``), and nothing is decrypted on a plain page view.

Naming the custodian is a setting of the reporting procedure: ``regeling.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.selectors import scope_for
from integriteit.common.audit import audit_log
from integriteit.common.permissions import Capability
from integriteit.kluis import services as kluis
from integriteit.meldingen.models import (
    Identiteitsverzoek,
    IdentiteitsverzoekStatus,
    Melding,
    Meldregeling,
)
from integriteit.organisaties.models import Organisatie

MAX_REDEN = 2_000


def _event(actor: Any, action: str, melding: Melding, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=action,
        object_type="melding",
        object_id=melding.pk,
        organisatie_id=melding.organisatie_id,
        details=details,
    )


# --- who is the custodian ---------------------------------------------------------------------


def _bewaarder_ids(organisaties: list[Organisatie]) -> dict[int, int]:
    """Organisation id → custodian id, for the given nodes and all their ancestors."""
    ids = {pk for o in organisaties for pk in o.ancestor_ids}
    return dict(
        Meldregeling.objects.filter(organisatie_id__in=ids, identiteitsbewaarder__isnull=False)
        .values_list("organisatie_id", "identiteitsbewaarder_id")
        .iterator()
    )


def _nearest(organisatie: Organisatie, per_org: dict[int, int]) -> int | None:
    for pk in reversed(organisatie.ancestor_ids):
        if pk in per_org:
            return per_org[pk]
    return None


def bewaarder_van(organisatie: Organisatie) -> Gebruiker | None:
    """The custodian of ``organisatie``: its own, or that of the nearest ancestor."""
    pk = _nearest(organisatie, _bewaarder_ids([organisatie]))
    return Gebruiker.objects.filter(pk=pk, is_active=True).first() if pk else None


def identiteitsbewaarders(organisatie: Organisatie) -> list[Gebruiker]:
    """Users a new identity vault of ``organisatie`` is sealed to: the custodian, when there
    is one with a key (``kluis_maken`` skips a user without one)."""
    bewaarder = bewaarder_van(organisatie)
    return [bewaarder] if bewaarder is not None else []


def is_bewaarder(*, gebruiker: Any, melding: Melding) -> bool:
    bewaarder = bewaarder_van(melding.organisatie)
    return bewaarder is not None and bewaarder.pk == gebruiker.pk


def is_bewaarder_ergens(*, gebruiker: Any) -> bool:
    """The user is named custodian of at least one organisation."""
    return Meldregeling.objects.filter(identiteitsbewaarder_id=gebruiker.pk).exists()


def _vernietigd(melding: Melding) -> bool:
    vault = melding.identiteit_kluis
    return melding.vernietigd_op is not None or (
        vault is not None and vault.vernietigd_op is not None
    )


def mag_identiteit_lezen(*, gebruiker: Any, melding: Melding) -> bool:
    """A grant on the identity vault, sealed to the user's current key."""
    vault = melding.identiteit_kluis
    return (
        vault is not None
        and not _vernietigd(melding)
        and kluis.heeft_toegang(kluis=vault, gebruiker=gebruiker)
    )


def melding_voor_identiteit(*, gebruiker: Any, pk: Any) -> Melding | None:
    """A report whose organisation lies in the user's own part of the tree, or of which the
    user is the custodian; ``None`` otherwise (the view answers 404)."""
    melding = (
        Melding.objects.select_related("organisatie", "identiteit_kluis").filter(pk=pk).first()
    )
    if melding is None:
        return None
    scope = scope_for(gebruiker=gebruiker, capability=Capability.START)
    if scope.covers(pad=melding.organisatie.pad, node_id=melding.organisatie_id):
        return melding
    return melding if is_bewaarder(gebruiker=gebruiker, melding=melding) else None


# --- the panel on the report's page -----------------------------------------------------------


@dataclass(frozen=True)
class Paneel:
    """What the report's page shows about the reporter (nothing decrypted)."""

    anoniem: bool
    vernietigd: bool
    verzoeken: list[Identiteitsverzoek]
    mag_lezen: bool
    mag_aanvragen: bool
    eigen_open: Identiteitsverzoek | None
    heeft_bewaarder: bool


def identiteit_paneel(*, melding: Melding, gebruiker: Any) -> Paneel:
    if melding.anoniem or melding.identiteit_kluis_id is None:
        return Paneel(True, False, [], False, False, None, False)
    verzoeken = list(
        melding.identiteitsverzoeken.select_related("aangevraagd_door", "beslist_door")
    )
    eigen_open = next(
        (
            v
            for v in verzoeken
            if v.aangevraagd_door_id == gebruiker.pk and v.status == IdentiteitsverzoekStatus.OPEN
        ),
        None,
    )
    vernietigd = bool(_vernietigd(melding))
    mag_lezen = mag_identiteit_lezen(gebruiker=gebruiker, melding=melding)
    mag_aanvragen = (
        not vernietigd
        and not mag_lezen
        and eigen_open is None
        and kluis.heeft_toegang(kluis=melding.kluis, gebruiker=gebruiker)
    )
    return Paneel(
        anoniem=False,
        vernietigd=vernietigd,
        verzoeken=verzoeken,
        mag_lezen=mag_lezen,
        mag_aanvragen=mag_aanvragen,
        eigen_open=eigen_open,
        heeft_bewaarder=bewaarder_van(melding.organisatie) is not None,
    )


# --- reading the identity -----------------------------------------------------------------------


@dataclass(frozen=True)
class Gegevens:
    """The reporter's name and contact details, decrypted for one request."""

    naam: str
    contact: str


def identiteit_lezen(*, melding: Melding, gebruiker: Any, private: bytes | None) -> Gegevens:
    """Open the identity vault with the user's own key and decrypt; audited. Raises
    ``kluis.GeenToegang`` with a Dutch reason when it cannot be read."""
    if melding.identiteit_kluis is None or melding.identiteit is None:
        raise kluis.GeenToegang(_("Deze melder is anoniem: er is geen identiteit."))
    if _vernietigd(melding):
        raise kluis.GeenToegang(
            _("De inhoud van deze melding is na de bewaartermijn vernietigd, ook de identiteit.")
        )
    if not mag_identiteit_lezen(gebruiker=gebruiker, melding=melding):
        raise kluis.GeenToegang(
            _(
                "U kunt de identiteit van deze melder niet inzien: dat kan alleen de "
                "identiteitsbewaarder, of wie een goedgekeurd verzoek heeft."
            )
        )
    if private is None:
        raise kluis.GeenToegang(
            _("Log opnieuw in met uw wachtwoord om de identiteit te kunnen lezen.")
        )
    with transaction.atomic():
        sleutel = kluis.kluis_openen(
            kluis=melding.identiteit_kluis, gebruiker=gebruiker, private=private
        )
        data = json.loads(
            kluis.inhoud_ontsleutelen(
                melding.identiteit_kluis, sleutel, "identiteit", bytes(melding.identiteit)
            )
        )
        _event(gebruiker, "melding.identiteit_gelezen", melding)
    return Gegevens(naam=data.get("naam", ""), contact=data.get("contact", ""))


# --- requests and decisions --------------------------------------------------------------------


@transaction.atomic
def identiteit_aanvragen(*, melding: Melding, gebruiker: Any, reden: str) -> Identiteitsverzoek:
    """A handler with content access asks the custodian for the reporter's identity."""
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": _("Reden: schrijf waarom u de identiteit nodig heeft.")})
    if len(reden) > MAX_REDEN:
        raise ValidationError({"reden": _("Reden: hoogstens %(n)d tekens.") % {"n": MAX_REDEN}})
    # Lock the report row only: PostgreSQL refuses FOR UPDATE on the nullable side of the
    # outer join to the identity vault.
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.anoniem or melding.identiteit_kluis is None:
        raise ValidationError(_("Deze melder is anoniem: er is geen identiteit om op te vragen."))
    if _vernietigd(melding):
        raise ValidationError(
            _("De inhoud van deze melding is na de bewaartermijn vernietigd, ook de identiteit.")
        )
    if not kluis.heeft_toegang(kluis=melding.kluis, gebruiker=gebruiker):
        raise ValidationError(
            _("Alleen een behandelaar met toegang tot de inhoud kan de identiteit opvragen.")
        )
    if mag_identiteit_lezen(gebruiker=gebruiker, melding=melding):
        raise ValidationError(_("U heeft al toegang tot de identiteit."))
    try:
        with transaction.atomic():
            verzoek = Identiteitsverzoek.objects.create(
                melding=melding, aangevraagd_door=gebruiker, reden=reden
            )
    except IntegrityError as error:  # the partial unique constraint: one open per person
        raise ValidationError(_("U heeft al een open verzoek voor deze melding.")) from error
    _event(gebruiker, "melding.identiteit_gevraagd", melding, verzoek=verzoek.pk)
    return verzoek


def verzoeken_voor_bewaarder(*, gebruiker: Any) -> list[Identiteitsverzoek]:
    """Requests on the reports of the organisations whose custodian ``gebruiker`` is (own
    custodian, or inherited from the nearest ancestor), newest first."""
    eigen = list(
        Organisatie.objects.filter(meldregeling__identiteitsbewaarder=gebruiker).only("pad")
    )
    if not eigen:
        return []
    binnen = Q()
    for organisatie in eigen:
        binnen |= Q(melding__organisatie__pad__startswith=organisatie.pad)
    kandidaten = list(
        Identiteitsverzoek.objects.filter(binnen)
        .select_related(
            "melding", "melding__organisatie", "melding__identiteit_kluis", "aangevraagd_door"
        )
        .select_related("beslist_door")
        .order_by("-aangevraagd_op")
    )
    per_org = _bewaarder_ids([v.melding.organisatie for v in kandidaten])
    return [v for v in kandidaten if _nearest(v.melding.organisatie, per_org) == gebruiker.pk]


def verzoek_voor_bewaarder(*, gebruiker: Any, pk: Any) -> Identiteitsverzoek | None:
    verzoek = (
        Identiteitsverzoek.objects.select_related("melding", "melding__organisatie")
        .filter(pk=pk)
        .first()
    )
    if verzoek is None or not is_bewaarder(gebruiker=gebruiker, melding=verzoek.melding):
        return None
    return verzoek


@transaction.atomic
def verzoek_beslissen(
    *,
    verzoek: Identiteitsverzoek,
    bewaarder: Any,
    private: bytes | None,
    goedkeuren: bool,
    motivering: str,
) -> Identiteitsverzoek:
    """The custodian approves (grants the identity vault to the requester with the own key)
    or refuses; both with a required motivation, both audited."""
    motivering = motivering.strip()
    if not motivering:
        raise ValidationError({"motivering": _("Motivering: schrijf waarom u zo beslist.")})
    if len(motivering) > MAX_REDEN:
        raise ValidationError(
            {"motivering": _("Motivering: hoogstens %(n)d tekens.") % {"n": MAX_REDEN}}
        )
    verzoek = Identiteitsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    melding = Melding.objects.select_related("organisatie", "identiteit_kluis").get(
        pk=verzoek.melding_id
    )
    if not is_bewaarder(gebruiker=bewaarder, melding=melding):
        raise ValidationError(_("Alleen de identiteitsbewaarder beslist over dit verzoek."))
    if verzoek.status != IdentiteitsverzoekStatus.OPEN:
        raise ValidationError(_("Over dit verzoek is al beslist."))
    if goedkeuren:
        _toegang_geven(melding, bewaarder, private, verzoek.aangevraagd_door)
    verzoek.status = (
        IdentiteitsverzoekStatus.GOEDGEKEURD if goedkeuren else IdentiteitsverzoekStatus.AFGEWEZEN
    )
    verzoek.beslist_door = bewaarder
    verzoek.beslist_op = timezone.now()
    verzoek.motivering = motivering
    verzoek.save(update_fields=["status", "beslist_door", "beslist_op", "motivering"])
    actie = "goedgekeurd" if goedkeuren else "afgewezen"
    _event(
        bewaarder,
        f"melding.identiteitsverzoek_{actie}",
        melding,
        verzoek=verzoek.pk,
        aanvrager=verzoek.aangevraagd_door_id,
    )
    return verzoek


def _toegang_geven(melding: Melding, bewaarder: Any, private: bytes | None, aan: Any) -> None:
    vault = melding.identiteit_kluis
    if vault is None or _vernietigd(melding):
        raise ValidationError(
            _(
                "De inhoud van melding %(nummer)s is na de bewaartermijn vernietigd, ook de "
                "identiteit: er valt niets meer in te zien. Wijs het verzoek af."
            )
            % {"nummer": melding.nummer}
        )
    if private is None:
        raise ValidationError(_("Log opnieuw in met uw wachtwoord om toegang te kunnen geven."))
    if not kluis.heeft_toegang(kluis=vault, gebruiker=bewaarder):
        raise ValidationError(
            _(
                "U kunt deze identiteitskluis niet openen: hij is verzegeld voor een vorige "
                "identiteitsbewaarder (en de herstelsleutel). U kunt het verzoek alleen afwijzen."
            )
        )
    try:
        kluis.toegang_verlenen(kluis=vault, door=bewaarder, door_private=private, aan=aan)
    except kluis.GeenToegang as error:
        raise ValidationError(
            str(error) or _("De identiteitskluis kon niet worden geopend.")
        ) from error
