"""Recovery of lost access (ADR 0010): one overview for everyone (the own lost grants and
requests, the requests a custodian can contribute to, and for the coordinator the recovery
key and the users with lost grants), the form for a new recovery key, and the POST steps.

Thin views: the steps are ``herstel.py`` services, which audit each one. A custodian's share
and a user's completion need the user's own key from the session
(``sessie.sleutel_uit_sessie``); without it the page asks to log in again. Requests a user may
not act on answer 404, whatever exists.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integriteit.accounts.selectors import gebruiker_has_capability
from integriteit.common.permissions import Capability, requires
from integriteit.kluis import herstel
from integriteit.kluis import selectors as kluis_selectors
from integriteit.kluis.forms import AanvraagForm, HerstelsleutelForm
from integriteit.kluis.services import GeenToegang, herstelsleutel_van
from integriteit.kluis.sessie import sleutel_uit_sessie

__all__ = [
    "herstel_aanvragen",
    "herstel_bijdragen",
    "herstel_intrekken",
    "herstel_overzicht",
    "herstel_uitvoeren",
    "herstelsleutel",
]

OPNIEUW_INLOGGEN = gettext_lazy(
    "Uw sleutel is niet beschikbaar in deze sessie. Log uit en log opnieuw in met uw "
    "wachtwoord; daarna kunt u deze stap zetten."
)
NIET_VOLTOOIEN = gettext_lazy(
    "Dit verzoek kunt u niet voltooien: het is niet meer open, of het is gemaakt voor een "
    "eerdere sleutel van u. Vraag de integriteitscoördinator het in te trekken en opnieuw aan "
    "te vragen."
)


def _beheer(request: HttpRequest, formulieren: dict[int, AanvraagForm]) -> dict[str, Any]:
    """The coordinator's section: keys in scope, open requests, users with lost grants."""
    user = request.user
    organisaties = kluis_selectors.herstel_organisaties(gebruiker=user)
    verliezen = kluis_selectors.verlies_in_beheer(gebruiker=user)
    return {
        "sleutels": kluis_selectors.herstelsleutels_actief(gebruiker=user),
        "zonder_sleutel": [o for o in organisaties if herstelsleutel_van(o) is None],
        "verzoeken": kluis_selectors.beheer_verzoeken(gebruiker=user),
        "verliezen": [
            (
                v,
                formulieren.get(v.gebruiker.pk)
                or AanvraagForm(prefix=f"g{v.gebruiker.pk}", auto_id=f"g{v.gebruiker.pk}_%s"),
            )
            for v in verliezen
        ],
    }


def _overzicht(
    request: HttpRequest, formulieren: dict[int, AanvraagForm] | None = None
) -> HttpResponse:
    user = request.user
    context: dict[str, Any] = {
        "verloren": kluis_selectors.eigen_verloren(gebruiker=user),
        "eigen": kluis_selectors.eigen_verzoeken(gebruiker=user),
        "is_bewaarder": kluis_selectors.is_bewaarder(gebruiker=user),
        "als_bewaarder": kluis_selectors.bewaarder_verzoeken(gebruiker=user),
        "beheer": None,
    }
    context["sleutel_nodig"] = (context["eigen"] or context["als_bewaarder"]) and (
        sleutel_uit_sessie(request) is None
    )
    if gebruiker_has_capability(gebruiker=user, capability=Capability.HERSTEL_BEHEREN):
        context["beheer"] = _beheer(request, formulieren or {})
    return render(request, "kluis/herstel.html", context)


@require_GET
@requires(Capability.START)
def herstel_overzicht(request: HttpRequest) -> HttpResponse:
    """Recovery of access: only the sections that apply to the user."""
    return _overzicht(request)


