"""render_to_pdf: a template to PDF bytes, our static files only, page numbers in the footer."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.template import engines
from pypdf import PdfReader

from integriteit.common import pdf

TEMPLATE = """{% extends "pdf/base.html" %}
{% block title %}Proef{% endblock %}
{% block content %}<h1>Praatplaat Directie Test</h1>
{% for i in regels %}<p>Regel {{ i }}</p>{% endfor %}{% endblock %}"""


@pytest.fixture
def template(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "proef.html").write_text(TEMPLATE, encoding="utf-8")
    engine = engines["django"].engine  # type: ignore[attr-defined]
    engine.dirs = [*engine.dirs, tmp_path]
    yield "proef.html"
    engine.dirs = [d for d in engine.dirs if d != tmp_path]


def test_a_template_becomes_a_pdf_with_numbered_pages(template: str) -> None:
    data = pdf.render_to_pdf(template, {"regels": range(120)})
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text()
    assert "Praatplaat Directie Test" in first
    assert f"Pagina 1 van {len(reader.pages)}" in first


def test_only_our_static_files_are_fetched() -> None:
    css = pdf._fetch(pdf.BASE_URL + "static/integriteit/css/pdf.css")
    assert b"@page" in css.read()
    with pytest.raises(ValueError, match="externe bron geweigerd"):
        pdf._fetch("https://example.org/static/tracker.png")
    with pytest.raises(ValueError, match="externe bron geweigerd"):
        pdf._fetch(pdf.BASE_URL + "media/geheim.pdf")
    with pytest.raises(ValueError, match="niet gevonden"):
        pdf._fetch(pdf.BASE_URL + "static/bestaat/niet.css")
