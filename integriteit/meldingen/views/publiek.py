"""The public report pages, no account needed (issue 5): the list of reporting points, an
organisation's procedure with the report form, the receipt with the code (shown once), and
the reporter's mailbox opened with that code.

What these paths never do: write an audit event, store or log an IP address, user agent or
precise time (the services store days only; ``meldingen.logging`` keeps the request lines
out of the log), keep the receipt code anywhere but in the one receipt page. State between
requests is sealed with a secret in a cookie (``postbus_sessie``). Wrong codes are
rate-limited without knowing who tries (``ratelimit``). Every page is ``never_cache``, so the
back button on a shared computer shows nothing of a report.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integriteit.common.permissions import public
from integriteit.kluis import crypto
from integriteit.kluis import services as kluis
from integriteit.meldingen import postbus_sessie, ratelimit, services
from integriteit.meldingen.constants import BIJLAGE_TYPES, Zichtbaarheid
from integriteit.meldingen.forms_publiek import (
    GeheugenUploadHandler,
    MeldForm,
    OntvangstcodeForm,
    ReactieForm,
)
from integriteit.meldingen.models import Bericht, Bijlage, Melding, Meldregeling
from integriteit.meldingen.termijnen import TermijnStand, termijn_stand
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie

HUIS_VOOR_KLOKKENLUIDERS = "https://www.huisvoorklokkenluiders.nl"


def _meldpunten() -> list[Organisatie]:
    """The organisations with a public reporting page: the ministries that exist today."""
    return list(
        Organisatie.objects.filter(soort=Soort.MINISTERIE)
        .geldig_op(timezone.localdate())
        .order_by("naam")
    )


def _meldpunt(code: str) -> Organisatie:
    organisatie = next((o for o in _meldpunten() if o.code == code), None)
    if organisatie is None:
        raise Http404
    return organisatie


def _regeling(organisatie: Organisatie) -> Meldregeling:
    """The procedure, or the legal defaults (unsaved: a GET writes nothing)."""
    regeling = Meldregeling.objects.filter(organisatie=organisatie).first()
    return regeling or Meldregeling(organisatie=organisatie)


def _fouten_naar_form(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for veld, fouten in error.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, error.messages)


# --- the list and the procedure with the form ------------------------------------------------


@public
@never_cache
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "meldingen/publiek_index.html", {"meldpunten": _meldpunten()})


@public
@csrf_exempt  # checked below, after the upload handlers are set (Django's documented way)
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def organisatie(request: HttpRequest, code: str) -> HttpResponseBase:
    request.upload_handlers = [GeheugenUploadHandler(request)]
    return _organisatie(request, code)


@csrf_protect
@sensitive_variables()
def _organisatie(request: HttpRequest, code: str) -> HttpResponseBase:
    meldpunt = _meldpunt(code)
    form = MeldForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invoer = services.Invoer(
            organisatie=meldpunt,
            soort=data["soort"],
            inhoud=services.Inhoud(
                wat=data["wat"],
                wanneer=data["wanneer"],
                waar=data["waar"],
                betrokkenen=data["betrokkenen"],
            ),
            identiteit=services.Identiteit(naam=data["naam"], contact=data["contact"]),
            bijlagen=data["bijlagen"],
        )
        try:
            ontvangen = services.melding_ontvangen(invoer=invoer)
        except ValidationError as error:
            _fouten_naar_form(form, error)
        else:
            request.session.cycle_key()
            response = redirect("melden:ontvangen")
            postbus_sessie.bewaren(
                request,
                response,
                postbus_sessie.BON,
                {"code": ontvangen.ontvangstcode, "melding": ontvangen.melding.pk},
            )
            return response
    context = {
        "meldpunt": meldpunt,
        "regeling": _regeling(meldpunt),
        "form": form,
        "hvk_url": HUIS_VOOR_KLOKKENLUIDERS,
    }
    return render(request, "meldingen/publiek_organisatie.html", context)


@public
@sensitive_variables()
@never_cache
@require_GET
def ontvangen(request: HttpRequest) -> HttpResponse:
    """The receipt: the code once. The sealed state is removed as it is shown, so a reload or
    the back button gives the page without the code."""
    bon = postbus_sessie.lezen(request, postbus_sessie.BON)
    melding = None
    if bon is not None:
        melding = Melding.objects.select_related("organisatie").filter(pk=bon["melding"]).first()
    code = bon.get("code") if bon is not None and melding is not None else None
    context = {
        "melding": melding,
        "code": crypto.ontvangstcode_opmaak(code) if code else None,
        "regeling": _regeling(melding.organisatie) if melding is not None else None,
        "hvk_url": HUIS_VOOR_KLOKKENLUIDERS,
    }
    response = render(request, "meldingen/publiek_ontvangen.html", context)
    postbus_sessie.vergeten(request, response, postbus_sessie.BON)
    return response


# --- the mailbox --------------------------------------------------------------------------


def _geopend(request: HttpRequest) -> services.Postbus | None:
    """The mailbox opened earlier in this browser session, if any.

    The sealed state is only ever written by :func:`_code_proberen`, but whoever holds the
    server's configuration can forge it (the anonymous session is a cookie signed with
    SECRET_KEY). So the key in it must be the private half of *this* report's vault: a state
    naming another report, or a key of one's own, opens no mailbox (and breaks no page)."""
    staat = postbus_sessie.lezen(request, postbus_sessie.POSTBUS)
    if staat is None or not isinstance(staat.get("melding"), int):
        return None
    melding = (
        Melding.objects.select_related("kluis", "organisatie")
        .filter(pk=staat["melding"], vernietigd_op__isnull=True)
        .first()
    )
    if melding is None:
        return None
    try:
        sleutel = base64.b64decode(str(staat.get("sleutel", "")), validate=True)
        past = crypto.publiek_van(sleutel) == bytes(melding.kluis.publiek)
    except (binascii.Error, TypeError, ValueError):
        return None
    return services.Postbus(melding=melding, kluis_private=sleutel) if past else None


