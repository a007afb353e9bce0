"""The registry of reports (norm 13) for coordinators and the bevoegd gezag: the list with the
legal clock and filters, registering a report received by phone, mail or in person, and one
report's page with its content and the handling steps.

Metadata is plain; content is only ever shown after opening the case's vault with the
viewer's own key (``kluis.sessie.sleutel_uit_sessie``) through
``services.kluis_van_behandelaar``, which audits each read. Without a grant the page says so
and shows nothing of the content.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integriteit.accounts.selectors import gebruiker_has_capability, scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.kluis import services as kluis
from integriteit.kluis.sessie import sleutel_uit_sessie
from integriteit.meldingen import selectors_register as register_selectors
from integriteit.meldingen import services
from integriteit.meldingen.constants import (
    BIJLAGE_TYPES,
    Kanaal,
    Meldingsoort,
    Status,
    Zichtbaarheid,
)
from integriteit.meldingen.forms_register import (
    AfsluitenForm,
    BehandelaarForm,
    BehandelaarVerwijderenForm,
    BerichtForm,
    DagForm,
    MeldingRegistrerenForm,
    RegisterFilterForm,
    TriageForm,
)
from integriteit.meldingen.models import Bijlage, Melding
from integriteit.meldingen.termijnen import TermijnStand
from integriteit.meldingen.views import identiteit as identiteit_views
from integriteit.onderzoeken.selectors import onderzoek_list
from integriteit.organisaties.selectors import organisatie_list

__all__ = ["register", "register_actie", "register_bijlage", "register_detail", "register_nieuw"]

PER_PAGINA = 50

#: How each state of a deadline is shown: text and badge colour (never colour alone).
STANDEN: dict[TermijnStand, tuple[Any, str]] = {
    TermijnStand.OP_TIJD: (gettext_lazy("op tijd"), "positive"),
    TermijnStand.TE_LAAT: (gettext_lazy("te laat"), "negative"),
    TermijnStand.LOOPT: (gettext_lazy("loopt"), "info"),
    TermijnStand.BIJNA: (gettext_lazy("bijna"), "warning"),
    TermijnStand.VERLOPEN: (gettext_lazy("verlopen"), "negative"),
}

GEEN_TOEGANG = gettext_lazy("U heeft geen toegang tot de inhoud van deze melding.")
OPNIEUW_INLOGGEN = gettext_lazy("Log opnieuw in om versleutelde inhoud te lezen.")


def _stand(stand: TermijnStand | None) -> dict[str, str] | None:
    if stand is None:
        return None
    label, klasse = STANDEN[stand]
    return {"code": stand.value, "label": str(label), "klasse": klasse}


def _klok(melding: Melding) -> dict[str, Any]:
    klok = register_selectors.klok(melding)
    return {"bevestiging": _stand(klok.bevestiging), "terugkoppeling": _stand(klok.terugkoppeling)}


def _melding(request: HttpRequest, pk: int) -> Melding:
    melding = register_selectors.register_get(gebruiker=request.user, pk=pk)
    if melding is None:
        raise Http404
    return melding


# --- the list --------------------------------------------------------------------------------

SOORTEN = dict(Meldingsoort.choices)
KANALEN = dict(Kanaal.choices)
STATUSSEN = dict(Status.choices)


def _dag(dag: date | None) -> str:
    return f"{dag.day}-{dag.month}-{dag.year}" if dag else ""


def _rijen(meldingen: Sequence[Melding]) -> list[dict[str, Any]]:
    """The page's rows, formatted here (labels looked up, days written out, today and the
    handlers fetched once per page) so that the template only places strings."""
    vandaag = timezone.localdate()
    standen: dict[TermijnStand | None, dict[str, str] | None] = {
        stand: _stand(stand) for stand in STANDEN
    }
    standen[None] = None
    behandelaars = register_selectors.behandelaars_per_melding(meldingen)
    rijen = []
    for melding in meldingen:
        klok = register_selectors.klok(melding, vandaag)
        rijen.append(
            {
                "melding": melding,
                "ontvangen": _dag(melding.ontvangen_op),
                "soort": SOORTEN.get(melding.soort, melding.soort),
                "kanaal": KANALEN.get(melding.kanaal, melding.kanaal),
                "status": STATUSSEN.get(melding.status, melding.status),
                "termijnen": [
                    (
                        _dag(melding.bevestiging_uiterlijk),
                        _dag(melding.bevestigd_op),
                        standen[klok.bevestiging],
                    ),
                    (
                        _dag(melding.terugkoppeling_uiterlijk),
                        _dag(melding.teruggekoppeld_op),
                        standen[klok.terugkoppeling],
                    ),
                ],
                "behandelaars": ", ".join(behandelaars.get(melding.pk, [])),
            }
        )
    return rijen


@require_GET
@requires(Capability.MELDING_REGISTER)
def register(request: HttpRequest) -> HttpResponse:
    """The reports in the user's scope, filtered, 50 a page, with the legal clock per row."""
    form = RegisterFilterForm(request.GET or None)
    meldingen = register_selectors.register_lijst(gebruiker=request.user, filters=form.filters())
    page: Page[Melding] = Paginator(meldingen, PER_PAGINA).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "rijen": _rijen(list(page.object_list)),
        "query": query.urlencode(),
        "gefilterd": bool(
            form.is_bound and any(v for k, v in request.GET.items() if k != "pagina")
        ),
        "may_registreren": not scope_for(
            gebruiker=request.user, capability=Capability.MELDING_INHOUD
        ).is_empty,
    }
    return render(request, "meldingen/register_list.html", context)


