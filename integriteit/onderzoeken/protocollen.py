"""Services of investigation protocols: the stored baseline (the shipped
``protocollen/bipo-basis.yaml``), a ministry's tightened protocol, and which protocol a new
investigation of an organisation follows.

A protocol row is never changed after it is stored: cases point at the row they were opened
with, so loading a new version deactivates the previous one and adds a row; running cases
keep theirs.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from integriteit.accounts.selectors import scope_for
from integriteit.common.audit import audit_log
from integriteit.common.permissions import Capability
from integriteit.onderzoeken.models import Protocol
from integriteit.onderzoeken.protocol import (
    BASIS_CODE,
    SHIPPED_DIR,
    basis_spec,
    check_tightening,
    spec_van_tekst,
)
from integriteit.organisaties.models import Organisatie


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def basis_protocol() -> Protocol:
    """The stored row of the shipped baseline, made on first use. The same file gives the
    same row; a new ``version`` of the file gives a new row (earlier baseline rows stay for
    the cases that follow them, marked inactive). A changed file under an unchanged version
    is refused: the cases that follow that version would silently change."""
    path = SHIPPED_DIR / f"{BASIS_CODE}.yaml"
    data = path.read_bytes()
    spec = basis_spec()
    sha = _sha256(data)
    bestaand = Protocol.objects.filter(
        organisatie__isnull=True, code=spec.code, versie=spec.versie
    ).first()
    if bestaand is None:
        try:
            with transaction.atomic():
                bestaand = Protocol.objects.create(
                    code=spec.code,
                    versie=spec.versie,
                    organisatie=None,
                    titel=spec.titel,
                    yaml=data.decode("utf-8"),
                    sha256=sha,
                    actief=True,
                )
                Protocol.objects.filter(organisatie__isnull=True, code=spec.code).exclude(
                    pk=bestaand.pk
                ).update(actief=False)
        except IntegrityError:  # made at the same moment by another request
            bestaand = Protocol.objects.get(
                organisatie__isnull=True, code=spec.code, versie=spec.versie
            )
    if bestaand.sha256 != sha:
        raise RuntimeError(
            f"{path.name} is gewijzigd maar heeft nog versie {spec.versie}: verhoog version."
        )
    return bestaand


def actief_protocol(organisatie: Organisatie) -> Protocol:
    """The protocol a new investigation of ``organisatie`` follows: the organisation's own
    active protocol, else that of the nearest ancestor that has one, else the baseline."""
    ids = organisatie.ancestor_ids  # from the root down to the organisation itself
    eigen = {
        p.organisatie_id: p
        for p in Protocol.objects.filter(organisatie_id__in=ids, actief=True).order_by("pk")
    }
    for pk in reversed(ids):
        if pk in eigen:
            return eigen[pk]
    return basis_protocol()


@transaction.atomic
def protocol_laden(
    *, organisatie: Organisatie, data: bytes, filename: str, door: Any = None
) -> tuple[Protocol, bool]:
    """Store ``organisatie``'s tightened protocol and make it the active one. Returns the row
    and whether it is new. Every problem of the file (or of its tightening) comes in one
    ``ValidationError``; nothing is saved then. ``door`` ``None``: the management command."""
    if door is not None:
        scope = scope_for(gebruiker=door, capability=Capability.PROTOCOL_BEHEREN)
        if not scope.covers(pad=organisatie.pad, node_id=organisatie.pk):
            raise PermissionDenied(_("U beheert de protocollen van deze organisatie niet."))
    basis = basis_protocol()
    basis_tekst = spec_van_tekst(basis.yaml, f"{basis.code}.yaml")
    spec = check_tightening(data=data, filename=filename, basis=basis_tekst)
    sha = _sha256(data)
    bestaand = (
        Protocol.objects.select_for_update()
        .filter(organisatie=organisatie, code=spec.code, versie=spec.versie)
        .first()
    )
    if bestaand is not None and bestaand.sha256 != sha:
        message = _(
            "%(bestand)s: versie %(versie)s van ‘%(code)s’ is al geladen met een andere inhoud; "
            "geef het protocol een nieuwe version."
        )
        raise ValidationError(
            {"version": message % {"bestand": filename, "versie": spec.versie, "code": spec.code}}
        )
    if bestaand is not None and bestaand.actief:
        return bestaand, False
    Protocol.objects.select_for_update().filter(organisatie=organisatie, actief=True).update(
        actief=False
    )
    if bestaand is not None:  # an earlier version made active again
        bestaand.actief = True
        bestaand.save(update_fields=["actief"])
        protocol, nieuw = bestaand, False
    else:
        protocol = Protocol.objects.create(
            code=spec.code,
            versie=spec.versie,
            organisatie=organisatie,
            titel=spec.titel,
            basis=basis,
            yaml=data.decode("utf-8"),
            sha256=sha,
            actief=True,
            geladen_door=door,
        )
        nieuw = True
    audit_log(
        actor=door,
        action="onderzoek.protocol_geladen",
        object_type="protocol",
        object_id=protocol.pk,
        organisatie_id=organisatie.pk,
        details={
            "code": protocol.code,
            "versie": protocol.versie,
            "sha256": sha,
            "nieuw": nieuw,
            "afwijkingen": [a.wat for a in spec.afwijkingen],
        },
    )
    return protocol, nieuw
