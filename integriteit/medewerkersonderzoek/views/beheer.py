"""Running a survey: the waves in the user's scope with their response, a new wave, opening
and closing it, and the questionnaires. Thin: the selectors decide what a user sees (scoped,
with small groups suppressed), the services what may be written. Invitations are in
``beheer_uitnodigingen.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integriteit.accounts.selectors import Scope
from integriteit.common.permissions import Capability, requires
from integriteit.medewerkersonderzoek import selectors, services
from integriteit.medewerkersonderzoek.constants import ALLOWED_TRANSITIONS, GolfStatus
from integriteit.medewerkersonderzoek.forms import ARK_LADEN, GolfCreateForm, VragenlijstUploadForm
from integriteit.medewerkersonderzoek.models import Golf, Respons, Uitnodiging, Vragenlijst
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
from integriteit.medewerkersonderzoek.views.beheer_toegang import golf_get, runs
from integriteit.medewerkersonderzoek.views.beheer_toegang import scope as _scope
from integriteit.medewerkersonderzoek.views.beheer_uitnodigingen import uitnodigingen
from integriteit.organisaties.selectors import organisatie_list

__all__ = [
    "golf_create",
    "golf_detail",
    "golf_list",
    "golf_transition",
    "uitnodigingen",
    "vragenlijst_list",
    "vragenlijst_upload",
]

#: The label of the button that moves a wave to each status.
TRANSITION_LABELS = {
    GolfStatus.OPEN: gettext_lazy("Golf openen"),
    GolfStatus.GESLOTEN: gettext_lazy("Golf sluiten"),
}


def _with_counts(golven: QuerySet[Golf]) -> QuerySet[Golf]:
    """Invitations and responses per wave, each in a subquery (no join of the two)."""

    def count(model: Any) -> Coalesce:
        rows = model.objects.filter(golf=OuterRef("pk")).order_by().values("golf")
        counted = rows.annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return golven.annotate(n_uitgenodigd=count(Uitnodiging), n_respons=count(Respons))


def _overall(golf: Any, scope: Scope) -> dict[str, Any]:
    """The wave's total response for a viewer who covers the whole wave; suppressed below
    the minimum group size, like the total on the wave's page."""
    if not scope.covers(pad=golf.organisatie.pad, node_id=golf.organisatie_id):
        return {"zichtbaar": False}
    if golf.n_respons < golf.min_group_size:
        return {"zichtbaar": True, "onderdrukt": True}
    rate = 100.0 * golf.n_respons / golf.n_uitgenodigd if golf.n_uitgenodigd else None
    return {"zichtbaar": True, "onderdrukt": False, "n": golf.n_respons, "percentage": rate}


@require_GET
@requires(Capability.ENQUETE_RESPONS_LEZEN)
def golf_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request, Capability.ENQUETE_RESPONS_LEZEN)
    golven = list(_with_counts(selectors.golf_list(scope=scope)))
    context = {
        "regels": [(golf, _overall(golf, scope)) for golf in golven],
        "may_beheren": not _scope(request, Capability.ENQUETE_BEHEREN).is_empty,
    }
    return render(request, "medewerkersonderzoek/golf_list.html", context)


def _ark_2023(request: HttpRequest) -> Vragenlijst:
    path = SHIPPED_DIR / f"{ARK_LADEN}.yaml"
    return services.vragenlijst_load(
        acting_user=request.user, data=path.read_bytes(), filename=path.name
    )


def _create(request: HttpRequest, form: GolfCreateForm) -> Golf:
    data = form.cleaned_data
    with transaction.atomic():
        if data["vragenlijst"] == ARK_LADEN:
            vragenlijst = _ark_2023(request)
        else:
            vragenlijst = Vragenlijst.objects.get(pk=int(data["vragenlijst"]))
        return services.golf_create(
            acting_user=request.user,
            vragenlijst=vragenlijst,
            organisatie=data["organisatie"],
            titel=data["titel"],
            start=data["start"],
            eind=data["eind"],
            min_group_size=data["min_group_size"],
        )


