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
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest
from django.template.loader import render_to_string

BASE_URL = "https://integriteit.pdf/"


def _static_path(name: str) -> Path | None:
    """Where static file ``name`` is: found by the finders (the source tree; what tests and
    ``DEBUG`` use) or, for a hashed name such as ``pdf.50a1fa549e77.css`` that
    ``{% static %}`` gives under the manifest storage of ``make run`` and production, in
    ``STATIC_ROOT`` after ``collectstatic``."""
    try:
        found = finders.find(name)
    except SuspiciousFileOperation:  # "../" out of a static folder
        return None
    if found:
        return Path(found if isinstance(found, str) else found[0])
    collected = Path(settings.STATIC_ROOT) / name
    root = Path(settings.STATIC_ROOT).resolve()
    if collected.resolve().is_relative_to(root) and collected.is_file():
        return collected
    return None


def _fetch(url: str) -> Any:
    parsed = urlparse(url)
    static = urlparse(settings.STATIC_URL).path
    if parsed.netloc != urlparse(BASE_URL).netloc or not parsed.path.startswith(static):
        raise ValueError(f"PDF: externe bron geweigerd: {url}")
    path = _static_path(unquote(parsed.path[len(static) :]))
    if path is None:
        raise ValueError(f"PDF: bestand niet gevonden: {url}")
    from weasyprint.urls import URLFetcherResponse

    mime = "text/css" if path.suffix == ".css" else "application/octet-stream"
    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})


def _fetcher() -> Any:
    """WeasyPrint's fetcher (a ``URLFetcher``, as WeasyPrint 70 requires) that serves only our
    static files, and stops the rendering on anything else: a PDF without its stylesheet,
    or one that tried to reach out, is an error, not a warning in a log."""
    from weasyprint.urls import URLFetcher

    class _StaticFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            return _fetch(url)

    return _StaticFetcher(fail_on_errors=True)


def render_to_pdf(
    template_name: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    """The rendered template as PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    pdf: bytes = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()
    return pdf
