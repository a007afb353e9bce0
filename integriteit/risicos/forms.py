"""Forms of the risk analysis instrument. They parse input; the rules (matrix range, residual
not above inherent, due dates) are checked by the services, whose messages land on the
fields (``add_service_errors``)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.common.schendingen import Schending
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.organisaties.models import Organisatie
from integriteit.risicos.constants import (
    FunctieMaatregel,
    KwetsbaarGebied,
    MaatregelStatus,
    Methode,
)
from integriteit.risicos.matrix import MATRICES, Matrix
from integriteit.risicos.services import (
    AnalyseOpzet,
    FunctieGegevens,
    MaatregelGegevens,
    RisicoGegevens,
)

CHECKBOX_ATTRS = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceErrorsMixin:
    """Forms are ``novalidate``: errors come from the server, in Dutch, on the field (the
    shared ``StyledFormMixin.add_service_errors``)."""

    use_required_attribute = False


class OrganisatieField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.naam} ({obj.code})"


class AnalyseForm(ServiceErrorsMixin, StyledForm):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    datum = forms.DateField(
        label=_("Datum"), widget=_date_input(), help_text=_("Dag van de workshop of het afronden.")
    )
    methoden = forms.MultipleChoiceField(
        label=_("Methoden"),
        choices=Methode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX_ATTRS),
        help_text=_("Kies alle methoden die u hebt gebruikt."),
    )
    deelnemers_aantal = forms.IntegerField(
        label=_("Aantal deelnemers"), min_value=0, required=False
    )
    deelnemers_omschrijving = forms.CharField(
        label=_("Deelnemers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Welke onderdelen en functies deden mee; geen namen."),
    )
    betrokkenheid = forms.CharField(
        label=_("Betrokkenheid van medewerkers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hoe medewerkers van de werkvloer hebben bijgedragen."),
    )
    golf = forms.ModelChoiceField(
        label=_("Onderzoeksgolf"),
        queryset=Golf.objects.none(),
        required=False,
        help_text=_("Optioneel: de golf van het medewerkersonderzoek die als invoer dient."),
    )

    def __init__(self, *args: Any, golven: QuerySet[Golf], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["golf"]).queryset = golven  # type: ignore[type-arg]

    def opzet(self) -> AnalyseOpzet:
        d = self.cleaned_data
        return AnalyseOpzet(
            titel=d["titel"],
            datum=d["datum"],
            methoden=tuple(d["methoden"]),
            deelnemers_aantal=d["deelnemers_aantal"],
            deelnemers_omschrijving=d["deelnemers_omschrijving"],
            betrokkenheid=d["betrokkenheid"],
            golf=d["golf"],
        )


class AnalyseNieuwForm(AnalyseForm):
    organisatie = OrganisatieField(label=_("Organisatie"), queryset=Organisatie.objects.none())
    matrix_grootte = forms.TypedChoiceField(
        label=_("Matrix"),
        choices=[(5, _("5 × 5 (standaard)")), (4, _("4 × 4"))],
        coerce=int,
        initial=5,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_("Aantal stappen van kans en impact; ligt daarna vast."),
    )
    field_order = ["organisatie", "titel", "datum", "matrix_grootte"]

    def __init__(self, *args: Any, organisaties: QuerySet[Organisatie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrganisatieField, self.fields["organisatie"]).queryset = organisaties
        golf_field = cast(forms.ModelChoiceField, self.fields["golf"])  # type: ignore[type-arg]
        boven = {pk for o in organisaties for pk in o.ancestor_ids}
        golf_field.queryset = Golf.objects.filter(organisatie_id__in=sorted(boven)).order_by(
            "-start"
        )


def _schaal(label: str, labels: list[tuple[int, str]], *, required: bool = False) -> forms.Field:
    # An IntegerField, not a ChoiceField: a value off the matrix reaches the service, whose
    # message names the field and the matrix ("Kans: kies een waarde van 1 tot en met 4.").
    return forms.IntegerField(
        label=label,
        required=required,
        widget=forms.RadioSelect(
            attrs=RADIO_ATTRS, choices=[("", _("Nog niet beoordeeld")), *labels]
        ),
    )


class RisicoForm(ServiceErrorsMixin, StyledForm):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    gebied = forms.CharField(
        label=_("Gebied, proces of functie"),
        max_length=200,
        help_text=_("Waar het risico zich voordoet, bv. Inkoop / aanbesteding ICT."),
    )
    kwetsbaar_gebied = forms.ChoiceField(
        label=_("Kwetsbaar gebied"), choices=KwetsbaarGebied.choices
    )
    schending = forms.ChoiceField(label=_("Soort schending"), choices=Schending.choices)
    omschrijving = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 4})
    )
    eigenaar = forms.CharField(
        label=_("Eigenaar"), max_length=200, help_text=_("Een functie, geen naam.")
    )
    kans = forms.IntegerField(label=_("Kans"), required=False)
    impact = forms.IntegerField(label=_("Impact"), required=False)
    bestaande_beheersing = forms.CharField(
        label=_("Bestaande beheersmaatregelen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rest_kans = forms.IntegerField(label=_("Restkans"), required=False)
    rest_impact = forms.IntegerField(label=_("Restimpact"), required=False)

    def __init__(self, *args: Any, matrix: Matrix, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kansen = [(w, f"{w} – {matrix.kans_label(w)}") for w in matrix.waarden]
        impacts = [(w, f"{w} – {matrix.impact_label(w)}") for w in matrix.waarden]
        hulp = _("Op de %(n)d × %(n)d-matrix van deze analyse; leeg: nog niet beoordeeld.") % {
            "n": matrix.grootte
        }
        for naam, keuzes in (
            ("kans", kansen),
            ("impact", impacts),
            ("rest_kans", kansen),
            ("rest_impact", impacts),
        ):
            field = _schaal(str(self.fields[naam].label), keuzes)
            field.help_text = hulp
            self.fields[naam] = field
        self.fields["rest_kans"].help_text = _(
            "Met de bestaande beheersing; niet hoger dan de kans."
        )
        self.fields["rest_impact"].help_text = _(
            "Met de bestaande beheersing; niet hoger dan de impact."
        )

    def gegevens(self) -> RisicoGegevens:
        d = self.cleaned_data
        return RisicoGegevens(
            titel=d["titel"],
            gebied=d["gebied"],
            kwetsbaar_gebied=d["kwetsbaar_gebied"],
            schending=d["schending"],
            omschrijving=d["omschrijving"],
            eigenaar=d["eigenaar"],
            kans=d["kans"],
            impact=d["impact"],
            bestaande_beheersing=d["bestaande_beheersing"],
            rest_kans=d["rest_kans"],
            rest_impact=d["rest_impact"],
        )


class MaatregelForm(ServiceErrorsMixin, StyledForm):
    omschrijving = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3})
    )
    eigenaar = forms.CharField(
        label=_("Eigenaar"), max_length=200, help_text=_("Een functie, geen naam.")
    )
    uiterlijk = forms.DateField(label=_("Uiterlijk gereed"), widget=_date_input())
    status = forms.ChoiceField(
        label=_("Status"),
        choices=MaatregelStatus.choices,
        initial=MaatregelStatus.GEPLAND,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
    )

    def gegevens(self) -> MaatregelGegevens:
        d = self.cleaned_data
        return MaatregelGegevens(
            omschrijving=d["omschrijving"],
            eigenaar=d["eigenaar"],
            uiterlijk=d["uiterlijk"],
            status=d["status"],
        )


class FunctieForm(ServiceErrorsMixin, StyledForm):
    functie = forms.CharField(label=_("Functie"), max_length=200)
    eenheid = forms.CharField(label=_("Onderdeel"), max_length=200)
    waarom = forms.CharField(
        label=_("Waarom kwetsbaar"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bevoegdheden, informatie, geld of contacten die de functie kwetsbaar maken."),
    )
    maatregelen = forms.MultipleChoiceField(
        label=_("Maatregelen"),
        choices=FunctieMaatregel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX_ATTRS),
    )
    toelichting = forms.CharField(
        label=_("Toelichting op de maatregelen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def gegevens(self) -> FunctieGegevens:
        d = self.cleaned_data
        return FunctieGegevens(
            functie=d["functie"],
            eenheid=d["eenheid"],
            waarom=d["waarom"],
            maatregelen=tuple(d["maatregelen"]),
            toelichting=d["toelichting"],
        )


class CatalogusFilterForm(StyledForm):
    schending = forms.ChoiceField(
        label=_("Soort schending"),
        choices=[("", _("Alle soorten")), *Schending.choices],
        required=False,
    )
    gebied = forms.ChoiceField(
        label=_("Kwetsbaar gebied"),
        choices=[("", _("Alle gebieden")), *KwetsbaarGebied.choices],
        required=False,
    )


GROOTTES = sorted(MATRICES)
