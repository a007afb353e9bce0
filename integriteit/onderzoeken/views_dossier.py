"""The case file as a download (issue 6): a ZIP with the PDF and the decrypted attachments,
for a staff participant of the case with the key in the session. Rendered synchronously: a
case file is a few dozen pages and a handful of files."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from integriteit.common.permissions import Capability, requires
from integriteit.kluis import services as kluis
from integriteit.kluis.sessie import sleutel_uit_sessie
from integriteit.onderzoeken import dossier, selectors, services


@require_GET
@requires(Capability.ONDERZOEK_REGISTER)
def dossier_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """Only for a participant with access to the case's vault; a case outside the user's
    view is 404, anyone else goes back to the case page with the reason."""
    onderzoek = selectors.onderzoek_get(gebruiker=request.user, pk=pk)
    if onderzoek is None:
        raise Http404
    terug = redirect("onderzoeken:detail", pk=onderzoek.pk)
    if not selectors.is_deelnemer(onderzoek, request.user):
        messages.error(
            request,
            _("U neemt geen deel aan dit onderzoek; het dossier is alleen voor de deelnemers."),
        )
        return terug
    try:
        sleutel = services.kluis_van_deelnemer(
            onderzoek=onderzoek, gebruiker=request.user, private=sleutel_uit_sessie(request)
        )
    except kluis.GeenToegang as fout:
        messages.error(request, str(fout))
        return terug
    data = dossier.dossier_exporteren(onderzoek=onderzoek, door=request.user, sleutel=sleutel)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{onderzoek.nummer}-dossier.zip"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
