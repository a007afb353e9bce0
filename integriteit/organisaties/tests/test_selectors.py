from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404

from integriteit.common.permissions import Capability
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.organisaties.selectors import (
    organisatie_ancestors,
    organisatie_get,
    organisatie_list,
    organisatie_parent_choices,
    organisatie_tree,
    tree_preorder,
)
from integriteit.organisaties.tests.factories import OrganisatieFactory

VIEW = Capability.ORGANISATIE_BEKIJKEN


def _codes(nodes: object) -> list[str]:
    return [node.code for node in nodes]  # type: ignore[attr-defined]


def test_recursive_membership_sees_the_subtree_only(world: World, make_user: MakeUser) -> None:
    deep = OrganisatieFactory.create(code="OCW-DGCM-ERF", parent=world.ocw_unit)
    user = make_user(Rol.LEIDINGGEVENDE, world.ocw, recursief=True)
    assert _codes(organisatie_list(gebruiker=user, capability=VIEW)) == [
        "OCW",
        "OCW-DGCM",
        "OCW-DGCM-ERF",
    ]
    assert organisatie_get(gebruiker=user, capability=VIEW, code=deep.code) == deep
    with pytest.raises(Http404):
        organisatie_get(gebruiker=user, capability=VIEW, code="FIN-DGFZ")
    with pytest.raises(Http404):
        organisatie_get(gebruiker=user, capability=VIEW, code="RIJK")


def test_non_recursive_membership_sees_one_node(world: World, make_user: MakeUser) -> None:
    user = make_user(Rol.LEIDINGGEVENDE, world.ocw, recursief=False)
    assert _codes(organisatie_list(gebruiker=user, capability=VIEW)) == ["OCW"]
    with pytest.raises(Http404):
        organisatie_get(gebruiker=user, capability=VIEW, code="OCW-DGCM")


def test_capability_not_held_gives_nothing(world: World, make_user: MakeUser) -> None:
    user = make_user(Rol.LEIDINGGEVENDE, world.ocw)
    assert not organisatie_list(gebruiker=user, capability=Capability.ORGANISATIE_BEHEREN).exists()


def test_tree_nests_visible_nodes_and_totals_the_headcount(
    world: World, make_user: MakeUser
) -> None:
    OrganisatieFactory.create(code="OCW-DGCM-ERF", parent=world.ocw_unit, aantal_medewerkers=30)
    user = make_user(Rol.BEHEERDER, world.rijk)
    roots = organisatie_tree(gebruiker=user, capability=VIEW)
    assert [root.organisatie.code for root in roots] == ["RIJK"]
    fin, ocw = roots[0].children
    assert (fin.organisatie.code, ocw.organisatie.code) == ("FIN", "OCW")
    assert ocw.totaal_medewerkers == 120 + 30
    assert roots[0].totaal_medewerkers == 120 + 30 + 80
    assert _codes(tree_preorder(roots)) == [
        "RIJK",
        "FIN",
        "FIN-DGFZ",
        "OCW",
        "OCW-DGCM",
        "OCW-DGCM-ERF",
    ]


def test_tree_on_a_peildatum_leaves_out_nodes_not_valid_then(
    world: World, make_user: MakeUser
) -> None:
    OrganisatieFactory.create(code="OCW-OUD", parent=world.ocw, geldig_tot=date(2022, 12, 31))
    OrganisatieFactory.create(code="OCW-NIEUW", parent=world.ocw, geldig_van=date(2030, 1, 1))
    user = make_user(Rol.LEIDINGGEVENDE, world.ocw)
    every = tree_preorder(organisatie_tree(gebruiker=user, capability=VIEW))
    in_2024 = tree_preorder(
        organisatie_tree(gebruiker=user, capability=VIEW, peildatum=date(2024, 6, 1))
    )
    assert _codes(every) == ["OCW", "OCW-DGCM", "OCW-NIEUW", "OCW-OUD"]
    assert _codes(in_2024) == ["OCW", "OCW-DGCM"]


def test_ancestors_are_limited_to_the_scope(world: World, make_user: MakeUser) -> None:
    user = make_user(Rol.LEIDINGGEVENDE, world.ocw)
    assert _codes(
        organisatie_ancestors(gebruiker=user, capability=VIEW, organisatie=world.ocw_unit)
    ) == ["OCW"]


def test_parent_choices_are_managed_nodes_plus_current_parent(
    world: World, make_user: MakeUser
) -> None:
    OrganisatieFactory.create(code="OCW-DGCM-ERF", parent=world.ocw_unit)
    beheerder = make_user(Rol.BEHEERDER, world.ocw)
    choices = organisatie_parent_choices(gebruiker=beheerder, organisatie=world.ocw_unit)
    # Not FIN (outside the scope), not the node itself nor its descendant (a loop).
    assert _codes(choices) == ["OCW"]
    assert _codes(organisatie_parent_choices(gebruiker=beheerder, organisatie=world.ocw)) == [
        "RIJK"
    ]
