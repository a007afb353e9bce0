"""Reads for the recovery screens (``views.py``): who lost which grants, the open recovery
requests per role (the user, a custodian, the coordinator), and the recovery keys in scope.

Counts and names only: nothing here opens a vault or touches key material. Scope: a
coordinator (``HERSTEL_BEHEREN``) reaches the recovery keys, users and vaults of the
organisations where the capability is held (``accounts.selectors.scope_for``); a custodian
reaches the requests of the keys of which they hold a share; a user the own requests.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.selectors import Scope, lidmaatschappen_actief, scope_for
from integriteit.common.permissions import Capability, role_has
from integriteit.kluis.models import (
    GebruikerSleutel,
    HerstelBijdrage,
    HerstelDeel,
    Herstelsleutel,
    Herstelverzoek,
    HerstelverzoekStatus,
    Kluis,
    KluisToegang,
    ToegangSoort,
)
from integriteit.kluis.services import verloren_toegangen
from integriteit.organisaties.models import Organisatie


def beheer_scope(*, gebruiker: Any) -> Scope:
    return scope_for(gebruiker=gebruiker, capability=Capability.HERSTEL_BEHEREN)


def herstel_organisaties(*, gebruiker: Any) -> list[Organisatie]:
    """The nodes a coordinator makes recovery keys for: those of the memberships that carry
    ``HERSTEL_BEHEREN`` (normally the ministry), not every unit below them."""
    seen: dict[int, Organisatie] = {}
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        if role_has(lid.rol, Capability.HERSTEL_BEHEREN):
            seen.setdefault(lid.organisatie_id, lid.organisatie)
    return sorted(seen.values(), key=lambda o: o.pad)


# --- requests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerzoekRij:
    """One open request as shown on the overview; ``bijgedragen`` of ``drempel`` shares."""

    verzoek: Herstelverzoek
    bijgedragen: int
    drempel: int
    mijn_bijdrage: bool = False
    voor_mijzelf: bool = False

    @property
    def compleet(self) -> bool:
        return self.bijgedragen >= self.drempel


def _open() -> QuerySet[Herstelverzoek]:
    return (
        Herstelverzoek.objects.filter(status=HerstelverzoekStatus.OPEN)
        .select_related("herstelsleutel__organisatie", "gebruiker", "aangevraagd_door")
        .annotate(
            aantal_bijdragen=Count("bijdragen", distinct=True),
            aantal_kluizen=Count("kluizen", distinct=True),
        )
        .order_by("aangemaakt_op", "pk")
    )


def _rijen(verzoeken: QuerySet[Herstelverzoek], gebruiker: Any) -> list[VerzoekRij]:
    mijn = set(
        HerstelBijdrage.objects.filter(
            verzoek__in=verzoeken, bewaarder_id=gebruiker.pk
        ).values_list("verzoek_id", flat=True)
    )
    return [
        VerzoekRij(
            verzoek=v,
            bijgedragen=v.aantal_bijdragen,  # type: ignore[attr-defined]
            drempel=v.herstelsleutel.drempel,
            mijn_bijdrage=v.pk in mijn,
            voor_mijzelf=v.gebruiker_id == gebruiker.pk,
        )
        for v in verzoeken
    ]


def eigen_verzoeken(*, gebruiker: Any) -> list[VerzoekRij]:
    """The user's own open requests."""
    return _rijen(_open().filter(gebruiker_id=gebruiker.pk), gebruiker)


def bewaarder_verzoeken(*, gebruiker: Any) -> list[VerzoekRij]:
    """Open requests of the recovery keys of which the user holds a share."""
    sleutels = HerstelDeel.objects.filter(bewaarder_id=gebruiker.pk).values("herstelsleutel_id")
    return _rijen(_open().filter(herstelsleutel_id__in=sleutels), gebruiker)


def beheer_verzoeken(*, gebruiker: Any) -> list[VerzoekRij]:
    """Open requests of the recovery keys in the coordinator's scope."""
    scope = beheer_scope(gebruiker=gebruiker)
    if scope.is_empty:
        return []
    return _rijen(_open().filter(scope.q(prefix="herstelsleutel__organisatie__")), gebruiker)


