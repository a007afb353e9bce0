"""The assessment services against the real database: workflow, completeness, immutability,
corrections, evidence, actions and their audit events."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from integriteit.accounts.models import Gebruiker
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader import services
from integriteit.normenkader.constants import ActieStatus, BewijsSoort, Soort, Status
from integriteit.normenkader.models import (
    Beoordeling,
    Niveau,
    Normenkader,
    Oordeel,
    StatusWijziging,
    Verbeteractie,
)
from integriteit.normenkader.tests import world as data


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Iterator[None]:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> Gebruiker:
    return make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, username="coord")


@pytest.fixture
def concept(world: World) -> Beoordeling:
    return data.beoordeling(world.ocw)


def _niveau(code: str) -> Niveau:
    return Niveau.objects.get(normenkader=data.ark_2024(), code=code)


def _rate_all(beoordeling: Beoordeling, code: str = "onbekend") -> None:
    for oordeel in beoordeling.oordelen.all():
        services.oordeel_update(
            acting_user=None, oordeel=oordeel, niveau=_niveau(code), bevinding="Gezien."
        )


def _submitted(beoordeling: Beoordeling, user: Gebruiker | None = None) -> Beoordeling:
    _rate_all(beoordeling)
    return services.beoordeling_transition(
        acting_user=user, beoordeling=beoordeling, naar=Status.INGEDIEND
    )


def _final(beoordeling: Beoordeling) -> Beoordeling:
    return services.beoordeling_transition(
        acting_user=None, beoordeling=_submitted(beoordeling), naar=Status.DEFINITIEF
    )


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


# --- start ----------------------------------------------------------------------------


def test_start_gives_a_ministry_the_fifteen_organisation_norms(
    world: World, coordinator: Gebruiker
) -> None:
    beoordeling = services.beoordeling_start(
        acting_user=coordinator, cyclus=data.cyclus(), organisatie=world.ocw, soort="zelfevaluatie"
    )
    codes = list(
        beoordeling.oordelen.order_by("norm__volgorde").values_list("norm__code", flat=True)
    )
    assert codes == [str(n) for n in range(1, 16)]
    assert beoordeling.status == Status.CONCEPT and beoordeling.versie == 1
    assert beoordeling.beoordelaar == coordinator.get_full_name()
    history = list(beoordeling.statuswijzigingen.values_list("van", "naar", "door"))
    assert history == [("", Status.CONCEPT, coordinator.pk)]
    assert AuditEvent.objects.filter(action="beoordeling.gestart", actor_id=coordinator.pk).exists()


def test_start_gives_rijk_the_coordinating_role_norms(world: World) -> None:
    beoordeling = data.beoordeling(world.rijk, Soort.COORDINATOR)
    codes = set(beoordeling.oordelen.values_list("norm__code", flat=True))
    assert codes == {f"BZK-{n}" for n in range(1, 6)}


def test_start_refuses_a_unit_and_a_second_assessment_of_the_same_kind(world: World) -> None:
    data.beoordeling(world.ocw)
    with pytest.raises(ValidationError, match="onderdeel"):
        services.beoordeling_start(
            acting_user=None, cyclus=data.cyclus(), organisatie=world.ocw_unit, soort="auditor"
        )
    with pytest.raises(ValidationError, match="Er is al een zelfevaluatie van OCW"):
        services.beoordeling_start(
            acting_user=None, cyclus=data.cyclus(), organisatie=world.ocw, soort="zelfevaluatie"
        )
    # Another kind of the same organisation in the same cycle stands beside it.
    services.beoordeling_start(
        acting_user=None, cyclus=data.cyclus(), organisatie=world.ocw, soort="auditor"
    )
    assert Beoordeling.objects.filter(organisatie=world.ocw).count() == 2


def test_cycle_refuses_a_duplicate_year_and_a_later_previous_cycle(world: World) -> None:
    kader = data.ark_2024()
    c2024 = data.cyclus(2024)
    with pytest.raises(ValidationError, match="al een cyclus 2024"):
        services.cyclus_create(acting_user=None, jaar=2024, normenkader=kader, vorige=None)
    with pytest.raises(ValidationError, match="eerder jaar"):
        services.cyclus_create(acting_user=None, jaar=2023, normenkader=kader, vorige=c2024)


# --- workflow -------------------------------------------------------------------------


def test_submitting_needs_every_norm_rated_and_names_the_missing_ones(
    concept: Beoordeling,
) -> None:
    for oordeel in concept.oordelen.exclude(norm__code__in=["9", "14"]):
        services.oordeel_update(
            acting_user=None, oordeel=oordeel, niveau=_niveau("voldoet"), bevinding="Op orde."
        )
    with pytest.raises(ValidationError, match="Nog niet alle normen zijn beoordeeld: 9, 14"):
        services.beoordeling_transition(
            acting_user=None, beoordeling=concept, naar=Status.INGEDIEND
        )
    concept.refresh_from_db()
    assert concept.status == Status.CONCEPT and concept.ingediend_op is None


def test_onbekend_counts_as_rated_for_submitting(concept: Beoordeling) -> None:
    submitted = _submitted(concept)
    assert submitted.status == Status.INGEDIEND and submitted.ingediend_op is not None


@pytest.mark.parametrize(
    ("steps", "naar"),
    [
        ([], Status.DEFINITIEF),  # a concept cannot skip being submitted
        ([], Status.CONCEPT),
        ([Status.INGEDIEND], Status.INGEDIEND),
        ([Status.INGEDIEND, Status.DEFINITIEF], Status.CONCEPT),  # final stays final
        ([Status.INGEDIEND, Status.DEFINITIEF], Status.INGEDIEND),
    ],
)
def test_transitions_outside_the_map_are_refused(
    concept: Beoordeling, steps: list[str], naar: str
) -> None:
    _rate_all(concept)
    for step in steps:
        concept = services.beoordeling_transition(acting_user=None, beoordeling=concept, naar=step)
    before = StatusWijziging.objects.count()
    with pytest.raises(ValidationError, match="kan niet"):
        services.beoordeling_transition(acting_user=None, beoordeling=concept, naar=naar)
    assert StatusWijziging.objects.count() == before


def test_sending_back_needs_a_reason_which_is_kept_in_the_history(
    concept: Beoordeling, coordinator: Gebruiker
) -> None:
    submitted = _submitted(concept, coordinator)
    with pytest.raises(ValidationError) as refused:
        services.beoordeling_transition(
            acting_user=coordinator, beoordeling=submitted, naar=Status.CONCEPT, toelichting="  "
        )
    assert refused.value.message_dict == {"toelichting": ["Geef een reden."]}
    back = services.beoordeling_transition(
        acting_user=coordinator,
        beoordeling=submitted,
        naar=Status.CONCEPT,
        toelichting="Bevinding 9 onvolledig",
    )
    assert back.status == Status.CONCEPT
    history = list(back.statuswijzigingen.values_list("van", "naar", "toelichting", "door"))
    assert history == [
        ("", Status.CONCEPT, "", None),
        (Status.CONCEPT, Status.INGEDIEND, "", coordinator.pk),
        (Status.INGEDIEND, Status.CONCEPT, "Bevinding 9 onvolledig", coordinator.pk),
    ]


def test_a_final_assessment_is_immutable(concept: Beoordeling) -> None:
    final = _final(concept)
    assert final.definitief_op is not None
    oordeel = final.oordelen.get(norm__code="9")
    with pytest.raises(ValidationError, match="definitief en kan niet meer"):
        services.oordeel_update(
            acting_user=None, oordeel=oordeel, niveau=_niveau("voldoet"), bevinding="Later."
        )
    with pytest.raises(ValidationError, match="definitief"):
        services.bewijs_add(
            acting_user=None,
            oordeel=oordeel,
            omschrijving="Te laat",
            peildatum=date(2024, 1, 1),
            url="https://example.org/",
        )
    oordeel.refresh_from_db()
    assert oordeel.niveau is not None and oordeel.niveau.code == "onbekend"
    assert oordeel.bevinding == "Gezien." and not oordeel.bewijzen.exists()


def test_a_submitted_assessment_cannot_be_rated_either(concept: Beoordeling) -> None:
    submitted = _submitted(concept)
    with pytest.raises(ValidationError, match="ingediend"):
        services.oordeel_update(
            acting_user=None,
            oordeel=submitted.oordelen.get(norm__code="1"),
            niveau=None,
            bevinding="",
        )


def test_a_level_of_another_framework_is_refused(concept: Beoordeling) -> None:
    other = Normenkader.objects.create(
        code="ander", versie=1, titel="Ander", applies_to="organisation", sha256="0" * 64
    )
    vreemd = Niveau.objects.create(
        normenkader=other, code="ja", label="Ja", rang=1, kleur="#000000"
    )
    with pytest.raises(ValidationError) as refused:
        services.oordeel_update(
            acting_user=None,
            oordeel=concept.oordelen.get(norm__code="1"),
            niveau=vreemd,
            bevinding="x",
        )
    assert "niveau" in refused.value.message_dict


# --- correction -----------------------------------------------------------------------


def test_a_correction_is_a_new_version_with_the_reason_and_the_ratings_copied(
    concept: Beoordeling, coordinator: Gebruiker
) -> None:
    negen = concept.oordelen.get(norm__code="9")
    _rate_all(concept)
    services.oordeel_update(
        acting_user=None,
        oordeel=negen,
        niveau=_niveau("stap"),
        bevinding="Protocol verouderd",
        bron="Jaarverslag 2024, §2",
    )
    final = services.beoordeling_transition(
        acting_user=None,
        beoordeling=services.beoordeling_transition(
            acting_user=None, beoordeling=concept, naar=Status.INGEDIEND
        ),
        naar=Status.DEFINITIEF,
    )

    correction = services.beoordeling_correct(
        acting_user=coordinator, beoordeling=final, reden="Norm 9 was te streng beoordeeld"
    )

    assert (correction.versie, correction.status) == (2, Status.CONCEPT)
    assert correction.vervangt_id == final.pk
    assert correction.correctie_reden == "Norm 9 was te streng beoordeeld"
    copied = correction.oordelen.get(norm__code="9")
    assert (copied.niveau, copied.bevinding, copied.bron) == (
        _niveau("stap"),
        "Protocol verouderd",
        "Jaarverslag 2024, §2",
    )
    assert copied.pk != negen.pk and correction.oordelen.count() == 15
    final.refresh_from_db()
    assert final.status == Status.DEFINITIEF  # the original stays as it was
    assert AuditEvent.objects.filter(
        action="beoordeling.gecorrigeerd", object_id=str(correction.pk)
    ).exists()


def test_correction_rules(concept: Beoordeling) -> None:
    with pytest.raises(ValidationError, match="Alleen een definitieve"):
        services.beoordeling_correct(acting_user=None, beoordeling=concept, reden="x")
    final = _final(concept)
    with pytest.raises(ValidationError) as no_reason:
        services.beoordeling_correct(acting_user=None, beoordeling=final, reden=" ")
    assert no_reason.value.message_dict == {"reden": ["Geef de reden van de correctie."]}
    services.beoordeling_correct(acting_user=None, beoordeling=final, reden="Eerste")
    with pytest.raises(ValidationError, match="al gecorrigeerd"):
        services.beoordeling_correct(acting_user=None, beoordeling=final, reden="Tweede")
    assert Beoordeling.objects.filter(organisatie=concept.organisatie).count() == 2


# --- evidence -------------------------------------------------------------------------


def test_evidence_is_exactly_one_of_file_and_link(world: World) -> None:
    oordeel = data.oordeel(world.ocw)
    pdf = ContentFile(b"%PDF-1.4", name="beleid.pdf")
    for kwargs in ({}, {"bestand": pdf, "url": "https://example.org/"}):
        with pytest.raises(ValidationError, match="precies één"):
            services.bewijs_add(
                acting_user=None,
                oordeel=oordeel,
                omschrijving="Beleid",
                peildatum=date(2024, 1, 1),
                **kwargs,  # type: ignore[arg-type]
            )
    bestand = services.bewijs_add(
        acting_user=None,
        oordeel=oordeel,
        omschrijving="Beleid",
        peildatum=date(2024, 1, 1),
        bestand=ContentFile(b"%PDF-1.4", name="beleid.pdf"),
    )
    link = services.bewijs_add(
        acting_user=None,
        oordeel=oordeel,
        omschrijving="Intranet",
        peildatum=date(2024, 2, 1),
        url="https://intranet.example/integriteit",
    )
    assert (bestand.soort, bestand.url) == (BewijsSoort.BESTAND, "")
    assert bestand.bestand.read() == b"%PDF-1.4"
    assert (link.soort, bool(link.bestand)) == (BewijsSoort.LINK, False)
    assert _actions().count("bewijs.toegevoegd") == 2


# --- improvement actions --------------------------------------------------------------


def _actie(world: World, deadline: date) -> Verbeteractie:
    return services.verbeteractie_create(
        acting_user=None,
        oordeel=data.oordeel(world.ocw),
        omschrijving=" Protocol herzien ",
        eigenaar="Coördinator",
        deadline=deadline,
    )


def test_an_action_belongs_to_the_organisation_and_norm_of_its_rating(world: World) -> None:
    actie = _actie(world, date(2030, 1, 1))
    assert (actie.organisatie, actie.norm.code, actie.omschrijving) == (
        world.ocw,
        "9",
        "Protocol herzien",
    )
    assert actie.status == ActieStatus.OPEN
    assert AuditEvent.objects.filter(
        action="verbeteractie.aangemaakt", object_id=str(actie.pk), organisatie_id=world.ocw.pk
    ).exists()


def test_actions_can_be_added_and_closed_after_the_assessment_is_final(world: World) -> None:
    final = _final(data.beoordeling(world.ocw))
    actie = services.verbeteractie_create(
        acting_user=None,
        oordeel=final.oordelen.get(norm__code="3"),
        omschrijving="Positie coördinator vastleggen",
        eigenaar="SG",
        deadline=date(2030, 1, 1),
    )
    closed = services.verbeteractie_update(
        acting_user=None, actie=actie, status=ActieStatus.AFGEROND, afsluitend_bewijs="Besluit SG"
    )
    assert closed.status == ActieStatus.AFGEROND


def test_closing_an_action_needs_closing_evidence(world: World) -> None:
    actie = _actie(world, date(2030, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.verbeteractie_update(
            acting_user=None, actie=actie, status=ActieStatus.AFGEROND, afsluitend_bewijs="  "
        )
    assert "afsluitend_bewijs" in refused.value.message_dict
    actie.refresh_from_db()
    assert actie.status == ActieStatus.OPEN and actie.afgerond_op is None

    closed = services.verbeteractie_update(
        acting_user=None,
        actie=actie,
        status=ActieStatus.AFGEROND,
        afsluitend_bewijs="Protocol vastgesteld 1-3-2025",
        deadline=date(2030, 6, 1),
    )
    assert closed.afgerond_op == timezone.localdate()
    assert closed.deadline == date(2030, 6, 1)
    reopened = services.verbeteractie_update(
        acting_user=None, actie=closed, status=ActieStatus.IN_UITVOERING
    )
    assert reopened.afgerond_op is None and reopened.deadline == date(2030, 6, 1)
    assert _actions().count("verbeteractie.gewijzigd") == 2


def test_an_unknown_action_status_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        services.verbeteractie_update(
            acting_user=None, actie=_actie(world, date(2030, 1, 1)), status="klaar"
        )
    assert "status" in refused.value.message_dict


def test_an_open_action_past_its_deadline_is_overdue(world: World) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    overdue = _actie(world, yesterday)
    in_time = _actie(world, timezone.localdate())
    assert overdue.te_laat and not in_time.te_laat
    for status in (ActieStatus.IN_UITVOERING, ActieStatus.VERVALLEN):
        changed = services.verbeteractie_update(acting_user=None, actie=overdue, status=status)
        assert changed.te_laat is (status == ActieStatus.IN_UITVOERING)
    closed = services.verbeteractie_update(
        acting_user=None, actie=overdue, status=ActieStatus.AFGEROND, afsluitend_bewijs="Gedaan"
    )
    assert not closed.te_laat and not closed.is_open


# --- audit ----------------------------------------------------------------------------


def test_each_write_leaves_one_audit_event_and_a_refused_one_none(
    concept: Beoordeling, coordinator: Gebruiker
) -> None:
    start = AuditEvent.objects.count()
    oordeel = concept.oordelen.get(norm__code="9")
    services.oordeel_update(
        acting_user=coordinator, oordeel=oordeel, niveau=_niveau("voldoet"), bevinding="Goed"
    )
    with pytest.raises(ValidationError):
        services.beoordeling_transition(
            acting_user=coordinator, beoordeling=concept, naar=Status.INGEDIEND
        )
    events = list(AuditEvent.objects.order_by("seq")[start:])
    assert [e.action for e in events] == ["oordeel.gewijzigd"]
    assert events[0].actor_id == coordinator.pk
    assert events[0].object_type == "beoordeling"
    assert events[0].object_id == str(concept.pk)
    assert events[0].details["norm"] == "9"
    assert (events[0].details["van"], events[0].details["naar"]) == (None, "voldoet")


def test_a_status_change_is_audited_with_from_and_to(concept: Beoordeling) -> None:
    _submitted(concept)
    event = AuditEvent.objects.filter(action="beoordeling.status").get()
    assert (event.details["van"], event.details["naar"]) == (Status.CONCEPT, Status.INGEDIEND)
    assert event.organisatie_id == concept.organisatie_id


def test_oordeel_rows_are_not_shared_between_versions(concept: Beoordeling) -> None:
    final = _final(concept)
    correction = services.beoordeling_correct(acting_user=None, beoordeling=final, reden="x")
    ids_final = set(final.oordelen.values_list("pk", flat=True))
    ids_correction = set(correction.oordelen.values_list("pk", flat=True))
    assert not ids_final & ids_correction
    assert Oordeel.objects.filter(beoordeling=correction, niveau__isnull=True).count() == 0
