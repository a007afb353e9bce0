"""Importing ratings from a file (CSV or XLSX) into the assessments of one cycle and kind.

All or nothing (DESIGN.md, "Bad input"): every row is checked first and every problem is
collected as a Dutch message naming its line; only a file without problems is applied, in
one transaction and through the services (``beoordeling_start``, ``oordeel_update``), so
each assessment started and each rating set has its own audit event, plus one event for the
import as a whole. Ratings go into concept assessments only: a submitted or final one must
first be sent back or corrected, which is a decision a person makes on its own page.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.normenkader.constants import AppliesTo, Soort, Status
from integriteit.normenkader.models import Beoordeling, Cyclus, Niveau, Norm, Oordeel
from integriteit.normenkader.selectors import may_author, rated_organisaties
from integriteit.normenkader.services import applies_to_for, beoordeling_start, oordeel_update
from integriteit.normenkader.uitwisseling.reading import (
    Errors,
    Record,
    is_workbook,
    read_records,
)
from integriteit.organisaties.models import Organisatie


@dataclass(frozen=True)
class ImportSummary:
    beoordelingen_aangemaakt: int = 0
    oordelen_gezet: int = 0
    oordelen_ongewijzigd: int = 0


@dataclass
class Context:
    """What the rows are checked against: the cycle's framework and the tree, read once."""

    cyclus: Cyclus
    soort: str
    acting_user: Any
    system: bool
    organisaties: dict[str, Organisatie]
    rated_ids: set[int]
    norms: dict[str, Norm]
    niveaus: dict[str, Niveau]
    current: dict[int, Beoordeling]


def _context(cyclus: Cyclus, soort: str, acting_user: Any, system: bool) -> Context:
    rated = {
        org.pk
        for applies_to in (AppliesTo.ORGANISATION, AppliesTo.COORDINATOR)
        for org in rated_organisaties(cyclus=cyclus, applies_to=applies_to)
    }
    current: dict[int, Beoordeling] = {}
    # Locked until the end of the transaction (PostgreSQL): what is checked is what is changed.
    beoordelingen = Beoordeling.objects.select_for_update().filter(cyclus=cyclus, soort=soort)
    for beoordeling in beoordelingen.order_by("versie"):
        current[beoordeling.organisatie_id] = beoordeling  # the newest version wins
    kader = cyclus.normenkader
    return Context(
        cyclus=cyclus,
        soort=soort,
        acting_user=acting_user,
        system=system,
        organisaties={org.code: org for org in Organisatie.objects.all()},
        rated_ids=rated,
        norms={norm.code: norm for norm in kader.normen.select_related("groep")},
        niveaus={niveau.code: niveau for niveau in kader.niveaus.order_by("-rang")},
        current=current,
    )


def _check_organisation(ctx: Context, record: Record, errors: Errors) -> Organisatie | None:
    org = ctx.organisaties.get(record.organisation)
    if org is None:
        if record.organisation:
            errors.add(record.line, _unknown_organisation(ctx, record.organisation))
        return None
    if org.pk not in ctx.rated_ids:
        message = _(
            "‘%(code)s’ wordt in cyclus %(jaar)d niet beoordeeld: alleen de ministeries die "
            "eind %(jaar)d bestonden en het Rijk (voor de normen van de coördinerende rol)."
        )
        errors.add(record.line, message % {"code": org.code, "jaar": ctx.cyclus.jaar})
        return None
    if not ctx.system and not may_author(
        gebruiker=ctx.acting_user, soort=ctx.soort, organisatie=org
    ):
        message = _("u mag geen %(soort)s van ‘%(code)s’ vastleggen.")
        errors.add(record.line, message % {"soort": _soort_label(ctx.soort), "code": org.code})
        return None
    return org


def _unknown_organisation(ctx: Context, code: str) -> str:
    message = _("organisatie ‘%(code)s’ bestaat niet.") % {"code": code}
    same = [known for known in ctx.organisaties if known.casefold() == code.casefold()]
    if same:
        message += " " + _("Bedoelt u ‘%(code)s’?") % {"code": same[0]}
    return message