# --- registering a report received by phone, mail or in person -------------------------------


@require_http_methods(["GET", "POST"])
@requires(Capability.MELDING_INHOUD)
def register_nieuw(request: HttpRequest) -> HttpResponse:
    organisaties = organisatie_list(
        gebruiker=request.user, capability=Capability.MELDING_INHOUD, peildatum=timezone.localdate()
    )
    form = MeldingRegistrerenForm(
        request.POST or None, request.FILES or None, organisaties=organisaties
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invoer = services.Invoer(
            organisatie=data["organisatie"],
            soort=data["soort"],
            inhoud=services.Inhoud(
                wat=data["wat"],
                wanneer=data["wanneer"],
                waar=data["waar"],
                betrokkenen=data["betrokkenen"],
            ),
            identiteit=services.Identiteit(naam=data["naam"], contact=data["contact"]),
            bijlagen=form.uploads(),
            kanaal=data["kanaal"],
            ontvangen_op=data["ontvangen_op"],
        )
        try:
            melding = services.melding_ontvangen(invoer=invoer, acting_user=request.user).melding
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("Melding %(nummer)s is geregistreerd.") % {"nummer": melding.nummer}
            )
            return redirect("meldingen:register_detail", pk=melding.pk)
    return render(request, "meldingen/register_nieuw.html", {"form": form})


# --- one report ------------------------------------------------------------------------------


@dataclass
class Inzage:
    """What the viewer may read of the report's content; ``melding_tekst`` says why not."""

    inhoud: services.Inhoud | None = None
    berichten: list[dict[str, Any]] | None = None
    bijlagen: list[dict[str, Any]] | None = None
    melding_tekst: str = ""


def _behandelen_mag(request: HttpRequest, melding: Melding) -> bool:
    """The user holds MELDING_INHOUD on the report's organisation and a grant to its vault."""
    scope = scope_for(gebruiker=request.user, capability=Capability.MELDING_INHOUD)
    return scope.covers(
        pad=melding.organisatie.pad, node_id=melding.organisatie_id
    ) and kluis.heeft_toegang(kluis=melding.kluis, gebruiker=request.user)


def _kluissleutel(request: HttpRequest, melding: Melding) -> tuple[bytes, bytes] | str:
    """(case key, own key), opened and audited; or the Dutch reason it could not be."""
    if melding.vernietigd_op is not None:
        return _("De inhoud van deze melding is na de bewaartermijn vernietigd.")
    if not kluis.heeft_toegang(kluis=melding.kluis, gebruiker=request.user):
        return str(GEEN_TOEGANG)
    private = sleutel_uit_sessie(request)
    if private is None:
        return str(OPNIEUW_INLOGGEN)
    try:
        sleutel = services.kluis_van_behandelaar(
            melding=melding, gebruiker=request.user, private=private
        )
    except kluis.GeenToegang:
        return str(GEEN_TOEGANG)
    return sleutel, private


def _berichten(melding: Melding, gebruiker: Any, sleutel: bytes, eigen: bytes) -> list[Any]:
    """Messages in order; personal notes only the viewer's own."""
    rijen: list[dict[str, Any]] = []
    zichtbaar = ~Q(zichtbaarheid=Zichtbaarheid.PERSOONLIJK) | Q(auteur=gebruiker)
    for bericht in melding.berichten.filter(zichtbaar).select_related("auteur", "melding__kluis"):
        try:
            tekst = services.berichttekst(sleutel, bericht, eigen_private=eigen)
        except kluis.GeenToegang:
            tekst = None
        rijen.append({"bericht": bericht, "tekst": tekst, "bijlagen": []})
    return rijen


