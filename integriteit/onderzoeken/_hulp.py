"""Shared internals of the investigation services (``services``, ``services_stukken``,
``services_verloop``): audit events, locking, encryption, role checks, files, deadlines."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.accounts.selectors import lidmaatschappen_actief, scope_for
from integriteit.common.audit import audit_log
from integriteit.common.permissions import Capability
from integriteit.common.roles import Rol
from integriteit.kluis import services as kluis
from integriteit.meldingen import services as melding_services
from integriteit.onderzoeken import poort
from integriteit.onderzoeken.constants import (
    Status,
    Zaakrol,
)
from integriteit.onderzoeken.models import (
    Bewijsstuk,
    Deelnemer,
    Onderzoek,
    Registratie,
)
from integriteit.onderzoeken.spec import Fase
from integriteit.organisaties.models import Organisatie

MAX_TEKST = 20_000
MAX_DAGEN = 365

#: The organisation role a user must hold to take each staff role in a case.
ROL_VOOR_ZAAKROL = {
    Zaakrol.BEVOEGD_GEZAG: Rol.BEVOEGD_GEZAG,
    Zaakrol.ONDERZOEKER: Rol.ONDERZOEKER,
    Zaakrol.COORDINATOR: Rol.INTEGRITEITSCOORDINATOR,
}

#: The requirement code whose choice is the case's outcome (copied to ``Onderzoek.uitkomst``).
UITKOMST_VEREISTE = "uitkomst"


# --- helpers ----------------------------------------------------------------------------------


def _event(actor: Any, action: str, onderzoek: Onderzoek, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=action,
        object_type="onderzoek",
        object_id=onderzoek.pk,
        organisatie_id=onderzoek.organisatie_id,
        details=details,
    )


def _locked(onderzoek: Onderzoek) -> Onderzoek:
    return (
        Onderzoek.objects.select_for_update()
        .select_related("protocol", "kluis", "organisatie")
        .get(pk=onderzoek.pk)
    )


def _versleutel(onderzoek: Onderzoek, veld: str, tekst: str) -> bytes:
    return kluis.inhoud_versleutelen(onderzoek.kluis, veld, tekst.encode())


def _vandaag() -> date:
    return timezone.localdate()


def _tekst(waarde: str, veld: str, *, wat: str) -> str:
    """Non-empty, at most :data:`MAX_TEKST` characters; else an error naming ``veld``."""
    if not waarde.strip():
        raise ValidationError({veld: _("Vul %(wat)s in.") % {"wat": wat}})
    if len(waarde) > MAX_TEKST:
        raise ValidationError(
            {veld: _("%(wat)s: maximaal %(n)d tekens.") % {"wat": wat, "n": MAX_TEKST}}
        )
    return waarde


def _dekt(gebruiker: Any, organisatie: Organisatie, rol: str) -> bool:
    """Whether ``gebruiker`` holds ``rol`` on ``organisatie`` (or recursively above it)."""
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        if lid.rol != rol:
            continue
        if lid.organisatie_id == organisatie.pk or (
            lid.recursief and organisatie.pad.startswith(lid.organisatie.pad)
        ):
            return True
    return False


def _heeft_rol(gebruiker: Any, rol: str) -> bool:
    return any(lid.rol == rol for lid in lidmaatschappen_actief(gebruiker=gebruiker))


def _mag_openen(gebruiker: Any, organisatie: Organisatie) -> bool:
    scope = scope_for(gebruiker=gebruiker, capability=Capability.ONDERZOEK_OPENEN)
    return scope.covers(pad=organisatie.pad, node_id=organisatie.pk)


def zaakrollen(onderzoek: Onderzoek, gebruiker: Any) -> set[str]:
    """The staff roles ``gebruiker`` holds in ``onderzoek``."""
    if gebruiker is None or not getattr(gebruiker, "pk", None):
        return set()
    return set(
        Deelnemer.objects.filter(onderzoek=onderzoek, gebruiker=gebruiker).values_list(
            "rol", flat=True
        )
    )


def _niet_afgesloten(onderzoek: Onderzoek) -> None:
    if onderzoek.status == Status.AFGESLOTEN:
        raise ValidationError(_("Dit onderzoek is afgesloten; het verandert niet meer."))


def _lopend(onderzoek: Onderzoek) -> None:
    _niet_afgesloten(onderzoek)
    if onderzoek.status == Status.OPGESCHORT:
        raise ValidationError(_("Dit onderzoek is opgeschort; hervat het eerst."))


def _eis_zaakrol(onderzoek: Onderzoek, door: Any, rollen: Iterable[str], wat: str) -> None:
    if not zaakrollen(onderzoek, door) & set(rollen):
        raise PermissionDenied(
            _("Alleen %(wie)s in dit onderzoek kan %(wat)s.")
            % {"wie": _rollen_tekst(rollen), "wat": wat}
        )


def _rollen_tekst(rollen: Iterable[str]) -> str:
    return _(" of ").join(str(Zaakrol(r).label).lower() for r in sorted(rollen))


def _fase_actor(onderzoek: Onderzoek, door: Any, fase: Fase) -> None:
    if not poort.mag_handelen(fase, zaakrollen(onderzoek, door)):
        raise PermissionDenied(
            _("In de fase ‘%(fase)s’ handelt alleen: %(wie)s.")
            % {"fase": fase.titel, "wie": _rollen_tekst(fase.actoren)}
        )


def _document(bestand: UploadedFile, veld: str) -> tuple[bytes, str]:
    if fouten := melding_services.bijlagen_controleren([bestand]):
        raise ValidationError({veld: fouten})
    return b"".join(bestand.chunks()), bestand.name or ""


def _bestand_opslaan(
    onderzoek: Onderzoek, rij: Registratie | Bewijsstuk, data: bytes, naam: str
) -> None:
    """The file's bytes and name into the vault; stored under a random name."""
    rij.bestandsnaam = _versleutel(onderzoek, "bestandsnaam", naam)
    versleuteld = kluis.inhoud_versleutelen(onderzoek.kluis, "bestand", data)
    rij.bestand.save(f"{secrets.token_hex(16)}.bin", ContentFile(versleuteld), save=False)


def _uiterlijk(fase: Fase, vanaf: date) -> date | None:
    return vanaf + timedelta(days=fase.termijn_dagen) if fase.termijn_dagen else None


def _datum(waarde: object, veld: str) -> date:
    if isinstance(waarde, date):
        return waarde
    if isinstance(waarde, str):
        try:
            return date.fromisoformat(waarde.strip())
        except ValueError:
            pass
    raise ValidationError({veld: _("Vul een geldige datum in (dag-maand-jaar).")})
