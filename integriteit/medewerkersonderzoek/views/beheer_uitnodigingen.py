"""Invitations of a wave: create single-use links per unit and hand them over once, as a
CSV file for a mail merge. Only the tokens' hashes are stored (ADR 0008), so the file is the
only copy of the links: the page says so before anything is created."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.medewerkersonderzoek import selectors, services
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.forms import UitnodigingenForm
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.views.beheer_toegang import golf_get

#: Columns of the mail-merge file.
CSV_HEADER = ("eenheid", "code", "link")


def uitnodigingen_csv(nieuw: list[services.NieuweUitnodiging], *, base_url: str) -> str:
    """One row per invitation: unit code, token and the link to answer with it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for uitnodiging in nieuw:
        link = f"{base_url}?code={uitnodiging.token}"
        writer.writerow((uitnodiging.eenheid_code, uitnodiging.token, link))
    return buffer.getvalue()


def _create(request: HttpRequest, golf: Golf, form: UitnodigingenForm) -> HttpResponse:
    per_eenheid = None
    if form.cleaned_data["bron"] == UitnodigingenForm.BRON_AANTAL:
        aantal = form.cleaned_data["aantal"]
        per_eenheid = {pk: aantal for pk in golf.eenheden.values_list("pk", flat=True)}
    nieuw = services.uitnodigingen_create(
        acting_user=request.user, golf=golf, per_eenheid=per_eenheid
    )
    base_url = request.build_absolute_uri(reverse("medewerkersonderzoek:invullen"))
    response = HttpResponse(
        uitnodigingen_csv(nieuw, base_url=base_url), content_type="text/csv; charset=utf-8"
    )
    filename = f"uitnodigingen-{golf.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The only copy of the links: no cache may keep it.
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@requires(Capability.ENQUETE_BEHEREN)
def uitnodigingen(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the invitations per unit so far and the form; POST: new ones, as a download."""
    golf = golf_get(request, pk, beheren=True)
    form = UitnodigingenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            return _create(request, golf, form)
        except ValidationError as exc:
            form.add_service_errors(exc)
    scope = scope_for(gebruiker=request.user, capability=Capability.ENQUETE_BEHEREN)
    context = {
        "golf": golf,
        "form": form,
        "respons": selectors.golf_respons(golf=golf, scope=scope),
        "gesloten": golf.status == GolfStatus.GESLOTEN,
    }
    return render(request, "medewerkersonderzoek/uitnodigingen.html", context)
