"""Forms of the policy record. They only parse input (dates, numbers, choices); the services
decide what is valid and their ValidationErrors are put back on the fields, so every rule and
its Dutch message lives in one place (``services.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from integriteit.beleid import services
from integriteit.beleid.constants import (
    ACTUALITEIT_MAANDEN_STANDAARD,
    ActieStatus,
    Bron,
    InstrumentSoort,
    RapporteertAan,
    Richting,
    Streefniveau,
)
from integriteit.beleid.models import Beleid, Doel, Evaluatie, Instrument, Vervolgactie
from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.meldingen.constants import Meldingsoort

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    Label = str | _StrPromise
else:
    Label = str


def _datum(label: Label, help_text: Label = "", *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _tekst(label: Label, help_text: Label = "", *, lang: bool = False) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 5}) if lang else forms.TextInput()
    return forms.CharField(label=label, help_text=help_text, required=False, widget=widget)


class BeleidForm(StyledForm):
    """Service errors land on the fields: ``add_service_errors`` (common/forms.py)."""

    use_required_attribute = False


class VisieForm(BeleidForm):
    visie = _tekst(
        _("Visie op integriteit"),
        _("Vanuit welke visie hangen de onderdelen van het beleid samen? (norm 2)"),
        lang=True,
    )
    document_titel = _tekst(_("Titel van het beleidsdocument"), _("Het overkoepelende document."))
    document_vastgesteld_op = _datum(_("Vastgesteld op"), _("Niet in de toekomst."))
    document_url = _tekst(_("Link naar het document"), _("Bijvoorbeeld een intranetadres."))
    actualiteit_maanden = forms.IntegerField(
        label=_("Actualiteit (maanden)"),
        initial=ACTUALITEIT_MAANDEN_STANDAARD,
        help_text=_("Instrumenten die langer niet herzien zijn, heten ‘niet actueel’ (6–120)."),
    )

    @staticmethod
    def initial_van(beleid: Beleid | None) -> dict[str, Any]:
        if beleid is None:
            return {}
        return {
            "visie": beleid.visie,
            "document_titel": beleid.document_titel,
            "document_vastgesteld_op": beleid.document_vastgesteld_op,
            "document_url": beleid.document_url,
            "actualiteit_maanden": beleid.actualiteit_maanden,
        }

    def gegevens(self) -> services.BeleidGegevens:
        return services.BeleidGegevens(**self.cleaned_data)


JA_NEE = [("", _("Onbekend")), ("ja", _("Ja")), ("nee", _("Nee"))]


class PositieForm(BeleidForm):
    coordinator_fte = forms.DecimalField(
        label=_("Capaciteit (fte)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_("Formatie voor de integriteitscoördinatie, bijvoorbeeld 1,5."),
    )
    taken_vastgelegd_op = _datum(
        _("Taken formeel vastgelegd op"),
        _("Datum van het besluit of document; leeg als de taken niet formeel zijn vastgelegd."),
    )
    directe_toegang_top = forms.ChoiceField(
        label=_("Directe toegang tot de top op eigen initiatief"),
        choices=JA_NEE,
        required=False,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_("Kan de coördinator zelf, zonder tussenkomst van P&O, naar de SG/pSG?"),
    )
    rapporteert_aan = forms.ChoiceField(
        label=_("Rapporteert aan"),
        choices=[("", "—"), *RapporteertAan.choices],
        required=False,
        help_text=_("Volgens de norm niet via het hoofd P&O/HR."),
    )
    team_budget = _tekst(
        _("Team en budget"), _("Mensen en middelen, in een paar zinnen."), lang=True
    )

    @staticmethod
    def initial_van(beleid: Beleid | None) -> dict[str, Any]:
        if beleid is None:
            return {}
        toegang = beleid.directe_toegang_top
        return {
            "coordinator_fte": beleid.coordinator_fte,
            "taken_vastgelegd_op": beleid.taken_vastgelegd_op,
            "directe_toegang_top": "" if toegang is None else ("ja" if toegang else "nee"),
            "rapporteert_aan": beleid.rapporteert_aan,
            "team_budget": beleid.team_budget,
        }

    def gegevens(self) -> services.PositieGegevens:
        data = dict(self.cleaned_data)
        toegang = data.pop("directe_toegang_top")
        return services.PositieGegevens(
            **data, directe_toegang_top=None if not toegang else toegang == "ja"
        )


class DoelForm(BeleidForm):
    omschrijving = _tekst(_("Doel"), _("Wat het beleid wil bereiken, concreet."))
    indicator = _tekst(_("Indicator"), _("Waaraan u meet of het doel bereikt wordt (verplicht)."))
    bron = forms.ChoiceField(
        label=_("Bron van de waarde"),
        choices=Bron.choices,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_("De huidige waarde wordt uit deze module gehaald als de pagina opent."),
    )
    bron_code = _tekst(
        _("Code in de bron"),
        _("Enquête: vraag- of schaalcode (bv. vb_goed_voorbeeld, voorbeeldgedrag). Norm: "
          "normcode (bv. 9). Meldingen: leeg voor alle, of één soort (bv. %(voorbeeld)s).")
        % {"voorbeeld": Meldingsoort.OMGANGSVORMEN.value},
    )  # fmt: skip
    richting = forms.ChoiceField(
        label=_("Richting"),
        choices=Richting.choices,
        initial=Richting.HOGER,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_("Bij enquête en register: is een hogere of een lagere waarde beter?"),
    )
    streefwaarde = forms.DecimalField(
        label=_("Streefwaarde"),
        required=False,
        max_digits=9,
        decimal_places=2,
        localize=True,
        help_text=_("Bij enquête en register: het getal dat u wilt halen (percentage 0–100)."),
    )
    streefniveau = forms.ChoiceField(
        label=_("Streefniveau"),
        choices=[("", "—"), *Streefniveau.choices],
        required=False,
        help_text=_("Bij een norm: het niveau dat u wilt halen."),
    )

    @staticmethod
    def initial_van(doel: Doel) -> dict[str, Any]:
        velden = ("omschrijving", "indicator", "bron", "bron_code", "richting")
        initial = {veld: getattr(doel, veld) for veld in velden}
        initial |= {"streefwaarde": doel.streefwaarde, "streefniveau": doel.streefniveau}
        return initial

    def gegevens(self) -> services.DoelGegevens:
        return services.DoelGegevens(**self.cleaned_data)


class InstrumentForm(BeleidForm):
    soort = forms.ChoiceField(label=_("Soort"), choices=InstrumentSoort.choices)
    naam = _tekst(_("Naam"), _("Bijvoorbeeld: Gedragscode OCW 2024."))
    eigenaar = _tekst(_("Eigenaar (functie)"), _("De functie, geen naam van een persoon."))
    herzien_op = _datum(_("Laatst herzien op"), _("Niet in de toekomst."))
    url = _tekst(_("Link"), _("Waar het instrument te vinden is."))
    omschrijving = _tekst(_("Omschrijving"), _("Korte toelichting, als dat helpt."), lang=True)

    @staticmethod
    def initial_van(instrument: Instrument) -> dict[str, Any]:
        velden = ("soort", "naam", "eigenaar", "herzien_op", "url", "omschrijving")
        return {veld: getattr(instrument, veld) for veld in velden}

    def gegevens(self) -> services.InstrumentGegevens:
        return services.InstrumentGegevens(**self.cleaned_data)


class EvaluatieForm(BeleidForm):
    datum = _datum(_("Datum"), _("Datum van het evaluatierapport; niet in de toekomst."))
    reikwijdte = _tekst(_("Reikwijdte"), _("Het hele beleid, of welke onderdelen."))
    tegen_doelen = forms.BooleanField(
        label=_("Getoetst aan de concrete doelen en indicatoren"), required=False
    )
    bevindingen = _tekst(_("Bevindingen"), _("De belangrijkste conclusies."), lang=True)

    @staticmethod
    def initial_van(evaluatie: Evaluatie) -> dict[str, Any]:
        velden = ("datum", "reikwijdte", "tegen_doelen", "bevindingen")
        return {veld: getattr(evaluatie, veld) for veld in velden}

    def gegevens(self) -> services.EvaluatieGegevens:
        return services.EvaluatieGegevens(**self.cleaned_data)


class ActieForm(BeleidForm):
    omschrijving = _tekst(_("Actie"), _("Wat er moet gebeuren."))
    eigenaar = _tekst(_("Eigenaar (functie)"), _("Wie de actie uitvoert."))
    deadline = _datum(_("Uiterlijk"), _("Wanneer de actie klaar moet zijn."))
    status = forms.ChoiceField(
        label=_("Status"), choices=ActieStatus.choices, initial=ActieStatus.OPEN
    )

    @staticmethod
    def initial_van(actie: Vervolgactie) -> dict[str, Any]:
        velden = ("omschrijving", "eigenaar", "deadline", "status")
        return {veld: getattr(actie, veld) for veld in velden}

    def gegevens(self) -> services.ActieGegevens:
        return services.ActieGegevens(**self.cleaned_data)
