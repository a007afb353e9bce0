"""The settings of the reporting procedure (meldregeling): the legal clock (at most 7 days and
3 months), the public text and the identity custodian; changes apply to new reports only and
are audited with the names of the changed fields (issue 5, ADR 0010)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.selectors import scope_for
from integriteit.common.audit import audit_log
from integriteit.common.permissions import Capability
from integriteit.kluis import services as kluis
from integriteit.meldingen.constants import Status
from integriteit.meldingen.models import Melding, Meldregeling
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie

MAX_TOELICHTING = 5_000


def regeling_organisaties(*, gebruiker: Any) -> QuerySet[Organisatie]:
    """Organisations whose procedure the user may set: the ministries (public reporting
    points) and any node that already has a procedure, within the user's scope."""
    scope = scope_for(gebruiker=gebruiker, capability=Capability.MELDREGELING_BEHEREN)
    return (
        Organisatie.objects.filter(scope.q())
        .geldig_op(timezone.localdate())
        .filter(Q(soort=Soort.MINISTERIE) | Q(meldregeling__isnull=False))
        .order_by("pad")
    )


def bewaarder_kandidaten(organisatie: Organisatie) -> QuerySet[Gebruiker]:
    """Active users with an active membership in the organisation's tree: on the node, below
    it, or recursively above it."""
    leden = (
        Lidmaatschap.objects.actief()
        .filter(
            Q(organisatie__pad__startswith=organisatie.pad)
            | Q(organisatie_id__in=organisatie.ancestor_ids, recursief=True)
        )
        .values("gebruiker_id")
    )
    return Gebruiker.objects.filter(pk__in=leden, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


@dataclass(frozen=True)
class RegelingGegevens:
    bevestiging_dagen: int
    terugkoppeling_maanden: int
    werkdagen: bool
    waarschuwen_dagen: int
    toelichting: str
    identiteitsbewaarder: Gebruiker | None

    @classmethod
    def van(cls, regeling: Meldregeling) -> RegelingGegevens:
        return cls(**{f.name: getattr(regeling, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Wijziging:
    regeling: Meldregeling
    velden: list[str]
    waarschuwingen: list[str]


def _bereik(
    fouten: dict[str, list[str]], veld: str, waarde: int, hoogstens: int, tekst: str
) -> None:
    if not 1 <= waarde <= hoogstens:
        fouten.setdefault(veld, []).append(tekst)


def _controleer(organisatie: Organisatie, gegevens: RegelingGegevens) -> dict[str, list[str]]:
    fouten: dict[str, list[str]] = {}
    _bereik(
        fouten,
        "bevestiging_dagen",
        gegevens.bevestiging_dagen,
        7,
        _(
            "Ontvangstbevestiging binnen (dagen): kies 1 tot en met 7. De Wet bescherming "
            "klokkenluiders staat hoogstens 7 dagen toe."
        ),
    )
    _bereik(
        fouten,
        "terugkoppeling_maanden",
        gegevens.terugkoppeling_maanden,
        3,
        _(
            "Terugkoppeling binnen (maanden): kies 1 tot en met 3. De Wet bescherming "
            "klokkenluiders staat hoogstens 3 maanden toe."
        ),
    )
    if not 0 <= gegevens.waarschuwen_dagen <= 30:
        fouten["waarschuwen_dagen"] = [_("Waarschuwen vooraf (dagen): kies 0 tot en met 30.")]
    if len(gegevens.toelichting) > MAX_TOELICHTING:
        fouten["toelichting"] = [_("Toelichting: hoogstens %(n)d tekens.") % {"n": MAX_TOELICHTING}]
    bewaarder = gegevens.identiteitsbewaarder
    if bewaarder is not None:
        if not bewaarder_kandidaten(organisatie).filter(pk=bewaarder.pk).exists():
            fouten["identiteitsbewaarder"] = [
                _("Identiteitsbewaarder: kies iemand met een rol in deze organisatie.")
            ]
        elif kluis.publieke_sleutel(bewaarder) is None:
            fouten["identiteitsbewaarder"] = [
                _("Identiteitsbewaarder: %(naam)s heeft nog geen sleutel: eerst eenmaal inloggen.")
                % {"naam": bewaarder}
            ]
    return fouten


def _waarschuwingen(organisatie: Organisatie, bewaarder: Gebruiker | None) -> list[str]:
    if bewaarder is None:
        return []
    open_ = (
        Melding.objects.filter(organisatie__pad__startswith=organisatie.pad, behandelaars=bewaarder)
        .exclude(status=Status.AFGESLOTEN)
        .count()
    )
    if not open_:
        return []
    return [
        _(
            "Let op: %(naam)s behandelt ook %(n)d open melding(en). Een identiteitsbewaarder "
            "die zelf behandelt, kent de melder en de zaak; kies liever iemand anders."
        )
        % {"naam": bewaarder, "n": open_}
    ]


@transaction.atomic
def meldregeling_wijzigen(
    *, organisatie: Organisatie, acting_user: Any, gegevens: RegelingGegevens
) -> Wijziging:
    """Validate and save the procedure's settings (all or nothing); audited with the names
    of the changed fields, never their text. New deadlines and a new custodian apply to new
    reports only: existing identity vaults stay sealed to the previous custodian."""
    if fouten := _controleer(organisatie, gegevens):
        raise ValidationError(fouten)
    regeling, _nieuw = Meldregeling.objects.select_for_update().get_or_create(
        organisatie=organisatie
    )
    oud = RegelingGegevens.van(regeling)
    velden = [
        f.name
        for f in fields(RegelingGegevens)
        if getattr(oud, f.name) != getattr(gegevens, f.name)
    ]
    for veld in velden:
        setattr(regeling, veld, getattr(gegevens, veld))
    if velden:
        regeling.save(update_fields=velden)
        audit_log(
            actor=acting_user,
            action="meldregeling.gewijzigd",
            object_type="meldregeling",
            object_id=regeling.pk,
            organisatie_id=organisatie.pk,
            details={"velden": velden},
        )
    waarschuwingen = (
        _waarschuwingen(organisatie, gegevens.identiteitsbewaarder)
        if "identiteitsbewaarder" in velden
        else []
    )
    return Wijziging(regeling=regeling, velden=velden, waarschuwingen=waarschuwingen)
