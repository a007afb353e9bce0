"""The two HTML pages of the API: the public index (what the API offers, how to get a token,
the schema) and the token page, where a user creates and revokes their own tokens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import NotFound

from integriteit.api import selectors, services
from integriteit.api.forms import ApiTokenForm
from integriteit.api.views.base import object_pk
from integriteit.common.permissions import Capability, public, requires


@require_GET
@public
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "api/index.html", {})


@never_cache
@require_http_methods(["GET", "POST"])
@requires(Capability.API_TOKENS)
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's tokens; a POST makes a new one and shows it once, on this response only."""
    form = ApiTokenForm(request.POST or None)
    nieuw = None
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.apitoken_create(
                acting_user=request.user,
                naam=form.cleaned_data["naam"],
                geldig_dagen=form.cleaned_data["geldig_dagen"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "nieuw": nieuw,
        "tokens": selectors.apitoken_list(gebruiker=request.user),
    }
    return render(request, "api/tokens.html", context)


@require_POST
@requires(Capability.API_TOKENS)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.apitoken_get(gebruiker=request.user, pk=object_pk_or_404(pk))
    services.apitoken_revoke(acting_user=request.user, api_token=token)
    messages.success(request, _("Het token ‘%(naam)s’ is ingetrokken.") % {"naam": token.naam})
    return redirect("api:tokens")


def object_pk_or_404(pk: int) -> int:
    try:
        return object_pk(pk)
    except NotFound as exc:
        raise Http404 from exc