def _niveau(ctx: Context, level: str) -> Niveau | None:
    """The level with this code; letter case does not matter (``Voldoet`` is ``voldoet``)."""
    if level in ctx.niveaus:
        return ctx.niveaus[level]
    same = [n for code, n in ctx.niveaus.items() if code.casefold() == level.casefold()]
    return same[0] if same else None


def _soort_label(soort: str) -> str:
    return str(Soort(soort).label).lower()


def _check_norm(ctx: Context, record: Record, org: Organisatie | None, errors: Errors) -> None:
    norm = ctx.norms.get(record.norm)
    if norm is None:
        if record.norm:
            message = _("norm ‘%(norm)s’ bestaat niet in %(kader)s.")
            errors.add(
                record.line, message % {"norm": record.norm, "kader": ctx.cyclus.normenkader.code}
            )
        return
    if org is not None and norm.groep.applies_to != applies_to_for(org):
        if norm.groep.applies_to == AppliesTo.COORDINATOR:
            message = _(
                "norm ‘%(norm)s’ geldt alleen voor de coördinerende rol (het Rijk), "
                "niet voor ‘%(code)s’."
            )
        else:
            message = _("norm ‘%(norm)s’ geldt voor de ministeries, niet voor ‘%(code)s’.")
        errors.add(record.line, message % {"norm": norm.code, "code": org.code})


def _check_level(ctx: Context, record: Record, errors: Errors) -> None:
    if record.level and _niveau(ctx, record.level) is None:
        message = _("niveau ‘%(niveau)s’ bestaat niet; kies uit: %(codes)s.")
        errors.add(record.line, message % {"niveau": record.level, "codes": ", ".join(ctx.niveaus)})


def _check_duplicates(records: list[Record], errors: Errors) -> None:
    first: dict[tuple[str, str], int] = {}
    for record in records:
        key = (record.organisation, record.norm)
        if not all(key):
            continue
        if key in first:
            message = _("%(org)s / %(norm)s staat al op %(woord)s %(eerste)d.")
            errors.add(
                record.line,
                message
                % {
                    "org": record.organisation,
                    "norm": record.norm,
                    "woord": errors.line_word(capital=False),
                    "eerste": first[key],
                },
            )
        else:
            first[key] = record.line


def _check_status(ctx: Context, lines: dict[int, list[int]], errors: Errors) -> None:
    """Ratings go into a concept only; reported once per organisation, on its first line."""
    codes = {org.pk: org.code for org in ctx.organisaties.values()}
    for org_id, org_lines in lines.items():
        beoordeling = ctx.current.get(org_id)
        if beoordeling is None or beoordeling.status == Status.CONCEPT:
            continue
        if beoordeling.status == Status.DEFINITIEF:
            what = _("corrigeer eerst de beoordeling (dat maakt een nieuwe conceptversie)")
        else:
            what = _("corrigeer eerst: zet de beoordeling terug naar concept")
        message = _(
            "de %(soort)s van %(code)s (versie %(versie)d) is %(status)s en kan niet worden "
            "gewijzigd; %(wat)s en importeer dan opnieuw. Dit geldt voor %(aantal)d regel(s)."
        )
        values = {
            "soort": _soort_label(ctx.soort),
            "code": codes[org_id],
            "versie": beoordeling.versie,
            "status": str(Status(beoordeling.status).label).lower(),
            "wat": what,
            "aantal": len(org_lines),
        }
        errors.add(min(org_lines), message % values)


def _validate(ctx: Context, records: list[Record], errors: Errors) -> None:
    lines: dict[int, list[int]] = defaultdict(list)
    for record in records:
        org = _check_organisation(ctx, record, errors)
        _check_norm(ctx, record, org, errors)
        _check_level(ctx, record, errors)
        if org is not None:
            lines[org.pk].append(record.line)
    _check_duplicates(records, errors)
    _check_status(ctx, lines, errors)
    errors.raise_if_any()


