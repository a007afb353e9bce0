"""The management pages of the survey: waves in scope, a new wave, status, invitations as a
CSV download, and loading questionnaires. Real database, Django test client."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Uitnodiging, Vragenlijst
from integriteit.medewerkersonderzoek.services import (
    golf_transition,
    respons_submit,
    uitnodiging_redeem,
    uitnodigingen_create,
)
from integriteit.medewerkersonderzoek.tests.permission_kwargs import golf as make_golf
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create

SUPPRESSED = "te weinig reacties om te tonen (minder dan 10)"


def _client(make_user: MakeUser, rol: str, organisatie: Organisatie) -> Client:
    return login_verified(Client(), make_user(rol, organisatie))


def _unit(code: str, parent: Organisatie, n: int) -> Organisatie:
    gegevens = OrganisatieGegevens(
        code=code,
        naam=f"Onderdeel {code}",
        soort=Soort.ONDERDEEL,
        parent=parent,
        aantal_medewerkers=n,
    )
    return organisatie_create(acting_user=None, gegevens=gegevens)


def _respond(golf: Golf, aantallen: dict[str, int]) -> None:
    """Open the wave and let ``n`` employees of each unit (by code) answer."""
    eenheden = {e.organisatie.code: e.pk for e in golf.eenheden.select_related("organisatie")}
    per_eenheid = {eenheden[code]: n for code, n in aantallen.items()}
    nieuw = uitnodigingen_create(acting_user=None, golf=golf, per_eenheid=per_eenheid)
    golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    for uitnodiging in nieuw:
        respons_submit(token=uitnodiging.token, antwoorden={})


def _row(html: str, naam: str) -> str:
    match = re.search(rf"<tr[^>]*>\s*<th[^>]*>{re.escape(naam)}.*?</tr>", html, re.S)
    assert match, f"geen rij voor {naam}"
    return match.group(0)


def _cells(row: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


# --- scope ---------------------------------------------------------------------------------


def test_coordinator_sees_only_waves_of_the_own_organisation(
    world: World, make_user: MakeUser, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    ocw, fin = make_golf(world, "eigen"), make_golf(world, "ander")
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("medewerkersonderzoek:golf_list"))
    assert response.status_code == 200
    assert [golf for golf, _r in response.context["regels"]] == [ocw]
    for name in ("golf_detail", "uitnodigingen"):
        url = reverse(f"medewerkersonderzoek:{name}", kwargs={"pk": fin.pk})
        assert client.get(url).status_code == 404
    url = reverse("medewerkersonderzoek:golf_transition", kwargs={"pk": fin.pk})
    assert client.post(url, {"naar": "open"}).status_code == 404
    fin.refresh_from_db()
    assert fin.status == GolfStatus.VOORBEREIDING


def test_golf_list_query_count_does_not_grow_with_the_waves(
    world: World, make_user: MakeUser, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _i in range(5):
        _respond(make_golf(world, "eigen"), {"OCW-DGCM": 2})
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("medewerkersonderzoek:golf_list"))
    assert len(response.context["regels"]) == 5


def test_leidinggevende_sees_only_the_own_unit(world: World, make_user: MakeUser) -> None:
    _unit("OCW-DGPVO", world.ocw, 90)
    golf = make_golf(world, "eigen")
    _respond(golf, {"OCW-DGCM": 12, "OCW-DGPVO": 11})
    client = _client(make_user, Rol.LEIDINGGEVENDE, world.ocw_unit)
    response = client.get(reverse("medewerkersonderzoek:golf_detail", kwargs={"pk": golf.pk}))
    assert response.status_code == 200
    rows = response.context["respons"].eenheden
    assert [row.code for row in rows] == ["OCW-DGCM"]
    assert rows[0].gerespondeerd == 12
    assert response.context["respons"].totaal is None  # the whole ministry is not theirs
    html = response.content.decode()
    assert "OCW-DGPVO" not in html
    assert not response.context["transitions"]
    assert reverse("medewerkersonderzoek:uitnodigingen", kwargs={"pk": golf.pk}) not in html


def test_suppressed_cells_show_no_number(world: World, make_user: MakeUser) -> None:
    _unit("OCW-DGPVO", world.ocw, 90)
    golf = make_golf(world, "eigen")
    _respond(golf, {"OCW-DGCM": 3, "OCW-DGPVO": 17})
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    html = client.get(reverse("medewerkersonderzoek:golf_detail", kwargs={"pk": golf.pk})).content
    page = html.decode()
    # 3 is below the minimum; 17 is hidden too, else the total minus 17 would give 3.
    for naam, invited, hidden in (("Onderdeel OCW-DGPVO", "17", "17"), ("DG Cultuur", "3", "3")):
        cells = _cells(_row(page, naam))
        assert cells[1] == invited  # invitations are no secret
        assert SUPPRESSED in cells[2]
        assert len(cells) == 3  # no responded, rate or bar cells
        assert hidden not in cells[2]
    total = _cells(_row(page, "Totaal"))
    assert total[2:4] == ["20", "100,0 %"]


# --- a new wave, status --------------------------------------------------------------------


def _create_data(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "vragenlijst": "ark-2023",
        "organisatie": world.ocw.pk,
        "titel": "Medewerkersonderzoek 2026",
        "start": "2026-03-01",
        "eind": "2026-03-31",
        "min_group_size": 10,
    }
    return data | overrides


def test_golf_create_loads_ark_2023_and_freezes_the_units(
    world: World, make_user: MakeUser
) -> None:
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    page = client.get(reverse("medewerkersonderzoek:golf_create"))
    assert ("ark-2023", "ark-2023 laden (meegeleverde vragenlijst)") in page.context["form"].fields[
        "vragenlijst"
    ].choices
    organisaties = list(page.context["form"].fields["organisatie"].queryset)
    assert world.fin not in organisaties and world.ocw in organisaties
    response = client.post(reverse("medewerkersonderzoek:golf_create"), _create_data(world))
    golf = Golf.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "medewerkersonderzoek:golf_detail", kwargs={"pk": golf.pk}
    )
    assert golf.vragenlijst.code == "ark-2023"
    assert (golf.start, golf.eind, golf.organisatie) == (
        date(2026, 3, 1),
        date(2026, 3, 31),
        world.ocw,
    )
    assert [(e.organisatie.code, e.aantal_medewerkers) for e in golf.eenheden.all()] == [
        ("OCW-DGCM", 120)
    ]
    # Loaded once: the next form offers the stored version instead of loading again.
    choices = (
        client.get(reverse("medewerkersonderzoek:golf_create"))
        .context["form"]
        .fields["vragenlijst"]
        .choices
    )
    assert [value for value, _label in choices] == [str(golf.vragenlijst.pk)]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"min_group_size": 4}, "min_group_size", "Minder dan 5 mag nooit"),
        ({"eind": "2026-02-01"}, "eind", "De einddatum ligt vóór de startdatum."),
        ({"organisatie": "FIN"}, "organisatie", "Deze keuze is niet beschikbaar."),
    ],
)
def test_golf_create_names_the_wrong_field_and_saves_nothing(
    world: World, make_user: MakeUser, overrides: dict[str, Any], field: str, message: str
) -> None:
    if overrides.get("organisatie") == "FIN":
        overrides = {"organisatie": world.fin.pk}
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    response = client.post(
        reverse("medewerkersonderzoek:golf_create"), _create_data(world, **overrides)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Golf.objects.exists()
    assert not Vragenlijst.objects.exists()  # loading ark-2023 is undone with the wave


def test_golf_transition_opens_and_refuses_in_dutch(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world, "eigen")
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    url = reverse("medewerkersonderzoek:golf_transition", kwargs={"pk": golf.pk})
    response = client.post(url, {"naar": "open"}, follow=True)
    golf.refresh_from_db()
    assert golf.status == GolfStatus.OPEN
    assert "De golf is nu open." in response.content.decode()
    response = client.post(url, {"naar": "voorbereiding"}, follow=True)
    assert "Van open naar in voorbereiding kan niet." in response.content.decode()
    golf.refresh_from_db()
    assert golf.status == GolfStatus.OPEN


def test_ministry_coordinator_sees_but_does_not_run_a_government_wide_wave(
    world: World, make_user: MakeUser
) -> None:
    golf = make_golf(world, "eigen")
    golf.organisatie = world.rijk
    golf.save()
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    detail = client.get(reverse("medewerkersonderzoek:golf_detail", kwargs={"pk": golf.pk}))
    assert detail.status_code == 200
    assert not detail.context["may_beheren"]
    url = reverse("medewerkersonderzoek:golf_transition", kwargs={"pk": golf.pk})
    assert client.post(url, {"naar": "open"}).status_code == 404


# --- invitations ---------------------------------------------------------------------------


def _download(response: Any) -> list[dict[str, str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_invitations_csv_one_row_per_token_and_the_tokens_work(
    world: World, make_user: MakeUser
) -> None:
    _unit("OCW-DGPVO", world.ocw, 90)
    golf = make_golf(world, "eigen")
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    url = reverse("medewerkersonderzoek:uitnodigingen", kwargs={"pk": golf.pk})
    page = client.get(url).content.decode()
    assert "De links worden maar één keer getoond" in page
    assert "Verwijder het bestand" in page
    response = client.post(url, {"bron": "aantal", "aantal": "3"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert re.fullmatch(
        rf'attachment; filename="uitnodigingen-{golf.pk}-\d{{4}}-\d\d-\d\d\.csv"',
        response["Content-Disposition"],
    )
    assert response["Cache-Control"] == "no-store"
    rows = _download(response)
    assert list(rows[0]) == ["eenheid", "code", "link"]
    assert sorted(row["eenheid"] for row in rows) == ["OCW-DGCM"] * 3 + ["OCW-DGPVO"] * 3
    assert len({row["code"] for row in rows}) == 6 == Uitnodiging.objects.filter(golf=golf).count()
    invullen = "http://testserver" + reverse("medewerkersonderzoek:invullen")
    golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    for row in rows:
        assert row["link"] == f"{invullen}?code={row['code']}"
        assert uitnodiging_redeem(token=row["code"]).golf_eenheid.organisatie.code == row["eenheid"]
    assert "3" in _cells(_row(client.get(url).content.decode(), "Onderdeel OCW-DGPVO"))


def test_invitations_default_to_the_headcount(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world, "eigen")
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    url = reverse("medewerkersonderzoek:uitnodigingen", kwargs={"pk": golf.pk})
    assert len(_download(client.post(url, {"bron": "medewerkers"}))) == 120


def test_invitations_need_a_number_and_none_on_a_closed_wave(
    world: World, make_user: MakeUser
) -> None:
    golf = make_golf(world, "eigen")
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    url = reverse("medewerkersonderzoek:uitnodigingen", kwargs={"pk": golf.pk})
    response = client.post(url, {"bron": "aantal", "aantal": ""})
    assert response.context["form"].errors["aantal"] == [
        "Vul het aantal uitnodigingen per eenheid in."
    ]
    for naar in (GolfStatus.OPEN, GolfStatus.GESLOTEN):
        golf_transition(acting_user=None, golf=golf, naar=naar)
    response = client.post(url, {"bron": "medewerkers"})
    assert response.status_code == 200
    assert "gesloten" in " ".join(response.context["form"].non_field_errors())
    assert not Uitnodiging.objects.exists()


# --- questionnaires ------------------------------------------------------------------------


BAD_YAML = b"""\
code: kapotte-lijst
version: 1
response_scales:
  agree5:
    values: [1, 2, 3]
    labels: {1: Oneens, 2: Neutraal, 3: Eens}
    agree: [7]
