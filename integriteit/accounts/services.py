"""Owns every write about accounts: users, memberships, log-in outcomes, lockout, TOTP.

Each service runs in one transaction and writes its audit event in it (ADR 0004).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.totp import DEVICE_NAME
from integriteit.common.audit import Outcome, audit_log
from integriteit.common.roles import Rol


def _event(actor: Any, action: str, gebruiker: Gebruiker, **kwargs: Any) -> None:
    audit_log(actor=actor, action=action, object_type="gebruiker", object_id=gebruiker.pk, **kwargs)


@transaction.atomic
def gebruiker_create(
    *,
    acting_user: Any,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> Gebruiker:
    if Gebruiker.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("Gebruikersnaam ‘%(u)s’ bestaat al.") % {"u": username}}
        )
    candidate = Gebruiker(
        username=username, first_name=first_name, last_name=last_name, email=email
    )
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    gebruiker = Gebruiker.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    _event(acting_user, "gebruiker.aangemaakt", gebruiker, details={"username": username})
    return gebruiker


@transaction.atomic
def lidmaatschap_create(
    *,
    acting_user: Any,
    gebruiker: Gebruiker,
    organisatie: Any,
    rol: str,
    recursief: bool = True,
    geldig_van: date | None = None,
    geldig_tot: date | None = None,
) -> Lidmaatschap:
    if rol not in Rol.values:
        raise ValidationError({"rol": _("Rol ‘%(rol)s’ bestaat niet.") % {"rol": rol}})
    start = geldig_van or timezone.localdate()
    if geldig_tot is not None and geldig_tot < start:
        raise ValidationError({"geldig_tot": _("‘Geldig tot’ ligt vóór ‘geldig van’.")})
    duplicate = Lidmaatschap.objects.actief().filter(
        gebruiker=gebruiker, organisatie=organisatie, rol=rol
    )
    if duplicate.exists():
        raise ValidationError(_("Deze gebruiker heeft deze rol op deze organisatie al."))
    lid = Lidmaatschap.objects.create(
        gebruiker=gebruiker,
        organisatie=organisatie,
        rol=rol,
        recursief=recursief,
        geldig_van=start,
        geldig_tot=geldig_tot,
    )
    _event(
        acting_user,
        "lidmaatschap.toegekend",
        gebruiker,
        organisatie_id=organisatie.pk,
        details={"rol": rol, "organisatie": organisatie.code, "recursief": recursief},
    )
    return lid


@transaction.atomic
def lidmaatschap_revoke(*, acting_user: Any, lidmaatschap: Lidmaatschap) -> Lidmaatschap:
    lid = Lidmaatschap.objects.select_for_update().get(pk=lidmaatschap.pk)
    if lid.ingetrokken_op is not None:
        return lid
    lid.ingetrokken_op = timezone.now()
    lid.save(update_fields=["ingetrokken_op"])
    _event(
        acting_user,
        "lidmaatschap.ingetrokken",
        lid.gebruiker,
        organisatie_id=lid.organisatie_id,
        details={"rol": lid.rol, "organisatie": lid.organisatie.code},
    )
    return lid


@transaction.atomic
def login_failed(*, gebruiker: Gebruiker, stage: str) -> Gebruiker:
    """Count a failed password or code. At the threshold the account locks (ADR 0003)."""
    Gebruiker.objects.filter(pk=gebruiker.pk).update(failed_login_count=F("failed_login_count") + 1)
    gebruiker.refresh_from_db(fields=["failed_login_count", "locked_until"])
    _event(None, "inloggen.mislukt", gebruiker, outcome=Outcome.MISLUKT, details={"stap": stage})
    if gebruiker.failed_login_count >= settings.LOCKOUT_THRESHOLD and not gebruiker.is_locked:
        gebruiker.locked_until = timezone.now() + timedelta(minutes=settings.LOCKOUT_MINUTES)
        gebruiker.save(update_fields=["locked_until"])
        _event(
            None,
            "account.geblokkeerd",
            gebruiker,
            outcome=Outcome.GEWEIGERD,
            details={"pogingen": gebruiker.failed_login_count, "minuten": settings.LOCKOUT_MINUTES},
        )
    return gebruiker


@transaction.atomic
def login_refused_locked(*, gebruiker: Gebruiker) -> None:
    _event(
        None,
        "inloggen.geweigerd",
        gebruiker,
        outcome=Outcome.GEWEIGERD,
        details={"reden": "geblokkeerd"},
    )


@transaction.atomic
def login_succeeded(*, gebruiker: Gebruiker, second_factor: bool) -> None:
    gebruiker.failed_login_count = 0
    gebruiker.locked_until = None
    gebruiker.last_login = timezone.now()
    gebruiker.save(update_fields=["failed_login_count", "locked_until", "last_login"])
    _event(gebruiker, "inloggen.gelukt", gebruiker, details={"tweestaps": second_factor})


@transaction.atomic
def gebruiker_unlock(*, acting_user: Any, gebruiker: Gebruiker) -> None:
    Gebruiker.objects.filter(pk=gebruiker.pk).update(failed_login_count=0, locked_until=None)
    _event(acting_user, "account.gedeblokkeerd", gebruiker)


@transaction.atomic
def totp_device_pending(*, gebruiker: Gebruiker) -> TOTPDevice:
    """The unconfirmed device for set-up: reused while set-up is unfinished."""
    device = TOTPDevice.objects.filter(user=gebruiker, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=gebruiker, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_confirm(*, gebruiker: Gebruiker, device: TOTPDevice) -> None:
    TOTPDevice.objects.filter(user=gebruiker).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _event(gebruiker, "tweestaps.ingesteld", gebruiker)


@transaction.atomic
def totp_reset(*, acting_user: Any, gebruiker: Gebruiker) -> None:
    """Remove the user's devices: at the next log-in they set up two-factor again."""
    TOTPDevice.objects.filter(user=gebruiker).delete()
    _event(acting_user, "tweestaps.gereset", gebruiker)


@transaction.atomic
def password_changed(*, gebruiker: Gebruiker) -> None:
    _event(gebruiker, "wachtwoord.gewijzigd", gebruiker)


@transaction.atomic
def login_failed_unknown_user() -> None:
    """A password attempt for a name that has no account: logged without the name typed
    (it may be a password typed in the wrong field)."""
    audit_log(
        actor=None,
        action="inloggen.mislukt",
        outcome=Outcome.MISLUKT,
        details={"stap": "wachtwoord"},
    )
