"""Pages of export, import, loading a framework and the cycles."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from integriteit.accounts.models import Gebruiker
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader.loader import SHIPPED_DIR
from integriteit.normenkader.models import Beoordeling, Cyclus, Niveau, Normenkader, Oordeel
from integriteit.normenkader.services import oordeel_update
from integriteit.normenkader.tests import world as data
from integriteit.tests.test_templates_render import assert_dutch_page, h1

Login = Callable[[Client, Gebruiker], Client]


@pytest.fixture
def cyclus(world: World) -> Cyclus:
    return data.cyclus(2024)


def as_role(client: Client, login: Login, make_user: MakeUser, rol: str, org: object) -> Client:
    return login(client, make_user(rol, org))


@pytest.fixture
def coordinator(client: Client, login: Login, make_user: MakeUser, world: World) -> Client:
    return as_role(client, login, make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)


@pytest.fixture
def beheerder(client: Client, login: Login, make_user: MakeUser, world: World) -> Client:
    return as_role(client, login, make_user, Rol.BEHEERDER, world.rijk)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- export ------------------------------------------------------------------------------


@pytest.fixture
def rated(world: World, cyclus: Cyclus) -> Beoordeling:
    beoordeling = data.beoordeling(world.ocw)
    niveau = Niveau.objects.get(normenkader=cyclus.normenkader, code="stap")
    oordeel_update(
        acting_user=None,
        oordeel=beoordeling.oordelen.get(norm__code="9"),
        niveau=niveau,
        bevinding="Protocol van 2015.",
    )
    return beoordeling


def test_export_page_explains_the_formats_and_links_them(
    rated: Beoordeling, coordinator: Client
) -> None:
    response = coordinator.get(reverse("normenkader:export"))
    html = response.content.decode()
    assert response.status_code == 200
    assert h1(html) == "Oordelen exporteren"
    assert_dutch_page(html)
    query = f"cyclus={rated.cyclus_id}&amp;soort=zelfevaluatie"
    for fmt in ("csv", "xlsx", "json"):
        assert f"?{query}&amp;format={fmt}" in html
        assert f"beoordelingen-2024-zelfevaluatie.{fmt}" in html
    assert "1 oordeel van 1 organisatie." in text_of(html)
    assert "organisation,norm,level\nOCW,9,stap\n" in html
    assert "<caption" in html and 'scope="col"' in html


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("json", "application/json; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_export_downloads_each_format(
    rated: Beoordeling, coordinator: Client, fmt: str, content_type: str
) -> None:
    response = coordinator.get(
        reverse("normenkader:export"),
        {"cyclus": str(rated.cyclus_id), "soort": "zelfevaluatie", "format": fmt},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="beoordelingen-2024-zelfevaluatie.{fmt}"'
    )
    if fmt == "csv":
        assert response.content.decode() == "organisation,norm,level\nOCW,9,stap\n"
    elif fmt == "json":
        assert json.loads(response.content)[0]["level"] == "stap"
    else:
        sheet = load_workbook(io.BytesIO(response.content))["Oordelen"]
        assert sheet["G2"].value == "Protocol van 2015."


def test_export_takes_the_dutch_parameter_name_too(rated: Beoordeling, coordinator: Client) -> None:
    response = coordinator.get(
        reverse("normenkader:export"), {"cyclus": str(rated.cyclus_id), "formaat": "csv"}
    )
    assert response.content.decode() == "organisation,norm,level\nOCW,9,stap\n"


def test_export_of_an_unknown_cycle_shows_the_form_error(
    rated: Beoordeling, coordinator: Client
) -> None:
    response = coordinator.get(reverse("normenkader:export"), {"cyclus": "999", "format": "csv"})
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_export_without_any_cycle(coordinator: Client) -> None:
    html = coordinator.get(reverse("normenkader:export")).content.decode()
    assert "Er is nog geen beoordelingscyclus" in html


def test_the_beheerder_loads_frameworks_but_sees_no_ratings(
    rated: Beoordeling, beheerder: Client
) -> None:
    assert beheerder.get(reverse("normenkader:heatmap")).status_code == 403
    assert beheerder.get(reverse("normenkader:export"), {"format": "csv"}).status_code == 403
    assert beheerder.get(reverse("normenkader:kader_upload")).status_code == 200


# --- import ------------------------------------------------------------------------------


def upload(text: str, name: str = "oordelen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_import_page_shows_the_format_and_only_the_kinds_the_user_may_write(
    cyclus: Cyclus, coordinator: Client
) -> None:
    html = coordinator.get(reverse("normenkader:import")).content.decode()
    assert h1(html) == "Oordelen importeren"
    assert_dutch_page(html)
    assert "organisation,norm,level,finding" in html and "OCW,9,voldoet," in html
    options = re.findall(
        r'<option value="([^"]+)"', html.split('name="soort"')[1].split("</select>")[0]
    )
    assert options == ["zelfevaluatie"]


def test_import_sets_the_ratings_and_goes_to_the_heatmap(
    cyclus: Cyclus, coordinator: Client
) -> None:
    response = coordinator.post(
        reverse("normenkader:import"),
        {
            "cyclus": cyclus.pk,
            "soort": "zelfevaluatie",
            "bestand": upload("organisation,norm,level\nOCW,1,stap\nOCW,9,voldoet\n"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('normenkader:heatmap')}?cyclus={cyclus.pk}&soort=zelfevaluatie"
    )
    assert Oordeel.objects.filter(niveau__isnull=False).count() == 2
    page = coordinator.get(response["Location"]).content.decode()
    assert "Import geslaagd: 1 beoordeling(en) begonnen, 2 oordeel/oordelen gezet" in page


def test_import_shows_every_error_and_saves_nothing(cyclus: Cyclus, coordinator: Client) -> None:
    before = (Beoordeling.objects.count(), AuditEvent.objects.count())
    response = coordinator.post(
        reverse("normenkader:import"),
        {
            "cyclus": cyclus.pk,
            "soort": "zelfevaluatie",
            "bestand": upload("organisation,norm,level\nOCW,1,stap\nFIN,1,stap\nOCW,1,goed\n"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het bestand bevat 3 fouten; er is niets opgeslagen" in html
    assert "Regel 3: u mag geen zelfevaluatie van ‘FIN’ vastleggen." in html
    assert "Regel 4: niveau ‘goed’ bestaat niet" in html
    assert "Regel 4: OCW / 1 staat al op regel 2." in html
    assert (Beoordeling.objects.count(), AuditEvent.objects.count()) == before
    assert_dutch_page(html)


def test_import_refuses_a_kind_the_user_may_not_write(cyclus: Cyclus, coordinator: Client) -> None:
    response = coordinator.post(
        reverse("normenkader:import"),
        {"cyclus": cyclus.pk, "soort": "auditor", "bestand": upload("organisation,norm,level\n")},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Beoordeling.objects.exists()


def test_import_refuses_another_file_type(cyclus: Cyclus, coordinator: Client) -> None:
    response = coordinator.post(
        reverse("normenkader:import"),
        {"cyclus": cyclus.pk, "soort": "zelfevaluatie", "bestand": upload("x", "oordelen.pdf")},
    )
    assert "Kies een bestand met de extensie .csv of .xlsx." in response.content.decode()


# --- loading a framework -----------------------------------------------------------------

BAD_YAML = """\
code: mijn-kader
version: 1
title: Mijn kader
applies_to: organisation
scale:
  - {code: voldoet, label: Voldoet, rank: 2, color: groen}