blocks: []
"""


def test_bad_yaml_upload_lists_messages_and_saves_nothing(
    world: World, make_user: MakeUser
) -> None:
    client = _client(make_user, Rol.BEHEERDER, world.rijk)
    url = reverse("medewerkersonderzoek:vragenlijst_upload")
    from django.core.files.uploadedfile import SimpleUploadedFile

    bestand = SimpleUploadedFile("kapot.yaml", BAD_YAML, content_type="application/yaml")
    response = client.post(url, {"bestand": bestand})
    assert response.status_code == 200
    fouten = response.context["fouten"]
    assert len(fouten) >= 2
    assert all(fout.startswith("kapot.yaml") for fout in fouten)
    assert any("title" in fout for fout in fouten)
    assert any("regel 7" in fout and "agree" in fout for fout in fouten)
    html = response.content.decode()
    assert "er is niets geladen" in html
    assert not Vragenlijst.objects.exists()


def test_upload_loads_a_questionnaire_and_offers_the_model(
    world: World, make_user: MakeUser
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR

    client = _client(make_user, Rol.BEHEERDER, world.rijk)
    url = reverse("medewerkersonderzoek:vragenlijst_upload")
    model = client.get(url, {"voorbeeld": "ark-2023.yaml"})
    assert model.content == (SHIPPED_DIR / "ark-2023.yaml").read_bytes()
    assert client.get(url, {"voorbeeld": "../settings.py"}).status_code == 404
    bestand = SimpleUploadedFile("ark-2023.yaml", model.content)
    response = client.post(url, {"bestand": bestand}, follow=True)
    assert Vragenlijst.objects.get().code == "ark-2023"
    assert "is geladen" in response.content.decode()
    coordinator = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    listing = coordinator.get(reverse("medewerkersonderzoek:vragenlijst_list"))
    assert list(listing.context["vragenlijsten"]) == [Vragenlijst.objects.get()]
    assert not listing.context["may_upload"]
