"""Questionnaire versions, waves and their unit lists, invitations, reminders and mailing, and
the response rate with small-group suppression (ADR 0008). Real database."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from integriteit.accounts.selectors import Scope
from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.medewerkersonderzoek.constants import GolfStatus, Rol
from integriteit.medewerkersonderzoek.models import (
    Golf,
    GolfEenheid,
    Respons,
    Uitnodiging,
    Vragenlijst,
)
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
from integriteit.medewerkersonderzoek.selectors import (
    golf_list,
    golf_respons,
    herinneringen_te_sturen,
    suppress,
)
from integriteit.medewerkersonderzoek.services import (
    golf_create,
    golf_transition,
    herinnering_gestuurd,
    token_hash,
    uitnodigingen_create,
    uitnodigingen_mailen,
    vragenlijst_load,
)
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create

ARK = (SHIPPED_DIR / "ark-2023.yaml").read_bytes()


def load_ark() -> Vragenlijst:
    return vragenlijst_load(acting_user=None, data=ARK, filename="ark-2023.yaml")


def make_golf(organisatie: Organisatie, *, min_group_size: int = 10) -> Golf:
    return golf_create(
        acting_user=None,
        vragenlijst=load_ark(),
        organisatie=organisatie,
        titel="Medewerkersonderzoek 2025",
        start=date(2025, 10, 1),
        eind=date(2025, 10, 31),
        min_group_size=min_group_size,
    )


def node(code: str, parent: Organisatie, n: int | None = None) -> Organisatie:
    return organisatie_create(
        acting_user=None,
        gegevens=OrganisatieGegevens(
            code=code,
            naam=f"Onderdeel {code}",
            soort=Soort.ONDERDEEL,
            parent=parent,
            aantal_medewerkers=n,
        ),
    )


# --- questionnaires -----------------------------------------------------------------------


def test_vragenlijst_load_is_idempotent_and_immutable(db: None) -> None:
    first = load_ark()
    assert load_ark().pk == first.pk
    assert Vragenlijst.objects.count() == 1
    assert first.sha256 == hashlib.sha256(ARK).hexdigest()
    changed = ARK.replace(b"Bent u leidinggevende?", b"Geeft u leiding?")
    with pytest.raises(ValidationError, match="al geladen met andere inhoud"):
        vragenlijst_load(acting_user=None, data=changed, filename="ark-2023.yaml")


def test_vragenlijst_spec_is_parsed_once(db: None) -> None:
    vragenlijst = Vragenlijst.objects.get(pk=load_ark().pk)
    spec = vragenlijst.spec()
    assert spec.code == "ark-2023"
    assert spec.has_item("leidinggevende")
    assert vragenlijst.spec() is spec


def test_vragenlijst_load_refuses_bad_yaml_and_saves_nothing(db: None) -> None:
    with pytest.raises(ValidationError, match="kapot.yaml"):
        vragenlijst_load(acting_user=None, data=b"code: [", filename="kapot.yaml")
    assert not Vragenlijst.objects.exists()


# --- waves ---------------------------------------------------------------------------------


def test_golf_create_copies_leaf_units_with_frozen_headcounts(world: World) -> None:
    dg = node("OCW-DGHO", world.ocw)
    directie = node("OCW-DGHO-D1", dg, 35)
    golf = make_golf(world.rijk)
    units = {e.organisatie.code: e.aantal_medewerkers for e in golf.eenheden.all()}
    # Leaves only: DGHO has a directie below it; Rijk and the ministries are not leaves.
    assert units == {"OCW-DGCM": 120, "OCW-DGHO-D1": 35, "FIN-DGFZ": 80}
    directie.aantal_medewerkers = 999
    directie.save()
    assert GolfEenheid.objects.get(golf=golf, organisatie=directie).aantal_medewerkers == 35


def test_golf_create_for_a_ministry_takes_only_its_units(world: World) -> None:
    golf = make_golf(world.fin)
    assert [e.organisatie for e in golf.eenheden.all()] == [world.fin_unit]
    assert golf.status == GolfStatus.VOORBEREIDING
    assert not golf.synthetisch


def test_min_group_size_never_below_five(world: World) -> None:
    with pytest.raises(ValidationError) as info:
        make_golf(world.ocw, min_group_size=4)
    assert "min_group_size" in info.value.message_dict
    assert not Golf.objects.exists()
    assert make_golf(world.ocw, min_group_size=5).min_group_size == 5


def test_golf_transitions_only_forward(world: World) -> None:
    golf = make_golf(world.ocw)
    golf = golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    golf = golf_transition(acting_user=None, golf=golf, naar=GolfStatus.GESLOTEN)
    with pytest.raises(ValidationError, match="kan niet"):
        golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)


def test_golf_list_by_scope(world: World) -> None:
    rijksbreed = make_golf(world.rijk)
    fin_golf = make_golf(world.fin)
    ocw_scope = Scope(prefixes=(world.ocw.pad,))
    assert list(golf_list(scope=ocw_scope)) == [rijksbreed]
    assert set(golf_list(scope=Scope(prefixes=(world.rijk.pad,)))) == {rijksbreed, fin_golf}
    assert not golf_list(scope=Scope()).exists()


# --- invitations ---------------------------------------------------------------------------


def test_invitations_store_only_hashes(world: World) -> None:
    golf = make_golf(world.rijk)
    nieuw = uitnodigingen_create(acting_user=None, golf=golf)
    assert len(nieuw) == 200  # 120 + 80: one per employee of the frozen headcount
    assert len({n.token for n in nieuw}) == 200
    stored = set(Uitnodiging.objects.values_list("token_hash", flat=True))
    assert stored == {token_hash(n.token) for n in nieuw}
    assert all(len(n.token) >= 43 for n in nieuw)  # 32 random bytes, url-safe base64
    field_names = {f.name for f in Uitnodiging._meta.get_fields()}
    assert "token" not in field_names
    assert not any(f.is_relation and "respons" in f.name for f in Uitnodiging._meta.get_fields())


def test_invitations_per_unit_and_refusals(world: World) -> None:
    golf = make_golf(world.rijk)
    eenheid = golf.eenheden.get(organisatie=world.fin_unit)
    nieuw = uitnodigingen_create(
        acting_user=None, golf=golf, per_eenheid={eenheid.pk: 3}, rol_hint=Rol.LEIDINGGEVENDE
    )
    assert [n.eenheid_code for n in nieuw] == ["FIN-DGFZ"] * 3
    assert set(Uitnodiging.objects.values_list("rol_hint", flat=True)) == {Rol.LEIDINGGEVENDE}
    with pytest.raises(ValidationError, match="hoort niet bij deze golf"):
        uitnodigingen_create(acting_user=None, golf=golf, per_eenheid={10_000: 1})
    golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    golf = golf_transition(acting_user=None, golf=golf, naar=GolfStatus.GESLOTEN)
    with pytest.raises(ValidationError, match="gesloten"):
        uitnodigingen_create(acting_user=None, golf=golf, per_eenheid={eenheid.pk: 1})
    assert Uitnodiging.objects.count() == 3


def _tokens(golf: Golf, organisatie: Organisatie, n: int) -> list[str]:
    eenheid = golf.eenheden.get(organisatie=organisatie)
    nieuw = uitnodigingen_create(acting_user=None, golf=golf, per_eenheid={eenheid.pk: n})
    return [item.token for item in nieuw]


def test_reminders_go_only_to_unused_invitations(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    golf = make_golf(world.ocw)
    tokens = _tokens(golf, world.ocw_unit, 3)
    Uitnodiging.objects.filter(token_hash=token_hash(tokens[0])).update(gebruikt=True)
    open_ = herinneringen_te_sturen(golf=golf)
    assert {u.token_hash for u in open_} == {token_hash(t) for t in tokens[1:]}
    assert herinnering_gestuurd(acting_user=None, golf=golf, uitnodigingen=open_) == 2
    assert Uitnodiging.objects.filter(herinnerd_op__isnull=False).count() == 2

    adressen = {token: f"persoon{i}@example.nl" for i, token in enumerate(tokens)}
    with django_capture_on_commit_callbacks(execute=True):
        sent = uitnodigingen_mailen(
            acting_user=None,
            golf=golf,
            adressen=adressen,
            link_template="https://integriteit.example/o/{token}/",
            herinnering=True,
        )
    assert sent == 2
    assert sorted(str(m.to[0]) for m in mail.outbox) == [
        "persoon1@example.nl",
        "persoon2@example.nl",
    ]
    assert tokens[1] in "".join(str(m.body) for m in mail.outbox)
    assert mail.outbox[0].subject.startswith("Herinnering")


def test_mailing_refuses_foreign_tokens_and_sends_nothing(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    golf = make_golf(world.ocw)
    tokens = _tokens(golf, world.ocw_unit, 1)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="niet bij deze golf"),
    ):
        uitnodigingen_mailen(
            acting_user=None,
            golf=golf,
            adressen={tokens[0]: "a@example.nl", "verzonnen": "b@example.nl"},
            link_template="https://x/{token}",
        )
    assert mail.outbox == []


def test_audit_events_of_waves_carry_no_tokens_or_addresses(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    golf = make_golf(world.ocw)
    tokens = _tokens(golf, world.ocw_unit, 2)
    with django_capture_on_commit_callbacks(execute=True):
        uitnodigingen_mailen(
            acting_user=None,
            golf=golf,
            adressen={t: "geheim@example.nl" for t in tokens},
            link_template="https://x/{token}",
        )
    dump = json.dumps([[e.object_id, e.details] for e in AuditEvent.objects.all()])
    for token in tokens:
        assert token not in dump
        assert token_hash(token) not in dump
    assert "geheim@example.nl" not in dump
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert {"golf.aangemaakt", "uitnodigingen.aangemaakt", "uitnodigingen.gemaild"} <= set(actions)


# --- response rate and suppression ---------------------------------------------------------


def test_suppress_primary_and_secondary() -> None:
    assert suppress({"a": 20, "b": 12, "c": 3}, 10) == {"b", "c"}
    assert suppress({"a": 20, "b": 12, "c": 15}, 10) == set()
    # Two small ones together below the minimum: keep suppressing.
    assert suppress({"a": 20, "b": 30, "c": 2, "d": 3}, 10) == {"a", "c", "d"}
    # Exactly one suppressed, even with zero responses, takes the next smallest along.
    assert suppress({"a": 20, "b": 12, "c": 0}, 10) == {"b", "c"}
    # Never below the floor of 5.
    assert suppress({"a": 20, "b": 4, "c": 4}, 1) == {"b", "c"}


def _respond(golf: Golf, organisatie: Organisatie, n: int) -> None:
    eenheid = golf.eenheden.get(organisatie=organisatie)
    Respons.objects.bulk_create(
        [
            Respons(golf=golf, golf_eenheid=eenheid, rol=Rol.MEDEWERKER, ingevuld_in=golf.start)
            for _ in range(n)
        ]
    )


def test_golf_respons_suppresses_small_units_and_their_smallest_sibling(world: World) -> None:
    dg = node("OCW-DGHO", world.ocw)
    a, b, c = node("OCW-A", dg, 40), node("OCW-B", dg, 30), node("OCW-C", dg, 10)
    golf = make_golf(world.ocw)
    for unit, invited, responded in (
        (a, 40, 20),
        (b, 30, 12),
        (c, 10, 3),
        (world.ocw_unit, 30, 15),
    ):
        _tokens(golf, unit, invited)
        _respond(golf, unit, responded)

    overzicht = golf_respons(golf=golf, scope=Scope(prefixes=(world.ocw.pad,)))
    rows = {row.code: row for row in overzicht.eenheden}
    assert (rows["OCW-A"].gerespondeerd, rows["OCW-A"].percentage) == (20, 50.0)
    assert rows["OCW-C"].onderdrukt and rows["OCW-C"].percentage is None  # primary: 3 < 10
    # Secondary: DGHO's total minus A would reveal C, so B (next smallest) is hidden too.
    assert rows["OCW-B"].onderdrukt and rows["OCW-B"].gerespondeerd is None
    assert rows["OCW-B"].uitgenodigd == 30
    # DGCM is the only child of OCW with its own responses: nothing to hide there.
    assert rows["OCW-DGCM"].percentage == 50.0
    assert overzicht.totaal is not None
    assert (overzicht.totaal.uitgenodigd, overzicht.totaal.gerespondeerd) == (110, 50)
    # Differencing attack: total minus every visible unit is never a suppressed unit alone.
    visible = sum(r.gerespondeerd or 0 for r in overzicht.eenheden)
    assert overzicht.totaal.gerespondeerd == 50
    assert 50 - visible == 12 + 3


def test_golf_respons_is_scoped_and_suppressed_the_same_for_everyone(world: World) -> None:
    dg = node("OCW-DGHO", world.ocw)
    a, b = node("OCW-A", dg, 40), node("OCW-B", dg, 30)
    golf = make_golf(world.ocw)
    _respond(golf, a, 20)
    _respond(golf, b, 4)
    only_a = golf_respons(golf=golf, scope=Scope(node_ids=frozenset({a.pk})))
    assert [r.code for r in only_a.eenheden] == ["OCW-A"]
    assert only_a.eenheden[0].onderdrukt  # hidden for B's sake, also for A's own manager
    assert only_a.totaal is None
    assert golf_respons(golf=golf, scope=Scope()).eenheden == []


def test_golf_respons_total_suppressed_below_minimum(world: World) -> None:
    golf = make_golf(world.fin)
    _respond(golf, world.fin_unit, 9)
    overzicht = golf_respons(golf=golf, scope=Scope(prefixes=(world.rijk.pad,)))
    assert overzicht.totaal is not None and overzicht.totaal.onderdrukt
    assert overzicht.eenheden[0].gerespondeerd is None


def test_the_questionnaire_is_parsed_once_per_version(world: World) -> None:
    """Every request loads its own Vragenlijst row; the parsed spec is shared (ADR 0022)."""
    golf = make_golf(world.ocw)
    eerste = Golf.objects.get(pk=golf.pk).vragenlijst
    tweede = Golf.objects.get(pk=golf.pk).vragenlijst
    assert eerste is not tweede
    assert eerste.spec() is tweede.spec()
    assert eerste.spec().code == eerste.code