def _common_ancestor_id(organisaties: list[Organisatie]) -> int | None:
    """The lowest node at or above every imported organisation: where the import event
    belongs, so that whoever may see that part of the tree sees the event."""
    paths = [org.pad.strip("/").split("/") for org in organisaties]
    common = os.path.commonprefix(paths) if paths else []
    return int(common[-1]) if common else None


def _apply_record(ctx: Context, record: Record, oordelen: dict[str, Oordeel]) -> bool:
    """Set one rating; False when it already is what the row says (nothing written)."""
    oordeel = oordelen.get(record.norm)
    if oordeel is None:  # a concept made before the norm applied: not by these services
        message = _("Regel %(regel)d: de beoordeling heeft geen oordeel voor norm ‘%(norm)s’.")
        raise ValidationError(message % {"regel": record.line, "norm": record.norm})
    niveau = _niveau(ctx, record.level)
    if niveau is None:  # pragma: no cover - checked before anything is applied
        raise ValueError(record.level)
    bevinding = record.finding or oordeel.bevinding  # an empty cell keeps the finding
    if oordeel.niveau_id == niveau.pk and oordeel.bevinding == bevinding.strip():
        return False
    try:
        oordeel_update(
            acting_user=ctx.acting_user,
            oordeel=oordeel,
            niveau=niveau,
            bevinding=bevinding,
            bron=oordeel.bron,
        )
    except ValidationError as exc:  # changed by someone else since the check
        text = _("Regel %(regel)d: %(melding)s")
        raise ValidationError(
            [text % {"regel": record.line, "melding": m} for m in exc.messages]
        ) from exc
    return True


def _apply(ctx: Context, records: list[Record]) -> ImportSummary:
    by_org: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_org[record.organisation].append(record)
    created = changed = unchanged = 0
    for code, org_records in by_org.items():
        org = ctx.organisaties[code]
        beoordeling = ctx.current.get(org.pk)
        if beoordeling is None:
            beoordeling = beoordeling_start(
                acting_user=ctx.acting_user, cyclus=ctx.cyclus, organisatie=org, soort=ctx.soort
            )
            created += 1
        oordelen = {
            oordeel.norm.code: oordeel
            for oordeel in beoordeling.oordelen.select_related("norm", "beoordeling")
        }
        for record in org_records:
            if _apply_record(ctx, record, oordelen):
                changed += 1
            else:
                unchanged += 1
    return ImportSummary(
        beoordelingen_aangemaakt=created, oordelen_gezet=changed, oordelen_ongewijzigd=unchanged
    )


@transaction.atomic
def ratings_import(
    *,
    acting_user: Any,
    cyclus: Cyclus,
    soort: str,
    data: bytes,
    filename: str,
    system: bool = False,
) -> ImportSummary:
    """Set the ratings in ``data`` (CSV or XLSX) in the concept assessments of ``soort`` in
    ``cyclus``, starting an assessment where there is none yet; all of it or none of it.

    Raises a ValidationError whose ``messages`` are every problem found, each naming its
    line. ``system=True`` (the CLI, no user) skips the check of the user's scope.
    """
    if soort not in Soort.values:
        raise ValidationError(_("Onbekende soort beoordeling: ‘%(soort)s’.") % {"soort": soort})
    errors = Errors(workbook=is_workbook(data=data, filename=filename))
    records = read_records(data=data, filename=filename, errors=errors)
    ctx = _context(cyclus, soort, acting_user, system)
    _validate(ctx, records, errors)
    summary = _apply(ctx, records)
    organisaties = [ctx.organisaties[code] for code in {r.organisation for r in records}]
    audit_log(
        actor=acting_user,
        action="beoordeling.geimporteerd",
        object_type="cyclus",
        object_id=cyclus.pk,
        organisatie_id=_common_ancestor_id(organisaties),
        details={
            "cyclus": cyclus.jaar,
            "soort": soort,
            "bestand": PurePath(filename).name[:200],
            "organisaties": sorted(org.code for org in organisaties),
            "beoordelingen_aangemaakt": summary.beoordelingen_aangemaakt,
            "oordelen_gezet": summary.oordelen_gezet,
            "oordelen_ongewijzigd": summary.oordelen_ongewijzigd,
        },
    )
    return summary