@require_http_methods(["GET", "POST"])
@requires(Capability.HERSTEL_BEHEREN)
def herstelsleutel(request: HttpRequest) -> HttpResponse:
    """A new recovery key for the own organisation: custodians and threshold m."""
    organisaties = kluis_selectors.herstel_organisaties(gebruiker=request.user)
    kandidaten = kluis_selectors.bewaarder_kandidaten(organisaties=organisaties)
    met = kluis_selectors.met_sleutel(kandidaten)
    form = HerstelsleutelForm(
        request.POST or None,
        organisaties=organisaties,
        kandidaten=kandidaten.filter(pk__in=met),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sleutel = herstel.herstelsleutel_maken(
                organisatie=data["organisatie"],
                bewaarders=list(data["bewaarders"]),
                drempel=data["drempel"],
                door=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("De nieuwe herstelsleutel van %(organisatie)s is actief: %(m)d van %(n)d.")
                % {
                    "organisatie": sleutel.organisatie.naam,
                    "m": sleutel.drempel,
                    "n": sleutel.aantal,
                },
            )
            return redirect("kluis:herstel")
    context = {
        "form": form,
        "zonder": [g for g in kandidaten if g.pk not in met],
        "sleutels": kluis_selectors.herstelsleutels_actief(gebruiker=request.user),
    }
    return render(request, "kluis/herstelsleutel.html", context)


@require_POST
@requires(Capability.HERSTEL_BEHEREN)
def herstel_aanvragen(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the custodians to recover a user's lost grants in scope (one request per key)."""
    voor = kluis_selectors.gebruiker_in_beheer(gebruiker=request.user, pk=pk)
    if voor is None:
        raise Http404
    verlies = next(iter(kluis_selectors.verlies_in_beheer(gebruiker=request.user, voor=voor)), None)
    if verlies is None or not verlies.herstelbaar:
        messages.info(
            request,
            _(
                "Voor %(naam)s is niets (meer) te herstellen met een herstelsleutel van uw "
                "organisatie."
            )
            % {"naam": voor},
        )
        return redirect("kluis:herstel")
    form = AanvraagForm(request.POST, prefix=f"g{voor.pk}", auto_id=f"g{voor.pk}_%s")
    if not form.is_valid():
        return _overzicht(request, {voor.pk: form})
    sleutels = kluis_selectors.herstelsleutels(list(verlies.per_sleutel))
    try:
        verzoeken = herstel.herstelverzoeken_maken(
            gebruiker=voor,
            per_sleutel=[
                (sleutels[sleutel_pk], kluis_selectors.kluizen(ids))
                for sleutel_pk, ids in verlies.per_sleutel.items()
            ],
            reden=form.cleaned_data["reden"],
            door=request.user,
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return _overzicht(request, {voor.pk: form})
    messages.success(
        request,
        ngettext(
            "Herstel aangevraagd voor %(naam)s: %(n)d kluis. De bewaarders zien het verzoek nu.",
            "Herstel aangevraagd voor %(naam)s: %(n)d kluizen. De bewaarders zien het verzoek nu.",
            verlies.herstelbaar,
        )
        % {"naam": voor, "n": verlies.herstelbaar}
        + (
            " " + _("Er zijn %(n)d verzoeken, één per herstelsleutel.") % {"n": len(verzoeken)}
            if len(verzoeken) > 1
            else ""
        ),
    )
    return redirect("kluis:herstel")


@require_POST
@requires(Capability.START)
def herstel_bijdragen(request: HttpRequest, pk: int) -> HttpResponse:
    """A custodian contributes the own share; only custodians of the request's key."""
    verzoek = kluis_selectors.verzoek_als_bewaarder(gebruiker=request.user, pk=pk)
    if verzoek is None:
        raise Http404
    private = sleutel_uit_sessie(request)
    if private is None:
        messages.error(request, OPNIEUW_INLOGGEN)
        return redirect("kluis:herstel")
    try:
        herstel.herstel_bijdragen(verzoek=verzoek, bewaarder=request.user, private=private)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except GeenToegang as error:
        messages.error(request, str(error) or NIET_VOLTOOIEN)
    else:
        messages.success(
            request,
            _("Uw deel is bijgedragen aan het herstel voor %(naam)s.")
            % {"naam": verzoek.gebruiker},
        )
    return redirect("kluis:herstel")


@require_POST
@requires(Capability.START)
def herstel_uitvoeren(request: HttpRequest, pk: int) -> HttpResponse:
    """The user of the request combines the shares: every vault resealed to the own key."""
    verzoek = kluis_selectors.verzoek_van_gebruiker(gebruiker=request.user, pk=pk)
    if verzoek is None:
        raise Http404
    private = sleutel_uit_sessie(request)
    if private is None:
        messages.error(request, OPNIEUW_INLOGGEN)
        return redirect("kluis:herstel")
    try:
        aantal = herstel.herstel_uitvoeren(verzoek=verzoek, gebruiker=request.user, private=private)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except GeenToegang:
        messages.error(request, NIET_VOLTOOIEN)
    else:
        messages.success(
            request,
            ngettext("%(n)d kluis hersteld.", "%(n)d kluizen hersteld.", aantal) % {"n": aantal},
        )
    return redirect("kluis:herstel")


@require_POST
@requires(Capability.HERSTEL_BEHEREN)
def herstel_intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator withdraws an open request of a recovery key in scope."""
    verzoek = kluis_selectors.verzoek_in_beheer(gebruiker=request.user, pk=pk)
    if verzoek is None:
        raise Http404
    try:
        herstel.herstel_intrekken(verzoek=verzoek, door=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Het herstelverzoek voor %(naam)s is ingetrokken.") % {"naam": verzoek.gebruiker},
        )
    return redirect("kluis:herstel")
