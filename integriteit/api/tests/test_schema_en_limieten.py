"""The OpenAPI schema (public, valid OpenAPI 3, every endpoint documented with its errors),
the public index page, rate limits (429 in Dutch with Retry-After), and JSON answers for
wrong URLs and methods under /api/v1/ (never a 500)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.core.cache import cache
from django.test import Client, override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.settings import api_settings

from integriteit.api.tests.helpers import api_client
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader.tests import world as data


@pytest.fixture(autouse=True)
def _geen_tellers() -> None:
    cache.clear()


def test_schema_is_valid_openapi_and_documents_every_endpoint() -> None:
    schema: dict[str, Any] = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)  # raises on an invalid document
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert set(paths) == {
        "/api/v1/ik/",
        "/api/v1/cycli/",
        "/api/v1/beoordelingen/",
        "/api/v1/beoordelingen/{id}/",
        "/api/v1/heatmap/",
        "/api/v1/oordelen/{id}/",
        "/api/v1/enquete/golven/",
        "/api/v1/enquete/golven/{id}/resultaten/",
        "/api/v1/enquete/golven/{id}/import/",
        "/api/v1/meldingen/statistiek/",
    }
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation["security"] == [{"bearerAuth": []}], (path, method)
            assert {"200", "201"} & set(operation["responses"]), (path, method)
            assert {"401", "403", "429"} <= set(operation["responses"]), (path, method)
            assert operation["description"], (path, method)
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    assert parameter["schema"]["type"] == "integer"
    scheme = schema["components"]["securitySchemes"]["bearerAuth"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}


def test_schema_endpoint_is_public(client: Client, db: None) -> None:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert "/api/v1/heatmap/" in schema["paths"]
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200 and response.json()["info"]["title"]


def test_index_page_explains_the_api_without_scripts(client: Client, db: None) -> None:
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Authorization: Bearer" in html and "/api/schema/" in html and "/api/tokens/" in html
    assert 'src="http' not in html  # no Swagger/Redoc from a CDN: the CSP forbids it


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/bestaat-niet/"),
        ("get", "/api/v1/oordelen/abc/"),
        ("delete", "/api/v1/beoordelingen/"),
        ("post", "/api/v1/heatmap/"),
    ],
)
def test_wrong_url_or_method_is_json(
    method: str, url: str, world: World, make_user: MakeUser
) -> None:
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = getattr(client, method)(url)
    assert response.status_code in {404, 405}
    assert response["Content-Type"] == "application/json" and response.json()["fout"]


def test_malformed_json_is_400(world: World, make_user: MakeUser) -> None:
    oordeel = data.oordeel(world.ocw)
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    url = f"/api/v1/oordelen/{oordeel.pk}/"
    response = client.generic("PUT", url, "{niet json", "application/json")
    assert response.status_code == 400 and response.json()["fout"]


def test_reads_are_limited_per_user_with_retry_after(world: World, make_user: MakeUser) -> None:
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api_lezen": "3/min"}
    gebruiker = make_user(Rol.AUDITOR, world.rijk)
    client = api_client(gebruiker)
    other = api_client(make_user(Rol.AUDITOR, world.rijk))
    with override_settings(
        REST_FRAMEWORK={
            **_rest_framework(),
            "DEFAULT_THROTTLE_RATES": rates,
        }
    ):
        for _ in range(3):
            assert client.get("/api/v1/ik/").status_code == 200
        response = client.get("/api/v1/ik/")
        assert response.status_code == 429
        assert 1 <= int(response["Retry-After"]) <= 60
        assert "Te veel verzoeken" in response.json()["fout"]
        # counted per user: another user's token still works
        assert other.get("/api/v1/ik/").status_code == 200
        # a second token of the same user shares the count
        assert api_client(gebruiker).get("/api/v1/ik/").status_code == 429


def test_writes_have_their_own_limit(world: World, make_user: MakeUser) -> None:
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api_schrijven": "1/min"}
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    with override_settings(REST_FRAMEWORK={**_rest_framework(), "DEFAULT_THROTTLE_RATES": rates}):
        assert client.put("/api/v1/oordelen/1/", {}, format="json").status_code == 404
        assert client.put("/api/v1/oordelen/1/", {}, format="json").status_code == 429
        assert client.get("/api/v1/ik/").status_code == 200  # reads are counted apart


def _rest_framework() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)
