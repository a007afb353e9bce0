"""The annual integrity report: deterministic outputs, a frozen and reproducible published
version, immutability, suppression carried into every output, escaping of the narrative, and
the chapters' figures against the small government of ``rijk_data``."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from integriteit.common.models import AuditEvent
from integriteit.rapportages import jaarverslag_services as svc
from integriteit.rapportages.jaarverslag_selectors import jaarverslag_document
from integriteit.rapportages.jaarverslag_uitvoer import hashes, html_bytes, pdf_bytes, xlsx_bytes
from integriteit.rapportages.models import Jaarverslag
from integriteit.rapportages.tests.conftest import RijkData
from integriteit.rapportages.tests.helpers import JAAR

pytestmark = pytest.mark.django_db
VANDAAG = date(JAAR + 1, 2, 1)


def _tabel(doc: dict[str, Any], id_: str) -> dict[str, Any]:
    for h in doc["hoofdstukken"]:
        for t in h["tabellen"]:
            if t["id"] == id_:
                return dict(t)
    if doc["samenvatting"]["id"] == id_:
        return dict(doc["samenvatting"])
    raise AssertionError(id_)


def _rij(t: dict[str, Any], begin: str) -> list[str]:
    return next(list(r) for r in t["rijen"] if r[0].startswith(begin))


def _pdf_tekst(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def _xlsx_cellen(data: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(data))
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]


def _concept(**teksten: str) -> Jaarverslag:
    verslag = svc.jaarverslag_create(acting_user=None, jaar=JAAR, vandaag=VANDAAG)
    if teksten:
        verslag = svc.jaarverslag_teksten_update(
            acting_user=None, jaarverslag=verslag, teksten=teksten
        )
    return verslag


def test_concept_renders_identically_twice(rijk_data: RijkData) -> None:
    verslag = _concept(structuur="Toelichting.")
    een = jaarverslag_document(verslag=verslag, vandaag=VANDAAG)
    twee = jaarverslag_document(verslag=verslag, vandaag=VANDAAG)
    assert een == twee
    assert html_bytes(een) == html_bytes(twee)
    assert pdf_bytes(een) == pdf_bytes(twee)
    assert xlsx_bytes(een) == xlsx_bytes(twee)
    assert b"live berekend" in html_bytes(een)  # the concept banner


def test_published_rerenders_byte_identically_from_snapshot(rijk_data: RijkData) -> None:
    verslag = svc.jaarverslag_publiceren(
        acting_user=None, jaarverslag=_concept(melden="Tekst."), vandaag=VANDAAG
    )
    opgeslagen = Jaarverslag.objects.get(pk=verslag.pk)  # the snapshot through the database
    assert opgeslagen.gepubliceerd and opgeslagen.gepubliceerd_op is not None
    assert hashes(jaarverslag_document(verslag=opgeslagen)) == {
        "html": opgeslagen.sha256_html,
        "pdf": opgeslagen.sha256_pdf,
        "xlsx": opgeslagen.sha256_xlsx,
    }
    pdf = PdfReader(io.BytesIO(pdf_bytes(opgeslagen.snapshot)))
    assert pdf.metadata is not None and pdf.metadata.creation_date is not None
    assert pdf.metadata.creation_date.date() == opgeslagen.gepubliceerd_op.date()
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(opgeslagen.snapshot))) as archief:
        stempels = {i.date_time for i in archief.infolist()}
    assert len(stempels) == 1


def test_published_report_is_immutable(rijk_data: RijkData) -> None:
    verslag = svc.jaarverslag_publiceren(
        acting_user=None, jaarverslag=_concept(structuur="Vast."), vandaag=VANDAAG
    )
    voor = Jaarverslag.objects.filter(pk=verslag.pk).values().get()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        svc.jaarverslag_teksten_update(
            acting_user=None, jaarverslag=verslag, teksten={"structuur": "Anders."}
        )
    with pytest.raises(ValidationError):
        svc.jaarverslag_publiceren(acting_user=None, jaarverslag=verslag, vandaag=VANDAAG)
    with pytest.raises(ValidationError):
        svc.jaarverslag_create(acting_user=None, jaar=JAAR, vandaag=VANDAAG)
    assert Jaarverslag.objects.filter(pk=verslag.pk).values().get() == voor
    assert AuditEvent.objects.count() == events


def test_correction_is_a_new_version_with_reason(rijk_data: RijkData) -> None:
    eerste = svc.jaarverslag_publiceren(
        acting_user=None, jaarverslag=_concept(cultuur="Eerst."), vandaag=VANDAAG
    )
    with pytest.raises(ValidationError) as fout:
        svc.jaarverslag_corrigeren(acting_user=None, jaarverslag=eerste, reden="  ")
    assert "reden" in fout.value.message_dict
    tweede = svc.jaarverslag_corrigeren(acting_user=None, jaarverslag=eerste, reden="Typfout.")
    assert (tweede.versie, tweede.vervangt_id, tweede.tekst("cultuur")) == (2, eerste.pk, "Eerst.")
    assert not tweede.gepubliceerd
    with pytest.raises(ValidationError):
        svc.jaarverslag_corrigeren(acting_user=None, jaarverslag=eerste, reden="Nog een.")
    assert list(
        AuditEvent.objects.filter(object_type="rapportages.jaarverslag").values_list(
            "action", flat=True
        )
    ) == [
        "jaarverslag.aangemaakt",
        "jaarverslag.tekst_gewijzigd",
        "jaarverslag.gepubliceerd",
        "jaarverslag.correctie_gestart",
    ]


def test_suppression_is_carried_into_html_pdf_and_xlsx(rijk_data: RijkData) -> None:
    """OCW has 2 adviser contacts about bullying: '<5' in every output, never '2'."""
    doc = jaarverslag_document(verslag=_concept(), vandaag=VANDAAG)
    vp = _tabel(doc, "vertrouwenspersonen")
    ocw = _rij(vp, rijk_data.world.ocw.naam)
    assert ocw[-1] == "<5" and "2" not in ocw
    assert "<5" in _pdf_tekst(pdf_bytes(doc))
    assert "&lt;5" in html_bytes(doc).decode()
    assert "<5" in _xlsx_cellen(xlsx_bytes(doc))
    for h in doc["hoofdstukken"]:  # a shielded bar has no value in the snapshot
        for t in h["tabellen"]:
            for item in (t["grafiek"] or {}).get("items", []):
                if item.get("tekst") == "<5":
                    assert item["waarde"] is None


def test_narrative_is_escaped_and_shown_above_the_figures(rijk_data: RijkData) -> None:
    verslag = _concept(structuur='<script>alert("x")</script>\n\nTweede alinea.')
    html = html_bytes(jaarverslag_document(verslag=verslag, vandaag=VANDAAG)).decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<p class="utrecht-paragraph">Tweede alinea.</p>' in html
    assert html.index("Tweede alinea.") < html.index('data-tabel="structuurnormen"')


def test_narrative_refuses_unknown_chapter_and_long_text(rijk_data: RijkData) -> None:
    verslag = _concept()
    with pytest.raises(ValidationError):
        svc.jaarverslag_teksten_update(acting_user=None, jaarverslag=verslag, teksten={"x": "a"})
    with pytest.raises(ValidationError) as fout:
        svc.jaarverslag_teksten_update(
            acting_user=None, jaarverslag=verslag, teksten={"melden": "a" * 20_001}
        )
    assert "melden" in fout.value.message_dict
    assert Jaarverslag.objects.get(pk=verslag.pk).teksten == {}


def test_chapters_figures(rijk_data: RijkData) -> None:
    """OCW 2024: norm 9 'stap', 3 'kleine-stap'; FIN 2024: 3 'stap'; FIN's risk analysis."""
    w = rijk_data.world
    doc = jaarverslag_document(verslag=_concept(), vandaag=VANDAAG)
    assert [h["code"] for h in doc["hoofdstukken"]] == [
        "structuur",
        "cultuur",
        "melden",
        "coordinatie",
    ]
    structuur = _tabel(doc, "structuurnormen")
    assert _rij(structuur, "3.")[1:] == ["0", "2", "0"]
    assert _rij(structuur, "9.")[1:] == ["1", "1", "0"]
    assert _rij(structuur, "1.")[1:] == ["2", "0", "0"]
    samenvatting = _tabel(doc, "samenvatting")
    assert _rij(samenvatting, w.ocw.naam)[-1] == "13 / 15"
    assert _rij(samenvatting, w.fin.naam)[-1] == "14 / 15"
    cyclus = _tabel(doc, "cyclus")
    # FIN's risk analysis is of this year, after the reference date of JAAR: not counted
    assert _rij(cyclus, w.fin.naam)[1:3] == ["geen", "nee"]
    kern = _tabel(doc, "kernschaal")
    assert "▼" in _rij(kern, w.ocw.naam)[3] and _rij(kern, w.fin.naam)[3] == "nee"
    lager = _tabel(doc, "lager")
    assert {r[0] for r in lager["rijen"]} == {w.ocw.naam}
    meld = _tabel(doc, "meldingen")
    assert _rij(meld, w.ocw.naam)[1:3] == ["9", "3"]  # 9 reports on 300 fte
    assert _rij(meld, "Rijksbreed")[1] == "16"
    assert doc["peildatum"] == f"{JAAR}-12-31"
