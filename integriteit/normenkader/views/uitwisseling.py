"""Exchange and administration: export and import of ratings, loading a framework from
YAML, and the cycles. Thin: the selectors decide what a user sees, the services (and the
importer and loader, which use them) what may be written."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integriteit.accounts.selectors import gebruiker_has_capability
from integriteit.common.permissions import Capability, requires
from integriteit.normenkader import selectors
from integriteit.normenkader.constants import Soort
from integriteit.normenkader.forms_uitwisseling import (
    FORMAT_CHOICES,
    CyclusCreateForm,
    ExportForm,
    KaderUploadForm,
    RatingsImportForm,
)
from integriteit.normenkader.loader import SHIPPED_DIR, normenkader_load
from integriteit.normenkader.models import Cyclus, Normenkader
from integriteit.normenkader.selectors import authorable_soorten, cyclus_default, soort_default
from integriteit.normenkader.services import cyclus_create as cyclus_create_service
from integriteit.normenkader.uitwisseling import (
    CSV_HEADER,
    FORMATS,
    IMPORT_COLUMNS,
    Row,
    assessments_csv,
    assessments_json,
    assessments_rows,
    assessments_xlsx,
    export_filename,
    ratings_import,
)
from integriteit.normenkader.uitwisseling.cycli import cyclus_overview

#: The example on the import page: the export's own format, so an export can come back.
IMPORT_EXAMPLE = (
    "organisation,norm,level,finding\n"
    "OCW,1,kleine-stap,Risicoanalyse voor twee directies gedaan; de rest volgt in 2025.\n"
    "OCW,9,voldoet,\n"
    "OCW,10,onbekend,\n"
)

#: The example on the framework page: the smallest valid framework.
KADER_EXAMPLE = """\
code: mijn-kader
version: 1
title: Mijn normenkader
source: "Waar het kader vandaan komt."
applies_to: organisation
scale:
  - {code: voldoet, label: "Voldoet", rank: 2, color: "#39870c"}
  - {code: stap, label: "Nog een stap te zetten", rank: 1, color: "#d52b1e"}
  - {code: onbekend, label: "Onbekend / niet beoordeeld", rank: 0, color: "#b4b4b4"}
groups:
  - code: preventie
    title: Preventie
    norms:
      - code: "1"
        text: Is er een kwalitatief goede risicoanalyse aanwezig?
        guidance: Waar een beoordelaar op let.
        sources: ["3.3.1"]
