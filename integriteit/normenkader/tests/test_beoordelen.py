"""Pages for assessing: starting one, the assessment page, its workflow and corrections.

The coordinator of OCW writes OCW's self-assessment; the competent authority of OCW may read
it; an auditor may read it and write auditor ratings only; FIN's coordinator gets nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from integriteit.accounts.models import Gebruiker
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader import services
from integriteit.normenkader.constants import Soort, Status
from integriteit.normenkader.models import Beoordeling, Cyclus, Niveau
from integriteit.normenkader.tests import world as data
from integriteit.organisaties.constants import Soort as OrgSoort
from integriteit.organisaties.tests.factories import OrganisatieFactory

Login = Callable[[Client, Gebruiker], Client]


@pytest.fixture
def as_role(world: World, make_user: MakeUser, login: Login) -> Callable[..., Client]:
    def make(rol: str, org: str = "ocw") -> Client:
        return login(Client(), make_user(rol, getattr(world, org)))

    return make


@pytest.fixture
def coordinator(as_role: Callable[..., Client]) -> Client:
    return as_role(Rol.INTEGRITEITSCOORDINATOR)


def _niveau(code: str) -> Niveau:
    return Niveau.objects.get(normenkader=data.ark_2024(), code=code)


def _rate_all(beoordeling: Beoordeling, code: str = "onbekend") -> None:
    for oordeel in beoordeling.oordelen.all():
        services.oordeel_update(
            acting_user=None, oordeel=oordeel, niveau=_niveau(code), bevinding=""
        )


def _to(beoordeling: Beoordeling, *steps: str) -> Beoordeling:
    for step in steps:
        beoordeling = services.beoordeling_transition(
            acting_user=None, beoordeling=beoordeling, naar=step, toelichting="Terug"
        )
    return beoordeling


def _messages(response: Any) -> list[str]:
    """The messages a response left, then shown (and so used up) on the start page."""
    said = [str(m) for m in get_messages(response.wsgi_request)]
    response.client.get(reverse("home"))
    return said


def _url(name: str, pk: int) -> str:
    return reverse(f"normenkader:{name}", kwargs={"pk": pk})


# --- start ----------------------------------------------------------------------------


def test_start_offers_only_what_the_coordinator_may_write(
    world: World, coordinator: Client
) -> None:
    cyclus = data.cyclus()
    response = coordinator.get(reverse("normenkader:beoordeling_start"))
    form = response.context["form"]
    assert [c[0] for c in form.fields["soort"].choices] == [Soort.ZELFEVALUATIE]
    assert list(form.fields["organisatie"].queryset) == [world.ocw]
    assert list(form.fields["cyclus"].queryset) == [cyclus]
    content = response.content.decode()
    assert "Drie soorten beoordelingen" in content and "onafhankelijke beoordelaar" in content


def test_start_offers_bzk_the_rijk_node_and_every_ministry(
    world: World, as_role: Callable[..., Client]
) -> None:
    data.cyclus()
    response = as_role(Rol.RIJKSCOORDINATOR, "rijk").get(reverse("normenkader:beoordeling_start"))
    form = response.context["form"]
    assert [c[0] for c in form.fields["soort"].choices] == [Soort.COORDINATOR]
    assert list(form.fields["organisatie"].queryset) == [world.rijk, world.fin, world.ocw]


def test_start_page_says_when_there_is_no_cycle_yet(coordinator: Client) -> None:
    content = coordinator.get(reverse("normenkader:beoordeling_start")).content.decode()
    assert "Er is nog geen beoordelingscyclus." in content


def test_start_preselects_from_the_query_string(world: World, coordinator: Client) -> None:
    cyclus = data.cyclus()
    for organisatie in ("OCW", str(world.ocw.pk)):
        url = reverse("normenkader:beoordeling_start")
        response = coordinator.get(
            f"{url}?cyclus={cyclus.pk}&organisatie={organisatie}&soort=zelfevaluatie"
        )
        content = response.content.decode()
        assert '<option value="OCW" selected>' in content
        assert f'<option value="{cyclus.pk}" selected>' in content


def test_start_creates_a_concept_and_opens_it(world: World, coordinator: Client) -> None:
    cyclus = data.cyclus()
    response = coordinator.post(
        reverse("normenkader:beoordeling_start"),
        {"cyclus": cyclus.pk, "organisatie": "OCW", "soort": "zelfevaluatie"},
    )
    beoordeling = Beoordeling.objects.get(organisatie=world.ocw, cyclus=cyclus)
    assert response.status_code == 302 and response["Location"] == _url(
        "beoordeling", beoordeling.pk
    )
    assert beoordeling.status == Status.CONCEPT and beoordeling.oordelen.count() == 15
    assert AuditEvent.objects.filter(action="beoordeling.gestart").count() == 1


def test_start_refuses_another_organisation_and_kind(world: World, coordinator: Client) -> None:
    cyclus = data.cyclus()
    for organisatie, soort, field in (
        ("FIN", "zelfevaluatie", "organisatie"),
        ("OCW", "auditor", "soort"),
    ):
        response = coordinator.post(
            reverse("normenkader:beoordeling_start"),
            {"cyclus": cyclus.pk, "organisatie": organisatie, "soort": soort},
        )
        assert response.status_code == 200 and field in response.context["form"].errors
    assert not Beoordeling.objects.exists()


def test_start_links_to_the_assessment_that_is_already_there(
    world: World, coordinator: Client
) -> None:
    existing = data.beoordeling(world.ocw)
    response = coordinator.post(
        reverse("normenkader:beoordeling_start"),
        {"cyclus": existing.cyclus_id, "organisatie": "OCW", "soort": "zelfevaluatie"},
    )
    content = response.content.decode()
    assert "Er is al een zelfevaluatie van OCW in deze cyclus" in content
    assert _url("beoordeling", existing.pk) in content
    assert Beoordeling.objects.count() == 1


def test_start_refuses_a_ministry_that_did_not_exist_in_the_cycle_year(
    world: World, make_user: MakeUser, login: Login
) -> None:
    new = OrganisatieFactory.create(
        code="KGG", soort=OrgSoort.MINISTERIE, parent=world.rijk, geldig_van=date(2025, 1, 1)
    )
    client = login(Client(), make_user(Rol.INTEGRITEITSCOORDINATOR, new))
    response = client.post(
        reverse("normenkader:beoordeling_start"),
        {"cyclus": data.cyclus(2024).pk, "organisatie": "KGG", "soort": "zelfevaluatie"},
    )
    assert "KGG bestond niet op 31 december 2024." in response.content.decode()
    assert not Beoordeling.objects.exists()


# --- the assessment page --------------------------------------------------------------


def test_page_lists_every_norm_by_group_with_progress_and_links(
    world: World, coordinator: Client
) -> None:
    beoordeling = data.beoordeling(world.ocw)
    negen = beoordeling.oordelen.get(norm__code="9")
    services.oordeel_update(
        acting_user=None,
        oordeel=negen,
        niveau=_niveau("voldoet"),
        bevinding="Protocol op orde " * 20,
    )
    content = coordinator.get(_url("beoordeling", beoordeling.pk)).content.decode()
    assert "1 van 15 normen beoordeeld" in content
    for caption in ("Preventie", "Detectie", "Respons"):
        assert f'<caption class="utrecht-table__caption">{caption}</caption>' in content
    assert content.count(">Beoordelen<") == 15
    assert _url("oordeel_edit", negen.pk) in content
    assert "Voldoet" in content and "#39870c" in content  # colour and always the label
    assert "Protocol op orde Protocol" in content and "…" in content  # finding truncated
    assert 'name="naar" value="ingediend"' in content
    assert "Corrigeren" not in content
    assert f"{reverse('normenkader:actie_list')}?weergave=open&amp;organisatie=OCW" in content
    heatmap = f"{reverse('normenkader:heatmap')}?cyclus={beoordeling.cyclus_id}&amp;soort="
    assert heatmap in content


def test_page_shows_the_previous_cycles_level(world: World, coordinator: Client) -> None:
    kader = data.ark_2024()
    c2023 = services.cyclus_create(acting_user=None, jaar=2023, normenkader=kader, vorige=None)
    services.cyclus_create(acting_user=None, jaar=2024, normenkader=kader, vorige=c2023)
    vorig = services.beoordeling_start(
        acting_user=None, cyclus=c2023, organisatie=world.ocw, soort=Soort.AUDITOR
    )
    _rate_all(vorig, "stap")
    _to(vorig, Status.INGEDIEND, Status.DEFINITIEF)
    beoordeling = data.beoordeling(world.ocw)
    assert Cyclus.objects.get(pk=beoordeling.cyclus_id).vorige == c2023
    content = coordinator.get(_url("beoordeling", beoordeling.pk)).content.decode()
    assert "Vorige (2023, auditor)" in content
    assert content.count("Nog een stap te zetten") == 15


def test_readers_who_may_not_write_see_no_buttons(
    world: World, as_role: Callable[..., Client]
) -> None:
    beoordeling = data.beoordeling(world.ocw)
    for rol in (Rol.BEVOEGD_GEZAG, Rol.AUDITOR):
        response = as_role(rol).get(_url("beoordeling", beoordeling.pk))
        content = response.content.decode()
        assert response.status_code == 200
        assert ">Beoordelen<" not in content and 'name="naar"' not in content
        assert "U kunt deze zelfevaluatie lezen, maar niet wijzigen." in content


def test_page_outside_the_scope_is_not_found(world: World, as_role: Callable[..., Client]) -> None:
    beoordeling = data.beoordeling(world.ocw)
    assert (
        as_role(Rol.INTEGRITEITSCOORDINATOR, "fin")
        .get(_url("beoordeling", beoordeling.pk))
        .status_code
        == 404
    )


def test_page_query_count_does_not_grow_with_evidence_and_actions(
    world: World, coordinator: Client, django_assert_max_num_queries: object
) -> None:
    beoordeling = data.beoordeling(world.ocw)
    for oordeel in beoordeling.oordelen.all():
        services.verbeteractie_create(
            acting_user=None,
            oordeel=oordeel,
            omschrijving="x",
            eigenaar="y",
            deadline=date(2030, 1, 1),
        )
        services.bewijs_add(
            acting_user=None,
            oordeel=oordeel,
            omschrijving="z",
            peildatum=date(2024, 1, 1),
            url="https://e.nl",
        )
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        response = coordinator.get(_url("beoordeling", beoordeling.pk))
    assert response.context["groepen"][1][1][1].open_acties == 1


# --- workflow -------------------------------------------------------------------------


def test_coordinator_submits_a_complete_assessment(world: World, coordinator: Client) -> None:
    beoordeling = data.beoordeling(world.ocw)
    _rate_all(beoordeling)
    response = coordinator.post(
        _url("beoordeling_transition", beoordeling.pk), {"naar": "ingediend"}
    )
    assert response["Location"] == _url("beoordeling", beoordeling.pk)
    assert _messages(response) == ["De beoordeling is ingediend."]
    beoordeling.refresh_from_db()
    assert beoordeling.status == Status.INGEDIEND
    content = coordinator.get(_url("beoordeling", beoordeling.pk)).content.decode()
    assert 'value="definitief"' in content and 'value="concept"' in content
    assert 'name="toelichting"' in content  # sending back asks for a reason
    assert ">Beoordelen<" not in content


def test_submitting_an_incomplete_assessment_says_which_norms_are_missing(
    world: World, coordinator: Client
) -> None:
    beoordeling = data.beoordeling(world.ocw)
    response = coordinator.post(
        _url("beoordeling_transition", beoordeling.pk), {"naar": "ingediend"}
    )
    [message] = _messages(response)
    assert message.startswith("Nog niet alle normen zijn beoordeeld: 1, 2, 3")
    beoordeling.refresh_from_db()
    assert beoordeling.status == Status.CONCEPT


def test_sending_back_needs_a_reason(world: World, coordinator: Client) -> None:
    beoordeling = data.beoordeling(world.ocw)
    _rate_all(beoordeling)
    _to(beoordeling, Status.INGEDIEND)
    url = _url("beoordeling_transition", beoordeling.pk)
    assert _messages(coordinator.post(url, {"naar": "concept"})) == ["Geef een reden."]
    response = coordinator.post(url, {"naar": "concept", "toelichting": "Norm 9 aanvullen"})
    assert _messages(response) == ["De beoordeling is teruggezet naar concept."]
    assert beoordeling.statuswijzigingen.last().toelichting == "Norm 9 aanvullen"  # type: ignore[union-attr]


def test_an_invalid_target_status_is_refused(world: World, coordinator: Client) -> None:
    beoordeling = data.beoordeling(world.ocw)
    url = _url("beoordeling_transition", beoordeling.pk)
    assert _messages(coordinator.post(url, {"naar": "weg"})) == ["Kies een geldige nieuwe status."]
    assert _messages(coordinator.post(url, {"naar": "definitief"})) == [
        "Van concept naar definitief kan niet."
    ]


def test_a_reader_who_may_not_write_the_kind_is_sent_back(
    world: World, as_role: Callable[..., Client]
) -> None:
    beoordeling = data.beoordeling(world.ocw)
    _rate_all(beoordeling)
    response = as_role(Rol.AUDITOR).post(
        _url("beoordeling_transition", beoordeling.pk), {"naar": "ingediend"}
    )
    assert response["Location"] == _url("beoordeling", beoordeling.pk)
    assert _messages(response) == ["U mag deze zelfevaluatie van OCW niet wijzigen."]
    beoordeling.refresh_from_db()
    assert beoordeling.status == Status.CONCEPT


def test_workflow_outside_the_scope_is_not_found(
    world: World, as_role: Callable[..., Client]
) -> None:
    beoordeling = data.beoordeling(world.ocw)
    fin = as_role(Rol.INTEGRITEITSCOORDINATOR, "fin")
    for name in ("beoordeling_transition", "beoordeling_correct"):
        assert (
            fin.post(_url(name, beoordeling.pk), {"naar": "ingediend", "reden": "x"}).status_code
            == 404
        )


def test_correcting_a_final_assessment_makes_a_new_version(
    world: World, coordinator: Client
) -> None:
    beoordeling = data.beoordeling(world.ocw)
    _rate_all(beoordeling)
    final = _to(beoordeling, Status.INGEDIEND, Status.DEFINITIEF)
    content = coordinator.get(_url("beoordeling", final.pk)).content.decode()
    assert "Corrigeren" in content and 'name="naar"' not in content

    url = _url("beoordeling_correct", final.pk)
    assert _messages(coordinator.post(url, {"reden": " "})) == ["Geef de reden van de correctie."]
    response = coordinator.post(url, {"reden": "Norm 9 was onjuist"})
    nieuw = Beoordeling.objects.get(vervangt=final)
    assert response["Location"] == _url("beoordeling", nieuw.pk)

    new_page = coordinator.get(_url("beoordeling", nieuw.pk)).content.decode()
    assert "Norm 9 was onjuist" in new_page and _url("beoordeling", final.pk) in new_page
    old_page = coordinator.get(_url("beoordeling", final.pk)).content.decode()
    assert "Vervangen door versie 2" in old_page and "Corrigeren" not in old_page
    assert _messages(coordinator.post(url, {"reden": "Nog eens"})) == [
        "Deze versie is al gecorrigeerd; corrigeer de nieuwste versie."
    ]


def test_a_reader_cannot_correct(world: World, as_role: Callable[..., Client]) -> None:
    beoordeling = data.beoordeling(world.ocw)
    _rate_all(beoordeling)
    final = _to(beoordeling, Status.INGEDIEND, Status.DEFINITIEF)
    response = as_role(Rol.AUDITOR).post(_url("beoordeling_correct", final.pk), {"reden": "x"})
    assert _messages(response) == ["U mag deze zelfevaluatie van OCW niet wijzigen."]
    assert not Beoordeling.objects.filter(vervangt=final).exists()
