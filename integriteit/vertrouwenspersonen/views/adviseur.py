"""The adviser's own screens (``VP_LOGBOEK``): the log, a new contact, the own note, meetings,
recommendations between reports, and the annual report (HTML and PDF).

Everything is reached through the profile linked to the user's own account; there is no URL
with another adviser's profile in it, and a contact of someone else's log is a 404. A user
with the role but no profile sees a page saying the coordinator must register them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from integriteit.common.permissions import Capability, requires
from integriteit.kluis.crypto import OntsleutelFout
from integriteit.kluis.sessie import sleutel_uit_sessie
from integriteit.vertrouwenspersonen import selectors, services
from integriteit.vertrouwenspersonen.forms import (
    AanbevelingForm,
    ContactForm,
    NaamControleForm,
    OverlegForm,
    WaarnemingenForm,
    fouten_naar_form,
)
from integriteit.vertrouwenspersonen.models import Jaarverslag, Vertrouwenspersoon
from integriteit.vertrouwenspersonen.views._gedeeld import pdf_response, verslag_context

PER_PAGINA = 50
OPNIEUW_INLOGGEN = gettext_lazy(
    "Log opnieuw in met uw wachtwoord om uw versleutelde notities te lezen."
)

ProfielView = Callable[[HttpRequest, Vertrouwenspersoon], HttpResponse]


def _geen_profiel(request: HttpRequest) -> HttpResponse:
    return render(request, "vertrouwenspersonen/geen_profiel.html")


def _met_profiel(request: HttpRequest, view: ProfielView) -> HttpResponse:
    profiel = selectors.eigen_profiel(gebruiker=request.user)
    if profiel is None:
        return _geen_profiel(request)
    return view(request, profiel)


def _jaren(profiel: Vertrouwenspersoon) -> list[int]:
    """The years the adviser can write a report for: from the term's start to this year."""
    nu = timezone.localdate().year
    return list(range(nu, max(profiel.termijn_van.year, nu - 5) - 1, -1))


@require_GET
@requires(Capability.VP_LOGBOEK)
def logboek(request: HttpRequest) -> HttpResponse:
    """The adviser's home: profile, own contacts (newest first), meetings, reports."""

    def view(request: HttpRequest, profiel: Vertrouwenspersoon) -> HttpResponse:
        contacten = selectors.eigen_contacten(profiel=profiel)
        page = Paginator(contacten, PER_PAGINA).get_page(request.GET.get("pagina"))
        verslagen = {v.jaar: v for v in profiel.jaarverslagen.all()}
        context = {
            "profiel": profiel,
            "page": page,
            "overleggen": list(profiel.overleggen.all()[:10]),
            "aanbevelingen": list(
                profiel.aanbevelingen.select_related("jaarverslag").order_by("-datum", "-pk")[:20]
            ),
            "jaren": [(jaar, verslagen.get(jaar)) for jaar in _jaren(profiel)],
        }
        return render(request, "vertrouwenspersonen/logboek.html", context)

    return _met_profiel(request, view)