@dataclass(frozen=True)
class Termijn:
    label: str
    uiterlijk: date
    gedaan_op: date | None
    stand: str
    tekst: str


def _termijn(label: str, uiterlijk: date, gedaan_op: date | None, waarschuwen: int) -> Termijn:
    stand = termijn_stand(uiterlijk, gedaan_op, timezone.localdate(), waarschuwen)
    tekst = {
        TermijnStand.OP_TIJD: _("Gedaan, op tijd"),
        TermijnStand.TE_LAAT: _("Gedaan, maar later dan de termijn"),
        TermijnStand.VERLOPEN: _("Nog niet gedaan; de termijn is verstreken"),
    }.get(stand, _("Nog niet gedaan; de termijn loopt nog"))
    return Termijn(label, uiterlijk, gedaan_op, str(stand), tekst)


def _bijlage_info(postbus: services.Postbus, bijlage: Bijlage) -> dict[str, Any]:
    meta = json.loads(
        kluis.inhoud_ontsleutelen(
            postbus.melding.kluis, postbus.kluis_private, "bijlage.meta", bytes(bijlage.metadata)
        )
    )
    return {"pk": bijlage.pk, "naam": meta.get("naam", ""), "type": meta.get("type", "")}


def _zichtbare_bijlagen(melding: Melding) -> Any:
    return Bijlage.objects.filter(melding=melding).filter(
        Q(bericht__isnull=True) | Q(bericht__zichtbaarheid=Zichtbaarheid.MELDER)
    )


@sensitive_variables()
def _postbus_pagina(
    request: HttpRequest, postbus: services.Postbus, form: ReactieForm
) -> HttpResponse:
    melding = postbus.melding
    regeling = _regeling(melding.organisatie)
    bijlagen: dict[int | None, list[dict[str, Any]]] = {}
    for bijlage in _zichtbare_bijlagen(melding).order_by("pk"):
        bijlagen.setdefault(bijlage.bericht_id, []).append(_bijlage_info(postbus, bijlage))
    berichten = [
        {
            "bericht": bericht,
            "tekst": services.berichttekst(postbus.kluis_private, bericht),
            "bijlagen": bijlagen.get(bericht.pk, []),
        }
        for bericht in Bericht.objects.filter(melding=melding, zichtbaarheid=Zichtbaarheid.MELDER)
        .select_related("melding__kluis")
        .order_by("volgnummer")
    ]
    termijnen = [
        _termijn(
            _("Ontvangstbevestiging"),
            melding.bevestiging_uiterlijk,
            melding.bevestigd_op,
            regeling.waarschuwen_dagen,
        ),
        _termijn(
            _("Terugkoppeling over wat er met uw melding gebeurt"),
            melding.terugkoppeling_uiterlijk,
            melding.teruggekoppeld_op,
            regeling.waarschuwen_dagen,
        ),
    ]
    onderzoeken = set(melding.onderzoeken.values_list("status", flat=True))
    context = {
        "melding": melding,
        # What may be shared: that an investigation runs or has ended — nothing of it.
        "onderzoek": ("loopt" if onderzoeken - {"afgesloten"} else "afgerond")
        if onderzoeken
        else None,
        "inhoud": services.inhoud_openen(postbus.kluis_private, melding),
        "melding_bijlagen": bijlagen.get(None, []),
        "berichten": berichten,
        "termijnen": termijnen,
        "form": form,
        "hvk_url": HUIS_VOOR_KLOKKENLUIDERS,
    }
    return render(request, "meldingen/publiek_postbus.html", context)


