"""Administration of users and their roles, by a `beheerder` within their own scope."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integriteit.accounts import services
from integriteit.accounts.forms import GebruikerCreateForm, LidmaatschapForm
from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.selectors import gebruiker_list as select_gebruikers
from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.organisaties.selectors import organisatie_list

MANAGE = Capability.GEBRUIKERS_BEHEREN


def _gebruiker(request: HttpRequest, pk: int) -> Gebruiker:
    gebruiker = select_gebruikers(gebruiker=request.user).filter(pk=pk).first()
    if gebruiker is None:
        raise Http404
    return gebruiker


def _form_errors(form: LidmaatschapForm | GebruikerCreateForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_GET
@requires(MANAGE)
def gebruiker_list(request: HttpRequest) -> HttpResponse:
    gebruikers = select_gebruikers(gebruiker=request.user).prefetch_related(
        "lidmaatschappen__organisatie"
    )
    return render(request, "accounts/gebruiker_list.html", {"gebruikers": gebruikers})


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
@requires(MANAGE)
def gebruiker_create(request: HttpRequest) -> HttpResponse:
    form = GebruikerCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gebruiker = services.gebruiker_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Gebruiker %(u)s is aangemaakt. Ken nu een rol toe.") % {"u": gebruiker.username},
            )
            return redirect("accounts:gebruiker_detail", pk=gebruiker.pk)
    return render(request, "accounts/gebruiker_form.html", {"form": form})


def _lidmaatschap_form(request: HttpRequest) -> LidmaatschapForm:
    return LidmaatschapForm(
        request.POST if request.method == "POST" else None,
        organisaties=organisatie_list(gebruiker=request.user, capability=MANAGE),
    )


@require_http_methods(["GET", "POST"])
@requires(MANAGE)
def gebruiker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A user's roles, with the form to grant one more (POST)."""
    gebruiker = _gebruiker(request, pk)
    form = _lidmaatschap_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            services.lidmaatschap_create(
                acting_user=request.user, gebruiker=gebruiker, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("De rol is toegekend."))
            return redirect("accounts:gebruiker_detail", pk=gebruiker.pk)
    scope = scope_for(gebruiker=request.user, capability=MANAGE)
    lidmaatschappen = [
        (lid, scope.covers(pad=lid.organisatie.pad, node_id=lid.organisatie_id))
        for lid in gebruiker.lidmaatschappen.select_related("organisatie")
    ]
    context = {"object": gebruiker, "form": form, "lidmaatschappen": lidmaatschappen}
    return render(request, "accounts/gebruiker_detail.html", context)


@require_POST
@requires(MANAGE)
def lidmaatschap_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(gebruiker=request.user, capability=MANAGE)
    lid = Lidmaatschap.objects.filter(scope.q(prefix="organisatie__"), pk=pk).first()
    if lid is None:
        raise Http404
    services.lidmaatschap_revoke(acting_user=request.user, lidmaatschap=lid)
    messages.success(request, _("De rol is ingetrokken."))
    return redirect("accounts:gebruiker_detail", pk=lid.gebruiker_id)


@require_POST
@requires(MANAGE)
def gebruiker_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker = _gebruiker(request, pk)
    services.gebruiker_unlock(acting_user=request.user, gebruiker=gebruiker)
    messages.success(request, _("Het account is gedeblokkeerd."))
    return redirect("accounts:gebruiker_detail", pk=gebruiker.pk)


@require_POST
@requires(MANAGE)
def gebruiker_totp_reset(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker = _gebruiker(request, pk)
    services.totp_reset(acting_user=request.user, gebruiker=gebruiker)
    messages.success(
        request,
        _("Tweestapsverificatie is gereset; de gebruiker stelt die opnieuw in bij het inloggen."),
    )
    return redirect("accounts:gebruiker_detail", pk=gebruiker.pk)
