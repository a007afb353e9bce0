"""Owns every write of the annual integrity report (BZK-5, ADR 0021): creating a year's
report, BZK's narrative per chapter, publishing (which freezes the snapshot and the hashes of
its three outputs) and a correction as a new version. A published report is never changed:
every service refuses it, inside the transaction and on the locked row."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.rapportages.constants import EERSTE_JAAR
from integriteit.rapportages.jaarverslag_constants import (
    HOOFDSTUKCODES,
    MAX_TEKST,
    JaarverslagStatus,
)
from integriteit.rapportages.jaarverslag_snapshot import cijfers_maken, document
from integriteit.rapportages.jaarverslag_uitvoer import hashes
from integriteit.rapportages.models import Jaarverslag

OBJECT_TYPE = "rapportages.jaarverslag"


def _details(verslag: Jaarverslag, **extra: Any) -> dict[str, Any]:
    return {"jaar": verslag.jaar, "versie": verslag.versie, **extra}


def _vergrendel(verslag: Jaarverslag) -> Jaarverslag:
    """The row locked; refused when it is published (a published report never changes)."""
    vers = Jaarverslag.objects.select_for_update().get(pk=verslag.pk)
    if vers.gepubliceerd:
        raise ValidationError(
            {"status": _("Dit jaarverslag is gepubliceerd en kan niet meer worden gewijzigd.")}
        )
    return vers


@transaction.atomic
def jaarverslag_create(*, acting_user: Any, jaar: int, vandaag: date | None = None) -> Jaarverslag:
    vandaag = vandaag or timezone.localdate()
    if not EERSTE_JAAR <= jaar <= vandaag.year:
        raise ValidationError(
            {
                "jaar": _("Kies een jaar van %(van)d tot en met %(tot)d.")
                % {"van": EERSTE_JAAR, "tot": vandaag.year}
            }
        )
    if Jaarverslag.objects.filter(jaar=jaar).exists():
        raise ValidationError(
            {"jaar": _("Er is al een jaarverslag over %(jaar)d.") % {"jaar": jaar}}
        )
    verslag = Jaarverslag.objects.create(jaar=jaar)
    audit_log(
        actor=acting_user,
        action="jaarverslag.aangemaakt",
        object_type=OBJECT_TYPE,
        object_id=verslag.pk,
        details=_details(verslag),
    )
    return verslag


def _valideer_teksten(teksten: Mapping[str, str]) -> dict[str, str]:
    onbekend = sorted(set(teksten) - set(HOOFDSTUKCODES))
    if onbekend:
        raise ValidationError(
            {"teksten": _("Onbekend hoofdstuk: %(code)s.") % {"code": ", ".join(onbekend)}}
        )
    fouten = {
        code: _("De tekst is te lang (hoogstens %(n)d tekens).") % {"n": MAX_TEKST}
        for code, tekst in teksten.items()
        if len(tekst) > MAX_TEKST
    }
    if fouten:
        raise ValidationError(fouten)
    return {code: str(teksten.get(code, "")).strip() for code in HOOFDSTUKCODES}


@transaction.atomic
def jaarverslag_teksten_update(
    *, acting_user: Any, jaarverslag: Jaarverslag, teksten: Mapping[str, str]
) -> Jaarverslag:
    """BZK's narrative per chapter (plain text; the renderers escape it)."""
    verslag = _vergrendel(jaarverslag)
    nieuw = _valideer_teksten(teksten)
    gewijzigd = [c for c in HOOFDSTUKCODES if nieuw[c] != verslag.tekst(c)]
    verslag.teksten = nieuw
    verslag.save(update_fields=["teksten"])
    audit_log(
        actor=acting_user,
        action="jaarverslag.tekst_gewijzigd",
        object_type=OBJECT_TYPE,
        object_id=verslag.pk,
        details=_details(verslag, hoofdstukken=gewijzigd),
    )
    return verslag


@transaction.atomic
def jaarverslag_publiceren(
    *, acting_user: Any, jaarverslag: Jaarverslag, vandaag: date | None = None
) -> Jaarverslag:
    """Freeze the figures of now into the snapshot, with the SHA-256 of the HTML, PDF and XLSX
    made from it. Final: after this the report only changes by a new version."""
    verslag = _vergrendel(jaarverslag)
    cijfers = cijfers_maken(jaar=verslag.jaar, vandaag=vandaag)
    verslag.status = JaarverslagStatus.GEPUBLICEERD
    verslag.gepubliceerd_op = timezone.now().replace(microsecond=0)
    verslag.gepubliceerd_door = acting_user if getattr(acting_user, "pk", None) else None
    doc = document(verslag=verslag, cijfers=cijfers)
    h = hashes(doc)
    verslag.snapshot = doc
    verslag.sha256_html, verslag.sha256_pdf, verslag.sha256_xlsx = h["html"], h["pdf"], h["xlsx"]
    verslag.save()
    audit_log(
        actor=acting_user,
        action="jaarverslag.gepubliceerd",
        object_type=OBJECT_TYPE,
        object_id=verslag.pk,
        details=_details(verslag, sha256=h),
    )
    return verslag


@transaction.atomic
def jaarverslag_corrigeren(
    *, acting_user: Any, jaarverslag: Jaarverslag, reden: str
) -> Jaarverslag:
    """A new concept version of a published report, with the reason; the published one stays
    as it is (and public) until the new version is published."""
    vorige = Jaarverslag.objects.select_for_update().get(pk=jaarverslag.pk)
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": _("Geef de reden van de correctie.")})
    if not vorige.gepubliceerd:
        raise ValidationError(
            {"status": _("Alleen een gepubliceerd jaarverslag kan worden gecorrigeerd.")}
        )
    nieuwste = Jaarverslag.objects.filter(jaar=vorige.jaar).order_by("-versie").first()
    if nieuwste is not None and nieuwste.pk != vorige.pk:
        raise ValidationError({"status": _("Er is al een nieuwere versie van dit jaarverslag.")})
    verslag = Jaarverslag.objects.create(
        jaar=vorige.jaar,
        versie=vorige.versie + 1,
        teksten=dict(vorige.teksten),
        vervangt=vorige,
        correctie_reden=reden,
    )
    audit_log(
        actor=acting_user,
        action="jaarverslag.correctie_gestart",
        object_type=OBJECT_TYPE,
        object_id=verslag.pk,
        details=_details(verslag, vervangt=vorige.pk),
    )
    return verslag
