"""The demo wave with synthetic responses (issue 4, item 6). Real database."""

from __future__ import annotations

import time

import pytest

from integriteit.accounts.demo import DEMO_CSV
from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.medewerkersonderzoek.constants import GolfStatus, Rol
from integriteit.medewerkersonderzoek.demo import DEMO_INGEVULD_IN, enquete_demo_load
from integriteit.medewerkersonderzoek.models import (
    Golf,
    GolfEenheid,
    Respons,
    Uitnodiging,
    Vragenlijst,
)
from integriteit.medewerkersonderzoek.services import antwoorden_clean
from integriteit.medewerkersonderzoek.synthetic import PROFILES
from integriteit.organisaties.csv_io import organisaties_import_csv

PROFILE = PROFILES["ark-2023"]
RESPONS_FIELDS = {"id", "golf", "golf_eenheid", "rol", "antwoorden", "ingevuld_in"}


@pytest.fixture
def demo_tree(db: None) -> None:
    organisaties_import_csv(acting_user=None, data=DEMO_CSV.read_bytes(), system=True)


def _counts() -> tuple[int, ...]:
    return (
        Vragenlijst.objects.count(),
        Golf.objects.count(),
        GolfEenheid.objects.count(),
        Respons.objects.count(),
        Uitnodiging.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.usefixtures("demo_tree")
def test_demo_wave_is_synthetic_complete_and_idempotent() -> None:
    started = time.perf_counter()
    golf = enquete_demo_load()
    elapsed = time.perf_counter() - started
    assert golf is not None
    assert elapsed < 20  # ~3 s on a laptop; generous for slow CI
    golf.refresh_from_db()
    assert golf.synthetisch
    assert golf.status == GolfStatus.GESLOTEN
    assert golf.organisatie.code == "RIJK"
    assert golf.vragenlijst.code == "ark-2023"
    assert golf.min_group_size == 10

    responses = list(Respons.objects.filter(golf=golf))
    assert len(responses) == PROFILE.default_n == Respons.objects.count()
    wave_units = set(golf.eenheden.values_list("pk", flat=True))
    assert {r.golf_eenheid_id for r in responses} <= wave_units
    assert {f.name for f in Respons._meta.get_fields()} == RESPONS_FIELDS
    spec = golf.vragenlijst.spec()
    for respons in responses:
        assert respons.ingevuld_in == DEMO_INGEVULD_IN
        assert respons.rol in Rol.values
        # Known columns, valid codes and ask_if routing: what respons_submit would accept.
        assert antwoorden_clean(spec, respons.antwoorden) == respons.antwoorden
        expected = Rol.LEIDINGGEVENDE if respons.antwoorden.get("leidinggevende") == 1 else None
        assert respons.rol == (expected or Rol.MEDEWERKER)

    invitations = Uitnodiging.objects.filter(golf=golf)
    assert invitations.count() == PROFILE.invitations
    assert invitations.filter(gebruikt=True).count() == len(responses)
    for eenheid in golf.eenheden.all():
        used = invitations.filter(golf_eenheid=eenheid, gebruikt=True).count()
        assert used == sum(1 for r in responses if r.golf_eenheid_id == eenheid.pk)

    event = AuditEvent.objects.get(action="golf.demo_geladen")
    assert event.details["responsen"] == PROFILE.default_n
    assert event.details["uitnodigingen"] == PROFILE.invitations

    before = _counts()
    assert enquete_demo_load() is None
    assert _counts() == before


def test_demo_wave_on_another_tree_uses_the_wave_units(world: World) -> None:
    golf = enquete_demo_load()
    assert golf is not None
    units = {e.pk: e.organisatie.code for e in golf.eenheden.select_related("organisatie")}
    assert set(units.values()) == {"OCW-DGCM", "FIN-DGFZ"}
    used = set(Respons.objects.filter(golf=golf).values_list("golf_eenheid_id", flat=True))
    assert used == set(units)
    assert Respons.objects.filter(golf=golf).count() == PROFILE.default_n


@pytest.mark.django_db
def test_demo_wave_needs_a_rijk_root() -> None:
    assert enquete_demo_load() is None
    assert not Golf.objects.exists()
