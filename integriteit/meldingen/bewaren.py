"""Retention of reports (ADR 0011): how long a closed report's content is kept, per outcome,
the list of reports whose date is near, and crypto-shredding once it has passed.

The period runs from the day the report was closed; settings ``MELDINGEN_BEWAARTERMIJNEN``
(years per :class:`~integriteit.meldingen.constants.Afloop` value) overrides the defaults
below, one outcome at a time. Destroying a report deletes every sealed copy of its vault keys
(``kluis.services.kluis_vernietigen``), the attachment files, and the ciphertext itself; the
metadata row stays as a content-free stub so the statistics keep counting it.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from integriteit.accounts.selectors import Scope
from integriteit.common.audit import audit_log
from integriteit.kluis import services as kluis
from integriteit.meldingen.constants import Afloop
from integriteit.meldingen.models import Bericht, Bijlage, Melding

#: Years to keep a closed report's content, per outcome (ADR 0011).
STANDAARD_BEWAARTERMIJNEN: Mapping[str, int] = {
    Afloop.GEGROND: 5,
    Afloop.NIET_VAST_TE_STELLEN: 2,
    Afloop.DOORGESTUURD: 2,
    Afloop.ONGEGROND: 1,
    Afloop.INGETROKKEN: 1,
    Afloop.GEEN_OPVOLGING: 1,
}
#: The warning list looks this many days ahead.
WAARSCHUWEN_DAGEN = 30
VERNIETIG_REDEN = "bewaartermijn verlopen"


def bewaartermijnen() -> dict[str, int]:
    """Years per outcome: the defaults, overridden per outcome by the settings."""
    termijnen = dict(STANDAARD_BEWAARTERMIJNEN)
    eigen: Mapping[str, Any] = getattr(settings, "MELDINGEN_BEWAARTERMIJNEN", {}) or {}
    for afloop, jaren in eigen.items():
        if afloop not in Afloop.values or not isinstance(jaren, int) or jaren < 0:
            raise ImproperlyConfigured(
                f"MELDINGEN_BEWAARTERMIJNEN: {afloop!r}: {jaren!r} is geen geldige termijn "
                f"(afloop uit {', '.join(Afloop.values)}, jaren een geheel getal ≥ 0)."
            )
        termijnen[str(afloop)] = jaren
    return termijnen


def plus_jaren(dag: date, jaren: int) -> date:
    """``dag`` plus whole years; 29 February becomes 28 February in a common year."""
    jaar = dag.year + jaren
    return dag.replace(year=jaar, day=min(dag.day, calendar.monthrange(jaar, dag.month)[1]))


def bewaren_tot_berekenen(*, afloop: str, afgesloten_op: date) -> date:
    """The last day the content of a report closed on ``afgesloten_op`` is kept."""
    termijnen = bewaartermijnen()
    if afloop not in termijnen:
        raise ValueError(f"Onbekende afloop: {afloop!r}")
    return plus_jaren(afgesloten_op, termijnen[afloop])


def bewaren_tot_zetten(melding: Melding, *, save: bool = True) -> date | None:
    """Set ``melding.bewaren_tot`` from its outcome and closing day (``None`` while open).

    For ``services.afsluiten``: call it on the locked row before saving (``save=False``, add
    "bewaren_tot" to ``update_fields``) or after (``save=True``)."""
    if not melding.afloop or melding.afgesloten_op is None:
        melding.bewaren_tot = None
    else:
        melding.bewaren_tot = bewaren_tot_berekenen(
            afloop=melding.afloop, afgesloten_op=melding.afgesloten_op
        )
    if save:
        melding.save(update_fields=["bewaren_tot"])
    return melding.bewaren_tot


# --- reads ----------------------------------------------------------------------------------


def verlopen(*, vandaag: date | None = None) -> QuerySet[Melding]:
    """Reports whose retention date has passed and whose content still exists."""
    vandaag = vandaag or timezone.localdate()
    return (
        Melding.objects.filter(bewaren_tot__lt=vandaag, vernietigd_op__isnull=True)
        .select_related("kluis", "identiteit_kluis", "organisatie")
        .order_by("bewaren_tot", "nummer")
    )


def binnenkort_te_vernietigen(
    *, scope: Scope, vandaag: date | None = None, dagen: int = WAARSCHUWEN_DAGEN
) -> QuerySet[Melding]:
    """Reports in ``scope`` whose content is destroyed within ``dagen`` days, and those past
    their date still waiting for the next purge (metadata only)."""
    vandaag = vandaag or timezone.localdate()
    return (
        Melding.objects.filter(scope.q(prefix="organisatie__"))
        .filter(bewaren_tot__lte=vandaag + timedelta(days=dagen), vernietigd_op__isnull=True)
        .select_related("organisatie")
        .order_by("bewaren_tot", "nummer")
    )


# --- crypto-shredding -----------------------------------------------------------------------


@dataclass(frozen=True)
class Vernietigd:
    melding: Melding
    verzegelde_sleutels: int
    bijlagen: int
    berichten: int


@transaction.atomic
def melding_vernietigen(
    *, melding: Melding, acting_user: Any = None, vandaag: date | None = None
) -> Vernietigd:
    """Crypto-shred one report: no sealed key left, no ciphertext, no attachment file; the
    metadata stays for the counts. Audited (here, and per vault by the vault service)."""
    vandaag = vandaag or timezone.localdate()
    melding = (
        # Lock the report row only: PostgreSQL refuses FOR UPDATE on the nullable side of the
        # outer join to the identity vault.
        Melding.objects.select_for_update(of=("self",))
        .select_related("kluis", "identiteit_kluis")
        .get(pk=melding.pk)
    )
    if melding.vernietigd_op is not None:
        return Vernietigd(melding, 0, 0, 0)
    sleutels = kluis.kluis_vernietigen(kluis=melding.kluis, door=acting_user, reden=VERNIETIG_REDEN)
    if melding.identiteit_kluis is not None:
        sleutels += kluis.kluis_vernietigen(
            kluis=melding.identiteit_kluis, door=acting_user, reden=VERNIETIG_REDEN
        )
    bijlagen = list(Bijlage.objects.filter(melding=melding))
    namen = [b.bestand.name for b in bijlagen if b.bestand.name]
    opslag = Bijlage._meta.get_field("bestand").storage
    Bijlage.objects.filter(melding=melding).delete()
    berichten = Bericht.objects.filter(melding=melding).update(tekst=b"")
    melding.inhoud = b""
    melding.identiteit = None
    melding.ontvangstcode_index = None
    melding.ontvangstcode_salt = None
    melding.vernietigd_op = vandaag
    melding.save(
        update_fields=[
            "inhoud",
            "identiteit",
            "ontvangstcode_index",
            "ontvangstcode_salt",
            "vernietigd_op",
        ]
    )
    audit_log(
        actor=acting_user,
        action="melding.vernietigd",
        object_type="melding",
        object_id=melding.pk,
        organisatie_id=melding.organisatie_id,
        details={
            "reden": VERNIETIG_REDEN,
            "bewaren_tot": melding.bewaren_tot.isoformat() if melding.bewaren_tot else None,
            "verzegelde_sleutels": sleutels,
            "bijlagen": len(bijlagen),
            "berichten": berichten,
        },
    )

    def _bestanden_weg() -> None:  # the files only once the rows are gone for good
        for naam in namen:
            opslag.delete(naam)

    transaction.on_commit(_bestanden_weg)
    return Vernietigd(melding, sleutels, len(bijlagen), berichten)