def _formulier(
    request: HttpRequest,
    form_class: type[NaamControleForm],
    opslaan: Callable[[dict[str, Any]], Any],
    template: str,
    gelukt: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET: the empty form; POST: parse, call the service, back to the log or the errors."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opslaan(form.cleaned_data)
        except ValidationError as error:
            fouten_naar_form(form, error)
        else:
            messages.success(request, gelukt)
            return redirect("vertrouwenspersonen:logboek")
    return render(request, template, {"form": form, **(extra or {})})


@require_http_methods(["GET", "POST"])
@requires(Capability.VP_LOGBOEK)
def contact_nieuw(request: HttpRequest) -> HttpResponse:
    def view(request: HttpRequest, profiel: Vertrouwenspersoon) -> HttpResponse:
        return _formulier(
            request,
            ContactForm,
            lambda d: services.contact_vastleggen(
                door=request.user, vertrouwenspersoon=profiel, **d
            ),
            "vertrouwenspersonen/contact_nieuw.html",
            _("Het contact is vastgelegd."),
        )

    return _met_profiel(request, view)


@require_GET
@requires(Capability.VP_LOGBOEK)
def contact_notitie(request: HttpRequest, pk: int) -> HttpResponse:
    """The own note of one contact, decrypted with the key from the session (audited)."""
    contact = selectors.eigen_contact(gebruiker=request.user, pk=pk)
    tekst: str | None = None
    melding = ""
    if contact.heeft_notitie:
        private = sleutel_uit_sessie(request)
        if private is None:
            melding = str(OPNIEUW_INLOGGEN)
        else:
            try:
                tekst = services.notitie_lezen(door=request.user, contact=contact, private=private)
            except OntsleutelFout:
                melding = _(
                    "Deze notitie is versleuteld met een eerdere sleutel van u en kan niet "
                    "meer worden gelezen."
                )
    return render(
        request,
        "vertrouwenspersonen/contact_notitie.html",
        {"contact": contact, "tekst": tekst, "melding": melding},
    )


@require_http_methods(["GET", "POST"])
@requires(Capability.VP_LOGBOEK)
def overleg_nieuw(request: HttpRequest) -> HttpResponse:
    def view(request: HttpRequest, profiel: Vertrouwenspersoon) -> HttpResponse:
        return _formulier(
            request,
            OverlegForm,
            lambda d: services.overleg_vastleggen(
                door=request.user, vertrouwenspersoon=profiel, **d
            ),
            "vertrouwenspersonen/overleg_nieuw.html",
            _("Het overleg is vastgelegd."),
        )

    return _met_profiel(request, view)


@require_http_methods(["GET", "POST"])
@requires(Capability.VP_LOGBOEK)
def aanbeveling_nieuw(request: HttpRequest) -> HttpResponse:
    """A recommendation between reports: it goes to the competent authority at once."""

    def view(request: HttpRequest, profiel: Vertrouwenspersoon) -> HttpResponse:
        return _formulier(
            request,
            AanbevelingForm,
            lambda d: services.aanbeveling_doen(door=request.user, vertrouwenspersoon=profiel, **d),
            "vertrouwenspersonen/aanbeveling_nieuw.html",
            _("De aanbeveling staat bij het bevoegd gezag."),
        )

    return _met_profiel(request, view)


# --- annual report -------------------------------------------------------------------------------


def _jaar_of_404(profiel: Vertrouwenspersoon, jaar: int) -> None:
    if jaar not in _jaren(profiel) and not profiel.jaarverslagen.filter(jaar=jaar).exists():
        raise Http404


def _verslag_actie(
    request: HttpRequest, profiel: Vertrouwenspersoon, jaar: int
) -> tuple[str, NaamControleForm | None]:
    """Carry out the POSTed step; returns the success message, or the form with errors."""
    actie = request.POST.get("actie", "")
    form: NaamControleForm
    try:
        if actie == "waarnemingen":
            form = WaarnemingenForm(request.POST, prefix="w")
            if form.is_valid():
                services.waarnemingen_opslaan(
                    door=request.user, vertrouwenspersoon=profiel, jaar=jaar, **form.cleaned_data
                )
                return _("De waarnemingen zijn opgeslagen."), None
            return "", form
        if actie == "aanbeveling":
            form = AanbevelingForm(request.POST, prefix="a")
            if form.is_valid():
                services.aanbeveling_doen(
                    door=request.user, vertrouwenspersoon=profiel, jaar=jaar, **form.cleaned_data
                )
                return _("De aanbeveling is aan het verslag toegevoegd."), None
            return "", form
        if actie == "uitbrengen":
            services.jaarverslag_uitbrengen(
                door=request.user, vertrouwenspersoon=profiel, jaar=jaar
            )
            return _("Het jaarverslag is uitgebracht aan het bevoegd gezag."), None
    except ValidationError as error:
        if actie == "uitbrengen":
            messages.error(request, " ".join(error.messages))
            return "", None
        fouten_naar_form(form, error)
        return "", form
    return "", None


@require_http_methods(["GET", "POST"])
@requires(Capability.VP_LOGBOEK)
def jaarverslag(request: HttpRequest, jaar: int) -> HttpResponse:
    """The own annual report: counts from the log, observations and recommendations; issue."""

    def view(request: HttpRequest, profiel: Vertrouwenspersoon) -> HttpResponse:
        _jaar_of_404(profiel, jaar)
        fout_form: NaamControleForm | None = None
        if request.method == "POST":
            gelukt, fout_form = _verslag_actie(request, profiel, jaar)
            if fout_form is None:
                if gelukt:
                    messages.success(request, gelukt)
                return redirect("vertrouwenspersonen:jaarverslag", jaar=jaar)
        verslag = Jaarverslag.objects.filter(vertrouwenspersoon=profiel, jaar=jaar).first()
        context = verslag_context(profiel, jaar, verslag)
        waarnemingen = WaarnemingenForm(
            prefix="w", initial={"waarnemingen": verslag.waarnemingen if verslag else ""}
        )
        context["waarnemingen_form"] = (
            fout_form if isinstance(fout_form, WaarnemingenForm) else waarnemingen
        )
        context["aanbeveling_form"] = (
            fout_form if isinstance(fout_form, AanbevelingForm) else AanbevelingForm(prefix="a")
        )
        return render(request, "vertrouwenspersonen/jaarverslag.html", context)

    return _met_profiel(request, view)


@require_GET
@requires(Capability.VP_LOGBOEK)
def jaarverslag_pdf(request: HttpRequest, jaar: int) -> HttpResponse:
    def view(request: HttpRequest, profiel: Vertrouwenspersoon) -> HttpResponse:
        _jaar_of_404(profiel, jaar)
        verslag = Jaarverslag.objects.filter(vertrouwenspersoon=profiel, jaar=jaar).first()
        return pdf_response(
            request,
            verslag_context(profiel, jaar, verslag),
            f"jaarverslag-vertrouwenspersoon-{jaar}.pdf",
        )

    return _met_profiel(request, view)
