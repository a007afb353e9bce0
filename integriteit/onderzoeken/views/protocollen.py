"""The investigation protocols: the list (the baseline and the organisations' own), one
protocol readable (phases with guidance, deadlines, actors and requirements; the recorded
deviations of a tightened protocol) and loading an organisation's tightened YAML."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.onderzoeken.constants import Soort, Zaakrol
from integriteit.onderzoeken.forms import ProtocolLadenForm
from integriteit.onderzoeken.models import Protocol
from integriteit.onderzoeken.protocol import spec_van_tekst
from integriteit.onderzoeken.protocollen import basis_protocol, protocol_laden
from integriteit.onderzoeken.spec import ProtocolSpec, Vereiste
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.selectors import organisatie_list

SOORTEN = dict(Soort.choices)
ROLLEN = dict(Zaakrol.choices)
GETELD = frozenset(
    {Soort.ONDERZOEKERS, Soort.VERHOREN, Soort.BEWIJS, Soort.MAATREGELEN, Soort.BETROKKENE}
)


def _zichtbaar(request: HttpRequest) -> QuerySet[Protocol]:
    """The baseline(s) and the protocols of organisations in the user's scope or above it."""
    organisaties = list(
        organisatie_list(gebruiker=request.user, capability=Capability.ONDERZOEK_REGISTER)
    )
    ids = {pk for o in organisaties for pk in o.ancestor_ids}
    return Protocol.objects.filter(
        Q(organisatie__isnull=True) | Q(organisatie_id__in=sorted(ids))
    ).select_related("organisatie", "geladen_door", "basis")


def _laden_organisaties(request: HttpRequest) -> QuerySet[Organisatie]:
    return organisatie_list(
        gebruiker=request.user,
        capability=Capability.PROTOCOL_BEHEREN,
        peildatum=timezone.localdate(),
    )


def _mag_laden(request: HttpRequest) -> bool:
    return not scope_for(gebruiker=request.user, capability=Capability.PROTOCOL_BEHEREN).is_empty


@require_GET
@requires(Capability.ONDERZOEK_REGISTER)
def protocollen(request: HttpRequest) -> HttpResponse:
    basis_protocol()  # the baseline row exists from the first visit
    rijen = list(_zichtbaar(request).order_by("organisatie__naam", "-actief", "-geladen_op"))
    context = {
        "basis": [p for p in rijen if p.organisatie_id is None],
        "eigen": [p for p in rijen if p.organisatie_id is not None],
        "form": ProtocolLadenForm(organisaties=_laden_organisaties(request))
        if _mag_laden(request)
        else None,
    }
    return render(request, "onderzoeken/protocollen.html", context)


def _voorwaarde(spec: ProtocolSpec, vereiste: Vereiste) -> str:
    if vereiste.voorwaarde is None:
        return ""
    try:
        _fase, keuze = spec.vereiste(vereiste.voorwaarde.vereiste)
    except KeyError:
        return ""
    opties = dict(keuze.opties)
    waarden = _(" of ").join(f"‘{opties.get(w, w)}’" for w in vereiste.voorwaarde.is_gelijk)
    return _("Alleen als bij ‘%(keuze)s’ is gekozen: %(waarden)s.") % {
        "keuze": keuze.titel,
        "waarden": waarden,
    }


def _fasen(spec: ProtocolSpec) -> list[dict[str, Any]]:
    fasen = []
    for nummer, fase in enumerate(spec.fasen, start=1):
        fasen.append(
            {
                "nummer": nummer,
                "fase": fase,
                "actoren": [ROLLEN.get(a, a) for a in fase.actoren],
                "sprongen": [
                    _("Bij de keuze ‘%(keuze)s’: verder naar ‘%(naar)s’.")
                    % {
                        "keuze": ", ".join(
                            dict(spec.vereiste(s.voorwaarde.vereiste)[1].opties).get(w, w)
                            for w in s.voorwaarde.is_gelijk
                        ),
                        "naar": spec.fase(s.naar).titel,
                    }
                    for s in fase.sprongen
                ],
                "vereisten": [
                    {
                        "vereiste": v,
                        "soort": SOORTEN.get(v.soort, v.soort),
                        "minimum": v.minimum if v.soort in GETELD else None,
                        "opties": [label for _code, label in v.opties],
                        "voorwaarde": _voorwaarde(spec, v),
                        "door": [ROLLEN.get(r, r) for r in v.door],
                    }
                    for v in fase.vereisten
                ],
            }
        )
    return fasen


@require_GET
@requires(Capability.ONDERZOEK_REGISTER)
def protocol(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden = _zichtbaar(request).filter(pk=pk).first()
    if gevonden is None:
        raise Http404
    spec = spec_van_tekst(gevonden.yaml, f"{gevonden.code}.yaml")
    context = {
        "protocol": gevonden,
        "spec": spec,
        "fasen": _fasen(spec),
        "form": ProtocolLadenForm(
            organisaties=_laden_organisaties(request),
            initial={"organisatie": gevonden.organisatie_id},
        )
        if _mag_laden(request)
        else None,
    }
    return render(request, "onderzoeken/protocol.html", context)


@require_http_methods(["GET", "POST"])
@requires(Capability.PROTOCOL_BEHEREN)
def protocol_laden_view(request: HttpRequest) -> HttpResponse:
    """Load an organisation's tightened protocol; every problem of the file is listed with
    its line and field, and nothing is saved then."""
    form = ProtocolLadenForm(
        request.POST or None, request.FILES or None, organisaties=_laden_organisaties(request)
    )
    problemen: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            geladen, nieuw = protocol_laden(
                organisatie=form.cleaned_data["organisatie"],
                data=b"".join(upload.chunks()),
                filename=upload.name or "protocol.yaml",
                door=request.user,
            )
        except ValidationError as error:
            problemen = list(error.messages)
        except PermissionDenied as error:
            form.add_error("organisatie", str(error))
        else:
            tekst = (
                _("Geladen: %(titel)s, nu het actieve protocol van %(org)s.")
                if nieuw
                else _("Al aanwezig: %(titel)s is het actieve protocol van %(org)s.")
            )
            messages.success(
                request,
                tekst % {"titel": geladen.titel, "org": form.cleaned_data["organisatie"].code},
            )
            return redirect("onderzoeken:protocol", pk=geladen.pk)
    return render(
        request, "onderzoeken/protocol_laden.html", {"form": form, "problemen": problemen}
    )
