"""The reporter's identity: the panel on the report's page, asking for the identity, reading
it (a separate POST that decrypts and audits), and the identity custodian's page with the
decisions on requests (ADR 0010). The logic is in ``meldingen/identiteit.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from integriteit.common.permissions import Capability, requires
from integriteit.kluis import services as kluis
from integriteit.kluis.sessie import sleutel_uit_sessie
from integriteit.meldingen import identiteit
from integriteit.meldingen import selectors_register as register_selectors
from integriteit.meldingen.forms_regeling import BeslissingForm, IdentiteitsverzoekForm
from integriteit.meldingen.models import Identiteitsverzoek, IdentiteitsverzoekStatus, Melding

__all__ = [
    "identiteit_inzien",
    "identiteit_opvragen",
    "identiteitsverzoek_beslissen",
    "identiteitsverzoeken",
    "paneel",
]

PREFIX = "identiteit"


def paneel(request: HttpRequest, melding: Melding) -> dict[str, Any]:
    """Context of ``meldingen/_identiteit.html`` on the report's page (nothing decrypted)."""
    gegevens = identiteit.identiteit_paneel(melding=melding, gebruiker=request.user)
    form = IdentiteitsverzoekForm(prefix=PREFIX) if gegevens.mag_aanvragen else None
    return {"paneel": gegevens, "form": form}


@require_POST
@requires(Capability.MELDING_REGISTER)
def identiteit_opvragen(request: HttpRequest, pk: int) -> HttpResponse:
    """A handler with content access asks the custodian for the reporter's identity."""
    melding = register_selectors.register_get(gebruiker=request.user, pk=pk)
    if melding is None:
        raise Http404
    form = IdentiteitsverzoekForm(request.POST, prefix=PREFIX)
    try:
        if not form.is_valid():
            raise ValidationError([e for fouten in form.errors.values() for e in fouten])
        identiteit.identiteit_aanvragen(
            melding=melding, gebruiker=request.user, reden=form.cleaned_data["reden"]
        )
    except ValidationError as error:
        for tekst in error.messages:
            messages.error(request, tekst)
    else:
        messages.success(
            request,
            _(
                "Uw verzoek is vastgelegd. De identiteitsbewaarder beslist; u ziet de "
                "beslissing op deze pagina."
            ),
        )
    return redirect("meldingen:register_detail", pk=melding.pk)


def _terug(request: HttpRequest, melding: Melding) -> str | None:
    """The report's page, if the user may see it in the registry."""
    if register_selectors.register_get(gebruiker=request.user, pk=melding.pk) is None:
        return None
    return str(melding.pk)


@require_POST
@requires(Capability.START)
def identiteit_inzien(request: HttpRequest, pk: int) -> HttpResponse:
    """Decrypt and show the reporter's identity to a holder of the identity vault (the
    custodian, or an approved requester); every read is an audit event. Anyone else in the
    organisation gets the reason why not, and nothing is decrypted."""
    melding = identiteit.melding_voor_identiteit(gebruiker=request.user, pk=pk)
    if melding is None:
        raise Http404
    gegevens, reden = None, ""
    try:
        gegevens = identiteit.identiteit_lezen(
            melding=melding, gebruiker=request.user, private=sleutel_uit_sessie(request)
        )
    except kluis.GeenToegang as error:
        reden = str(error) or _("De identiteitskluis kon niet worden geopend.")
    context = {
        "melding": melding,
        "gegevens": gegevens,
        "reden": reden,
        "terug_pk": _terug(request, melding),
        "is_bewaarder": identiteit.is_bewaarder(gebruiker=request.user, melding=melding),
    }
    response = render(request, "meldingen/identiteit_inzien.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _verzoeken_pagina(
    request: HttpRequest, fout: tuple[int, BeslissingForm] | None = None
) -> HttpResponse:
    verzoeken = identiteit.verzoeken_voor_bewaarder(gebruiker=request.user)
    rijen: list[dict[str, Any]] = []
    for verzoek in verzoeken:
        if verzoek.status != IdentiteitsverzoekStatus.OPEN:
            continue
        form = fout[1] if fout and fout[0] == verzoek.pk else BeslissingForm(prefix=_p(verzoek))
        rijen.append(
            {
                "verzoek": verzoek,
                "form": form,
                "kan_openen": identiteit.mag_identiteit_lezen(
                    gebruiker=request.user, melding=verzoek.melding
                ),
            }
        )
    context = {
        "is_bewaarder": identiteit.is_bewaarder_ergens(gebruiker=request.user),
        "open": rijen,
        "beslist": [v for v in verzoeken if v.status != IdentiteitsverzoekStatus.OPEN][:50],
    }
    return render(request, "meldingen/identiteitsverzoeken.html", context)


def _p(verzoek: Identiteitsverzoek) -> str:
    return f"verzoek-{verzoek.pk}"


@require_GET
@requires(Capability.START)
def identiteitsverzoeken(request: HttpRequest) -> HttpResponse:
    """The custodian's page: open requests with a decision form each, and decided ones.
    Someone who is no custodian gets an explanation (and an empty page)."""
    return _verzoeken_pagina(request)


@require_POST
@requires(Capability.START)
def identiteitsverzoek_beslissen(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or refuse one request, with a motivation; only the report's custodian (404
    for anyone else)."""
    verzoek = identiteit.verzoek_voor_bewaarder(gebruiker=request.user, pk=pk)
    if verzoek is None:
        raise Http404
    form = BeslissingForm(request.POST, prefix=_p(verzoek))
    if form.is_valid():
        goedkeuren = form.cleaned_data["besluit"] == "goedkeuren"
        try:
            identiteit.verzoek_beslissen(
                verzoek=verzoek,
                bewaarder=request.user,
                private=sleutel_uit_sessie(request),
                goedkeuren=goedkeuren,
                motivering=form.cleaned_data["motivering"],
            )
        except ValidationError as error:
            open_ = Identiteitsverzoek.objects.filter(
                pk=verzoek.pk, status=IdentiteitsverzoekStatus.OPEN
            )
            if open_.exists():
                form.add_service_errors(error)
            else:  # decided meanwhile: the form is no longer on the page
                for tekst in error.messages:
                    messages.error(request, tekst)
                return redirect("meldingen:identiteitsverzoeken")
        else:
            tekst = (
                _("Verzoek goedgekeurd: %(naam)s heeft nu toegang tot de identiteit.")
                if goedkeuren
                else _("Verzoek afgewezen; %(naam)s ziet uw motivering bij de melding.")
            )
            messages.success(request, tekst % {"naam": verzoek.aangevraagd_door})
            return redirect("meldingen:identiteitsverzoeken")
    return _verzoeken_pagina(request, fout=(verzoek.pk, form))
