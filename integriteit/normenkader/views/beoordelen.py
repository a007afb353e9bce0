"""Writing assessments: start one, show it with its ratings, move it through its workflow and
correct a final one. Ratings, evidence and actions are in ``beoordelen_oordeel`` and
``beoordelen_acties``; their views are re-exported here because urls.py names this module.

Thin views: the selectors decide what a user may see (404 outside the read scope), the
services what may be written. Writing an assessment of a kind for an organisation needs
``may_author``; a user who may read it but not write it is sent back to it with a message
(not a 403: the page itself is theirs to see, only the button is not).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Case, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.normenkader import services
from integriteit.normenkader.constants import AppliesTo, Soort, Status
from integriteit.normenkader.forms import BeoordelingStartForm, CorrectieForm, TransitionForm
from integriteit.normenkader.models import Beoordeling, Niveau, Normgroep, Oordeel
from integriteit.normenkader.normbewijs import NormSuggestie, suggesties_voor_beoordeling
from integriteit.normenkader.selectors import (
    SOORT_CAPABILITY,
    authorable_soorten,
    beoordeling_get,
    current_beoordelingen,
    cyclus_list,
    may_author,
    oordelen_of,
    rated_organisaties,
    vorige_niveaus,
)
from integriteit.normenkader.views.beoordelen_acties import actie_edit, actie_list
from integriteit.normenkader.views.beoordelen_oordeel import (
    actie_add,
    bewijs_add,
    bewijs_download,
    may_manage_actions,
    may_write,
    oordeel_edit,
)
from integriteit.normenkader.workflow import ALLOWED_TRANSITIONS, NEEDS_REASON
from integriteit.organisaties.constants import Soort as OrgSoort
from integriteit.organisaties.models import Organisatie

__all__ = [
    "actie_add",
    "actie_edit",
    "actie_list",
    "beoordeling",
    "beoordeling_correct",
    "beoordeling_start",
    "beoordeling_transition",
    "bewijs_add",
    "bewijs_download",
    "oordeel_edit",
]

#: Order of the transition buttons: the step forward first, sending back last.
_TRANSITION_ORDER = (Status.INGEDIEND, Status.DEFINITIEF, Status.CONCEPT)


# --- start ----------------------------------------------------------------------------


def _authorable_organisaties(gebruiker: object) -> QuerySet[Organisatie]:
    """Ministries and the Rijk node on which the user may write at least one kind."""
    where = Q(pk__in=[])
    for soort in authorable_soorten(gebruiker=gebruiker):
        where |= scope_for(gebruiker=gebruiker, capability=SOORT_CAPABILITY[soort]).q()
    return Organisatie.objects.filter(
        where, soort__in=[OrgSoort.RIJK, OrgSoort.MINISTERIE]
    ).order_by(Case(When(soort=OrgSoort.RIJK, then=Value(0)), default=Value(1)), "code")


def _start_initial(request: HttpRequest, organisaties: QuerySet[Organisatie]) -> dict[str, str]:
    """Preselection from ``?cyclus=<pk>&organisatie=<code or pk>&soort=<kind>``."""
    initial = {k: request.GET[k] for k in ("cyclus", "organisatie", "soort") if request.GET.get(k)}
    organisatie = initial.get("organisatie", "")
    if organisatie.isdigit():
        code = organisaties.filter(pk=int(organisatie)).values_list("code", flat=True).first()
        initial["organisatie"] = code or ""
    return initial


def _check_start(request: HttpRequest, form: BeoordelingStartForm) -> None:
    """What the form cannot know: may this user write this kind here, and did the
    ministry exist in the cycle's year? Errors go onto the form."""
    data = form.cleaned_data
    organisatie: Organisatie = data["organisatie"]
    if not may_author(gebruiker=request.user, soort=data["soort"], organisatie=organisatie):
        form.add_error(
            "soort",
            _("U mag geen %(soort)s van %(org)s schrijven.")
            % {"soort": Soort(data["soort"]).label.lower(), "org": organisatie.code},
        )
    cyclus = data["cyclus"]
    if organisatie.soort == OrgSoort.MINISTERIE and not (
        rated_organisaties(cyclus=cyclus, applies_to=AppliesTo.ORGANISATION)
        .filter(pk=organisatie.pk)
        .exists()
    ):
        form.add_error(
            "organisatie",
            _("%(org)s bestond niet op 31 december %(jaar)s.")
            % {"org": organisatie.code, "jaar": cyclus.jaar},
        )


