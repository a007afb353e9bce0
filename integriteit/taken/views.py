"""The progress page of a background job (htmx polls the partial while it runs)."""

from __future__ import annotations

import uuid

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from integriteit.common.permissions import Capability, requires
from integriteit.taken.selectors import taak_get


@require_GET
@requires(Capability.START)
def detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    taak = taak_get(gebruiker=request.user, pk=pk)
    template = "taken/voortgang.html" if request.headers.get("HX-Request") else "taken/taak.html"
    return render(request, template, {"taak": taak})


@require_GET
@requires(Capability.START)
def bestand(request: HttpRequest, pk: uuid.UUID) -> FileResponse:
    taak = taak_get(gebruiker=request.user, pk=pk)
    if not taak.bestand:
        raise Http404
    return FileResponse(taak.bestand.open("rb"), as_attachment=True, filename=taak.bestandsnaam)
