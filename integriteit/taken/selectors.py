from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from integriteit.taken.models import Taak


def taak_get(*, gebruiker: Any, pk: Any) -> Taak:
    """A job of this user; any other job is a 404 (a job may name a wave or a unit)."""
    return get_object_or_404(Taak, pk=pk, aangemaakt_door=gebruiker)
