"""Keys of users and vaults, access grants, crypto-shredding and recovery (ADR 0010).

Private keys are only ever handled in memory, passed in by the caller (who got the user's
key from the session, see ``sessie.py``) and never logged or stored unsealed. Every grant,
revocation, destruction and recovery step is an audit event without any key material.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from integriteit.common.audit import audit_log
from integriteit.kluis import crypto
from integriteit.kluis.crypto import Argon2Kosten, OntsleutelFout
from integriteit.kluis.models import (
    GebruikerSleutel,
    Herstelsleutel,
    Instelling,
    Kluis,
    KluisToegang,
    ToegangSoort,
)
from integriteit.organisaties.models import Organisatie


class GeenToegang(Exception):  # noqa: N818 (Dutch: "no access")
    """This holder has no (usable) sealed key for the vault."""


def argon2_kosten() -> Argon2Kosten:
    """Argon2id cost for new wrappings: settings KLUIS_ARGON2_OPS / KLUIS_ARGON2_MEM."""
    return Argon2Kosten(
        ops=int(getattr(settings, "KLUIS_ARGON2_OPS", crypto.ARGON2_OPS)),
        mem=int(getattr(settings, "KLUIS_ARGON2_MEM", crypto.ARGON2_MEM)),
    )


def _event(actor: Any, action: str, kluis: Kluis, **details: Any) -> None:
    """Who did what to which vault; never any key material or content."""
    audit_log(
        actor=actor,
        action=action,
        object_type="kluis",
        object_id=str(kluis.pk),
        organisatie_id=kluis.organisatie_id,
        details=details,
    )


# --- user keys ------------------------------------------------------------------------------


def _wrap(gebruiker: Any, paar: crypto.Sleutelpaar, wachtwoord: str) -> GebruikerSleutel:
    verpakt = crypto.verpak_met_wachtwoord(paar.private, wachtwoord, argon2_kosten())
    sleutel, _ = GebruikerSleutel.objects.update_or_create(
        gebruiker=gebruiker,
        defaults={
            "publiek": paar.public,
            "verpakt": verpakt.ciphertext,
            "salt": verpakt.salt,
            "ops": verpakt.ops,
            "mem": verpakt.mem,
            "aangemaakt_op": timezone.now(),
        },
    )
    return sleutel


@transaction.atomic
def gebruikersleutel_maken(*, gebruiker: Any, wachtwoord: str) -> bytes:
    """A new key pair for ``gebruiker``, wrapped with ``wachtwoord``; returns the private key.

    Grants sealed to an earlier key cannot be opened any more; they stay, so that
    :func:`verloren_toegangen` can list the vaults for recovery by the custodians."""
    paar = crypto.sleutelpaar_nieuw()
    _wrap(gebruiker, paar, wachtwoord)
    verloren = verloren_toegangen(gebruiker=gebruiker).count()
    audit_log(
        actor=gebruiker,
        action="kluis.sleutel_aangemaakt",
        object_type="gebruiker",
        object_id=gebruiker.pk,
        details={"verloren_toegangen": verloren},
    )
    return paar.private


def verloren_toegangen(*, gebruiker: Any) -> QuerySet[KluisToegang]:
    """Grants of ``gebruiker`` sealed to a key the user no longer has."""
    publiek = publieke_sleutel(gebruiker)
    qs = KluisToegang.objects.filter(soort=ToegangSoort.GEBRUIKER, gebruiker=gebruiker)
    return qs.exclude(houder_publiek=publiek) if publiek is not None else qs


def gebruikersleutel_openen(*, gebruiker: Any, wachtwoord: str) -> bytes:
    """The user's private key, unwrapped with the password just checked by the log-in.

    No key yet: one is made. A key wrapped with another password (the password was reset by
    an administrator, who cannot know the old one): a new key is made and the old grants are
    lost until the custodians recover them."""
    sleutel = GebruikerSleutel.objects.filter(gebruiker=gebruiker).first()
    if sleutel is None:
        return gebruikersleutel_maken(gebruiker=gebruiker, wachtwoord=wachtwoord)
    verpakt = crypto.Verpakt(
        salt=bytes(sleutel.salt),
        ops=sleutel.ops,
        mem=sleutel.mem,
        ciphertext=bytes(sleutel.verpakt),
    )
    try:
        return crypto.pak_uit_met_wachtwoord(verpakt, wachtwoord)
    except OntsleutelFout:
        return gebruikersleutel_maken(gebruiker=gebruiker, wachtwoord=wachtwoord)


@transaction.atomic
def gebruikersleutel_herverpakken(*, gebruiker: Any, oud: str, nieuw: str) -> None:
    """After a password change by the user: the same key, wrapped with the new password."""
    private = gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=oud)
    paar = crypto.Sleutelpaar(public=crypto.publiek_van(private), private=private)
    _wrap(gebruiker, paar, nieuw)


def publieke_sleutel(gebruiker: Any) -> bytes | None:
    sleutel = GebruikerSleutel.objects.filter(gebruiker=gebruiker).first()
    return bytes(sleutel.publiek) if sleutel else None


# --- vaults ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NieuweKluis:
    kluis: Kluis
    private: bytes  # for the caller to use within this request only
    zonder_sleutel: tuple[int, ...]  # users who have no key yet (log in once first)
    herstelbaar: bool  # sealed to an active recovery key


def _seal(kluis: Kluis, soort: str, publiek: bytes, private: bytes, **fields: Any) -> KluisToegang:
    return KluisToegang.objects.create(
        kluis=kluis,
        soort=soort,
        houder_publiek=publiek,
        verzegeld=crypto.verzegel(publiek, private),
        **fields,
    )


@transaction.atomic
def kluis_maken(
    *,
    doel: str,
    organisatie: Organisatie,
    gebruikers: Iterable[Any] = (),
    melder_publiek: bytes | None = None,
) -> NieuweKluis:
    """A new vault, its private key sealed to each user with a key, to the reporter's key and
    to the organisation's active recovery key (or that of the nearest ancestor that has one)."""
    paar = crypto.sleutelpaar_nieuw()
    kluis = Kluis.objects.create(doel=doel, organisatie=organisatie, publiek=paar.public)
    zonder: list[int] = []
    for gebruiker in gebruikers:
        publiek = publieke_sleutel(gebruiker)
        if publiek is None:
            zonder.append(gebruiker.pk)
            continue
        _seal(kluis, ToegangSoort.GEBRUIKER, publiek, paar.private, gebruiker=gebruiker)
    if melder_publiek is not None:
        _seal(kluis, ToegangSoort.MELDER, melder_publiek, paar.private)
    herstel = herstelsleutel_van(organisatie)
    if herstel is not None:
        _seal(kluis, ToegangSoort.HERSTEL, bytes(herstel.publiek), paar.private)
    return NieuweKluis(kluis, paar.private, tuple(zonder), herstel is not None)