def _bijlagen(melding: Melding, sleutel: bytes) -> list[dict[str, Any]]:
    rijen: list[dict[str, Any]] = []
    for bijlage in melding.bijlagen.all().order_by("pk"):
        meta = json.loads(
            kluis.inhoud_ontsleutelen(
                melding.kluis, sleutel, "bijlage.meta", bytes(bijlage.metadata)
            )
        )
        rijen.append(
            {"bijlage": bijlage, "naam": meta.get("naam", ""), "bericht": bijlage.bericht_id}
        )
    return rijen


def _inzage(request: HttpRequest, melding: Melding) -> Inzage:
    geopend = _kluissleutel(request, melding)
    if isinstance(geopend, str):
        return Inzage(melding_tekst=geopend)
    sleutel, eigen = geopend
    berichten = _berichten(melding, request.user, sleutel, eigen)
    bijlagen = _bijlagen(melding, sleutel)
    per_bericht = {rij["bericht"].pk: rij for rij in berichten}
    for rij in bijlagen:
        if rij["bericht"] in per_bericht:
            per_bericht[rij["bericht"]]["bijlagen"].append(rij)
    return Inzage(
        inhoud=services.inhoud_openen(sleutel, melding),
        berichten=berichten,
        bijlagen=[rij for rij in bijlagen if rij["bericht"] is None],
    )


def _formulieren(melding: Melding) -> dict[str, Any]:
    """The step forms that fit the report's state."""
    open_ = melding.status != Status.AFGESLOTEN
    kandidaten = register_selectors.kandidaat_behandelaars(melding)
    return {
        "bevestigen": DagForm(prefix="bevestigen") if melding.bevestigd_op is None else None,
        "triage": TriageForm(prefix="triage", initial={"triage": melding.triage or None})
        if open_
        else None,
        "terugkoppelen": DagForm(prefix="terugkoppelen")
        if melding.teruggekoppeld_op is None
        else None,
        "bericht": BerichtForm(prefix="bericht"),
        "behandelaar": BehandelaarForm(prefix="behandelaar", kandidaten=kandidaten)
        if kandidaten.exists()
        else None,
        "verwijderen": BehandelaarVerwijderenForm(
            prefix="verwijderen", behandelaars=melding.behandelaars.order_by("username")
        )
        if melding.behandelaars.count() > 1
        else None,
        "afsluiten": AfsluitenForm(prefix="afsluiten")
        if open_ and melding.bevestigd_op is not None
        else None,
    }


def _onderzoeken(request: HttpRequest, melding: Melding) -> dict[str, Any]:
    """The investigations opened from this report that the user may see (number, phase,
    status — metadata), how many others there are, and whether the user may open one."""
    alle = melding.onderzoeken.count()
    zichtbaar = list(onderzoek_list(gebruiker=request.user).filter(meldingen=melding))
    return {
        "onderzoeken": zichtbaar,
        "onderzoeken_anders": alle - len(zichtbaar),
        "onderzoek_openen": gebruiker_has_capability(
            gebruiker=request.user, capability=Capability.ONDERZOEK_OPENEN
        )
        and melding.status != Status.AFGESLOTEN,
    }


@require_GET
@requires(Capability.MELDING_REGISTER)
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    melding = _melding(request, pk)
    inzage = _inzage(request, melding)
    behandelen = inzage.inhoud is not None and _behandelen_mag(request, melding)
    context = {
        "melding": melding,
        "klok": _klok(melding),
        "behandelaars": list(melding.behandelaars.order_by("last_name", "username")),
        "inzage": inzage,
        "formulieren": _formulieren(melding) if behandelen else None,
        "identiteit": identiteit_views.paneel(request, melding),
        **_onderzoeken(request, melding),
    }
    return render(request, "meldingen/register_detail.html", context)


# --- the handling steps ----------------------------------------------------------------------

Actie = Callable[[HttpRequest, Melding], str]


def _geldig(form: Any) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError([e for fouten in form.errors.values() for e in fouten])
    return dict(form.cleaned_data)


def _bevestigen(request: HttpRequest, melding: Melding) -> str:
    op = _geldig(DagForm(request.POST, prefix="bevestigen"))["op"]
    services.bevestigen(melding=melding, door=request.user, op=op)
    return _("De ontvangstbevestiging is vastgelegd.")


def _terugkoppelen(request: HttpRequest, melding: Melding) -> str:
    op = _geldig(DagForm(request.POST, prefix="terugkoppelen"))["op"]
    services.terugkoppelen(melding=melding, door=request.user, op=op)
    return _("De terugkoppeling is vastgelegd.")


def _triage(request: HttpRequest, melding: Melding) -> str:
    uitkomst = _geldig(TriageForm(request.POST, prefix="triage"))["triage"]
    services.triage_vastleggen(melding=melding, door=request.user, uitkomst=uitkomst)
    return _("De triage is vastgelegd.")


