"""Owns the reads of the annual integrity report. Published reports are public (BZK-5: they
hold suppressed aggregates only); concepts only for who holds ``JAARVERSLAG_BEHEREN``. The
report is government-wide: holding the capability on any node is enough (no object of one
ministry to scope to). Also the document a renderer reads: a published report's stored
snapshot, or a concept's figures made live."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from integriteit.accounts.selectors import gebruiker_has_capability
from integriteit.common.permissions import Capability
from integriteit.rapportages.jaarverslag_constants import JaarverslagStatus
from integriteit.rapportages.jaarverslag_snapshot import cijfers_maken, document
from integriteit.rapportages.models import Jaarverslag

CAPABILITY = Capability.JAARVERSLAG_BEHEREN


def mag_beheren(*, gebruiker: Any) -> bool:
    return bool(
        getattr(gebruiker, "is_authenticated", False)
        and gebruiker_has_capability(gebruiker=gebruiker, capability=CAPABILITY)
    )


def jaarverslag_list(*, gebruiker: Any) -> QuerySet[Jaarverslag]:
    """Every version the user may see: published ones for everyone, concepts for BZK."""
    qs = Jaarverslag.objects.order_by("-jaar", "-versie")
    if not mag_beheren(gebruiker=gebruiker):
        qs = qs.filter(status=JaarverslagStatus.GEPUBLICEERD)
    return qs.defer("snapshot")


def gepubliceerd_get(*, jaar: int, versie: int | None = None) -> Jaarverslag:
    """The newest published version of ``jaar`` (or version ``versie``); 404 otherwise."""
    qs = Jaarverslag.objects.filter(jaar=jaar, status=JaarverslagStatus.GEPUBLICEERD)
    if versie is not None:
        qs = qs.filter(versie=versie)
    verslag = qs.order_by("-versie").first()
    if verslag is None:
        raise Http404
    return verslag


def concept_get(*, gebruiker: Any, jaar: int) -> Jaarverslag:
    """The concept of ``jaar``, for a user with the capability; 404 otherwise."""
    if not mag_beheren(gebruiker=gebruiker):
        raise Http404
    verslag = Jaarverslag.objects.filter(jaar=jaar, status=JaarverslagStatus.CONCEPT).first()
    if verslag is None:
        raise Http404
    return verslag


def jaarverslag_document(*, verslag: Jaarverslag, vandaag: date | None = None) -> dict[str, Any]:
    """What the renderers read: the frozen snapshot, or for a concept the figures of now."""
    if verslag.gepubliceerd:
        return dict(verslag.snapshot)
    return document(verslag=verslag, cijfers=cijfers_maken(jaar=verslag.jaar, vandaag=vandaag))
