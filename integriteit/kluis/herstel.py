"""The organisation's recovery key: making it (m-of-n among custodians) and using it to give
a user access again after a lost password (ADR 0010).

1. ``herstelsleutel_maken``: a key pair; its private half split m-of-n, each share sealed to
   a custodian's own key; the private half itself is never stored.
2. ``herstelverzoek_maken``: for a user and the vaults to recover; a one-time key pair whose
   private half is sealed to that user only.
3. ``herstel_bijdragen``: a custodian opens the own share (with the own key from the session)
   and seals it to the request's one-time key.
4. ``herstel_uitvoeren``: the user, once m shares are in, opens them, combines them, checks the
   result against the recovery key's public half, and reseals each vault to the own key. The
   contributions are deleted afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.kluis import crypto
from integriteit.kluis.crypto import OntsleutelFout
from integriteit.kluis.models import (
    HerstelBijdrage,
    HerstelDeel,
    Herstelsleutel,
    Herstelverzoek,
    HerstelverzoekStatus,
    Kluis,
    KluisToegang,
    ToegangSoort,
)
from integriteit.kluis.services import GeenToegang, publieke_sleutel
from integriteit.organisaties.models import Organisatie


def _event(actor: Any, action: str, herstel: Herstelsleutel, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=action,
        object_type="herstelsleutel",
        object_id=herstel.pk,
        organisatie_id=herstel.organisatie_id,
        details=details,
    )


@transaction.atomic
def herstelsleutel_maken(
    *, organisatie: Organisatie, bewaarders: Sequence[Any], drempel: int, door: Any
) -> Herstelsleutel:
    """A new active recovery key for ``organisatie``; the previous one stays for the vaults
    sealed to it, but new vaults are sealed to this one."""
    publics = [publieke_sleutel(b) for b in bewaarders]
    if len({b.pk for b in bewaarders}) != len(bewaarders):
        raise ValidationError(_("Elke bewaarder mag maar één keer voorkomen."))
    zonder = [str(b) for b, p in zip(bewaarders, publics, strict=True) if p is None]
    if zonder:
        raise ValidationError(
            _("Deze bewaarders hebben nog geen sleutel (eerst eenmaal inloggen): %(namen)s")
            % {"namen": ", ".join(zonder)}
        )
    if not 2 <= drempel <= len(bewaarders):
        raise ValidationError(
            _("De drempel moet tussen 2 en het aantal bewaarders (%(n)d) liggen.")
            % {"n": len(bewaarders)}
        )
    paar = crypto.sleutelpaar_nieuw()
    Herstelsleutel.objects.filter(organisatie=organisatie, actief=True).update(actief=False)
    herstel = Herstelsleutel.objects.create(
        organisatie=organisatie, publiek=paar.public, drempel=drempel, aantal=len(bewaarders)
    )
    for (index, deel), bewaarder, publiek in zip(
        crypto.geheim_delen(paar.private, drempel, len(bewaarders)),
        bewaarders,
        publics,
        strict=True,
    ):
        assert publiek is not None  # noqa: S101 - checked above
        HerstelDeel.objects.create(
            herstelsleutel=herstel,
            bewaarder=bewaarder,
            index=index,
            verzegeld=crypto.verzegel(publiek, deel),
        )
    _event(door, "kluis.herstelsleutel_gemaakt", herstel, drempel=drempel, aantal=len(bewaarders))
    return herstel


@transaction.atomic
def herstelverzoek_maken(
    *,
    herstelsleutel: Herstelsleutel,
    gebruiker: Any,
    kluizen: Iterable[Kluis],
    reden: str,
    door: Any,
) -> Herstelverzoek:
    publiek = publieke_sleutel(gebruiker)
    if publiek is None:
        raise ValidationError(_("Deze gebruiker heeft nog geen sleutel (eerst eenmaal inloggen)."))
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van het herstel.")})
    kluizen = list(kluizen)
    sealed = set(
        KluisToegang.objects.filter(
            kluis__in=kluizen, soort=ToegangSoort.HERSTEL, houder_publiek=herstelsleutel.publiek
        ).values_list("kluis_id", flat=True)
    )
    if missing := [k for k in kluizen if k.pk not in sealed]:
        raise ValidationError(
            _("%(n)d kluizen zijn niet aan deze herstelsleutel verzegeld.") % {"n": len(missing)}
        )
    eenmalig = crypto.sleutelpaar_nieuw()
    verzoek = Herstelverzoek.objects.create(
        herstelsleutel=herstelsleutel,
        gebruiker=gebruiker,
        reden=reden,
        aangevraagd_door=door,
        publiek=eenmalig.public,
        verzegeld=crypto.verzegel(publiek, eenmalig.private),
    )
    verzoek.kluizen.set(kluizen)
    _event(
        door, "kluis.herstel_aangevraagd", herstelsleutel, verzoek=verzoek.pk, kluizen=len(kluizen)
    )
    return verzoek


@transaction.atomic
def herstel_bijdragen(
    *, verzoek: Herstelverzoek, bewaarder: Any, private: bytes
) -> HerstelBijdrage:
    """A custodian adds the own share (opened with the own private key) to the request."""
    if verzoek.status != HerstelverzoekStatus.OPEN:
        raise ValidationError(_("Dit verzoek is niet meer open."))
    deel = HerstelDeel.objects.filter(
        herstelsleutel=verzoek.herstelsleutel, bewaarder=bewaarder
    ).first()
    if deel is None:
        raise GeenToegang(_("U bent geen bewaarder van deze herstelsleutel."))
    try:
        share = crypto.ontzegel(private, bytes(deel.verzegeld))
    except OntsleutelFout as error:
        raise GeenToegang(_("Uw sleutel opent dit deel niet (nieuwe sleutel?).")) from error
    bijdrage, _created = HerstelBijdrage.objects.update_or_create(
        verzoek=verzoek,
        bewaarder=bewaarder,
        defaults={"index": deel.index, "verzegeld": crypto.verzegel(bytes(verzoek.publiek), share)},
    )
    _event(bewaarder, "kluis.herstel_bijgedragen", verzoek.herstelsleutel, verzoek=verzoek.pk)
    return bijdrage


@transaction.atomic
def herstel_uitvoeren(*, verzoek: Herstelverzoek, gebruiker: Any, private: bytes) -> int:
    """The user of the request combines the shares and reseals every vault to the own key;
    returns the number of vaults recovered."""
    verzoek = Herstelverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.gebruiker_id != gebruiker.pk or verzoek.status != HerstelverzoekStatus.OPEN:
        raise GeenToegang
    herstel = verzoek.herstelsleutel
    bijdragen = list(verzoek.bijdragen.all())
    if len(bijdragen) < herstel.drempel:
        raise ValidationError(
            _("Er zijn %(n)d van de %(m)d benodigde delen bijgedragen.")
            % {"n": len(bijdragen), "m": herstel.drempel}
        )
    try:
        eenmalig = crypto.ontzegel(private, bytes(verzoek.verzegeld))
        delen = [(b.index, crypto.ontzegel(eenmalig, bytes(b.verzegeld))) for b in bijdragen]
    except OntsleutelFout as error:
        raise GeenToegang from error
    herstel_private = crypto.geheim_samenvoegen(delen)
    if crypto.publiek_van(herstel_private) != bytes(herstel.publiek):
        raise ValidationError(_("De delen geven niet de herstelsleutel; er is niets hersteld."))
    publiek = crypto.publiek_van(private)
    count = 0
    for toegang in KluisToegang.objects.filter(
        kluis__in=verzoek.kluizen.all(), soort=ToegangSoort.HERSTEL, houder_publiek=herstel.publiek
    ).select_related("kluis"):
        if toegang.kluis.vernietigd_op is not None:
            continue
        kluis_private = crypto.ontzegel(herstel_private, bytes(toegang.verzegeld))
        KluisToegang.objects.update_or_create(
            kluis=toegang.kluis,
            soort=ToegangSoort.GEBRUIKER,
            gebruiker=gebruiker,
            defaults={
                "houder_publiek": publiek,
                "verzegeld": crypto.verzegel(publiek, kluis_private),
            },
        )
        count += 1
    verzoek.bijdragen.all().delete()
    verzoek.status = HerstelverzoekStatus.UITGEVOERD
    verzoek.save(update_fields=["status"])
    _event(gebruiker, "kluis.hersteld", herstel, verzoek=verzoek.pk, kluizen=count)
    return count


@transaction.atomic
def herstel_intrekken(*, verzoek: Herstelverzoek, door: Any) -> Herstelverzoek:
    """Withdraw an open request (by the coordinator): shares already contributed are deleted
    with it, so nothing of the recovery key lingers for a request nobody will complete."""
    verzoek = Herstelverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.status != HerstelverzoekStatus.OPEN:
        raise ValidationError(_("Dit verzoek is niet meer open."))
    bijdragen, _deleted = verzoek.bijdragen.all().delete()
    verzoek.status = HerstelverzoekStatus.INGETROKKEN
    verzoek.save(update_fields=["status"])
    _event(
        door,
        "kluis.herstel_ingetrokken",
        verzoek.herstelsleutel,
        verzoek=verzoek.pk,
        bijdragen=bijdragen,
    )
    return verzoek


@transaction.atomic
def herstelverzoeken_maken(
    *,
    gebruiker: Any,
    per_sleutel: Sequence[tuple[Herstelsleutel, Sequence[Kluis]]],
    reden: str,
    door: Any,
) -> list[Herstelverzoek]:
    """One request per recovery key for ``gebruiker``'s lost vaults sealed to it, all or
    none (an organisation may have an older key besides the active one)."""
    return [
        herstelverzoek_maken(
            herstelsleutel=sleutel, gebruiker=gebruiker, kluizen=kluizen, reden=reden, door=door
        )
        for sleutel, kluizen in per_sleutel
    ]