def _afsluiten(request: HttpRequest, melding: Melding) -> str:
    afloop = _geldig(AfsluitenForm(request.POST, prefix="afsluiten"))["afloop"]
    services.afsluiten(melding=melding, door=request.user, afloop=afloop)
    return _("De melding is afgesloten.")


def _bericht(request: HttpRequest, melding: Melding) -> str:
    data = _geldig(BerichtForm(request.POST, prefix="bericht"))
    private = sleutel_uit_sessie(request)
    sleutel = services.kluis_van_behandelaar(
        melding=melding, gebruiker=request.user, private=private
    )
    services.bericht_plaatsen(
        melding=melding,
        auteur=request.user,
        kluis_private=sleutel,
        tekst=data["tekst"],
        zichtbaarheid=data["zichtbaarheid"],
    )
    return _("Het bericht is geplaatst.")


def _behandelaar(request: HttpRequest, melding: Melding) -> str:
    kandidaten = register_selectors.kandidaat_behandelaars(melding)
    behandelaar = _geldig(
        BehandelaarForm(request.POST, prefix="behandelaar", kandidaten=kandidaten)
    )["behandelaar"]
    services.behandelaar_toevoegen(
        melding=melding,
        door=request.user,
        door_private=sleutel_uit_sessie(request),
        behandelaar=behandelaar,
    )
    return _("%(naam)s is behandelaar en heeft toegang tot de inhoud.") % {"naam": behandelaar}


def _verwijderen(request: HttpRequest, melding: Melding) -> str:
    data = _geldig(
        BehandelaarVerwijderenForm(
            request.POST, prefix="verwijderen", behandelaars=melding.behandelaars.all()
        )
    )
    services.behandelaar_verwijderen(
        melding=melding, door=request.user, behandelaar=data["behandelaar"], reden=data["reden"]
    )
    return _("%(naam)s behandelt deze melding niet meer en heeft er geen toegang meer toe.") % {
        "naam": data["behandelaar"]
    }


ACTIES: dict[str, Actie] = {
    "bevestigen": _bevestigen,
    "triage": _triage,
    "terugkoppelen": _terugkoppelen,
    "bericht": _bericht,
    "behandelaar": _behandelaar,
    "verwijderen": _verwijderen,
    "afsluiten": _afsluiten,
}


@require_POST
@requires(Capability.MELDING_INHOUD)
def register_actie(request: HttpRequest, pk: int) -> HttpResponse:
    """One handling step (``actie`` in the form); only for a coordinator holding the case."""
    melding = _melding(request, pk)
    terug = redirect("meldingen:register_detail", pk=melding.pk)
    actie = ACTIES.get(request.POST.get("actie", ""))
    if actie is None:
        messages.error(request, _("Onbekende handeling."))
        return terug
    if not _behandelen_mag(request, melding):
        messages.error(request, str(GEEN_TOEGANG))
        return terug
    try:
        messages.success(request, actie(request, melding))
    except ValidationError as error:
        for tekst in error.messages:
            messages.error(request, tekst)
    except kluis.GeenToegang as error:
        messages.error(request, str(error) or str(GEEN_TOEGANG))
    return terug


@require_GET
@requires(Capability.MELDING_REGISTER)
def register_bijlage(request: HttpRequest, pk: int, bijlage: int) -> HttpResponse:
    """An attachment, decrypted for a handler holding the case (the read is audited)."""
    melding = _melding(request, pk)
    gevonden = Bijlage.objects.filter(melding=melding, pk=bijlage).first()
    if gevonden is None:
        raise Http404
    geopend = _kluissleutel(request, melding)
    if isinstance(geopend, str):
        messages.error(request, geopend)
        return redirect(reverse("meldingen:register_detail", args=[melding.pk]))
    sleutel = geopend[0]
    meta = json.loads(
        kluis.inhoud_ontsleutelen(melding.kluis, sleutel, "bijlage.meta", bytes(gevonden.metadata))
    )
    with gevonden.bestand.open("rb") as handle:
        data = kluis.inhoud_ontsleutelen(melding.kluis, sleutel, "bijlage.data", handle.read())
    naam = str(meta.get("naam") or "bijlage")
    extensie = ("." + naam.rsplit(".", 1)[-1].lower()) if "." in naam else ""
    response = HttpResponse(
        data, content_type=BIJLAGE_TYPES.get(extensie, "application/octet-stream")
    )
    veilig = "".join(c for c in naam if c.isalnum() or c in "._- ") or "bijlage"
    response["Content-Disposition"] = f'attachment; filename="{veilig}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
