"""Owns every write to the organisation tree: create, change, move (with the paths below).

Each service runs in one transaction and writes its audit event in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")

#: Which kind of node may hang under which kind of parent (None = the root).
ALLOWED_PARENT_SOORT: dict[str, set[str | None]] = {
    Soort.RIJK: {None},
    Soort.MINISTERIE: {Soort.RIJK},
    Soort.ONDERDEEL: {Soort.MINISTERIE, Soort.ONDERDEEL},
}


@dataclass
class OrganisatieGegevens:
    """The editable fields of a node, as a form or a CSV row delivers them."""

    code: str
    naam: str
    soort: str
    parent: Organisatie | None
    fte: Decimal | None = None
    aantal_medewerkers: int | None = None
    geldig_van: date | None = None
    geldig_tot: date | None = None


def validate_gegevens(gegevens: OrganisatieGegevens) -> None:
    """Raise a ValidationError (Dutch, per field) when the data cannot form a valid node."""
    errors: dict[str, str] = {}
    if not CODE_PATTERN.match(gegevens.code or ""):
        errors["code"] = _(
            "Code ‘%(code)s’ is ongeldig: gebruik 1-40 letters, cijfers, '-', '_' of '.', "
            "beginnend met een letter of cijfer."
        ) % {"code": gegevens.code}
    if not (gegevens.naam or "").strip():
        errors["naam"] = _("Naam is verplicht.")
    if gegevens.soort not in Soort.values:
        errors["soort"] = _("Soort ‘%(soort)s’ bestaat niet; kies uit %(keuzes)s.") % {
            "soort": gegevens.soort,
            "keuzes": ", ".join(Soort.values),
        }
    else:
        parent_soort = gegevens.parent.soort if gegevens.parent else None
        if parent_soort not in ALLOWED_PARENT_SOORT[gegevens.soort]:
            errors["parent"] = _("Een %(soort)s kan niet onder %(parent)s hangen.") % {
                "soort": Soort(gegevens.soort).label.lower(),
                "parent": Soort(parent_soort).label.lower() if parent_soort else _("niets"),
            }
    if gegevens.fte is not None and gegevens.fte < 0:
        errors["fte"] = _("Fte kan niet negatief zijn.")
    if gegevens.geldig_van and gegevens.geldig_tot and gegevens.geldig_tot < gegevens.geldig_van:
        errors["geldig_tot"] = _("‘Geldig tot’ ligt vóór ‘geldig van’.")
    if errors:
        raise ValidationError(errors)


def _would_create_cycle(node: Organisatie, new_parent: Organisatie | None) -> bool:
    return new_parent is not None and (
        new_parent.pk == node.pk or new_parent.pad.startswith(node.pad)
    )


def _apply(node: Organisatie, gegevens: OrganisatieGegevens) -> None:
    node.code = gegevens.code
    node.naam = gegevens.naam.strip()
    node.soort = gegevens.soort
    node.parent = gegevens.parent
    node.fte = gegevens.fte
    node.aantal_medewerkers = gegevens.aantal_medewerkers
    node.geldig_van = gegevens.geldig_van
    node.geldig_tot = gegevens.geldig_tot


def _set_pad(node: Organisatie) -> None:
    parent_pad = node.parent.pad if node.parent else "/"
    node.pad = f"{parent_pad}{node.pk}/"


@transaction.atomic
def organisatie_create(*, acting_user: Any, gegevens: OrganisatieGegevens) -> Organisatie:
    validate_gegevens(gegevens)
    if Organisatie.objects.filter(code=gegevens.code).exists():
        raise ValidationError({"code": _("Code ‘%(code)s’ bestaat al.") % {"code": gegevens.code}})
    node = Organisatie(pad="")
    _apply(node, gegevens)
    node.save()
    _set_pad(node)
    node.save(update_fields=["pad"])
    audit_log(
        actor=acting_user,
        action="organisatie.aangemaakt",
        object_type="organisatie",
        object_id=node.code,
        organisatie_id=node.pk,
        details={"parent": node.parent.code if node.parent else None, "soort": node.soort},
    )
    return node


def _changes(old: dict[str, Any], node: Organisatie) -> dict[str, list[str]]:
    new = _snapshot(node)
    return {key: [old[key], new[key]] for key in new if old[key] != new[key]}


def _snapshot(node: Organisatie) -> dict[str, str]:
    return {
        "code": node.code,
        "naam": node.naam,
        "soort": node.soort,
        "parent": node.parent.code if node.parent else "",
        "fte": "" if node.fte is None else str(node.fte),
        "aantal_medewerkers": ""
        if node.aantal_medewerkers is None
        else str(node.aantal_medewerkers),
        "geldig_van": node.geldig_van.isoformat() if node.geldig_van else "",
        "geldig_tot": node.geldig_tot.isoformat() if node.geldig_tot else "",
    }


@transaction.atomic
def organisatie_update(
    *, acting_user: Any, organisatie: Organisatie, gegevens: OrganisatieGegevens
) -> Organisatie:
    """Change a node; moving it under another parent rewrites the paths of its subtree."""
    node = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    validate_gegevens(gegevens)
    if Organisatie.objects.filter(code=gegevens.code).exclude(pk=node.pk).exists():
        raise ValidationError({"code": _("Code ‘%(code)s’ bestaat al.") % {"code": gegevens.code}})
    if _would_create_cycle(node, gegevens.parent):
        raise ValidationError(
            {"parent": _("Een organisatie kan niet onder zichzelf of een eigen onderdeel hangen.")}
        )
    before = _snapshot(node)
    old_pad = node.pad
    _apply(node, gegevens)
    _set_pad(node)
    node.save()
    if node.pad != old_pad:
        _rewrite_subtree(old_pad=old_pad, new_pad=node.pad)
    changes = _changes(before, node)
    if changes:
        audit_log(
            actor=acting_user,
            action="organisatie.gewijzigd",
            object_type="organisatie",
            object_id=node.code,
            organisatie_id=node.pk,
            details={"wijzigingen": changes},
        )
    return node


def _rewrite_subtree(*, old_pad: str, new_pad: str) -> None:
    descendants = Organisatie.objects.filter(pad__startswith=old_pad).exclude(pad=old_pad)
    for child in descendants:
        child.pad = new_pad + child.pad[len(old_pad) :]
        child.save(update_fields=["pad"])
