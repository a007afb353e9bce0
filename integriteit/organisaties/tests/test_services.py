from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import (
    OrganisatieGegevens,
    organisatie_create,
    organisatie_update,
)
from integriteit.organisaties.tests.factories import OrganisatieFactory


def _gegevens(node: Organisatie, **changes: object) -> OrganisatieGegevens:
    values: dict[str, object] = {
        "code": node.code,
        "naam": node.naam,
        "soort": node.soort,
        "parent": node.parent,
        "fte": node.fte,
        "aantal_medewerkers": node.aantal_medewerkers,
        "geldig_van": node.geldig_van,
        "geldig_tot": node.geldig_tot,
    }
    values.update(changes)
    return OrganisatieGegevens(**values)  # type: ignore[arg-type]


def test_create_sets_path_and_writes_audit_event(world: World) -> None:
    node = organisatie_create(
        acting_user=None,
        gegevens=OrganisatieGegevens(
            code="OCW-DGCM-ERF",
            naam="Directie Erfgoed",
            soort=Soort.ONDERDEEL,
            parent=world.ocw_unit,
        ),
    )
    node.refresh_from_db()
    assert node.pad == f"{world.ocw_unit.pad}{node.pk}/"
    assert node.ancestor_ids == [world.rijk.pk, world.ocw.pk, world.ocw_unit.pk, node.pk]
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.action, event.object_id, event.organisatie_id) == (
        "organisatie.aangemaakt",
        "OCW-DGCM-ERF",
        node.pk,
    )
    assert event.details == {"parent": "OCW-DGCM", "soort": "onderdeel"}


def test_audit_event_is_part_of_the_same_transaction(world: World) -> None:
    events_before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        organisatie_create(
            acting_user=None,
            gegevens=OrganisatieGegevens(
                code="OCW-X", naam="X", soort=Soort.ONDERDEEL, parent=world.ocw
            ),
        )
        raise RuntimeError("rollback")
    assert not Organisatie.objects.filter(code="OCW-X").exists()
    assert AuditEvent.objects.count() == events_before


def test_move_rewrites_the_paths_of_the_whole_subtree(world: World) -> None:
    child = OrganisatieFactory.create(code="OCW-DGCM-A", parent=world.ocw_unit)
    grandchild = OrganisatieFactory.create(code="OCW-DGCM-A-1", parent=child)
    unrelated = OrganisatieFactory.create(code="OCW-DGHO", parent=world.ocw)

    organisatie_update(
        acting_user=None,
        organisatie=world.ocw_unit,
        gegevens=_gegevens(world.ocw_unit, parent=world.fin),
    )

    for node in (world.ocw_unit, child, grandchild, unrelated):
        node.refresh_from_db()
    assert world.ocw_unit.pad == f"{world.fin.pad}{world.ocw_unit.pk}/"
    assert child.pad == f"{world.ocw_unit.pad}{child.pk}/"
    assert grandchild.pad == f"{child.pad}{grandchild.pk}/"
    assert unrelated.pad == f"{world.ocw.pad}{unrelated.pk}/"
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert event.action == "organisatie.gewijzigd"
    assert event.details == {"wijzigingen": {"parent": ["OCW", "FIN"]}}


def test_moving_a_node_under_its_own_descendant_is_refused(world: World) -> None:
    child = OrganisatieFactory.create(code="OCW-DGCM-A", parent=world.ocw_unit)
    with pytest.raises(ValidationError) as excinfo:
        organisatie_update(
            acting_user=None,
            organisatie=world.ocw_unit,
            gegevens=_gegevens(world.ocw_unit, parent=child),
        )
    assert "parent" in excinfo.value.message_dict
    world.ocw_unit.refresh_from_db()
    assert world.ocw_unit.parent_id == world.ocw.pk


def test_duplicate_code_is_refused_on_create_and_update(world: World) -> None:
    count = Organisatie.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        organisatie_create(
            acting_user=None,
            gegevens=OrganisatieGegevens(
                code="FIN", naam="Nog een", soort=Soort.ONDERDEEL, parent=world.ocw
            ),
        )
    assert excinfo.value.message_dict["code"] == ["Code ‘FIN’ bestaat al."]
    with pytest.raises(ValidationError):
        organisatie_update(
            acting_user=None,
            organisatie=world.ocw_unit,
            gegevens=_gegevens(world.ocw_unit, code="FIN-DGFZ"),
        )
    assert Organisatie.objects.count() == count


def test_kind_must_fit_the_parent(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        organisatie_create(
            acting_user=None,
            gegevens=OrganisatieGegevens(
                code="XYZ", naam="Ministerie X", soort=Soort.MINISTERIE, parent=world.ocw
            ),
        )
    assert excinfo.value.message_dict["parent"] == [
        "Een ministerie kan niet onder ministerie hangen."
    ]


def test_update_without_changes_writes_no_event(world: World) -> None:
    events = AuditEvent.objects.count()
    organisatie_update(
        acting_user=None, organisatie=world.ocw_unit, gegevens=_gegevens(world.ocw_unit)
    )
    assert AuditEvent.objects.count() == events
