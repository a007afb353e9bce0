"""The coordinator's screens (``VP_BEHEREN``): the advisers' profiles in scope (register,
change, end a term) and counts over their logs — shielded, never a single contact or note."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.common.permissions import Capability, requires
from integriteit.common.roles import Rol
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.selectors import organisatie_list
from integriteit.vertrouwenspersonen import grafiek, selectors, services, telling
from integriteit.vertrouwenspersonen.constants import KLEINE_AANTALLEN, Categorie, Vervolg
from integriteit.vertrouwenspersonen.forms import BeeindigenForm, ProfielForm, fouten_naar_form
from integriteit.vertrouwenspersonen.models import Vertrouwenspersoon


def _jaar(request: HttpRequest) -> int:
    nu = timezone.localdate().year
    try:
        jaar = int(request.GET.get("jaar", nu))
    except ValueError:
        return nu
    return jaar if nu - 10 <= jaar <= nu else nu


def aggregaten(profielen: list[Vertrouwenspersoon], rijen: list[Any], jaar: int) -> dict[str, Any]:
    """Shielded counts over the logs of ``profielen`` (see ``telling``)."""
    dit = [r for r in rijen if r[1] == jaar]
    vorig = [r for r in rijen if r[1] == jaar - 1]
    per_categorie = telling.trend(
        telling.verdeling(Categorie.choices, telling.tel(r[2] for r in dit)),
        telling.verdeling(Categorie.choices, telling.tel(r[2] for r in vorig)),
    )
    per_vervolg = telling.verdeling(Vervolg.choices, telling.tel(r[3] for r in dit))
    per_adviseur = telling.verdeling(
        [(str(p.pk), p.publieke_naam) for p in profielen], telling.tel(str(r[0]) for r in dit)
    )
    return {
        "totaal": telling.totaal(len(dit)),
        "per_categorie": per_categorie,
        "per_vervolg": per_vervolg,
        "per_adviseur": per_adviseur,
        "trend_svg": grafiek.trend_svg(
            per_categorie,
            jaar=jaar,
            aria_label=_("Contacten per categorie in %(jaar)d en %(vorig)d")
            % {"jaar": jaar, "vorig": jaar - 1},
        ),
    }


@require_GET
@requires(Capability.VP_BEHEREN)
def overzicht(request: HttpRequest) -> HttpResponse:
    """The profiles in scope and the shielded counts of their logs for one year."""
    jaar = _jaar(request)
    vandaag = timezone.localdate()
    qs = selectors.profiel_list(gebruiker=request.user)
    profielen = list(qs)
    rijen = selectors.contacttellingen(profielen=qs, jaar=jaar)
    nu = timezone.localdate().year
    context = {
        "profielen": [(p, p.actief(vandaag)) for p in profielen],
        "jaar": jaar,
        "jaren": list(range(nu, nu - 5, -1)),
        "drempel": KLEINE_AANTALLEN,
        **aggregaten(profielen, rijen, jaar),
    }
    return render(request, "vertrouwenspersonen/overzicht.html", context)


def _organisaties(request: HttpRequest) -> QuerySet[Organisatie]:
    return organisatie_list(
        gebruiker=request.user, capability=Capability.VP_BEHEREN, peildatum=timezone.localdate()
    )


def _kandidaten(request: HttpRequest) -> QuerySet[Gebruiker]:
    """Accounts holding the adviser role inside the coordinator's scope."""
    scope = selectors.beheer_scope(gebruiker=request.user)
    ids = (
        Lidmaatschap.objects.actief()
        .filter(scope.q(prefix="organisatie__"), rol=Rol.VERTROUWENSPERSOON)
        .values("gebruiker_id")
    )
    return Gebruiker.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username")


def _profiel_form(request: HttpRequest, profiel: Vertrouwenspersoon | None) -> HttpResponse:
    initial: dict[str, Any] = {}
    if profiel is not None:
        initial = {
            f: getattr(profiel, f)
            for f in (
                "organisatie",
                "gebruiker",
                "publieke_naam",
                "soort",
                "extern_bureau",
                "basisopleiding_op",
                "uren_per_week",
                "termijn_van",
                "termijn_tot",
                "bereikbaarheid",
                "taken_vastgelegd",
                "intervisie",
                "scholingsbudget",
            )
        }
    form = ProfielForm(
        request.POST or None,
        initial=initial,
        kandidaten=_kandidaten(request),
        organisaties=_organisaties(request),
    )
    if request.method == "POST" and form.is_valid():
        gegevens = services.ProfielGegevens(**form.cleaned_data)
        try:
            services.vertrouwenspersoon_opslaan(
                door=request.user, gegevens=gegevens, profiel=profiel
            )
        except ValidationError as error:
            fouten_naar_form(form, error)
        else:
            messages.success(request, _("Het profiel is opgeslagen."))
            return redirect("vertrouwenspersonen:overzicht")
    context = {"form": form, "profiel": profiel, "beeindigen_form": BeeindigenForm()}
    return render(request, "vertrouwenspersonen/profiel_form.html", context)


@require_http_methods(["GET", "POST"])
@requires(Capability.VP_BEHEREN)
def profiel_nieuw(request: HttpRequest) -> HttpResponse:
    return _profiel_form(request, None)


@require_http_methods(["GET", "POST"])
@requires(Capability.VP_BEHEREN)
def profiel_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    return _profiel_form(request, selectors.profiel_get(gebruiker=request.user, pk=pk))


@require_POST
@requires(Capability.VP_BEHEREN)
def profiel_beeindigen(request: HttpRequest, pk: int) -> HttpResponse:
    profiel = selectors.profiel_get(gebruiker=request.user, pk=pk)
    form = BeeindigenForm(request.POST)
    if form.is_valid():
        try:
            services.termijn_beeindigen(
                door=request.user, profiel=profiel, op=form.cleaned_data["op"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De termijn is beëindigd."))
            return redirect("vertrouwenspersonen:overzicht")
    else:
        messages.error(request, _("Vul de laatste dag van de termijn in."))
    return redirect("vertrouwenspersonen:profiel_bewerken", pk=profiel.pk)
