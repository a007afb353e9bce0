"""Every template this package owns renders, in Dutch, with the structure pages rely on."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings

from integriteit.common import views
from integriteit.common.audit import VerifyResult
from integriteit.common.models import AuditEvent
from integriteit.common.start import Section

#: An empty URL configuration: the 500 page must render even when no URL can be reversed.
urlpatterns: list[Any] = []


def anonymous_request(rf: RequestFactory, path: str = "/") -> HttpRequest:
    request = rf.get(path)
    request.user = AnonymousUser()
    return request


def h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "geen <h1> op de pagina"
    return re.sub(r"\s+", " ", match.group(1)).strip()


def assert_dutch_page(html: str) -> None:
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert "style=" not in html and "<style" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None, "inline script"


@pytest.mark.parametrize(
    ("handler", "status", "heading"),
    [
        (views.bad_request, 400, "Ongeldig verzoek"),
        (views.permission_denied, 403, "Geen toegang"),
        (views.page_not_found, 404, "Pagina niet gevonden"),
    ],
)
def test_error_pages_render_in_dutch(
    rf: RequestFactory, handler: Any, status: int, heading: str
) -> None:
    response: HttpResponse = handler(anonymous_request(rf), Exception())
    html = response.content.decode()
    assert response.status_code == status
    assert h1(html) == heading
    assert_dutch_page(html)
    assert 'href="/"' in html


def test_403_says_whom_to_ask(rf: RequestFactory) -> None:
    html = views.permission_denied(anonymous_request(rf)).content.decode()
    assert "rol of organisatie" in html
    assert "functioneel beheerder" in html


def test_404_does_not_confirm_that_the_page_exists(rf: RequestFactory) -> None:
    html = views.page_not_found(anonymous_request(rf)).content.decode()
    assert "bestaat" in html and "geen rol" in html


def test_unknown_url_gets_the_404_page(client: Client) -> None:
    response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    assert h1(response.content.decode()) == "Pagina niet gevonden"


@override_settings(ROOT_URLCONF=__name__)
def test_500_page_stands_alone(rf: RequestFactory) -> None:
    # No URL can be reversed here, and pytest-django refuses database access in this test:
    # the page must render when either is what broke.
    response = views.server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert h1(html) == "Er ging iets mis"
    assert_dutch_page(html)
    assert 'href="/"' in html
    assert 'href="/static/integriteit/css/integriteit.css"' in html


def user_stub(name: str) -> SimpleNamespace:
    return SimpleNamespace(
        is_authenticated=True, username="carla", get_full_name=lambda: name, pk=1
    )


def test_home_shows_a_section_per_role(rf: RequestFactory) -> None:
    sections = [
        Section(
            rol="integriteitscoordinator",
            rol_label="Integriteitscoördinator",
            organisaties=["Ministerie van OCW", "Ministerie van Financiën"],
            uitleg="U coördineert het integriteitsbeleid.",
            links=[{"label": "Organisatieboom bekijken", "url": "/organisaties/"}],
        )
    ]
    html = render_to_string(
        "common/home.html",
        {"sections": sections, "user": user_stub("Carla Bakker")},
        request=anonymous_request(rf),
    )
    assert h1(html) == "Welkom, Carla Bakker"
    assert re.search(r"<h2[^>]*>Integriteitscoördinator</h2>", html)
    assert "Ministerie van OCW, Ministerie van Financiën" in html
    assert 'class="igt-card__link" href="/organisaties/"' in html
    assert_dutch_page(html)


def test_home_without_roles_says_whom_to_ask(rf: RequestFactory) -> None:
    html = render_to_string(
        "common/home.html",
        {"sections": [], "user": user_stub("")},
        request=anonymous_request(rf),
    )
    assert h1(html) == "Welkom, carla"
    assert "functioneel beheerder" in html


def audit_event(seq: int, outcome: str = "succes") -> AuditEvent:
    return AuditEvent(
        seq=seq,
        timestamp=datetime(2026, 3, 1, 12, 30, tzinfo=UTC),
        actor_label="beheerder" if seq % 2 else "",
        action="organisatie.gewijzigd",
        object_type="organisatie",
        object_id="OCW",
        outcome=outcome,
    )


def test_audit_list_table_filter_and_pages(rf: RequestFactory) -> None:
    events = [audit_event(seq, outcome) for seq, outcome in [(120, "succes"), (119, "mislukt")]]
    events += [audit_event(seq) for seq in range(118, 0, -1)]
    page = Paginator(events, 50).get_page(2)
    html = render_to_string(
        "common/auditevent_list.html",
        {"page": page, "handeling": "organisatie.", "query": "handeling=organisatie."},
        request=anonymous_request(rf),
    )
    assert h1(html) == "Auditlog"
    assert "nooit in het log" in html
    assert 'name="handeling"' in html and 'value="organisatie."' in html
    assert "<caption" in html and "pagina 2 van 3" in html
    assert "#70" in html and "#21" in html and "#71" not in html
    assert "13:30:00" in html  # shown in Europe/Amsterdam
    assert "?handeling=organisatie.&amp;pagina=3" in html
    assert "?handeling=organisatie.&amp;pagina=1" in html
    assert_dutch_page(html)


def test_audit_list_empty(rf: RequestFactory) -> None:
    no_events: list[AuditEvent] = []
    page = Paginator(no_events, 50).get_page(1)
    html = render_to_string(
        "common/auditevent_list.html",
        {"page": page, "handeling": ""},
        request=anonymous_request(rf),
    )
    assert "<table" not in html
    assert "geen gebeurtenissen" in html.lower()


def test_audit_verify_ok(rf: RequestFactory) -> None:
    html = render_to_string(
        "common/audit_verify.html",
        {"result": VerifyResult(ok=True, checked=42)},
        request=anonymous_request(rf),
    )
    assert "utrecht-alert--ok" in html and "42 gebeurtenissen gecontroleerd" in html
    assert "integriteit verify_audit" in html
    assert_dutch_page(html)


def test_audit_verify_broken_names_the_event_and_the_reason(rf: RequestFactory) -> None:
    result = VerifyResult(
        ok=False, checked=4, broken_seq=5, broken_id=17, reason="verwijst niet naar de vorige"
    )
    html = render_to_string(
        "common/audit_verify.html", {"result": result}, request=anonymous_request(rf)
    )
    assert "utrecht-alert--error" in html and 'role="alert"' in html
    assert "gebeurtenis #5" in html and "verwijst niet naar de vorige" in html
    assert "utrecht-alert--ok" not in html
