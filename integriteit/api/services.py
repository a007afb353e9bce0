"""Owns every write of the API app: creating and revoking API tokens, and noting when a
token was last used. Creating and revoking are audit events; "last used" is bookkeeping,
written at most once a minute per token and not audited (it would flood the chain)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.api.constants import (
    LAATST_GEBRUIKT_INTERVAL_SECONDEN,
    MAX_GELDIG_DAGEN,
    STANDAARD_GELDIG_DAGEN,
)
from integriteit.api.models import ApiToken
from integriteit.api.tokens import token_maken
from integriteit.common.audit import audit_log


@dataclass(frozen=True)
class AangemaaktToken:
    """The stored token and the secret string, which exists only here and is shown once."""

    api_token: ApiToken
    token: str


def _check(naam: str, geldig_dagen: int) -> None:
    fouten: dict[str, str] = {}
    if not naam.strip():
        fouten["naam"] = _("Geef het token een naam, zodat u het later herkent.")
    elif len(naam.strip()) > 100:
        fouten["naam"] = _("De naam is hoogstens 100 tekens.")
    if not 1 <= geldig_dagen <= MAX_GELDIG_DAGEN:
        fouten["geldig_dagen"] = _("Een token is 1 tot en met %(max)d dagen geldig.") % {
            "max": MAX_GELDIG_DAGEN
        }
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def apitoken_create(
    *, acting_user: Any, naam: str, geldig_dagen: int = STANDAARD_GELDIG_DAGEN
) -> AangemaaktToken:
    """A new token of ``acting_user`` (who may only make tokens for themselves)."""
    _check(naam, geldig_dagen)
    nieuw = token_maken()
    now = timezone.now()
    api_token = ApiToken.objects.create(
        gebruiker=acting_user,
        naam=naam.strip(),
        prefix=nieuw.prefix,
        sleutel_hash=nieuw.sleutel_hash,
        aangemaakt_op=now,
        verloopt_op=now + timedelta(days=geldig_dagen),
    )
    audit_log(
        actor=acting_user,
        action="api.token_aangemaakt",
        object_type="api_token",
        object_id=api_token.pk,
        details={"prefix": api_token.prefix, "geldig_dagen": geldig_dagen},
    )
    return AangemaaktToken(api_token=api_token, token=nieuw.token)


@transaction.atomic
def apitoken_revoke(*, acting_user: Any, api_token: ApiToken) -> ApiToken:
    """Revoke a token; revoking one that is already revoked changes nothing."""
    locked = ApiToken.objects.select_for_update().get(pk=api_token.pk)
    if locked.gebruiker_id != getattr(acting_user, "pk", None):
        raise ValidationError(_("U kunt alleen uw eigen tokens intrekken."))
    if locked.ingetrokken_op is not None:
        return locked
    locked.ingetrokken_op = timezone.now()
    locked.save(update_fields=["ingetrokken_op"])
    audit_log(
        actor=acting_user,
        action="api.token_ingetrokken",
        object_type="api_token",
        object_id=locked.pk,
        details={"prefix": locked.prefix},
    )
    return locked


def apitoken_gebruikt(*, api_token: ApiToken) -> None:
    """Note that the token was used now, at most once per interval (one UPDATE, no lock)."""
    now = timezone.now()
    vorige = api_token.laatst_gebruikt_op
    if vorige is not None and (now - vorige).total_seconds() < LAATST_GEBRUIKT_INTERVAL_SECONDEN:
        return
    ApiToken.objects.filter(pk=api_token.pk).update(laatst_gebruikt_op=now)
    api_token.laatst_gebruikt_op = now
