"""Checks shared by the services of the advisers' module: dates, lengths, the name warning,
the audit event, the own profile. Every refusal is a ``ValidationError`` naming the field."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.vertrouwenspersonen import naamwaarschuwing
from integriteit.vertrouwenspersonen.models import Vertrouwenspersoon

MAX_TEKST = 10_000

#: The field a name-warning error is attached to, so the form can show the confirmation box.
NAAM_CONTROLE = "naam_gecontroleerd"


def _vandaag() -> date:
    return timezone.localdate()


def _event(actor: Any, action: str, obj: Any, organisatie_id: int, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=f"vertrouwenspersonen.{action}",
        object_type=type(obj).__name__.lower(),
        object_id=obj.pk,
        organisatie_id=organisatie_id,
        details=details,
    )


def _niet_in_toekomst(fouten: dict[str, str], veld: str, waarde: date | None, label: str) -> None:
    if waarde is None:
        fouten[veld] = _("Vul %(label)s in.") % {"label": label}
    elif waarde > _vandaag():
        fouten[veld] = _("%(label)s mag niet in de toekomst liggen.") % {
            "label": label.capitalize()
        }


def _tekst_lengte(fouten: dict[str, str], veld: str, waarde: str, label: str) -> None:
    if len(waarde) > MAX_TEKST:
        fouten[veld] = _("%(label)s is te lang (hoogstens %(n)d tekens).") % {
            "label": label.capitalize(),
            "n": MAX_TEKST,
        }


def _namen_controleren(
    fouten: dict[str, str], teksten: dict[str, str], gecontroleerd: bool
) -> None:
    """Refuse texts that seem to name someone, unless the writer confirmed they do not."""
    if gecontroleerd:
        return
    for veld, tekst in teksten.items():
        vondsten = naamwaarschuwing.vind_namen(tekst)
        if vondsten and veld not in fouten:
            fouten[veld] = _(
                "Deze tekst lijkt iemand te noemen: %(vondsten)s. Haal namen en "
                "contactgegevens weg, of vink aan dat u hebt gecontroleerd dat de tekst "
                "niemand noemt."
            ) % {"vondsten": naamwaarschuwing.samenvatting(vondsten)}
            fouten.setdefault(NAAM_CONTROLE, _("Controleer de tekst op namen."))


def _weiger(fouten: dict[str, str]) -> None:
    if fouten:
        raise ValidationError(fouten)


def _eigen_profiel(vertrouwenspersoon: Vertrouwenspersoon, gebruiker: Any) -> None:
    if vertrouwenspersoon.gebruiker_id is None or vertrouwenspersoon.gebruiker_id != gebruiker.pk:
        raise PermissionDenied
