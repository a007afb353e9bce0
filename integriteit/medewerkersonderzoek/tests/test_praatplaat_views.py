"""Talk sheet pages, PDF and the ZIP job on a small OCW wave (real database): role rules,
suppression, the PDF bytes and one PDF per visible node in the ZIP."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, _node, login_verified
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
from integriteit.medewerkersonderzoek.services import golf_create, vragenlijst_load
from integriteit.organisaties.constants import Soort
from integriteit.taken.models import Taak, TaakStatus

#: Responses per unit: two visible units, two suppressed (3 and 8: together 11, so no
#: secondary suppression of a visible sibling is needed).
SIZES = {"OCW-DGCM": 30, "OCW-BS": 25, "OCW-KL": 3, "OCW-PO": 8}


@dataclass
class Wave:
    golf: Golf
    world: World


def _responses(golf: Golf) -> None:
    spec = golf.vragenlijst.spec()
    items = [i.code for i in spec.items if i.scale == "eens5" and i.ask_if is None]
    rng = np.random.default_rng(7)
    rows = []
    for eenheid in golf.eenheden.select_related("organisatie"):
        for _ in range(SIZES[eenheid.organisatie.code]):
            antwoorden: dict[str, int | str] = {code: int(rng.integers(1, 6)) for code in items}
            antwoorden["leidinggevende"] = 2
            antwoorden["opmerkingen"] = "GEHEIME VRIJE TEKST"
            rows.append(
                Respons(
                    golf=golf,
                    golf_eenheid=eenheid,
                    rol="medewerker",
                    antwoorden=antwoorden,
                    ingevuld_in=date(2025, 10, 1),
                )
            )
    Respons.objects.bulk_create(rows)


@pytest.fixture
def wave(world: World) -> Wave:
    _node("OCW-BS", "Bestuursstaf", Soort.ONDERDEEL, world.ocw, 40)
    _node("OCW-KL", "Kleine Afdeling", Soort.ONDERDEEL, world.ocw, 5)
    _node("OCW-PO", "Primair Onderwijs", Soort.ONDERDEEL, world.ocw, 12)
    path = SHIPPED_DIR / "ark-2023.yaml"
    vragenlijst = vragenlijst_load(acting_user=None, data=path.read_bytes(), filename=path.name)
    golf = golf_create(
        acting_user=None,
        vragenlijst=vragenlijst,
        organisatie=world.ocw,
        titel="Medewerkersonderzoek 2025",
        start=date(2025, 10, 1),
        eind=date(2025, 10, 31),
    )
    Golf.objects.filter(pk=golf.pk).update(status=GolfStatus.GESLOTEN)
    golf.refresh_from_db()
    _responses(golf)
    return Wave(golf=golf, world=world)


def _client(make_user: MakeUser, rol: str, organisatie: object, **kwargs: bool) -> Client:
    return login_verified(Client(), make_user(rol, organisatie, **kwargs))


def _url(name: str, golf: Golf, code: str | None = None) -> str:
    args: list[object] = [golf.pk] if code is None else [golf.pk, code]
    return reverse(f"medewerkersonderzoek:{name}", args=args)


def _pdf_text(data: bytes) -> bytes:
    """The decompressed streams of a PDF (pypdf is not installed): enough to find the
    outline titles WeasyPrint writes from the headings."""
    out = b""
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            out += zlib.decompress(data[match.end() : end])
        except zlib.error:
            continue
    return out


def test_manager_sees_the_own_unit_only(wave: Wave, make_user: MakeUser) -> None:
    unit = wave.world.ocw_unit
    client = _client(make_user, Rol.LEIDINGGEVENDE, unit, recursief=False)
    page = client.get(_url("praatplaat", wave.golf, unit.code))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Praatplaat DG Cultuur en Media" in body
    assert "30 respondenten" in body
    assert "Sterke punten" in body and "Aandachtspunten" in body
    assert "vertrouwenspersoon integriteit" in body
    assert "Er is geen rijksbrede vergelijking beschikbaar." in body
    assert "GEHEIME VRIJE TEKST" not in body
    assert 'role="img"' in body and "<table" in body
    for other in ("OCW-BS", "OCW", "OCW-KL", "NIETBESTAAND"):
        assert client.get(_url("praatplaat", wave.golf, other)).status_code == 404
        assert client.get(_url("praatplaat_pdf", wave.golf, other)).status_code == 404
    listing = client.get(_url("praatplaten", wave.golf)).content.decode()
    assert "DG Cultuur en Media" in listing and "Bestuursstaf" not in listing
    assert "Alle praatplaten (ZIP)" not in listing
    # The start link leads the manager straight to the own sheet.
    start = client.get(reverse("medewerkersonderzoek:mijn_praatplaat"))
    assert start["Location"] == _url("praatplaat", wave.golf, unit.code)


def test_rijkscoordinator_has_no_talk_sheets(wave: Wave, make_user: MakeUser) -> None:
    client = _client(make_user, Rol.RIJKSCOORDINATOR, wave.world.rijk)
    assert client.get(_url("praatplaat", wave.golf, "OCW")).status_code == 403
    assert client.get(_url("praatplaten", wave.golf)).status_code == 403


def test_suppressed_unit_has_no_sheet_and_no_numbers(wave: Wave, make_user: MakeUser) -> None:
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, wave.world.ocw)
    page = client.get(_url("praatplaat", wave.golf, "OCW-KL"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "te weinig respons (minder dan 10)" in body
    assert "respondent" not in body and " %" not in body and "<svg" not in body
    pdf = client.get(_url("praatplaat_pdf", wave.golf, "OCW-KL"))
    assert pdf.status_code == 302 and pdf["Location"] == _url("praatplaat", wave.golf, "OCW-KL")
    listing = client.get(_url("praatplaten", wave.golf)).content.decode()
    row = listing[listing.index("Kleine Afdeling") :].split("</tr>")[0]
    assert "te weinig respons" in row and ">3<" not in row


def test_parent_comparison_on_a_units_sheet(wave: Wave, make_user: MakeUser) -> None:
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, wave.world.ocw)
    body = client.get(_url("praatplaat", wave.golf, "OCW-BS")).content.decode()
    assert "Ministerie van Onderwijs, Cultuur en Wetenschap (66 respondenten)" in body
    assert "Bestuursstaf (25 respondenten)" in body


def test_pdf_download(wave: Wave, make_user: MakeUser) -> None:
    client = _client(make_user, Rol.LEIDINGGEVENDE, wave.world.ocw_unit, recursief=False)
    response = client.get(_url("praatplaat_pdf", wave.golf, "OCW-DGCM"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF") and len(data) > 5_000
    assert b"Praatplaat DG Cultuur en Media" in _pdf_text(data)


def test_zip_job_holds_one_pdf_per_visible_node(wave: Wave, make_user: MakeUser) -> None:
    client = _client(make_user, Rol.INTEGRITEITSCOORDINATOR, wave.world.ocw)
    listing = client.get(_url("praatplaten", wave.golf)).content.decode()
    assert "Alle praatplaten (ZIP)" in listing
    response = client.post(_url("praatplaten_zip", wave.golf))
    taak = Taak.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("taken:detail", args=[taak.pk])
    assert taak.status == TaakStatus.KLAAR, taak.fouten
    assert taak.bestandsnaam == f"praatplaten-{wave.golf.pk}.zip"
    assert taak.resultaat["praatplaten"] == 3
    with taak.bestand.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archief:
        names = sorted(archief.namelist())
        assert names == sorted(
            f"praatplaat-{wave.golf.pk}-{code}.pdf" for code in ("OCW", "OCW-BS", "OCW-DGCM")
        )
        for name in names:
            assert archief.read(name).startswith(b"%PDF")


def test_zip_refused_for_a_manager(wave: Wave, make_user: MakeUser) -> None:
    client = _client(make_user, Rol.LEIDINGGEVENDE, wave.world.ocw_unit, recursief=False)
    assert client.post(_url("praatplaten_zip", wave.golf)).status_code == 403
    assert not Taak.objects.exists()


def test_start_link_without_a_wave(world: World, make_user: MakeUser) -> None:
    client = _client(make_user, Rol.LEIDINGGEVENDE, world.ocw_unit, recursief=False)
    page = client.get(reverse("medewerkersonderzoek:mijn_praatplaat"))
    assert page.status_code == 200
    assert "Er is nog geen praatplaat voor uw onderdeel" in page.content.decode()
