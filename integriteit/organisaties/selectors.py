"""Owns the reads of the organisation tree, always limited to the asker's scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability
from integriteit.organisaties.constants import RIJK_CODE
from integriteit.organisaties.models import Organisatie


def organisatie_list(
    *, gebruiker: Any, capability: Capability, peildatum: date | None = None
) -> QuerySet[Organisatie]:
    """The nodes on which ``gebruiker`` holds ``capability``, in tree order; with a
    ``peildatum`` only the nodes that exist on that day."""
    scope = scope_for(gebruiker=gebruiker, capability=capability)
    nodes = Organisatie.objects.filter(scope.q())
    if peildatum is not None:
        nodes = nodes.geldig_op(peildatum)
    return nodes.select_related("parent").order_by("pad")


def organisatie_get(*, gebruiker: Any, capability: Capability, code: str) -> Organisatie:
    """One node by code; 404 when it does not exist *or* lies outside the user's scope, so
    that the answer does not tell which codes exist elsewhere."""
    node = organisatie_list(gebruiker=gebruiker, capability=capability).filter(code=code).first()
    if node is None:
        raise Http404
    return node


def organisatie_children(
    *, gebruiker: Any, capability: Capability, organisatie: Organisatie
) -> QuerySet[Organisatie]:
    """The direct children of ``organisatie`` that the user may see, by code."""
    nodes = organisatie_list(gebruiker=gebruiker, capability=capability)
    return nodes.filter(parent=organisatie).order_by("code")


def organisatie_ancestors(
    *, gebruiker: Any, capability: Capability, organisatie: Organisatie
) -> list[Organisatie]:
    """The ancestors of ``organisatie`` the user may see, from the top down (breadcrumb)."""
    ids = organisatie.ancestor_ids[:-1]
    if not ids:
        return []
    return list(organisatie_list(gebruiker=gebruiker, capability=capability).filter(pk__in=ids))


def organisatie_may_manage(*, gebruiker: Any, organisatie: Organisatie) -> bool:
    """Whether ``gebruiker`` may change ``organisatie`` and add units under it."""
    scope = scope_for(gebruiker=gebruiker, capability=Capability.ORGANISATIE_BEHEREN)
    return scope.covers(pad=organisatie.pad, node_id=organisatie.pk)


def organisatie_parent_choices(
    *, gebruiker: Any, organisatie: Organisatie
) -> QuerySet[Organisatie]:
    """Where ``organisatie`` may be moved: nodes the user manages, plus its current parent
    (staying put is always allowed), never itself or one of its own descendants."""
    scope = scope_for(gebruiker=gebruiker, capability=Capability.ORGANISATIE_BEHEREN)
    condition = scope.q()
    if organisatie.parent_id is not None:
        condition |= Q(pk=organisatie.parent_id)
    return (
        Organisatie.objects.filter(condition)
        .exclude(pad__startswith=organisatie.pad)
        .order_by("pad")
    )


def organisatie_rijk() -> Organisatie | None:
    return Organisatie.objects.filter(code=RIJK_CODE).first()


def ministeries() -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(soort="ministerie").order_by("code")


@dataclass
class TreeNode:
    organisatie: Organisatie
    children: list[TreeNode] = field(default_factory=list)

    @property
    def totaal_medewerkers(self) -> int:
        """Headcount of this node and every visible node below it."""
        own = self.organisatie.aantal_medewerkers or 0
        return own + sum(child.totaal_medewerkers for child in self.children)


def organisatie_tree(
    *, gebruiker: Any, capability: Capability, peildatum: date | None = None
) -> list[TreeNode]:
    """The visible part of the tree as nested nodes: roots are the topmost visible nodes
    (a node whose parent is not visible becomes a root). Siblings are ordered by code."""
    nodes = list(organisatie_list(gebruiker=gebruiker, capability=capability, peildatum=peildatum))
    nodes.sort(key=lambda node: node.code)
    by_id = {node.pk: TreeNode(organisatie=node) for node in nodes}
    roots: list[TreeNode] = []
    for node in nodes:
        tree_node = by_id[node.pk]
        parent = by_id.get(node.parent_id) if node.parent_id else None
        if parent is None:
            roots.append(tree_node)
        else:
            parent.children.append(tree_node)
    return roots


def tree_preorder(roots: list[TreeNode]) -> list[Organisatie]:
    """The nodes of a tree, each parent before its children (the order an import needs)."""
    ordered: list[Organisatie] = []
    stack = list(reversed(roots))
    while stack:
        tree_node = stack.pop()
        ordered.append(tree_node.organisatie)
        stack.extend(reversed(tree_node.children))
    return ordered