"""


def _download(rows: list[Row], cyclus: Cyclus, soort: str, fmt: str) -> HttpResponse:
    extension, content_type = FORMATS[fmt]
    content: str | bytes
    if fmt == "xlsx":
        content = assessments_xlsx(rows, cyclus=cyclus, soort=soort)
    else:
        content = assessments_csv(rows) if fmt == "csv" else assessments_json(rows)
    response = HttpResponse(content, content_type=content_type)
    filename = export_filename(cyclus=cyclus, soort=soort, extension=extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _links(cyclus: Cyclus, soort: str) -> list[dict[str, Any]]:
    base = reverse("normenkader:export")
    return [
        {
            "format": fmt,
            "label": label,
            "url": f"{base}?{urlencode({'cyclus': cyclus.pk, 'soort': soort, 'format': fmt})}",
            "filename": export_filename(cyclus=cyclus, soort=soort, extension=FORMATS[fmt][0]),
        }
        for fmt, label in FORMAT_CHOICES
    ]


@require_GET
@requires(Capability.BEOORDELING_LEZEN)
def export(request: HttpRequest) -> HttpResponse:
    """With ``format``: the file. Without: a page that explains the formats and links them."""
    query = request.GET.dict()
    if "format" not in query and "formaat" in query:  # the Dutch name works too
        query["format"] = query["formaat"]
    form = ExportForm(query)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    cyclus: Cyclus | None = data.get("cyclus") or cyclus_default()
    soort = (data.get("soort") or soort_default(cyclus=cyclus)) if cyclus else ""
    rows = assessments_rows(gebruiker=request.user, cyclus=cyclus, soort=soort) if cyclus else []
    if valid and cyclus and data.get("format"):
        return _download(rows, cyclus, soort, data["format"])
    context = {
        "form": form,
        "cyclus": cyclus,
        "soort": soort,
        "soort_label": Soort(soort).label if soort else "",
        "links": _links(cyclus, soort) if cyclus and valid else [],
        "aantal": len(rows),
        "organisaties": len({row.organisation for row in rows}),
        "voorbeeld": assessments_csv(rows[:3]),
        "header": ",".join(CSV_HEADER),
    }
    return render(request, "normenkader/export.html", context)


def _heatmap_url(cyclus: Cyclus, soort: str) -> str:
    query = urlencode({"cyclus": cyclus.pk, "soort": soort})
    return f"{reverse('normenkader:heatmap')}?{query}"


def _import_initial() -> dict[str, Any]:
    cyclus = cyclus_default()
    return {"cyclus": cyclus.pk} if cyclus else {}


@require_http_methods(["GET", "POST"])
@requires(Capability.BEOORDELING_SCHRIJVEN)
def import_ratings(request: HttpRequest) -> HttpResponse:
    """Upload ratings (CSV or XLSX); all of them are set, or (with any error) none."""
    soorten = authorable_soorten(gebruiker=request.user)
    if request.method == "POST":
        form = RatingsImportForm(request.POST, request.FILES, soorten=soorten)
    else:
        form = RatingsImportForm(soorten=soorten, initial=_import_initial())
    fouten: list[str] = []
    if form.is_valid():
        cyclus, soort, bestand = (form.cleaned_data[k] for k in ("cyclus", "soort", "bestand"))
        try:
            summary = ratings_import(
                acting_user=request.user,
                cyclus=cyclus,
                soort=soort,
                data=bestand.read(),
                filename=bestand.name or "",
            )
        except ValidationError as exc:
            fouten = exc.messages
        else:
            message = _(
                "Import geslaagd: %(beoordelingen_aangemaakt)d beoordeling(en) begonnen, "
                "%(oordelen_gezet)d oordeel/oordelen gezet, %(oordelen_ongewijzigd)d ongewijzigd."
            )
            messages.success(request, message % asdict(summary))
            return redirect(_heatmap_url(cyclus, soort))
    context = {
        "form": form,
        "fouten": fouten,
        "voorbeeld": IMPORT_EXAMPLE,
        "kolommen": IMPORT_COLUMNS,
        "heeft_cycli": selectors.cyclus_list().exists(),
    }
    return render(request, "normenkader/import.html", context)


def _shipped(name: str) -> HttpResponse:
    """A framework file that ships with the application, as a model to copy."""
    files = {path.name: path for path in SHIPPED_DIR.glob("*.yaml")}
    if name not in files:
        raise Http404
    response = HttpResponse(
        files[name].read_bytes(), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@requires(Capability.NORMENKADER_BEHEREN)
def kader_upload(request: HttpRequest) -> HttpResponse:
    """Load one framework version from a YAML file; ``?voorbeeld=`` downloads a shipped one."""
    if request.method == "GET" and "voorbeeld" in request.GET:
        return _shipped(request.GET["voorbeeld"])
    form = KaderUploadForm(request.POST, request.FILES) if request.method == "POST" else None
    fouten: list[str] = []
    if form is not None and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            kader, created = normenkader_load(
                acting_user=request.user, data=bestand.read(), filename=bestand.name or ""
            )
        except ValidationError as exc:
            fouten = exc.messages
        else:
            if created:
                messages.success(request, _("%(kader)s is geladen.") % {"kader": kader})
            else:
                messages.info(
                    request,
                    _("%(kader)s was al geladen met precies deze inhoud.") % {"kader": kader},
                )
            return redirect("normenkader:kader_detail", pk=kader.pk)
    context = {
        "form": form or KaderUploadForm(),
        "fouten": fouten,
        "voorbeeld": KADER_EXAMPLE,
        "modellen": sorted(path.name for path in SHIPPED_DIR.glob("*.yaml")),
        "ark": Normenkader.objects.filter(code="ark-2024").order_by("-versie").first(),
    }
    return render(request, "normenkader/kader_upload.html", context)


@require_GET
@requires(Capability.NORMENKADER_BEKIJKEN)
def cyclus_list(request: HttpRequest) -> HttpResponse:
    context = {
        "regels": cyclus_overview(),
        "soorten": Soort.choices,
        "may_create": gebruiker_has_capability(
            gebruiker=request.user, capability=Capability.CYCLUS_BEHEREN
        ),
        "may_read": gebruiker_has_capability(
            gebruiker=request.user, capability=Capability.BEOORDELING_LEZEN
        ),
    }
    return render(request, "normenkader/cyclus_list.html", context)


def _cyclus_initial() -> dict[str, Any]:
    newest = selectors.cyclus_list().first()
    if newest is None:
        kader = Normenkader.objects.order_by("code", "-versie").first()
        return {"normenkader": kader.pk} if kader else {}
    kader = Normenkader.objects.filter(code=newest.normenkader.code).order_by("-versie").first()
    return {"jaar": newest.jaar + 1, "vorige": newest.pk, "normenkader": kader and kader.pk}


@require_http_methods(["GET", "POST"])
@requires(Capability.CYCLUS_BEHEREN)
def cyclus_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = CyclusCreateForm(request.POST)
    else:
        form = CyclusCreateForm(initial=_cyclus_initial())
    if form.is_valid():
        try:
            cyclus = cyclus_create_service(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, _("Cyclus ‘%(titel)s’ is aangemaakt.") % {"titel": cyclus.titel}
            )
            return redirect("normenkader:cyclus_list")
    context = {"form": form, "heeft_kaders": Normenkader.objects.exists()}
    return render(request, "normenkader/cyclus_form.html", context)
