"""Session lifetime: an idle timeout (SESSION_COOKIE_AGE, renewed per request) and an
absolute maximum since log-in, after which the user must log in again (ADR 0003)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

LOGIN_TIME_KEY = "igt_login_time"


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_TIME_KEY)
            limit = settings.SESSION_ABSOLUTE_SECONDS
            if started is None or time.time() - float(started) > limit:
                logout(request)
        return self.get_response(request)