def herstelsleutel_van(organisatie: Organisatie) -> Herstelsleutel | None:
    """The active recovery key of the organisation or its nearest ancestor."""
    ids = [*reversed(organisatie.ancestor_ids), organisatie.pk]
    keys = {
        h.organisatie_id: h
        for h in Herstelsleutel.objects.filter(organisatie_id__in=ids, actief=True)
    }
    for pk in reversed(ids):
        if pk in keys:
            return keys[pk]
    return None


def kluis_openen(*, kluis: Kluis, gebruiker: Any, private: bytes) -> bytes:
    """The vault's private key for ``gebruiker`` (whose own private key is ``private``)."""
    toegang = KluisToegang.objects.filter(
        kluis=kluis, soort=ToegangSoort.GEBRUIKER, gebruiker=gebruiker
    ).first()
    if toegang is None or kluis.vernietigd_op is not None:
        raise GeenToegang
    try:
        return crypto.ontzegel(private, bytes(toegang.verzegeld))
    except OntsleutelFout as error:
        raise GeenToegang from error


def kluis_openen_als_melder(*, kluis: Kluis, melder_private: bytes) -> bytes:
    toegang = KluisToegang.objects.filter(kluis=kluis, soort=ToegangSoort.MELDER).first()
    if toegang is None or kluis.vernietigd_op is not None:
        raise GeenToegang
    try:
        return crypto.ontzegel(melder_private, bytes(toegang.verzegeld))
    except OntsleutelFout as error:
        raise GeenToegang from error


