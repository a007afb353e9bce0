"""render_to_pdf: a template to PDF bytes, our static files only, page numbers in the footer."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.template import engines
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

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


def test_hashed_names_of_the_manifest_storage_are_served_from_static_root(
    template: str, tmp_path: Path, settings: Any
) -> None:
    """``make run`` and production use the manifest storage: ``{% static %}`` then gives
    ``pdf.<hash>.css``, which only ``collectstatic`` writes. The PDF must still get its
    stylesheet (it gave a 500 before: every PDF of the demo failed)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    data = pdf.render_to_pdf(template, {"regels": range(3)})
    assert data.startswith(b"%PDF")
    hashed = next((tmp_path / "static/integriteit/css").glob("pdf.*.css"))
    assert pdf._static_path(f"integriteit/css/{hashed.name}") == hashed
    assert pdf._static_path("../../etc/passwd") is None


def test_a_missing_stylesheet_stops_the_rendering(tmp_path: Path) -> None:
    (tmp_path / "kapot.html").write_text(
        '<link rel="stylesheet" href="/static/bestaat/niet.css"><p>x</p>', encoding="utf-8"
    )
    engine = engines["django"].engine  # type: ignore[attr-defined]
    engine.dirs = [*engine.dirs, tmp_path]
    try:
        with pytest.raises(FatalURLFetchingError):
            pdf.render_to_pdf("kapot.html", {})
    finally:
        engine.dirs = [d for d in engine.dirs if d != tmp_path]
