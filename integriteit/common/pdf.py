"""One way to make a PDF: a Django template rendered by WeasyPrint (ADR 0009).

Templates extend ``pdf/base.html`` (A4, page numbers, the PDF stylesheet). Only our own static
files are fetched while rendering; any other URL is refused, so a PDF never reaches the
network and never leaks what it contains.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string

BASE_URL = "https://integriteit.pdf/"


def _fetch(url: str) -> Any:
    parsed = urlparse(url)
    static = urlparse(settings.STATIC_URL).path
    if parsed.netloc != urlparse(BASE_URL).netloc or not parsed.path.startswith(static):
        raise ValueError(f"PDF: externe bron geweigerd: {url}")
    found = finders.find(unquote(parsed.path[len(static) :]))
    if not found:
        raise ValueError(f"PDF: bestand niet gevonden: {url}")
    from weasyprint.urls import URLFetcherResponse

    path = Path(found if isinstance(found, str) else found[0])
    mime = "text/css" if path.suffix == ".css" else "application/octet-stream"
    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})


def render_to_pdf(
    template_name: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    """The rendered template as PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    pdf: bytes = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetch).write_pdf()
    return pdf
