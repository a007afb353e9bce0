from __future__ import annotations

import sys

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from integriteit.common.audit import audit_verify
from integriteit.common.permissions import Capability, requires
from integriteit.common.selectors import audit_event_list
from integriteit.common.start import start_sections
from integriteit.common.te_doen import te_doen


@require_GET
@requires(Capability.START)
def home(request: HttpRequest) -> HttpResponse:
    """The start page: what this user's roles are for, with the way in to each."""
    context = {"sections": start_sections(request.user), "te_doen": te_doen(request.user)}
    return render(request, "common/home.html", context)


@require_GET
@requires(Capability.AUDIT_BEKIJKEN)
def audit_list(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("handeling", "").strip()[:100]
    events = audit_event_list(gebruiker=request.user, action_prefix=action)
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    query = urlencode({"handeling": action}) if action else ""
    return render(
        request,
        "common/auditevent_list.html",
        {"page": page, "handeling": action, "query": query},
    )


@require_GET
@requires(Capability.AUDIT_BEKIJKEN)
def audit_verify_view(request: HttpRequest) -> HttpResponse:
    return render(request, "common/audit_verify.html", {"result": audit_verify()})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the error may come from the database or a processor itself.
    from django.template import loader

    from integriteit.common.sessies import STORING

    if isinstance(sys.exc_info()[1], STORING):
        # The database cannot be reached: say so, and when to try again (ADR 0022).
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
