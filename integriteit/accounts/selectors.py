"""Reads about users and what they may do: memberships, capabilities and their scope.

Scope is the set of organisation nodes on which a user holds a capability: a recursive
membership covers the node's whole subtree, a non-recursive one the node alone. Every
selector elsewhere that returns objects of an organisation filters with :func:`scope_q`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.common.permissions import Capability, role_has
from integriteit.common.roles import ROLES_WITHOUT_2FA

_CACHE_ATTR = "_integriteit_lidmaatschappen"


def lidmaatschappen_actief(*, gebruiker: Any) -> list[Lidmaatschap]:
    """Active memberships of ``gebruiker``, cached on the user object for one request."""
    if not getattr(gebruiker, "is_authenticated", False):
        return []
    cached: list[Lidmaatschap] | None = getattr(gebruiker, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Lidmaatschap.objects.actief()
            .filter(gebruiker_id=gebruiker.pk)
            .select_related("organisatie")
            .order_by("organisatie__pad", "rol")
        )
        setattr(gebruiker, _CACHE_ATTR, cached)
    return cached


def forget_cached_lidmaatschappen(gebruiker: Any) -> None:
    if hasattr(gebruiker, _CACHE_ATTR):
        delattr(gebruiker, _CACHE_ATTR)


def rollen(*, gebruiker: Any) -> list[str]:
    seen: list[str] = []
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        if lid.rol not in seen:
            seen.append(lid.rol)
    return seen


def needs_otp(gebruiker: Any) -> bool:
    """Two-factor is required unless every active role is one that needs none (employee)."""
    held = rollen(gebruiker=gebruiker)
    return not held or any(rol not in ROLES_WITHOUT_2FA for rol in held)


@dataclass(frozen=True)
class Scope:
    """Where a capability holds: whole subtrees (by path prefix) and single nodes (by id)."""

    prefixes: tuple[str, ...] = ()
    node_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not self.prefixes and not self.node_ids

    def covers(self, *, pad: str, node_id: int) -> bool:
        return node_id in self.node_ids or any(pad.startswith(p) for p in self.prefixes)

    def q(self, *, prefix: str = "") -> Q:
        """A filter for a model reaching Organisatie via ``prefix`` (e.g. "organisatie__")."""
        if self.is_empty:
            return Q(pk__in=[])
        condition = Q(**{f"{prefix}id__in": sorted(self.node_ids)})
        for p in self.prefixes:
            condition |= Q(**{f"{prefix}pad__startswith": p})
        return condition


def scope_for(*, gebruiker: Any, capability: Capability) -> Scope:
    prefixes: list[str] = []
    node_ids: set[int] = set()
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        if not role_has(lid.rol, capability):
            continue
        if lid.recursief:
            prefixes.append(lid.organisatie.pad)
        else:
            node_ids.add(lid.organisatie_id)
    return Scope(prefixes=tuple(prefixes), node_ids=frozenset(node_ids))


def gebruiker_has_capability(*, gebruiker: Any, capability: Capability) -> bool:
    return any(role_has(lid.rol, capability) for lid in lidmaatschappen_actief(gebruiker=gebruiker))


def capabilities(*, gebruiker: Any) -> frozenset[Capability]:
    return frozenset(
        cap for cap in Capability if gebruiker_has_capability(gebruiker=gebruiker, capability=cap)
    )


def gebruiker_list(*, gebruiker: Any) -> QuerySet[Gebruiker]:
    """Users an administrator may manage: those with a membership inside the administrator's
    scope, and users without any membership yet (just created, still to be placed)."""
    scope = scope_for(gebruiker=gebruiker, capability=Capability.GEBRUIKERS_BEHEREN)
    if scope.is_empty:
        return Gebruiker.objects.none()
    in_scope = Lidmaatschap.objects.filter(scope.q(prefix="organisatie__")).values("gebruiker_id")
    return (
        Gebruiker.objects.filter(Q(pk__in=in_scope) | Q(lidmaatschappen__isnull=True))
        .distinct()
        .order_by("username")
    )
