"""Writing a checked framework to the database: one version, once, never changed afterwards."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

from django.db import transaction

from integriteit.common.audit import audit_log
from integriteit.common.reference_data import content_hash, existing_version
from integriteit.normenkader.loader.rules import parse_framework
from integriteit.normenkader.loader.spec import FrameworkSpec
from integriteit.normenkader.models import Niveau, Norm, Normenkader, Normgroep

#: The frameworks that ship with the application, one file per framework version.
SHIPPED_DIR = Path(__file__).resolve().parent.parent / "kaders"


def _create_contents(kader: Normenkader, spec: FrameworkSpec) -> None:
    """The scale, the groups (volgorde 1..n) and the norms (volgorde 1..n over all groups)."""
    Niveau.objects.bulk_create(
        Niveau(
            normenkader=kader,
            code=level.code,
            label=level.label,
            rang=level.rank,
            kleur=level.color,
        )
        for level in spec.scale
    )
    norms: list[Norm] = []
    for index, group in enumerate(spec.groups, start=1):
        groep = Normgroep.objects.create(
            normenkader=kader,
            code=group.code,
            titel=group.title,
            applies_to=group.applies_to,
            volgorde=index,
        )
        norms.extend(
            Norm(
                normenkader=kader,
                groep=groep,
                code=norm.code,
                tekst=norm.text,
                toelichting=norm.guidance,
                bronnen=list(norm.sources),
                volgorde=volgorde,
            )
            for volgorde, norm in enumerate(group.norms, start=len(norms) + 1)
        )
    Norm.objects.bulk_create(norms)


def _create(spec: FrameworkSpec, *, filename: str, sha256: str) -> Normenkader:
    kader = Normenkader.objects.create(
        code=spec.code,
        versie=spec.version,
        titel=spec.title,
        bron=spec.source,
        applies_to=spec.applies_to,
        # Only the name: a path says something about the machine it was loaded from.
        bestandsnaam=PurePath(filename).name[:200],
        sha256=sha256,
    )
    _create_contents(kader, spec)
    return kader


@transaction.atomic
def normenkader_load(*, acting_user: Any, data: bytes, filename: str) -> tuple[Normenkader, bool]:
    """Load one framework version from a YAML file; returns the framework and whether it is new.

    A version that is already loaded from the same bytes is returned as it is (nothing
    written), so loading is idempotent. A version loaded from other bytes is refused: a
    framework is reference data that assessments point at, so a change needs a new version.
    Raises a ValidationError with every problem of the file; nothing is then written.
    """
    spec = parse_framework(data=data, filename=filename)
    sha256 = content_hash(data)
    existing = existing_version(
        Normenkader, code=spec.code, version=spec.version, sha256=sha256, filename=filename
    )
    if existing is not None:
        return existing, False
    kader = _create(spec, filename=filename, sha256=sha256)
    audit_log(
        actor=acting_user,
        action="normenkader.geladen",
        object_type="normenkader",
        object_id=f"{spec.code} v{spec.version}",
        details={
            "bestand": kader.bestandsnaam,
            "sha256": sha256,
            "niveaus": len(spec.scale),
            "groepen": len(spec.groups),
            "normen": len(spec.norms),
        },
    )
    return kader, True


@transaction.atomic
def normenkader_load_shipped(*, acting_user: Any = None) -> list[Normenkader]:
    """Load every framework in :data:`SHIPPED_DIR` (idempotent); all or nothing."""
    return [
        normenkader_load(acting_user=acting_user, data=path.read_bytes(), filename=path.name)[0]
        for path in sorted(SHIPPED_DIR.glob("*.yaml"))
    ]