@public
@sensitive_post_parameters("code")
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
def postbus(request: HttpRequest) -> HttpResponseBase:
    """The code form, or the opened mailbox."""
    geopend = _geopend(request)
    if geopend is not None and request.method == "GET":
        return _postbus_pagina(request, geopend, ReactieForm())
    form = OntvangstcodeForm(request.POST or None)
    if request.method == "POST":
        if ratelimit.globaal_geblokkeerd():
            form.add_error(None, _("Te veel pogingen; probeer het over een minuut opnieuw."))
        elif ratelimit.sessie_geblokkeerd(request.session):
            form.add_error(
                None, _("Te veel onjuiste codes. Wacht vijf minuten en probeer het dan opnieuw.")
            )
        elif form.is_valid():
            return _code_proberen(request, form)
    return render(request, "meldingen/publiek_postbus_code.html", {"form": form})


@sensitive_variables()
def _code_proberen(request: HttpRequest, form: OntvangstcodeForm) -> HttpResponseBase:
    geopend = services.postbus_openen(form.cleaned_data["code"])
    if geopend is None:
        ratelimit.mislukt(request.session)
        form.add_error(
            "code",
            _("Deze ontvangstcode klopt niet. Controleer de 16 cijfers en probeer het opnieuw."),
        )
        return render(request, "meldingen/publiek_postbus_code.html", {"form": form})
    ratelimit.gelukt(request.session)
    request.session.cycle_key()
    response = redirect("melden:postbus")
    postbus_sessie.bewaren(
        request,
        response,
        postbus_sessie.POSTBUS,
        {
            "melding": geopend.melding.pk,
            "sleutel": base64.b64encode(geopend.kluis_private).decode(),
        },
    )
    return response


def _niet_geopend(request: HttpRequest) -> HttpResponseBase:
    messages.info(request, _("Open eerst uw postbus met uw ontvangstcode."))
    return redirect("melden:postbus")


@public
@csrf_exempt  # checked below, after the upload handlers are set
@sensitive_post_parameters()
@never_cache
@require_POST
def postbus_bericht(request: HttpRequest) -> HttpResponseBase:
    request.upload_handlers = [GeheugenUploadHandler(request)]
    return _postbus_bericht(request)


@csrf_protect
@sensitive_variables()
def _postbus_bericht(request: HttpRequest) -> HttpResponseBase:
    geopend = _geopend(request)
    if geopend is None:
        return _niet_geopend(request)
    form = ReactieForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.bericht_van_melder(
                postbus=geopend,
                tekst=form.cleaned_data["tekst"],
                bijlagen=form.cleaned_data["bijlagen"],
            )
        except ValidationError as error:
            _fouten_naar_form(form, error)
        else:
            messages.success(request, _("Uw bericht is verstuurd."))
            return redirect("melden:postbus")
    return _postbus_pagina(request, geopend, form)


@public
@never_cache
@require_POST
def postbus_sluiten(request: HttpRequest) -> HttpResponseBase:
    """Forget the opened mailbox: the session is emptied and the cookie deleted."""
    request.session.flush()
    response = redirect("melden:postbus")
    postbus_sessie.vergeten(request, response, postbus_sessie.POSTBUS)
    postbus_sessie.vergeten(request, response, postbus_sessie.BON)
    messages.info(request, _("Uw postbus is gesloten."))
    return response


@public
@sensitive_variables()
@never_cache
@require_GET
def postbus_bijlage(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An attachment the reporter may see, decrypted on the fly, as a download."""
    geopend = _geopend(request)
    if geopend is None:
        return _niet_geopend(request)
    bijlage = _zichtbare_bijlagen(geopend.melding).filter(pk=pk).first()
    if bijlage is None:
        raise Http404
    info = _bijlage_info(geopend, bijlage)
    with bijlage.bestand.open("rb") as bestand:
        versleuteld = bestand.read()
    data = kluis.inhoud_ontsleutelen(
        geopend.melding.kluis, geopend.kluis_private, "bijlage.data", versleuteld
    )
    soort = info["type"] if info["type"] in BIJLAGE_TYPES.values() else "application/octet-stream"
    response = HttpResponse(data, content_type=soort)
    response["Content-Disposition"] = (
        content_disposition_header(
            as_attachment=True, filename=info["naam"] or f"bijlage-{bijlage.pk}"
        )
        or "attachment"
    )
    return response
