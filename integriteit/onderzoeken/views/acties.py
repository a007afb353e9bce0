"""The steps on a case's page (one POST view with an ``actie`` field, like the reports
registry) and the download of a registered document or an evidence file (decrypted, audited,
never cached). The services decide who may do what; their refusals come back as messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from integriteit.accounts.models import Gebruiker
from integriteit.common.permissions import Capability, requires
from integriteit.kluis import services as kluis
from integriteit.kluis.sessie import sleutel_uit_sessie
from integriteit.meldingen.constants import BIJLAGE_TYPES
from integriteit.onderzoeken import poort, services
from integriteit.onderzoeken.forms import (
    BeschrevenForm,
    BesluitForm,
    BewijsForm,
    MaatregelForm,
    MedewerkerForm,
    RedenForm,
    VerhoorForm,
    VerhoorNummerForm,
    VerhoorReactieForm,
    VerklaringForm,
    VerlengenForm,
    registratie_form,
)
from integriteit.onderzoeken.models import Afwijkingsverzoek, Bewijsstuk, Onderzoek, Registratie
from integriteit.onderzoeken.views._gedeeld import GEEN_TOEGANG, onderzoek_of_404
from integriteit.onderzoeken.views.zaak import inzage
from integriteit.onderzoeken.views.zaak_formulieren import kandidaten

Actie = Callable[[HttpRequest, Onderzoek], str]


def _geldig(form: forms.Form) -> dict[str, Any]:
    """The cleaned data, or a ValidationError whose messages name each field."""
    if not form.is_valid():
        fouten: list[str] = []
        for naam, lijst in form.errors.items():
            veld = form.fields.get(naam)
            label = str(veld.label) if veld is not None and veld.label else ""
            fouten.extend(f"{label}: {fout}" if label else str(fout) for fout in lijst)
        raise ValidationError(fouten)
    return dict(form.cleaned_data)


def _registreren(request: HttpRequest, onderzoek: Onderzoek) -> str:
    code = request.POST.get("vereiste", "")
    try:
        _fase, vereiste = poort.spec(onderzoek).vereiste(code)
    except KeyError:
        raise ValidationError(_("Het protocol kent deze vereiste niet.")) from None
    waarde = _geldig(registratie_form(vereiste, request.POST, request.FILES))["waarde"]
    services.registreren(
        onderzoek=onderzoek, door=request.user, vereiste_code=vereiste.code, waarde=waarde
    )
    return _("‘%(titel)s’ is vastgelegd.") % {"titel": vereiste.titel}


def _afronden(request: HttpRequest, onderzoek: Onderzoek) -> str:
    try:
        onderzoek = services.fase_afronden(onderzoek=onderzoek, door=request.user)
    except ValidationError as error:
        raise ValidationError(
            [_("De fase kan nog niet worden afgerond. Dit ontbreekt nog:"), *error.messages]
        ) from error
    if onderzoek.status == "afgesloten":
        return _("De laatste fase is afgerond; het onderzoek is afgesloten.")
    return _("De fase is afgerond. Het onderzoek is nu in de fase ‘%(fase)s’.") % {
        "fase": poort.spec(onderzoek).fase(onderzoek.fase).titel
    }


def _afwijking(request: HttpRequest, onderzoek: Onderzoek) -> str:
    reden = _geldig(RedenForm(request.POST, prefix="afwijking"))["reden"]
    services.afwijking_aanvragen(onderzoek=onderzoek, door=request.user, reden=reden)
    return _("Uw verzoek om af te wijken wacht op een integriteitscoördinator.")


def _beslissen(request: HttpRequest, onderzoek: Onderzoek) -> str:
    data = _geldig(BesluitForm(request.POST))
    verzoek = Afwijkingsverzoek.objects.filter(onderzoek=onderzoek, pk=data["verzoek"]).first()
    if verzoek is None:
        raise ValidationError(_("Dit verzoek bestaat niet (meer)."))
    toestaan = data["besluit"] == "toestaan"
    services.afwijking_beslissen(verzoek=verzoek, door=request.user, toestaan=toestaan)
    if toestaan:
        return _("De afwijking is toegestaan; het onderzoek is verder gegaan.")
    return _("Het verzoek om af te wijken is afgewezen.")


def _opschorten(request: HttpRequest, onderzoek: Onderzoek) -> str:
    reden = _geldig(RedenForm(request.POST, prefix="opschorten"))["reden"]
    services.opschorten(onderzoek=onderzoek, door=request.user, reden=reden)
    return _("Het onderzoek is opgeschort; de termijn staat stil.")


def _hervatten(request: HttpRequest, onderzoek: Onderzoek) -> str:
    services.hervatten(onderzoek=onderzoek, door=request.user)
    return _("Het onderzoek is hervat; de termijn is opgeschoven met de dagen van opschorting.")


def _verlengen(request: HttpRequest, onderzoek: Onderzoek) -> str:
    data = _geldig(VerlengenForm(request.POST, prefix="verlengen"))
    services.verlengen(
        onderzoek=onderzoek, door=request.user, dagen=data["dagen"], reden=data["reden"]
    )
    return _("De termijn is met %(n)d dagen verlengd.") % {"n": data["dagen"]}


def _medewerker(request: HttpRequest, onderzoek: Onderzoek) -> str:
    form = MedewerkerForm(request.POST, prefix="medewerker", kandidaten=kandidaten(onderzoek))
    _geldig(form)
    rol, pk = form.rol_en_pk()
    gebruiker = Gebruiker.objects.get(pk=pk)
    services.deelnemer_toevoegen(
        onderzoek=onderzoek,
        door=request.user,
        rol=rol,
        gebruiker=gebruiker,
        door_private=sleutel_uit_sessie(request),
    )
    return _("%(naam)s neemt deel aan het onderzoek en heeft toegang tot de inhoud.") % {
        "naam": gebruiker
    }


def _beschreven(request: HttpRequest, onderzoek: Onderzoek) -> str:
    data = _geldig(BeschrevenForm(request.POST, prefix="beschreven"))
    services.deelnemer_toevoegen(
        onderzoek=onderzoek, door=request.user, rol=data["rol"], omschrijving=data["omschrijving"]
    )
    return _("De deelnemer is vastgelegd.")


def _verklaring(request: HttpRequest, onderzoek: Onderzoek) -> str:
    tekst = _geldig(VerklaringForm(request.POST, prefix="verklaring"))["verklaring"]
    services.onafhankelijkheid_verklaren(onderzoek=onderzoek, door=request.user, verklaring=tekst)
    return _("Uw verklaring van onafhankelijkheid is vastgelegd.")


def _verhoor(request: HttpRequest, onderzoek: Onderzoek) -> str:
    data = _geldig(VerhoorForm(request.POST, prefix="verhoor"))
    verhoor = services.verhoor_vastleggen(onderzoek=onderzoek, door=request.user, **data)
    return _("Verhoorverslag %(n)d is vastgelegd.") % {"n": verhoor.volgnummer}


def _verhoor_van(onderzoek: Onderzoek, nummer: int) -> Any:
    verhoor = onderzoek.verhoren.filter(volgnummer=nummer).first()
    if verhoor is None:
        raise ValidationError(_("Dit verhoorverslag bestaat niet."))
    return verhoor


def _voorleggen(request: HttpRequest, onderzoek: Onderzoek) -> str:
    nummer = _geldig(VerhoorNummerForm(request.POST))["verhoor"]
    services.verhoor_voorleggen(verhoor=_verhoor_van(onderzoek, nummer), door=request.user)
    return _("Verhoorverslag %(n)d is aan de gehoorde voorgelegd.") % {"n": nummer}


def _reactie(request: HttpRequest, onderzoek: Onderzoek) -> str:
    nummer = request.POST.get("verhoor", "")
    form = VerhoorReactieForm(request.POST, prefix=f"reactie-{nummer}")
    data = _geldig(form)
    services.verhoor_reactie(
        verhoor=_verhoor_van(onderzoek, data["verhoor"]),
        door=request.user,
        goedgekeurd=data["reactie"] == "goedgekeurd",
        commentaar=data["commentaar"],
    )
    return _("De reactie van de gehoorde op verslag %(n)d is vastgelegd.") % {"n": data["verhoor"]}


def _bewijs(request: HttpRequest, onderzoek: Onderzoek) -> str:
    data = _geldig(BewijsForm(request.POST, request.FILES, prefix="bewijs"))
    stuk = services.bewijs_vastleggen(
        onderzoek=onderzoek,
        door=request.user,
        omschrijving=data["omschrijving"],
        verkregen_op=data["verkregen_op"],
        bestand=data["bestand"] or None,
    )
    return _("Bewijsstuk %(n)d is vastgelegd.") % {"n": stuk.volgnummer}


def _maatregel(request: HttpRequest, onderzoek: Onderzoek) -> str:
    data = _geldig(MaatregelForm(request.POST, prefix="maatregel"))
    services.maatregel_registreren(onderzoek=onderzoek, door=request.user, **data)
    return _("De maatregel is vastgelegd.")


ACTIES: dict[str, Actie] = {
    "registreren": _registreren,
    "afronden": _afronden,
    "afwijking": _afwijking,
    "beslissen": _beslissen,
    "opschorten": _opschorten,
    "hervatten": _hervatten,
    "verlengen": _verlengen,
    "medewerker": _medewerker,
    "beschreven": _beschreven,
    "verklaring": _verklaring,
    "verhoor": _verhoor,
    "voorleggen": _voorleggen,
    "reactie": _reactie,
    "bewijs": _bewijs,
    "maatregel": _maatregel,
}


@require_POST
@requires(Capability.ONDERZOEK_REGISTER)
def actie(request: HttpRequest, pk: int) -> HttpResponse:
    """One step on the case (``actie`` in the form); the services check the case roles."""
    onderzoek = onderzoek_of_404(request, pk)
    terug = redirect("onderzoeken:detail", pk=onderzoek.pk)
    handeling = ACTIES.get(request.POST.get("actie", ""))
    if handeling is None:
        messages.error(request, _("Onbekende handeling."))
        return terug
    try:
        messages.success(request, handeling(request, onderzoek))
    except ValidationError as error:
        for tekst in error.messages:
            messages.error(request, tekst)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("Dat mag u in dit onderzoek niet."))
    except kluis.GeenToegang as error:
        messages.error(request, str(error) or str(GEEN_TOEGANG))
    return terug


@require_GET
@requires(Capability.ONDERZOEK_REGISTER)
def bestand(request: HttpRequest, pk: int, soort: str, nummer: int) -> HttpResponse:
    """A registered document (``soort`` "registratie", ``nummer`` its id) or an evidence file
    ("bewijs", its number in the log), decrypted for a participant with access; opening the
    vault is an audit event."""
    onderzoek = onderzoek_of_404(request, pk)
    rij: Registratie | Bewijsstuk | None
    if soort == "registratie":
        rij = Registratie.objects.filter(onderzoek=onderzoek, pk=nummer).first()
    elif soort == "bewijs":
        rij = Bewijsstuk.objects.filter(onderzoek=onderzoek, volgnummer=nummer).first()
    else:
        rij = None
    if rij is None or not rij.bestand:
        raise Http404
    lezing = inzage(request, onderzoek, services.zaakrollen(onderzoek, request.user))
    if lezing.sleutel is None:
        messages.error(request, lezing.tekst)
        return redirect("onderzoeken:detail", pk=onderzoek.pk)
    naam = services.inhoud_lezen(
        lezing.sleutel, onderzoek, "bestandsnaam", bytes(rij.bestandsnaam or b"")
    )
    with rij.bestand.open("rb") as handle:
        data = kluis.inhoud_ontsleutelen(onderzoek.kluis, lezing.sleutel, "bestand", handle.read())
    extensie = ("." + naam.rsplit(".", 1)[-1].lower()) if "." in naam else ""
    response = HttpResponse(
        data, content_type=BIJLAGE_TYPES.get(extensie, "application/octet-stream")
    )
    veilig = "".join(c for c in naam if c.isalnum() or c in "._- ") or "bestand"
    response["Content-Disposition"] = f'attachment; filename="{veilig}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
