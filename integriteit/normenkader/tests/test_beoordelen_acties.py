"""The list of improvement actions and changing one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from integriteit.accounts.models import Gebruiker
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader import services
from integriteit.normenkader.constants import ActieStatus
from integriteit.normenkader.models import Verbeteractie
from integriteit.normenkader.tests import world as data
from integriteit.organisaties.models import Organisatie

Login = Callable[[Client, Gebruiker], Client]
LIST = reverse("normenkader:actie_list")


@pytest.fixture
def as_role(world: World, make_user: MakeUser, login: Login) -> Callable[..., Client]:
    def make(rol: str, org: str = "ocw") -> Client:
        return login(Client(), make_user(rol, getattr(world, org)))

    return make


def _actie(org: Organisatie, omschrijving: str, days: int, norm: str = "9") -> Verbeteractie:
    return services.verbeteractie_create(
        acting_user=None,
        oordeel=data.oordeel(org, norm),
        omschrijving=omschrijving,
        eigenaar="Coördinator",
        deadline=timezone.localdate() + timedelta(days=days),
    )


def _close(actie: Verbeteractie) -> Verbeteractie:
    return services.verbeteractie_update(
        acting_user=None, actie=actie, status=ActieStatus.AFGEROND, afsluitend_bewijs="Gedaan"
    )


def _edit(pk: int) -> str:
    return reverse("normenkader:actie_edit", kwargs={"pk": pk})


def test_list_shows_open_actions_in_scope_by_deadline_with_overdue_in_words(
    world: World, as_role: Callable[..., Client]
) -> None:
    _actie(world.ocw, "Later", 30)
    _actie(world.ocw, "Te laat", -3, norm="3")
    _close(_actie(world.ocw, "Klaar", 10))
    _actie(world.fin, "Van Financiën", 5)
    response = as_role(Rol.BEVOEGD_GEZAG).get(LIST)
    content = response.content.decode()
    assert [r.actie.omschrijving for r in response.context["rijen"]] == ["Te laat", "Later"]
    assert "Van Financiën" not in content and "Klaar" not in content
    assert "2 open acties, waarvan 1 te laat." in content
    assert content.count(">te laat</span>") == 1
    assert "Wijzigen" not in content  # the competent authority reads, does not manage


def test_list_filters_all_actions_and_one_organisation(
    world: World, as_role: Callable[..., Client]
) -> None:
    _actie(world.ocw, "Open OCW", 30)
    _close(_actie(world.ocw, "Klaar OCW", 10))
    _actie(world.fin, "Open FIN", 5)
    bzk = as_role(Rol.RIJKSCOORDINATOR, "rijk")
    everything = bzk.get(LIST, {"weergave": "alle"})
    assert [r.actie.omschrijving for r in everything.context["rijen"]] == [
        "Open FIN",
        "Klaar OCW",
        "Open OCW",
    ]
    assert "3 acties: 2 open, waarvan 0 te laat." in everything.content.decode()
    assert "Afgerond" in everything.content.decode()
    ocw = bzk.get(LIST, {"weergave": "alle", "organisatie": "OCW"})
    assert [r.actie.omschrijving for r in ocw.context["rijen"]] == ["Klaar OCW", "Open OCW"]
    assert all(r.kan_wijzigen for r in ocw.context["rijen"])


def test_list_query_count_does_not_grow_with_the_actions(
    world: World, as_role: Callable[..., Client], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = as_role(Rol.INTEGRITEITSCOORDINATOR)
    for n in range(12):
        _actie(world.ocw, f"Actie {n}", n - 3, norm=str(n % 15 + 1))
    # session, user, OTP device, memberships; organisations for the filter, the actions;
    # then the session is saved (3 queries)
    with django_assert_num_queries(9):
        response = client.get(LIST, {"weergave": "alle"})
    assert len(response.context["rijen"]) == 12
    assert "12 acties: 12 open, waarvan 3 te laat." in response.content.decode()


def test_changing_an_action_and_closing_it_needs_closing_evidence(
    world: World, as_role: Callable[..., Client]
) -> None:
    actie = _actie(world.ocw, "Protocol herzien", 30)
    client = as_role(Rol.INTEGRITEITSCOORDINATOR)
    page = client.get(_edit(actie.pk))
    assert page.status_code == 200 and "Protocol herzien" in page.content.decode()
    assert page.context["form"].initial["status"] == ActieStatus.OPEN

    refused = client.post(
        _edit(actie.pk), {"status": "afgerond", "deadline": "2030-01-01", "afsluitend_bewijs": ""}
    )
    assert refused.context["form"].errors == {
        "afsluitend_bewijs": ["Beschrijf waaruit blijkt dat de actie is uitgevoerd."]
    }
    actie.refresh_from_db()
    assert actie.status == ActieStatus.OPEN

    done = client.post(
        _edit(actie.pk),
        {"status": "afgerond", "deadline": "2030-01-01", "afsluitend_bewijs": "Vastgesteld 1-3"},
    )
    assert done["Location"] == LIST
    actie.refresh_from_db()
    assert (actie.status, actie.deadline, actie.afsluitend_bewijs) == (
        ActieStatus.AFGEROND,
        date(2030, 1, 1),
        "Vastgesteld 1-3",
    )
    assert AuditEvent.objects.filter(action="verbeteractie.gewijzigd").count() == 1


def test_changing_actions_is_for_managers_in_scope(
    world: World, as_role: Callable[..., Client]
) -> None:
    actie = _actie(world.ocw, "Protocol herzien", 30)
    assert as_role(Rol.AUDITOR).get(_edit(actie.pk)).status_code == 403
    assert as_role(Rol.INTEGRITEITSCOORDINATOR, "fin").get(_edit(actie.pk)).status_code == 404
    assert as_role(Rol.RIJKSCOORDINATOR, "rijk").get(_edit(actie.pk)).status_code == 200