def _existing(request: HttpRequest, form: BeoordelingStartForm) -> Beoordeling | None:
    """The assessment that is already there for the chosen cycle, organisation and kind."""
    data = form.cleaned_data
    found = current_beoordelingen(
        gebruiker=request.user,
        cyclus=data["cyclus"],
        soort=data["soort"],
        organisaties=[data["organisatie"]],
    ).get(data["organisatie"].pk)
    return found[0] if found and found[1] else None


@require_http_methods(["GET", "POST"])
@requires(Capability.BEOORDELING_SCHRIJVEN)
def beoordeling_start(request: HttpRequest) -> HttpResponse:
    organisaties = _authorable_organisaties(request.user)
    form = BeoordelingStartForm(
        request.POST if request.method == "POST" else None,
        initial=_start_initial(request, organisaties),
        cycli=cyclus_list(),
        organisaties=organisaties,
        soorten=authorable_soorten(gebruiker=request.user),
    )
    bestaande = None
    if request.method == "POST" and form.is_valid():
        _check_start(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.beoordeling_start(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            bestaande = _existing(request, form)
            form.add_service_errors(exc)
        else:
            messages.success(request, _("De beoordeling is aangemaakt als concept."))
            return redirect("normenkader:beoordeling", pk=nieuw.pk)
    context = {
        "form": form,
        "bestaande": bestaande,
        "soorten": Soort,
        "geen_cyclus": not cyclus_list().exists(),
    }
    return render(request, "normenkader/beoordeling_start.html", context)


# --- the assessment -------------------------------------------------------------------


@dataclass
class NormRij:
    oordeel: Oordeel
    vorige: Niveau | None
    bewijzen: int
    open_acties: int
    #: What the modules suggest for this norm (normbewijs.py; empty for most norms).
    suggesties: list[NormSuggestie] = field(default_factory=list)


def _rows(
    beoordeling: Beoordeling,
) -> tuple[list[tuple[Normgroep, list[NormRij]]], Beoordeling | None]:
    """The ratings grouped by norm group, with the previous cycle's level beside each, and
    the previous assessment those levels come from."""
    vorige = vorige_niveaus(beoordeling=beoordeling)
    groepen: list[tuple[Normgroep, list[NormRij]]] = []
    for oordeel in oordelen_of(beoordeling=beoordeling):
        if not groepen or groepen[-1][0].pk != oordeel.norm.groep_id:
            groepen.append((oordeel.norm.groep, []))
        previous = vorige.get(oordeel.norm.code)
        groepen[-1][1].append(
            NormRij(
                oordeel=oordeel,
                vorige=previous[0] if previous else None,
                bewijzen=len(oordeel.bewijzen.all()),
                open_acties=sum(1 for a in oordeel.verbeteracties.all() if a.is_open),
            )
        )
    bron = next(iter(vorige.values()))[1] if vorige else None
    return groepen, bron


def _transitions(beoordeling: Beoordeling) -> list[dict[str, object]]:
    allowed = ALLOWED_TRANSITIONS.get(beoordeling.status, frozenset())
    return [
        {"naar": naar, "reden": (beoordeling.status, naar) in NEEDS_REASON}
        for naar in _TRANSITION_ORDER
        if naar in allowed
    ]


def _newer(beoordeling: Beoordeling) -> Beoordeling | None:
    try:
        return beoordeling.vervangen_door
    except ObjectDoesNotExist:
        return None


@require_GET
@requires(Capability.BEOORDELING_LEZEN)
def beoordeling(request: HttpRequest, pk: int) -> HttpResponse:
    item = beoordeling_get(gebruiker=request.user, pk=pk)
    groepen, vorige_bron = _rows(item)
    rijen = [rij for _groep, rows in groepen for rij in rows]
    suggesties = suggesties_voor_beoordeling(
        beoordeling=item, gebruiker=request.user, vandaag=timezone.localdate()
    )
    for rij in rijen:
        rij.suggesties = suggesties.get(rij.oordeel.norm.code, [])
    auteur = may_author(gebruiker=request.user, soort=item.soort, organisatie=item.organisatie)
    nieuwer = _newer(item)
    context = {
        "beoordeling": item,
        "groepen": groepen,
        "vorige_bron": vorige_bron,
        "beoordeeld": sum(1 for rij in rijen if rij.oordeel.niveau_id is not None),
        "totaal": len(rijen),
        "historie": item.statuswijzigingen.select_related("door"),
        "nieuwer": nieuwer,
        "auteur": auteur,
        "kan_schrijven": may_write(request.user, item),
        "kan_acties": may_manage_actions(request.user, item.organisatie),
        "transitions": _transitions(item) if auteur else [],
        "kan_corrigeren": auteur and item.is_definitief and nieuwer is None,
        "correctie_form": CorrectieForm(),
        "transition_form": TransitionForm(),
        "suggesties": bool(suggesties),
    }
    return render(request, "normenkader/beoordeling_detail.html", context)


# --- workflow -------------------------------------------------------------------------


def _refused(request: HttpRequest, item: Beoordeling) -> HttpResponse | None:
    """Send a reader who may not write this kind for this organisation back, with why."""
    if may_author(gebruiker=request.user, soort=item.soort, organisatie=item.organisatie):
        return None
    messages.error(
        request,
        _("U mag deze %(soort)s van %(org)s niet wijzigen.")
        % {"soort": item.get_soort_display().lower(), "org": item.organisatie.code},
    )
    return redirect("normenkader:beoordeling", pk=item.pk)


_DONE: dict[str, StrOrPromise] = {
    Status.INGEDIEND: gettext_lazy("De beoordeling is ingediend."),
    Status.DEFINITIEF: gettext_lazy("De beoordeling is definitief gemaakt."),
    Status.CONCEPT: gettext_lazy("De beoordeling is teruggezet naar concept."),
}


@require_POST
@requires(Capability.BEOORDELING_SCHRIJVEN)
def beoordeling_transition(request: HttpRequest, pk: int) -> HttpResponse:
    item = beoordeling_get(gebruiker=request.user, pk=pk)
    refused = _refused(request, item)
    if refused is not None:
        return refused
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige nieuwe status."))
        return redirect("normenkader:beoordeling", pk=item.pk)
    naar = form.cleaned_data["naar"]
    try:
        services.beoordeling_transition(
            acting_user=request.user,
            beoordeling=item,
            naar=naar,
            toelichting=form.cleaned_data["toelichting"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _DONE[naar])
    return redirect("normenkader:beoordeling", pk=item.pk)


@require_POST
@requires(Capability.BEOORDELING_SCHRIJVEN)
def beoordeling_correct(request: HttpRequest, pk: int) -> HttpResponse:
    item = beoordeling_get(gebruiker=request.user, pk=pk)
    refused = _refused(request, item)
    if refused is not None:
        return refused
    form = CorrectieForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["reden"]))
        return redirect("normenkader:beoordeling", pk=item.pk)
    try:
        nieuw = services.beoordeling_correct(
            acting_user=request.user, beoordeling=item, reden=form.cleaned_data["reden"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("normenkader:beoordeling", pk=item.pk)
    messages.success(
        request,
        _("Versie %(versie)d is aangemaakt als concept, met de oordelen van versie %(oud)d.")
        % {"versie": nieuw.versie, "oud": item.versie},
    )
    return redirect("normenkader:beoordeling", pk=nieuw.pk)
