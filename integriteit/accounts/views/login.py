"""Log-in in two steps. The password step does not log anyone in: it remembers the user as
*pending* in the session; only a correct TOTP code (or, for roles that need none, the
password alone) completes the log-in. Every failure counts towards the lockout."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from integriteit.accounts import services
from integriteit.accounts.forms import CodeForm, LoginForm
from integriteit.accounts.middleware import LOGIN_TIME_KEY
from integriteit.accounts.models import Gebruiker
from integriteit.accounts.selectors import needs_otp
from integriteit.accounts.totp import confirmed_device, grouped_secret, qr_svg_data_uri
from integriteit.common.permissions import public
from integriteit.kluis.sessie import sleutel_in_sessie

PENDING_USER_KEY = "igt_pending_user"
PENDING_TIME_KEY = "igt_pending_time"
NEXT_KEY = "igt_next"
PENDING_SECONDS = 5 * 60


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(settings.LOGIN_REDIRECT_URL)


def _pending_user(request: HttpRequest) -> Gebruiker | None:
    user_id = request.session.get(PENDING_USER_KEY)
    started = request.session.get(PENDING_TIME_KEY, 0)
    if user_id is None or time.time() - float(started) > PENDING_SECONDS:
        return None
    return Gebruiker.objects.filter(pk=user_id, is_active=True).first()


def _complete_login(request: HttpRequest, gebruiker: Gebruiker, device: Any | None) -> HttpResponse:
    target = _safe_next(request, request.session.get(NEXT_KEY))
    login(request, gebruiker, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    request.session[LOGIN_TIME_KEY] = time.time()
    services.login_succeeded(gebruiker=gebruiker, second_factor=device is not None)
    return redirect(target)


def _password_step(request: HttpRequest, form: LoginForm) -> HttpResponse | None:
    """Check the password; return where to go next, or None to show the form again."""
    username = form.cleaned_data["username"]
    gebruiker = Gebruiker.objects.filter(username__iexact=username).first()
    if gebruiker is not None and gebruiker.is_locked:
        services.login_refused_locked(gebruiker=gebruiker)
        return redirect("accounts:locked")
    user = authenticate(request, username=username, password=form.cleaned_data["password"])
    if user is None:
        if gebruiker is None:
            services.login_failed_unknown_user()
        elif services.login_failed(gebruiker=gebruiker, stage="wachtwoord").is_locked:
            return redirect("accounts:locked")
        form.add_error(None, _("Gebruikersnaam of wachtwoord is onjuist."))
        return None
    assert isinstance(user, Gebruiker)  # noqa: S101 - AUTH_USER_MODEL
    # The one moment the password is at hand: unwrap the user's vault key for this session.
    sleutel_in_sessie(request, user, form.cleaned_data["password"])
    if not needs_otp(user):
        return _complete_login(request, user, None)
    request.session.cycle_key()
    request.session[PENDING_USER_KEY] = user.pk
    request.session[PENDING_TIME_KEY] = time.time()
    if confirmed_device(user) is None:
        return redirect("accounts:otp_setup")
    return redirect("accounts:login_otp")


@public
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        logout(request)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = _password_step(request, form)
        if response is not None:
            return response
    else:
        request.session[NEXT_KEY] = request.GET.get("next", "")
    return render(request, "accounts/login.html", {"form": form})


def _code_failed(request: HttpRequest, gebruiker: Gebruiker, form: CodeForm) -> HttpResponse | None:
    if services.login_failed(gebruiker=gebruiker, stage="code").is_locked:
        request.session.pop(PENDING_USER_KEY, None)
        return redirect("accounts:locked")
    left = max(settings.LOCKOUT_THRESHOLD - gebruiker.failed_login_count, 0)
    form.add_error(
        "code",
        _(
            "Deze code klopt niet. Nog %(n)d pogingen voordat het account "
            "tijdelijk wordt geblokkeerd."
        )
        % {"n": left},
    )
    return None


@public
@require_http_methods(["GET", "POST"])
def login_otp(request: HttpRequest) -> HttpResponse:
    gebruiker = _pending_user(request)
    if gebruiker is None:
        return redirect("accounts:login")
    if gebruiker.is_locked:
        return redirect("accounts:locked")
    device = confirmed_device(gebruiker)
    if device is None:
        return redirect("accounts:otp_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            return _complete_login(request, gebruiker, device)
        response = _code_failed(request, gebruiker, form)
        if response is not None:
            return response
    return render(request, "accounts/login_otp.html", {"form": form})


@public
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """First log-in of a role that needs two-factor: scan the QR code, confirm with a code."""
    gebruiker = _pending_user(request)
    if gebruiker is None:
        return redirect("accounts:login")
    if gebruiker.is_locked:
        return redirect("accounts:locked")
    if confirmed_device(gebruiker) is not None:
        return redirect("accounts:login_otp")
    device = services.totp_device_pending(gebruiker=gebruiker)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            services.totp_confirm(gebruiker=gebruiker, device=device)
            return _complete_login(request, gebruiker, device)
        response = _code_failed(request, gebruiker, form)
        if response is not None:
            return response
    context = {"form": form, "qr": qr_svg_data_uri(device), "secret": grouped_secret(device)}
    return render(request, "accounts/otp_setup.html", context)


@public
@require_http_methods(["GET"])
def locked(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/locked.html", {"minuten": settings.LOCKOUT_MINUTES})


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")