def heeft_toegang(*, kluis: Kluis, gebruiker: Any) -> bool:
    """A grant sealed to the user's current key (a lost one does not count)."""
    publiek = publieke_sleutel(gebruiker)
    return (
        publiek is not None
        and KluisToegang.objects.filter(
            kluis=kluis, soort=ToegangSoort.GEBRUIKER, gebruiker=gebruiker, houder_publiek=publiek
        ).exists()
    )


@transaction.atomic
def toegang_verlenen(*, kluis: Kluis, door: Any, door_private: bytes, aan: Any) -> KluisToegang:
    """Only someone who holds the vault can grant it; the grantee needs a key (logged in once)."""
    kluis_private = kluis_openen(kluis=kluis, gebruiker=door, private=door_private)
    publiek = publieke_sleutel(aan)
    if publiek is None:
        raise GeenToegang("De ontvanger heeft nog geen sleutel: die moet eerst eenmaal inloggen.")
    KluisToegang.objects.filter(kluis=kluis, soort=ToegangSoort.GEBRUIKER, gebruiker=aan).delete()
    toegang = _seal(
        kluis, ToegangSoort.GEBRUIKER, publiek, kluis_private, gebruiker=aan, verleend_door=door
    )
    _event(door, "kluis.toegang_verleend", kluis, aan=aan.pk)
    return toegang


@transaction.atomic
def toegang_intrekken(*, kluis: Kluis, door: Any, gebruiker: Any) -> bool:
    deleted, _ = KluisToegang.objects.filter(
        kluis=kluis, soort=ToegangSoort.GEBRUIKER, gebruiker=gebruiker
    ).delete()
    if deleted:
        _event(door, "kluis.toegang_ingetrokken", kluis, gebruiker=gebruiker.pk)
    return bool(deleted)


@transaction.atomic
def kluis_vernietigen(*, kluis: Kluis, door: Any, reden: str) -> int:
    """Crypto-shredding: every sealed copy of the vault's key is deleted; the content stays as
    ciphertext nobody can open. Returns the number of sealed copies destroyed."""
    deleted, _ = KluisToegang.objects.filter(kluis=kluis).delete()
    kluis.vernietigd_op = timezone.localdate()
    kluis.save(update_fields=["vernietigd_op"])
    _event(door, "kluis.vernietigd", kluis, verzegelde_sleutels=deleted, reden=reden)
    return deleted


def inhoud_versleutelen(kluis: Kluis, veld: str, data: bytes) -> bytes:
    """Content for ``kluis``; ``veld`` names the field, bound into the ciphertext."""
    return crypto.envelop(bytes(kluis.publiek), data, _context(kluis, veld))


def inhoud_ontsleutelen(kluis: Kluis, kluis_private: bytes, veld: str, blob: bytes) -> bytes:
    return crypto.envelop_open(kluis_private, blob, _context(kluis, veld))


def _context(kluis: Kluis, veld: str) -> bytes:
    return f"integriteit:{kluis.pk}:{veld}".encode()


def instelling_bytes(naam: str, lengte: int = crypto.SALT_BYTES) -> bytes:
    """A random deployment-wide value, made once and kept in the database (so a backup and
    restore keeps it), e.g. the salt of the receipt-code index."""
    instelling, _ = Instelling.objects.get_or_create(
        naam=naam, defaults={"waarde": crypto.random_bytes(lengte)}
    )
    return bytes(instelling.waarde)
