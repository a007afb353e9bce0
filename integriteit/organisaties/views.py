"""Pages of the organisation tree: view, change, import and export. Thin: the selectors
decide what a user sees (404 outside the scope), the services what may be written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integriteit.accounts.selectors import gebruiker_has_capability, scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.organisaties.csv_io import (
    HEADER,
    organisaties_export_csv,
    organisaties_import_csv,
)
from integriteit.organisaties.forms import (
    ImportForm,
    OrganisatieCreateForm,
    OrganisatieEditForm,
    OrganisatieForm,
    PeildatumForm,
)
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.selectors import (
    organisatie_ancestors,
    organisatie_children,
    organisatie_get,
    organisatie_may_manage,
    organisatie_parent_choices,
    organisatie_tree,
)
from integriteit.organisaties.services import organisatie_create, organisatie_update

EXAMPLE_CSV = (
    ",".join(HEADER)
    + "\nOCW-DGHO,Directoraat-generaal Hoger Onderwijs,OCW,onderdeel,310.5,325,2020-01-01,"
    + "\nOCW-DGHO-WO,Directie Wetenschap,OCW-DGHO,onderdeel,85,90,,\n"
)


@require_GET
@requires(Capability.ORGANISATIE_BEKIJKEN)
def tree(request: HttpRequest) -> HttpResponse:
    form = PeildatumForm(request.GET if "peildatum" in request.GET else None)
    peildatum = form.cleaned_data["peildatum"] if form.is_valid() else None
    roots = organisatie_tree(
        gebruiker=request.user, capability=Capability.ORGANISATIE_BEKIJKEN, peildatum=peildatum
    )
    beheer = scope_for(gebruiker=request.user, capability=Capability.ORGANISATIE_BEHEREN)
    context = {
        "form": form,
        "roots": roots,
        "peildatum": peildatum,
        "vandaag": timezone.localdate(),
        "may_import": not beheer.is_empty,
        "may_export": gebruiker_has_capability(
            gebruiker=request.user, capability=Capability.ORGANISATIE_EXPORTEREN
        ),
    }
    return render(request, "organisaties/organisatie_tree.html", context)


@require_GET
@requires(Capability.ORGANISATIE_BEKIJKEN)
def detail(request: HttpRequest, code: str) -> HttpResponse:
    capability = Capability.ORGANISATIE_BEKIJKEN
    node = organisatie_get(gebruiker=request.user, capability=capability, code=code)
    context = {
        "organisatie": node,
        "ancestors": organisatie_ancestors(
            gebruiker=request.user, capability=capability, organisatie=node
        ),
        "children": organisatie_children(
            gebruiker=request.user, capability=capability, organisatie=node
        ),
        "may_manage": organisatie_may_manage(gebruiker=request.user, organisatie=node),
        "vandaag": timezone.localdate(),
    }
    return render(request, "organisaties/organisatie_detail.html", context)


def _breadcrumb(request: HttpRequest, node: Organisatie) -> list[Organisatie]:
    """The visible ancestors of ``node`` and the node itself, for a page below its detail."""
    ancestors = organisatie_ancestors(
        gebruiker=request.user, capability=Capability.ORGANISATIE_BEKIJKEN, organisatie=node
    )
    return [*ancestors, node]


def _save(
    request: HttpRequest, form: OrganisatieForm, save: Callable[[], Organisatie], done: str
) -> HttpResponse | None:
    """Call the service when the form parses; on success redirect, else leave the errors
    from the service on the form (and return None, so the form is shown again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        node = save()
    except ValidationError as exc:
        form.add_service_errors(exc)
        return None
    messages.success(request, done % {"naam": node.naam, "code": node.code})
    return redirect("organisaties:detail", code=node.code)


@require_http_methods(["GET", "POST"])
@requires(Capability.ORGANISATIE_BEHEREN)
def create(request: HttpRequest, code: str) -> HttpResponse:
    """A new unit under the node ``code``, which the user must manage."""
    parent = organisatie_get(
        gebruiker=request.user, capability=Capability.ORGANISATIE_BEHEREN, code=code
    )
    data = request.POST if request.method == "POST" else None
    form = OrganisatieCreateForm(data, parent=parent)
    response = _save(
        request,
        form,
        lambda: organisatie_create(acting_user=request.user, gegevens=form.gegevens(parent=parent)),
        _("‘%(naam)s’ (%(code)s) is aangemaakt."),
    )
    context = {
        "form": form,
        "parent": parent,
        "organisatie": None,
        "breadcrumb": _breadcrumb(request, parent),
    }
    return response or render(request, "organisaties/organisatie_form.html", context)


@require_http_methods(["GET", "POST"])
@requires(Capability.ORGANISATIE_BEHEREN)
def edit(request: HttpRequest, code: str) -> HttpResponse:
    node = organisatie_get(
        gebruiker=request.user, capability=Capability.ORGANISATIE_BEHEREN, code=code
    )
    data = request.POST if request.method == "POST" else None
    choices = organisatie_parent_choices(gebruiker=request.user, organisatie=node)
    form = OrganisatieEditForm(data, organisatie=node, parent_choices=choices)

    def save() -> Organisatie:
        gegevens = form.gegevens(parent=form.cleaned_data["parent"])
        return organisatie_update(acting_user=request.user, organisatie=node, gegevens=gegevens)

    response = _save(request, form, save, _("‘%(naam)s’ (%(code)s) is gewijzigd."))
    context = {
        "form": form,
        "parent": node.parent,
        "organisatie": node,
        "breadcrumb": _breadcrumb(request, node),
    }
    return response or render(request, "organisaties/organisatie_form.html", context)


@require_http_methods(["GET", "POST"])
@requires(Capability.ORGANISATIE_BEHEREN)
def import_csv(request: HttpRequest) -> HttpResponse:
    """Upload a CSV file; all of it is applied, or (with any error) none of it."""
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    fouten: list[str] = []
    if form.is_valid():
        try:
            summary = organisaties_import_csv(
                acting_user=request.user, data=form.cleaned_data["bestand"].read()
            )
        except ValidationError as exc:
            fouten = exc.messages
        else:
            message = _(
                "Import geslaagd: %(created)d aangemaakt, %(updated)d gewijzigd, "
                "%(unchanged)d ongewijzigd."
            )
            messages.success(request, message % asdict(summary))
            return redirect("organisaties:tree")
    context = {"form": form, "fouten": fouten, "header": ",".join(HEADER), "voorbeeld": EXAMPLE_CSV}
    return render(request, "organisaties/organisatie_import.html", context)


@require_GET
@requires(Capability.ORGANISATIE_EXPORTEREN)
def export_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        organisaties_export_csv(gebruiker=request.user), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="organisaties.csv"'
    return response
