"""Assessments over the API: the list and detail in the read scope, the heatmap, and
setting a rating through the service (ok, bad level, final assessment, other organisation,
someone who may read but not author). Real database; the shipped framework ark-2024."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integriteit.api.tests.helpers import api_client
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader.constants import Soort, Status
from integriteit.normenkader.models import Beoordeling, Niveau, Oordeel
from integriteit.normenkader.tests import world as data


@pytest.fixture(autouse=True)
def _geen_tellers() -> None:
    cache.clear()


@pytest.fixture
def beoordelingen(world: World) -> dict[str, Beoordeling]:
    """Self-assessments of OCW (concept) and FIN (final, norm 9 'voldoet')."""
    ocw = data.beoordeling(world.ocw)
    fin = data.beoordeling(world.fin)
    voldoet = Niveau.objects.get(normenkader=fin.cyclus.normenkader, code="voldoet")
    Oordeel.objects.filter(beoordeling=fin, norm__code="9").update(
        niveau=voldoet, bevinding="FIN-GEHEIM"
    )
    Beoordeling.objects.filter(pk=fin.pk).update(status=Status.DEFINITIEF)
    return {"ocw": ocw, "fin": fin}


def test_list_is_scoped_and_paginated(
    beoordelingen: dict[str, Beoordeling], world: World, make_user: MakeUser
) -> None:
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    client.get("/api/v1/ik/")  # token's "last used" is written once, outside the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/beoordelingen/")
    assert response.status_code == 200
    body = response.json()
    assert body["aantal"] == 1 and body["volgende"] is None
    (item,) = body["resultaten"]
    assert item["organisatie"]["code"] == "OCW" and item["status"] == "concept"
    assert item["id"] == beoordelingen["ocw"].pk
    # token, memberships, count, page: a fixed number, whatever the number of rows
    assert len(queries) <= 5
    # the government-wide coordinator reads both
    rijks = api_client(make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    body = rijks.get("/api/v1/beoordelingen/", {"limit": 1}).json()
    assert body["aantal"] == 2 and len(body["resultaten"]) == 1 and body["volgende"]
    assert "offset=1" in body["volgende"]
    body = rijks.get("/api/v1/beoordelingen/", {"organisatie": "FIN", "status": "definitief"})
    assert [b["organisatie"]["code"] for b in body.json()["resultaten"]] == ["FIN"]


def test_list_query_count_does_not_grow(
    beoordelingen: dict[str, Beoordeling],
    world: World,
    make_user: MakeUser,
    django_assert_max_num_queries: Any,
) -> None:
    client = api_client(make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    client.get("/api/v1/ik/")
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/beoordelingen/").json()["aantal"] == 2


@pytest.mark.parametrize(
    "query",
    [
        {"soort": "onzin"},
        {"cyclus": "abc"},
        {"cyclus": "0"},
        {"limit": "0"},
        {"limit": "100000"},
        {"offset": "-1"},
        {"onbekend": "1"},
        {"format": "api"},
    ],
)
def test_bad_query_parameters_are_400(
    query: dict[str, str], world: World, make_user: MakeUser
) -> None:
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = client.get("/api/v1/beoordelingen/", query)
    assert response.status_code == 400
    body = response.json()
    assert body["fout"] and set(body["velden"]) == set(query)


def test_detail_with_ratings_and_out_of_scope_404(
    beoordelingen: dict[str, Beoordeling], world: World, make_user: MakeUser
) -> None:
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = client.get(f"/api/v1/beoordelingen/{beoordelingen['ocw'].pk}/")
    assert response.status_code == 200
    body = response.json()
    assert [o["norm"] for o in body["oordelen"]][:3] == ["1", "2", "3"]
    assert len(body["oordelen"]) == 15
    assert all(o["niveau"] is None for o in body["oordelen"])
    response = client.get(f"/api/v1/beoordelingen/{beoordelingen['fin'].pk}/")
    assert response.status_code == 404 and "FIN-GEHEIM" not in response.content.decode()
    for pk in ("0", "-3", "99999999999999999999999"):
        response = client.get(f"/api/v1/beoordelingen/{pk}/")
        assert response.status_code == 404 and response.json()["fout"]


def test_heatmap_shows_final_levels_elsewhere_without_findings(
    beoordelingen: dict[str, Beoordeling], world: World, make_user: MakeUser
) -> None:
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = client.get("/api/v1/heatmap/", {"cyclus": beoordelingen["ocw"].cyclus_id})
    assert response.status_code == 200
    body = response.json()
    assert body["soort"] == Soort.ZELFEVALUATIE and body["rol"] == "organisation"
    rijen = {r["organisatie"]["code"]: r for r in body["organisaties"]}
    assert rijen["OCW"]["in_bereik"] and rijen["OCW"]["beoordeling"] == beoordelingen["ocw"].pk
    assert not rijen["FIN"]["in_bereik"] and rijen["FIN"]["beoordeling"] is None
    assert rijen["FIN"]["niveaus"]["9"] == "voldoet"
    norm9 = next(n for n in body["normen"] if n["code"] == "9")
    assert norm9["voldoet"] == 1 and norm9["totaal"] == 2 and norm9["per_niveau"] == {"voldoet": 1}
    assert "FIN-GEHEIM" not in response.content.decode()
    assert client.get("/api/v1/heatmap/", {"cyclus": 999999}).status_code == 400
    assert client.get("/api/v1/heatmap/", {"rol": "x"}).status_code == 400


def test_heatmap_needs_the_government_wide_capability(world: World, make_user: MakeUser) -> None:
    assert (
        api_client(make_user(Rol.ONDERZOEKER, world.ocw)).get("/api/v1/heatmap/").status_code == 403
    )


# --- writing a rating --------------------------------------------------------------------------


def _oordeel(beoordeling: Beoordeling, code: str = "9") -> Oordeel:
    return beoordeling.oordelen.get(norm__code=code)


def test_set_a_rating(
    beoordelingen: dict[str, Beoordeling], world: World, make_user: MakeUser
) -> None:
    gebruiker = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    oordeel = _oordeel(beoordelingen["ocw"])
    response = api_client(gebruiker).put(
        f"/api/v1/oordelen/{oordeel.pk}/",
        {"niveau": "kleine-stap", "bevinding": "Protocol verouderd.", "bron": "Beleid §2"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["niveau"] == "kleine-stap"
    oordeel.refresh_from_db()
    assert oordeel.niveau is not None and oordeel.niveau.code == "kleine-stap"
    assert oordeel.bevinding == "Protocol verouderd." and oordeel.bron == "Beleid §2"
    event = AuditEvent.objects.get(action="oordeel.gewijzigd")
    assert event.actor_id == gebruiker.pk and event.details["naar"] == "kleine-stap"


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"niveau": "super", "bevinding": "x"}, "niveau"),
        ({"bevinding": "x"}, "niveau"),
        ({"niveau": "voldoet"}, "bevinding"),
        ({"niveau": "voldoet", "bevinding": "x" * 10001}, "bevinding"),
    ],
)
def test_bad_rating_is_400_naming_the_field_and_saves_nothing(
    body: dict[str, str],
    veld: str,
    beoordelingen: dict[str, Beoordeling],
    world: World,
    make_user: MakeUser,
) -> None:
    oordeel = _oordeel(beoordelingen["ocw"])
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = client.put(f"/api/v1/oordelen/{oordeel.pk}/", body, format="json")
    assert response.status_code == 400
    assert veld in response.json()["velden"]
    oordeel.refresh_from_db()
    assert oordeel.niveau_id is None and oordeel.bevinding == ""
    assert not AuditEvent.objects.filter(action="oordeel.gewijzigd").exists()


def test_onbekend_needs_no_finding(
    beoordelingen: dict[str, Beoordeling], world: World, make_user: MakeUser
) -> None:
    oordeel = _oordeel(beoordelingen["ocw"])
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = client.put(f"/api/v1/oordelen/{oordeel.pk}/", {"niveau": "onbekend"}, format="json")
    assert response.status_code == 200


def test_final_assessment_is_not_changed(
    beoordelingen: dict[str, Beoordeling], world: World, make_user: MakeUser
) -> None:
    ocw = beoordelingen["ocw"]
    Beoordeling.objects.filter(pk=ocw.pk).update(status=Status.DEFINITIEF)
    oordeel = _oordeel(ocw)
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = client.put(
        f"/api/v1/oordelen/{oordeel.pk}/", {"niveau": "voldoet", "bevinding": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "definitief" in str(response.json()["velden"])
    oordeel.refresh_from_db()
    assert oordeel.niveau_id is None


def test_other_organisation_is_404_and_reader_not_author_403(
    beoordelingen: dict[str, Beoordeling], world: World, make_user: MakeUser
) -> None:
    body = {"niveau": "voldoet", "bevinding": "x"}
    fin = _oordeel(beoordelingen["fin"])
    coordinator = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    assert coordinator.put(f"/api/v1/oordelen/{fin.pk}/", body, format="json").status_code == 404
    # the auditor may read OCW's self-assessment but writes only auditor assessments
    auditor = api_client(make_user(Rol.AUDITOR, world.ocw))
    ocw = _oordeel(beoordelingen["ocw"])
    response = auditor.put(f"/api/v1/oordelen/{ocw.pk}/", body, format="json")
    assert response.status_code == 403 and "zelfevaluatie" in response.json()["fout"]
    # the competent authority has no write capability at all
    bg = api_client(make_user(Rol.BEVOEGD_GEZAG, world.ocw))
    assert bg.put(f"/api/v1/oordelen/{ocw.pk}/", body, format="json").status_code == 403
    ocw.refresh_from_db()
    assert ocw.niveau_id is None


def test_cycles(beoordelingen: dict[str, Beoordeling], world: World, make_user: MakeUser) -> None:
    body = api_client(make_user(Rol.AUDITOR, world.rijk)).get("/api/v1/cycli/").json()
    assert [(c["jaar"], c["normenkader"]["code"]) for c in body] == [(2024, "ark-2024")]