def verzoek_als_bewaarder(*, gebruiker: Any, pk: Any) -> Herstelverzoek | None:
    """A request the user may contribute to: one of a key of which they hold a share."""
    sleutels = HerstelDeel.objects.filter(bewaarder_id=gebruiker.pk).values("herstelsleutel_id")
    return (
        Herstelverzoek.objects.select_related("herstelsleutel")
        .filter(pk=pk, herstelsleutel_id__in=sleutels)
        .first()
    )


def verzoek_van_gebruiker(*, gebruiker: Any, pk: Any) -> Herstelverzoek | None:
    return Herstelverzoek.objects.filter(pk=pk, gebruiker_id=gebruiker.pk).first()


def verzoek_in_beheer(*, gebruiker: Any, pk: Any) -> Herstelverzoek | None:
    scope = beheer_scope(gebruiker=gebruiker)
    if scope.is_empty:
        return None
    return (
        Herstelverzoek.objects.filter(scope.q(prefix="herstelsleutel__organisatie__"))
        .filter(pk=pk)
        .first()
    )


# --- recovery keys ----------------------------------------------------------------------------


def herstelsleutels_actief(*, gebruiker: Any) -> list[Herstelsleutel]:
    """The active recovery keys in scope, with their custodians (by share number)."""
    scope = beheer_scope(gebruiker=gebruiker)
    if scope.is_empty:
        return []
    delen = HerstelDeel.objects.select_related("bewaarder").order_by("index")
    return list(
        Herstelsleutel.objects.filter(scope.q(prefix="organisatie__"), actief=True)
        .select_related("organisatie")
        .prefetch_related(Prefetch("delen", queryset=delen))
        .order_by("organisatie__pad")
    )


