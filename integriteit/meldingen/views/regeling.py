"""The reporting procedure's settings page for the coordinator: the legal clock, the text on
the public reporting page and the identity custodian (``meldingen.regeling``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from integriteit.common.permissions import Capability, requires
from integriteit.meldingen import regeling as regeling_services
from integriteit.meldingen.forms_regeling import RegelingForm
from integriteit.meldingen.models import Meldregeling

__all__ = ["regeling"]


@require_http_methods(["GET", "POST"])
@requires(Capability.MELDREGELING_BEHEREN)
def regeling(request: HttpRequest) -> HttpResponse:
    """One organisation's procedure (``?organisatie=CODE``; default: the first in scope)."""
    organisaties = list(regeling_services.regeling_organisaties(gebruiker=request.user))
    if not organisaties:
        return render(request, "meldingen/regeling.html", {"organisaties": []})
    code = request.GET.get("organisatie")
    organisatie = next((o for o in organisaties if o.code == code), None)
    if code and organisatie is None:
        raise Http404
    organisatie = organisatie or organisaties[0]
    huidig = Meldregeling.objects.filter(organisatie=organisatie).first()
    huidig = huidig or Meldregeling(organisatie=organisatie)  # the legal defaults, unsaved
    form = RegelingForm(
        request.POST or None,
        kandidaten=regeling_services.bewaarder_kandidaten(organisatie),
        initial=vars(regeling_services.RegelingGegevens.van(huidig)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            wijziging = regeling_services.meldregeling_wijzigen(
                organisatie=organisatie, acting_user=request.user, gegevens=form.gegevens()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if wijziging.velden:
                messages.success(
                    request,
                    _(
                        "De meldregeling van %(naam)s is opgeslagen. Gewijzigde termijnen en "
                        "een nieuwe identiteitsbewaarder gelden voor nieuwe meldingen."
                    )
                    % {"naam": organisatie.naam},
                )
            else:
                messages.info(request, _("Er was niets gewijzigd."))
            for tekst in wijziging.waarschuwingen:
                messages.warning(request, tekst)
            query = urlencode({"organisatie": organisatie.code})
            return redirect(f"{reverse('meldingen:regeling')}?{query}")
    context = {
        "organisaties": organisaties,
        "organisatie": organisatie,
        "regeling": huidig,
        "form": form,
    }
    return render(request, "meldingen/regeling.html", context)
