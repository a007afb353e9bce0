"""The survey over the API: waves, results per node with the minimum group size enforced as
the results pages do (a suppressed node listed, without numbers), and importing responses
through the import service (counts; a bad row names the row; nothing saved; 404 elsewhere)."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from integriteit.api.tests.helpers import api_client
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.resultaten import golf_resultaten
from integriteit.medewerkersonderzoek.tests.test_resultaten_pages import Wave, respond
from integriteit.medewerkersonderzoek.tests.test_waves import make_golf, node


@pytest.fixture(autouse=True)
def _geen_cache() -> None:
    cache.clear()  # throttle counters and cached wave results repeat across tests


@pytest.fixture
def wave(world: World) -> Wave:
    """As the results pages' tests: OCW with DGCM (25) and DGHO = A (20) + B (15) + C (3);
    FIN with DGFZ (30). C is under the minimum of 10; B is hidden with it (secondary)."""
    dg = node("OCW-DGHO", world.ocw)
    a, b, c = node("OCW-A", dg, 40), node("OCW-B", dg, 30), node("OCW-C", dg, 10)
    golf = make_golf(world.rijk)
    for seed, (unit, n) in enumerate(
        ((a, 20), (b, 15), (c, 3), (world.ocw_unit, 25), (world.fin_unit, 30))
    ):
        respond(golf, unit, n, seed)
    return Wave(golf, dg, a, b, c)


def _resultaten(client: APIClient, golf: Golf, **query: str) -> Any:
    response = client.get(f"/api/v1/enquete/golven/{golf.pk}/resultaten/", query)
    assert response.status_code == 200, response.content
    return response.json()


def test_coordinator_reads_own_nodes_suppressed_without_numbers(
    wave: Wave, world: World, make_user: MakeUser
) -> None:
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    body = _resultaten(client, wave.golf)
    knopen = {k["code"]: k for k in body["knopen"]}
    assert set(knopen) == {"OCW", "OCW-DGCM", "OCW-DGHO", "OCW-A", "OCW-B", "OCW-C"}
    for code in ("OCW-B", "OCW-C"):  # primary and secondary suppression
        knoop = knopen[code]
        assert knoop["onderdrukt"] and knoop["n"] is None
        assert knoop["items"] is None and knoop["schalen"] is None
    assert knopen["OCW-A"]["n"] == 20 and not knopen["OCW-A"]["onderdrukt"]
    res = golf_resultaten(golf=wave.golf)
    ocw = knopen["OCW"]
    assert ocw["items"]["vb_goed_voorbeeld"]["percentage_eens"] == pytest.approx(
        res.per_knoop["OCW"]["items"]["vb_goed_voorbeeld"]["agree_pct"]
    )
    assert ocw["schalen"]["cultuur"]["alpha"] == pytest.approx(
        res.per_knoop["OCW"]["scales"]["cultuur"]["alpha"]
    )
    text = json.dumps(body)
    assert "opmerkingen" not in text and "GEHEIME-OPMERKING" not in text  # never free text
    assert "FIN" not in text and body["aantal_antwoorden"] is None  # the wave's top: RIJK


def test_rijkscoordinator_reads_ministries_only(
    wave: Wave, world: World, make_user: MakeUser
) -> None:
    client = api_client(make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    body = _resultaten(client, wave.golf)
    assert {k["code"] for k in body["knopen"]} == {"RIJK", "OCW", "FIN"}
    assert body["aantal_antwoorden"] == 93
    one = _resultaten(client, wave.golf, eenheid="FIN")
    assert [k["code"] for k in one["knopen"]] == ["FIN"]
    url = f"/api/v1/enquete/golven/{wave.golf.pk}/resultaten/"
    assert client.get(url, {"eenheid": "OCW-A"}).status_code == 404
    assert client.get(url, {"eenheid": "x" * 41}).status_code == 400


def test_wave_of_another_ministry_is_404(world: World, make_user: MakeUser) -> None:
    fin_wave = make_golf(world.fin)
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    assert client.get(f"/api/v1/enquete/golven/{fin_wave.pk}/resultaten/").status_code == 404
    assert client.get("/api/v1/enquete/golven/").json() == []


def test_waves_list(wave: Wave, world: World, make_user: MakeUser) -> None:
    client = api_client(make_user(Rol.BEVOEGD_GEZAG, world.ocw))
    body = client.get("/api/v1/enquete/golven/").json()
    assert [g["id"] for g in body] == [wave.golf.pk]
    assert body[0]["vragenlijst"] == "ark-2023" and body[0]["min_groepsgrootte"] == 10


def test_manager_has_no_results(wave: Wave, world: World, make_user: MakeUser) -> None:
    client = api_client(make_user(Rol.LEIDINGGEVENDE, world.ocw_unit))
    response = client.get(f"/api/v1/enquete/golven/{wave.golf.pk}/resultaten/")
    assert response.status_code == 403


# --- import ----------------------------------------------------------------------------------


def _upload(naam: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, data, content_type="application/octet-stream")


def _import(client: APIClient, golf: Golf, **files: object) -> Any:
    return client.post(f"/api/v1/enquete/golven/{golf.pk}/import/", files, format="multipart")


def test_import_csv_gives_the_counts(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world.ocw)
    gebruiker = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    csv = b"cul_vrij_bespreken,mel_vermoeden\n4,2\n5,\n2,2\n"
    response = _import(api_client(gebruiker), golf, bestand=_upload("antwoorden.csv", csv))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["aantal"] == 3 and body["formaat"] == "csv"
    assert Respons.objects.filter(golf=golf).count() == 3
    event = AuditEvent.objects.get(action="enquete.import")
    assert event.actor_id == gebruiker.pk and event.details["aantal"] == 3


def test_import_xlsx(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world.ocw)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["cul_vrij_bespreken", "unit"])
    sheet.append([4, "OCW-DGCM"])
    sheet.append([3, "OCW-DGCM"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = _import(client, golf, bestand=_upload("a.xlsx", buffer.getvalue()), formaat="xlsx")
    assert response.status_code == 201
    assert response.json()["aantal"] == 2


def test_bad_row_is_400_naming_the_row_and_nothing_is_saved(
    world: World, make_user: MakeUser
) -> None:
    golf = make_golf(world.ocw)
    csv = b"cul_vrij_bespreken,unit\n4,OCW-DGCM\n7,OCW-DGCM\n"
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = _import(client, golf, bestand=_upload("antwoorden.csv", csv))
    assert response.status_code == 400
    body = response.json()
    assert "niets opgeslagen" in body["fout"]
    assert any(f.startswith("Regel 3, kolom ‘cul_vrij_bespreken’") for f in body["fouten"])
    assert not Respons.objects.filter(golf=golf).exists()
    assert not AuditEvent.objects.filter(action="enquete.import").exists()


@pytest.mark.parametrize(
    ("files", "veld"),
    [
        ({}, "bestand"),
        ({"bestand": ("a.pdf", b"%PDF")}, "bestand"),
        ({"bestand": ("a.csv", b"x\n1\n"), "formaat": "xlsx"}, "formaat"),
        ({"bestand": ("a.csv", b"x\n1\n"), "formaat": "docx"}, "formaat"),
        ({"bestand": ("a.csv", b"x\n1\n"), "koppeling": ("k.txt", b"x")}, "koppeling"),
    ],
)
def test_bad_upload_names_the_field(
    files: dict[str, object], veld: str, world: World, make_user: MakeUser
) -> None:
    golf = make_golf(world.ocw)
    data = {k: _upload(*v) if isinstance(v, tuple) else v for k, v in files.items()}
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = _import(client, golf, **data)
    assert response.status_code == 400
    assert veld in response.json()["velden"]


def test_closed_wave_refuses_and_other_ministry_is_404(world: World, make_user: MakeUser) -> None:
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    csv = b"cul_vrij_bespreken\n4\n"
    fin = make_golf(world.fin)
    assert _import(client, fin, bestand=_upload("a.csv", csv)).status_code == 404
    golf = make_golf(world.ocw)
    Golf.objects.filter(pk=golf.pk).update(status=GolfStatus.GESLOTEN)
    response = _import(client, golf, bestand=_upload("a.csv", csv))
    assert response.status_code == 400
    assert "gesloten" in response.json()["fouten"][0]


def test_json_body_is_415(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world.ocw)
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = client.post(f"/api/v1/enquete/golven/{golf.pk}/import/", {}, format="json")
    assert response.status_code == 415 and response.json()["fout"]
