"""The audit-log pages: scoped to the reader's organisations, paged, and the chain check."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from integriteit.common.audit import audit_log
from integriteit.common.roles import Rol
from integriteit.common.tests.test_audit import _tamper
from integriteit.conftest import MakeUser, World, login_verified


def test_auditor_of_ocw_sees_only_ocw_events(
    world: World,
    make_user: MakeUser,
    client: Client,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    audit_log(actor=None, action="test.ocw", object_id="a", organisatie_id=world.ocw_unit.pk)
    audit_log(actor=None, action="test.fin", object_id="b", organisatie_id=world.fin_unit.pk)
    audit_log(actor=None, action="test.systeem")
    for n in range(30):
        audit_log(actor=None, action="test.ocw.veel", object_id=n, organisatie_id=world.ocw.pk)
    login_verified(client, make_user(Rol.AUDITOR, world.ocw))
    with django_assert_max_num_queries(10):
        body = client.get(reverse("common:audit_list")).content.decode()
    assert "test.ocw" in body
    assert "test.fin" not in body
    assert "test.systeem" not in body, "gebeurtenissen zonder organisatie alleen voor rijksbreed"


def test_government_wide_auditor_sees_system_events_and_can_filter(
    world: World, make_user: MakeUser, client: Client
) -> None:
    audit_log(actor=None, action="test.systeem")
    audit_log(actor=None, action="test.fin", organisatie_id=world.fin.pk)
    login_verified(client, make_user(Rol.AUDITOR, world.rijk))
    body = client.get(reverse("common:audit_list"), {"handeling": "test.sys"}).content.decode()
    assert "test.systeem" in body
    assert "test.fin" not in body


def test_page_links_keep_the_filter(world: World, make_user: MakeUser, client: Client) -> None:
    for n in range(60):
        audit_log(actor=None, action="test.filter", object_id=n)
    login_verified(client, make_user(Rol.AUDITOR, world.rijk))
    body = client.get(reverse("common:audit_list"), {"handeling": "test.fil"}).content.decode()
    assert "?handeling=test.fil&amp;pagina=2" in body
    assert 'aria-current="page"' in body


def test_verify_page_names_the_broken_event(
    world: World, make_user: MakeUser, client: Client
) -> None:
    login_verified(client, make_user(Rol.AUDITOR, world.rijk))
    body = client.get(reverse("common:audit_verify")).content.decode()
    assert "intact" in body
    event = audit_log(actor=None, action="test.later")
    _tamper("UPDATE common_auditevent SET outcome = %s WHERE id = %s", ["mislukt", event.pk])
    body = client.get(reverse("common:audit_verify")).content.decode()
    assert f"#{event.seq}" in body
