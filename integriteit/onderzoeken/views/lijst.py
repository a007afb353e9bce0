"""The list of investigations in the user's scope (metadata only) and opening a case from
reports or on the competent authority's own initiative."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.common.roles import Rol
from integriteit.meldingen import selectors_register as melding_selectors
from integriteit.meldingen.constants import Status as MeldingStatus
from integriteit.meldingen.models import Melding
from integriteit.onderzoeken import selectors, services
from integriteit.onderzoeken.constants import Status, Uitkomst
from integriteit.onderzoeken.forms import LijstFilterForm, OpenenForm
from integriteit.onderzoeken.models import Onderzoek, Protocol
from integriteit.onderzoeken.protocol import basis_spec, spec_van_tekst
from integriteit.onderzoeken.views._gedeeld import dag, fasetitel, spec_van, termijn
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.selectors import organisatie_list

PER_PAGINA = 50
STATUSSEN = dict(Status.choices)
UITKOMSTEN = dict(Uitkomst.choices)


def _fasen(onderzoeken: QuerySet[Onderzoek]) -> list[tuple[str, str]]:
    """The phases to filter on: the baseline's, then those that other protocols in use add."""
    gezien: dict[str, str] = {f.code: f.titel for f in basis_spec().fasen}
    ids = set(onderzoeken.order_by().values_list("protocol_id", flat=True).distinct())
    for protocol in Protocol.objects.filter(pk__in=ids).exclude(organisatie__isnull=True):
        for fase in spec_van_tekst(protocol.yaml, f"{protocol.code}.yaml").fasen:
            gezien.setdefault(fase.code, fase.titel)
    return list(gezien.items())


def _rijen(onderzoeken: list[Onderzoek]) -> list[dict[str, Any]]:
    vandaag = timezone.localdate()
    specs: dict[int, Any] = {}
    rijen = []
    for onderzoek in onderzoeken:
        spec = spec_van(onderzoek, specs)
        rijen.append(
            {
                "onderzoek": onderzoek,
                "geopend": dag(onderzoek.geopend_op),
                "soort": onderzoek.get_soort_display() if onderzoek.soort else "",
                "fase": fasetitel(spec, onderzoek.fase)
                if onderzoek.status != Status.AFGESLOTEN
                else "",
                "uiterlijk": dag(onderzoek.fase_uiterlijk)
                if onderzoek.status != Status.AFGESLOTEN
                else "",
                "termijn": termijn(onderzoek, vandaag),
                "status": STATUSSEN.get(onderzoek.status, onderzoek.status),
                "uitkomst": UITKOMSTEN.get(onderzoek.uitkomst, ""),
            }
        )
    return rijen


@require_GET
@requires(Capability.ONDERZOEK_REGISTER)
def lijst(request: HttpRequest) -> HttpResponse:
    """The cases the user may see, newest first, 50 a page, with the phase's deadline."""
    alle = selectors.onderzoek_list(gebruiker=request.user)
    form = LijstFilterForm(request.GET or None, fasen=_fasen(alle))
    filters = form.filters()
    onderzoeken = alle
    if filters.get("status"):
        onderzoeken = onderzoeken.filter(status=filters["status"])
    if filters.get("fase"):
        onderzoeken = onderzoeken.filter(fase=filters["fase"]).exclude(status=Status.AFGESLOTEN)
    if filters.get("te_laat"):
        onderzoeken = onderzoeken.filter(
            status=Status.LOPEND, fase_uiterlijk__lt=timezone.localdate()
        )
    onderzoeken = onderzoeken.order_by("-geopend_op", "-nummer", "-pk")
    page: Page[Onderzoek] = Paginator(onderzoeken, PER_PAGINA).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "rijen": _rijen(list(page.object_list)),
        "query": query.urlencode(),
        "gefilterd": any(v for k, v in request.GET.items() if k != "pagina"),
        "may_openen": not scope_for(
            gebruiker=request.user, capability=Capability.ONDERZOEK_OPENEN
        ).is_empty,
    }
    return render(request, "onderzoeken/lijst.html", context)


# --- opening -------------------------------------------------------------------------------------


def _openen_organisaties(request: HttpRequest) -> QuerySet[Organisatie]:
    return organisatie_list(
        gebruiker=request.user,
        capability=Capability.ONDERZOEK_OPENEN,
        peildatum=timezone.localdate(),
    )


def _meldingen(request: HttpRequest) -> QuerySet[Melding]:
    """Reports in the user's registry scope that are not closed, newest first."""
    return (
        melding_selectors.register_list(gebruiker=request.user)
        .exclude(status=MeldingStatus.AFGESLOTEN)
        .select_related("organisatie")
        .order_by("-ontvangen_op", "-pk")
    )


def _gezagen(organisaties: QuerySet[Organisatie]) -> QuerySet[Gebruiker]:
    """Users with the role bevoegd gezag on one of ``organisaties`` (or recursively above
    one), active and with a key."""
    lijst = list(organisaties)
    boven = {pk for o in lijst for pk in o.ancestor_ids}
    leden = (
        Lidmaatschap.objects.actief()
        .filter(rol=Rol.BEVOEGD_GEZAG)
        .filter(
            Q(organisatie__in=[o.pk for o in lijst])
            | Q(organisatie_id__in=sorted(boven), recursief=True)
        )
        .values("gebruiker_id")
    )
    return Gebruiker.objects.filter(
        pk__in=leden, is_active=True, kluissleutel__isnull=False
    ).order_by("last_name", "first_name", "username")


@require_http_methods(["GET", "POST"])
@requires(Capability.ONDERZOEK_OPENEN)
def openen(request: HttpRequest) -> HttpResponse:
    organisaties = _openen_organisaties(request)
    meldingen = _meldingen(request)
    initial: dict[str, Any] = {}
    melding_pk = request.GET.get("melding", "")
    gekozen = meldingen.filter(pk=int(melding_pk)).first() if melding_pk.isdigit() else None
    if gekozen is not None:
        initial = {"meldingen": [gekozen.pk], "soort": "", "organisatie": gekozen.organisatie_id}
    form = OpenenForm(
        request.POST or None,
        initial=initial,
        organisaties=organisaties,
        meldingen=meldingen,
        gezagen=_gezagen(organisaties),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            onderzoek = services.onderzoek_openen(
                organisatie=data["organisatie"],
                door=request.user,
                bevoegd_gezag=data["bevoegd_gezag"],
                meldingen=list(data["meldingen"]),
                soort=data["soort"],
                eigen_initiatief_reden=data["eigen_initiatief_reden"] or None,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except PermissionDenied as error:
            form.add_error("organisatie", str(error))
        else:
            messages.success(
                request,
                _("Onderzoek %(nummer)s is geopend.") % {"nummer": onderzoek.nummer},
            )
            return redirect("onderzoeken:detail", pk=onderzoek.pk)
    return render(request, "onderzoeken/openen.html", {"form": form})
