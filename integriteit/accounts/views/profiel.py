"""One's own account: roles, two-factor status, password change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from integriteit.accounts import services
from integriteit.accounts.selectors import lidmaatschappen_actief, needs_otp
from integriteit.accounts.totp import confirmed_device
from integriteit.common.forms import StyledFormMixin
from integriteit.common.permissions import Capability, requires
from integriteit.kluis.services import gebruikersleutel_herverpakken


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


@require_GET
@requires(Capability.START)
def profiel(request: HttpRequest) -> HttpResponse:
    context = {
        "lidmaatschappen": lidmaatschappen_actief(gebruiker=request.user),
        "needs_otp": needs_otp(request.user),
        "has_device": confirmed_device(request.user) is not None,
    }
    return render(request, "accounts/profiel.html", context)


@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
@requires(Capability.START)
def password_change(request: HttpRequest) -> HttpResponse:
    form = StyledPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # The vault key stays the same, wrapped with the new password (ADR 0010).
            gebruikersleutel_herverpakken(
                gebruiker=request.user,
                oud=form.cleaned_data["old_password"],
                nieuw=form.cleaned_data["new_password1"],
            )
            user = form.save()
        update_session_auth_hash(request, user)
        services.password_changed(gebruiker=user)
        messages.success(request, _("Uw wachtwoord is gewijzigd."))
        return redirect("accounts:profiel")
    return render(request, "accounts/password_change.html", {"form": form})
