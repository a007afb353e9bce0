"""Versioned, read-only reference data loaded from files (norm frameworks, questionnaires).

One rule for all of them: a (code, version) is loaded once. The same bytes again return the
stored row; other bytes under the same code and version are refused, because assessments
and survey waves point at that version.
"""

from __future__ import annotations

import hashlib
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

Row = TypeVar("Row", bound=models.Model)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def existing_version(
    model: type[Row], *, code: str, version: int, sha256: str, filename: str
) -> Row | None:
    """The stored row for (code, version) if it holds these bytes; None if there is none;
    a Dutch ValidationError if it was loaded with other content. Call inside a transaction."""
    existing: Any = (
        model._default_manager.select_for_update().filter(code=code, versie=version).first()
    )
    if existing is None:
        return None
    if existing.sha256 == sha256:
        return existing  # type: ignore[no-any-return]
    message = _(
        "%(bestand)s: ‘%(code)s’ versie %(versie)d is al geladen met andere inhoud; "
        "verhoog ‘version’ om een nieuwe versie te laden."
    )
    raise ValidationError([message % {"bestand": filename, "code": code, "versie": version}])