@require_http_methods(["GET", "POST"])
@requires(Capability.ENQUETE_BEHEREN)
def golf_create(request: HttpRequest) -> HttpResponse:
    """A new wave: questionnaire, organisation, period and minimum group size."""
    kwargs: dict[str, Any] = {
        "vragenlijsten": list(selectors.vragenlijst_list()),
        "organisaties": organisatie_list(
            gebruiker=request.user,
            capability=Capability.ENQUETE_BEHEREN,
            peildatum=timezone.localdate(),
        ),
    }
    form = GolfCreateForm(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            golf = _create(request, form)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            message = _("Golf ‘%(titel)s’ is aangemaakt met %(n)d eenheden.")
            messages.success(request, message % {"titel": golf.titel, "n": golf.eenheden.count()})
            return redirect("medewerkersonderzoek:golf_detail", pk=golf.pk)
    return render(request, "medewerkersonderzoek/golf_form.html", {"form": form})


def _transitions(request: HttpRequest, golf: Golf) -> list[tuple[str, str]]:
    """The status buttons this user may press on ``golf``."""
    if not runs(_scope(request, Capability.ENQUETE_BEHEREN), golf):
        return []
    return [(naar, str(TRANSITION_LABELS[GolfStatus(naar)])) for naar in _next(golf)]


def _next(golf: Golf) -> list[str]:
    return sorted(ALLOWED_TRANSITIONS.get(golf.status, frozenset()))


@require_GET
@requires(Capability.ENQUETE_RESPONS_LEZEN)
def golf_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Period, status and the response per unit (suppressed below the minimum)."""
    golf = golf_get(request, pk)
    respons = selectors.golf_respons(
        golf=golf, scope=_scope(request, Capability.ENQUETE_RESPONS_LEZEN)
    )
    transitions = _transitions(request, golf)
    context = {
        "golf": golf,
        "respons": respons,
        "rijen": [(rij, _breedte(rij)) for rij in respons.eenheden],
        "totaal": (respons.totaal, _breedte(respons.totaal)) if respons.totaal else None,
        "transitions": transitions,
        "may_beheren": bool(transitions) or _may_invite(request, golf),
        "status_label": GolfStatus(golf.status).label,
    }
    return render(request, "medewerkersonderzoek/golf_detail.html", context)


def _breedte(rij: selectors.EenheidRespons) -> float:
    """Length of the response bar (0-100); responses imported without an invitation can
    make the rate exceed 100 %."""
    return min(rij.percentage or 0.0, 100.0)


def _may_invite(request: HttpRequest, golf: Golf) -> bool:
    scope = _scope(request, Capability.ENQUETE_BEHEREN)
    return golf.status != GolfStatus.GESLOTEN and runs(scope, golf)


@require_POST
@requires(Capability.ENQUETE_BEHEREN)
def golf_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Open or close a wave; the service refuses any other move (a Dutch message)."""
    golf = golf_get(request, pk, beheren=True)
    naar = request.POST.get("naar", "")
    try:
        golf = services.golf_transition(acting_user=request.user, golf=golf, naar=naar)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        label = GolfStatus(golf.status).label.lower()
        messages.success(request, _("De golf is nu %(status)s.") % {"status": label})
    return redirect("medewerkersonderzoek:golf_detail", pk=golf.pk)


@require_GET
@requires(Capability.ENQUETE_BEHEREN)
def vragenlijst_list(request: HttpRequest) -> HttpResponse:
    context = {
        "vragenlijsten": selectors.vragenlijst_list().annotate(aantal_golven=Count("golven")),
        "may_upload": not _scope(request, Capability.VRAGENLIJST_BEHEREN).is_empty,
    }
    return render(request, "medewerkersonderzoek/vragenlijst_list.html", context)


def _shipped(name: str) -> HttpResponse:
    """A questionnaire that ships with the application, as a model to copy."""
    files = {path.name: path for path in SHIPPED_DIR.glob("*.yaml")}
    if name not in files:
        raise Http404
    response = HttpResponse(
        files[name].read_bytes(), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@requires(Capability.VRAGENLIJST_BEHEREN)
def vragenlijst_upload(request: HttpRequest) -> HttpResponse:
    """Load a questionnaire version from YAML; ``?voorbeeld=`` downloads a shipped one."""
    if request.method == "GET" and "voorbeeld" in request.GET:
        return _shipped(request.GET["voorbeeld"])
    form = VragenlijstUploadForm(request.POST or None, request.FILES or None)
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            vragenlijst = services.vragenlijst_load(
                acting_user=request.user, data=bestand.read(), filename=bestand.name or ""
            )
        except ValidationError as exc:
            fouten = exc.messages
        else:
            messages.success(request, _("%(v)s is geladen.") % {"v": vragenlijst})
            return redirect("medewerkersonderzoek:vragenlijst_upload")
    context = {
        "form": form,
        "fouten": fouten,
        "modellen": sorted(path.name for path in SHIPPED_DIR.glob("*.yaml")),
        "vragenlijsten": selectors.vragenlijst_list(),
    }
    return render(request, "medewerkersonderzoek/vragenlijst_upload.html", context)