def bewaarder_kandidaten(*, organisaties: list[Organisatie]) -> QuerySet[Gebruiker]:
    """Users with an active membership in the subtree of one of ``organisaties`` (custodian
    candidates)."""
    if not organisaties:
        return Gebruiker.objects.none()
    nodes = Organisatie.objects.binnen([o.pad for o in organisaties])
    leden = Lidmaatschap.objects.actief().filter(organisatie__in=nodes)
    return Gebruiker.objects.filter(pk__in=leden.values("gebruiker_id"), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def met_sleutel(gebruikers: QuerySet[Gebruiker]) -> set[int]:
    """Which of ``gebruikers`` have a key (logged in once)."""
    return set(
        GebruikerSleutel.objects.filter(gebruiker__in=gebruikers).values_list(
            "gebruiker_id", flat=True
        )
    )


# --- lost grants ------------------------------------------------------------------------------


def is_bewaarder(*, gebruiker: Any) -> bool:
    return HerstelDeel.objects.filter(bewaarder_id=gebruiker.pk).exists()


def eigen_verloren(*, gebruiker: Any) -> int:
    """How many vaults the user can no longer open (grants sealed to an earlier key)."""
    return verloren_toegangen(gebruiker=gebruiker).filter(kluis__vernietigd_op__isnull=True).count()


@dataclass
class Verlies:
    """One user's lost grants within a coordinator's scope, by what can be done about them."""

    gebruiker: Any = None
    verloren: set[Any] = field(default_factory=set)
    #: Vaults not yet in an open request, per recovery key (pk) they are sealed to.
    per_sleutel: dict[int, list[Any]] = field(default_factory=lambda: defaultdict(list))
    in_verzoek: set[Any] = field(default_factory=set)

    @property
    def herstelbaar(self) -> int:
        return sum(len(v) for v in self.per_sleutel.values())

    @property
    def niet_herstelbaar(self) -> int:
        return len(self.verloren) - self.herstelbaar - len(self.in_verzoek)


def verlies_in_beheer(*, gebruiker: Any, voor: Any = None) -> list[Verlies]:
    """Users of the coordinator's organisations with lost grants of vaults in scope (or just
    ``voor``), by name; per user the vaults recoverable with a recovery key in scope."""
    scope = beheer_scope(gebruiker=gebruiker)
    if scope.is_empty:
        return []
    per = _verloren(scope, voor)
    if not per:
        return []
    kluis_ids = set().union(*(v.verloren for v in per.values()))
    open_ = Herstelverzoek.kluizen.through.objects.filter(
        herstelverzoek__status=HerstelverzoekStatus.OPEN,
        herstelverzoek__gebruiker_id__in=per,
        kluis_id__in=kluis_ids,
    ).values_list("herstelverzoek__gebruiker_id", "kluis_id")
    for gebruiker_id, kluis_id in open_:
        per[gebruiker_id].in_verzoek.add(kluis_id)
    verzegeld = _verzegeld_aan(scope, kluis_ids)
    for verlies in per.values():
        for kluis_id in sorted(verlies.verloren - verlies.in_verzoek, key=str):
            if kluis_id in verzegeld:
                verlies.per_sleutel[verzegeld[kluis_id]].append(kluis_id)
    for g in Gebruiker.objects.filter(pk__in=per):
        per[g.pk].gebruiker = g
    return sorted(per.values(), key=lambda v: (str(v.gebruiker).lower(), v.gebruiker.pk))


def _verloren(scope: Scope, voor: Any) -> dict[int, Verlies]:
    """Per user with a membership in scope: the vaults in scope whose grant is sealed to a
    key the user no longer has (as ``services.verloren_toegangen``, for many users at once)."""
    leden = Lidmaatschap.objects.actief().filter(scope.q(prefix="organisatie__"))
    if voor is not None:
        leden = leden.filter(gebruiker_id=voor.pk)
    rijen = (
        KluisToegang.objects.filter(
            soort=ToegangSoort.GEBRUIKER,
            gebruiker_id__in=leden.values("gebruiker_id"),
            kluis__vernietigd_op__isnull=True,
        )
        .filter(scope.q(prefix="kluis__organisatie__"))
        .filter(
            Q(gebruiker__kluissleutel__isnull=True)
            | ~Q(houder_publiek=F("gebruiker__kluissleutel__publiek"))
        )
        .values_list("gebruiker_id", "kluis_id")
    )
    per: dict[int, Verlies] = defaultdict(Verlies)
    for gebruiker_id, kluis_id in rijen:
        per[gebruiker_id].verloren.add(kluis_id)
    return per


def _verzegeld_aan(scope: Scope, kluis_ids: set[Any]) -> dict[Any, int]:
    """Which of the vaults are sealed to a recovery key in scope (active or older): the key's
    pk per vault."""
    sleutels = {
        bytes(p): pk
        for pk, p in Herstelsleutel.objects.filter(scope.q(prefix="organisatie__")).values_list(
            "pk", "publiek"
        )
    }
    verzegeld: dict[Any, int] = {}
    for kluis_id, publiek in KluisToegang.objects.filter(
        kluis_id__in=kluis_ids, soort=ToegangSoort.HERSTEL
    ).values_list("kluis_id", "houder_publiek"):
        if bytes(publiek) in sleutels:
            verzegeld[kluis_id] = sleutels[bytes(publiek)]
    return verzegeld


def gebruiker_in_beheer(*, gebruiker: Any, pk: Any) -> Gebruiker | None:
    """A user with an active membership in the coordinator's scope."""
    scope = beheer_scope(gebruiker=gebruiker)
    if scope.is_empty:
        return None
    leden = Lidmaatschap.objects.actief().filter(scope.q(prefix="organisatie__"))
    return Gebruiker.objects.filter(pk=pk, pk__in=leden.values("gebruiker_id")).first()


def kluizen(ids: list[Any]) -> list[Kluis]:
    return list(Kluis.objects.filter(pk__in=ids))


def herstelsleutels(pks: list[int]) -> dict[int, Herstelsleutel]:
    return {h.pk: h for h in Herstelsleutel.objects.filter(pk__in=pks)}