groups:
  - code: preventie
    title: Preventie
    norms:
      - code: "1"
"""


def test_upload_of_a_bad_framework_shows_every_message(beheerder: Client) -> None:
    response = beheerder.post(
        reverse("normenkader:kader_upload"),
        {"bestand": SimpleUploadedFile("mijn-kader.yaml", BAD_YAML.encode())},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "er is niets geladen" in html
    messages = re.findall(
        r'<li class="utrecht-unordered-list__item">(mijn-kader\.yaml[^<]*)</li>', html
    )
    assert len(messages) >= 2
    assert any("regel 6" in m and "scale[0].color" in m for m in messages)
    assert any("regel 11" in m and "text" in m for m in messages)
    assert not Normenkader.objects.exists()


def test_upload_of_a_good_framework_goes_to_its_page(beheerder: Client) -> None:
    content = (SHIPPED_DIR / "ark-2024.yaml").read_bytes()
    response = beheerder.post(
        reverse("normenkader:kader_upload"),
        {"bestand": SimpleUploadedFile("ark-2024.yaml", content)},
    )
    kader = Normenkader.objects.get(code="ark-2024")
    assert response.status_code == 302
    assert response["Location"] == reverse("normenkader:kader_detail", args=[kader.pk])
    again = beheerder.post(
        reverse("normenkader:kader_upload"),
        {"bestand": SimpleUploadedFile("ark-2024.yaml", content)},
        follow=True,
    )
    assert "was al geladen met precies deze inhoud" in again.content.decode()
    assert Normenkader.objects.count() == 1


def test_upload_page_explains_the_format_and_offers_the_model(beheerder: Client) -> None:
    html = beheerder.get(reverse("normenkader:kader_upload")).content.decode()
    assert h1(html) == "Normenkader laden"
    assert_dutch_page(html)
    assert "code: mijn-kader" in html and "?voorbeeld=ark-2024.yaml" in html
    model = beheerder.get(reverse("normenkader:kader_upload"), {"voorbeeld": "ark-2024.yaml"})
    assert model.content == (SHIPPED_DIR / "ark-2024.yaml").read_bytes()
    assert model["Content-Disposition"] == 'attachment; filename="ark-2024.yaml"'
    for name in ("../settings/base.py", "bestaat-niet.yaml"):
        response = beheerder.get(reverse("normenkader:kader_upload"), {"voorbeeld": name})
        assert response.status_code == 404


def test_upload_refuses_another_extension(beheerder: Client) -> None:
    response = beheerder.post(
        reverse("normenkader:kader_upload"),
        {"bestand": SimpleUploadedFile("kader.txt", b"code: x")},
    )
    assert "Kies een bestand met de extensie .yaml of .yml." in response.content.decode()


# --- cycles ------------------------------------------------------------------------------


def test_cycle_list_counts_assessments_per_kind_and_status(
    rated: Beoordeling, world: World, beheerder: Client
) -> None:
    data.beoordeling(world.fin)
    html = beheerder.get(reverse("normenkader:cyclus_list")).content.decode()
    assert h1(html) == "Beoordelingscycli"
    assert_dutch_page(html)
    row = text_of(html.split("<tbody")[1].split("</tr>")[0])
    assert "2024 — Beoordeling 2024" in row and "ark-2024 v1" in row
    assert "2 concept" in row  # OCW and FIN, self-assessments
    assert reverse("normenkader:cyclus_create") in html
    assert f"{reverse('normenkader:heatmap')}?cyclus=" not in html  # beheerder: no ratings


def test_cycle_list_for_a_reader_links_the_heatmap_but_not_creating(
    cyclus: Cyclus, client: Client, login: Login, make_user: MakeUser, world: World
) -> None:
    reader = as_role(client, login, make_user, Rol.BEVOEGD_GEZAG, world.ocw)
    html = reader.get(reverse("normenkader:cyclus_list")).content.decode()
    assert f"{reverse('normenkader:heatmap')}?cyclus={cyclus.pk}" in html
    assert reverse("normenkader:cyclus_create") not in html


def test_new_cycle_from_the_previous_one(cyclus: Cyclus, beheerder: Client) -> None:
    form = beheerder.get(reverse("normenkader:cyclus_create")).content.decode()
    assert h1(form) == "Nieuwe cyclus"
    assert_dutch_page(form)
    assert 'name="jaar" value="2025"' in form and "‘vorige’" in form
    response = beheerder.post(
        reverse("normenkader:cyclus_create"),
        {"jaar": 2025, "normenkader": cyclus.normenkader_id, "titel": "", "vorige": cyclus.pk},
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "normenkader:cyclus_list"
    )
    created = Cyclus.objects.get(jaar=2025)
    assert created.vorige == cyclus and created.titel == "Beoordeling 2025"
    assert AuditEvent.objects.filter(action="cyclus.aangemaakt", object_id=str(created.pk)).exists()


def test_new_cycle_errors_of_the_service_are_on_the_fields(
    cyclus: Cyclus, beheerder: Client
) -> None:
    response = beheerder.post(
        reverse("normenkader:cyclus_create"),
        {"jaar": 2024, "normenkader": cyclus.normenkader_id, "vorige": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is al een cyclus 2024 voor dit normenkader." in html
    assert Cyclus.objects.count() == 1


def test_new_cycle_without_a_framework(beheerder: Client) -> None:
    html = beheerder.get(reverse("normenkader:cyclus_create")).content.decode()
    assert "Er is nog geen normenkader geladen." in html


def test_a_coordinator_may_not_create_cycles(cyclus: Cyclus, coordinator: Client) -> None:
    assert coordinator.get(reverse("normenkader:cyclus_create")).status_code == 403


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_cycle_list_and_export_page_queries_do_not_grow(
    rated: Beoordeling, world: World, beheerder: Client, coordinator: Client
) -> None:
    cycli_url, export_url = reverse("normenkader:cyclus_list"), reverse("normenkader:export")
    before = (_queries(beheerder, cycli_url), _queries(coordinator, export_url))
    data.cyclus(2025)
    data.cyclus(2026)
    data.beoordeling(world.fin)
    assert (_queries(beheerder, cycli_url), _queries(coordinator, export_url)) == before
