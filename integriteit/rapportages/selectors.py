"""Owns the reads of the government-wide reports that depend on who asks: which ministries a
user may see (``RAPPORTAGE_RIJKSBREED`` in scope) and the overdue improvement actions of one
ministry (through ``normenkader.selectors``, in the user's assessment read scope)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability
from integriteit.normenkader.models import Verbeteractie
from integriteit.normenkader.selectors import verbeteractie_list
from integriteit.organisaties.models import Organisatie
from integriteit.rapportages.kerncijfers import Rijksbeeld

CAPABILITY = Capability.RAPPORTAGE_RIJKSBREED


def zichtbare_ministeries(*, gebruiker: Any, beeld: Rijksbeeld) -> list[Organisatie]:
    """The ministries of the year that lie in the user's scope, by code."""
    scope = scope_for(gebruiker=gebruiker, capability=CAPABILITY)
    return [m for m in beeld.ministeries if scope.covers(pad=m.pad, node_id=m.pk)]


def ministerie_get(*, gebruiker: Any, beeld: Rijksbeeld, code: str) -> Organisatie:
    """A ministry of the year in the user's scope; 404 for anything else (another node, a
    ministry outside the scope or one that did not exist that year)."""
    for ministerie in zichtbare_ministeries(gebruiker=gebruiker, beeld=beeld):
        if ministerie.code == code:
            return ministerie
    raise Http404


def acties_te_laat(
    *, gebruiker: Any, organisatie: Organisatie, vandaag: date
) -> list[Verbeteractie]:
    """Open improvement actions of ``organisatie`` and its units past their deadline."""
    return list(
        verbeteractie_list(gebruiker=gebruiker, open_only=True)
        .filter(organisatie__pad__startswith=organisatie.pad, deadline__lt=vandaag)
        .order_by("deadline", "norm__volgorde", "pk")
    )
