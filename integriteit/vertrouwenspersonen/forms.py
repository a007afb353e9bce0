"""Forms of the confidential advisers' module. They parse input; the rules (dates, ranges,
names in free text, substantive responses) are checked once, in ``services``, and a refusal
comes back onto the form with :func:`fouten_naar_form`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.accounts.models import Gebruiker
from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.vertrouwenspersonen.constants import MAX_DUUR_MINUTEN, Categorie, Soort, Vervolg
from integriteit.vertrouwenspersonen.services import NAAM_CONTROLE

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NaamControleForm(StyledForm):
    """A form with free text: the confirmation box appears once the name warning fired."""

    naam_gecontroleerd = forms.BooleanField(
        label=_("Ik heb gecontroleerd: de tekst noemt niemand"),
        help_text=_(
            "Vink dit alleen aan als wat de waarschuwing vond geen persoon is (bijvoorbeeld "
            "een functie of een organisatie)."
        ),
        required=False,
    )

    @property
    def naamwaarschuwing(self) -> bool:
        """Show the confirmation box: the warning fired, or it was ticked already."""
        return NAAM_CONTROLE in self.errors or bool(self.data.get(NAAM_CONTROLE))


def fouten_naar_form(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` onto the form, each message on its field."""
    if hasattr(error, "error_dict"):
        for veld, fouten in error.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, error.messages)


class ContactForm(NaamControleForm):
    datum = forms.DateField(
        label=_("Datum"), widget=DATUM, help_text=_("Dag van het gesprek; niet in de toekomst.")
    )
    duur_minuten = forms.IntegerField(
        label=_("Duur in minuten"),
        min_value=1,
        max_value=MAX_DUUR_MINUTEN,
        help_text=_("Van 1 tot 600 minuten."),
    )
    categorie = forms.ChoiceField(
        label=_("Categorie"), choices=Categorie.choices, help_text=_("Waar het gesprek over ging.")
    )
    vervolg = forms.ChoiceField(
        label=_("Vervolg"),
        choices=Vervolg.choices,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_("Waartoe het gesprek leidde."),
    )
    notitie = forms.CharField(
        label=_("Eigen notitie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Alleen voor uzelf, versleuteld opgeslagen. Noem geen namen, e-mailadressen of "
            "telefoonnummers."
        ),
    )
    field_order = ["datum", "duur_minuten", "categorie", "vervolg", "notitie", NAAM_CONTROLE]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()


class OverlegForm(NaamControleForm):
    datum = forms.DateField(label=_("Datum"), widget=DATUM, help_text=_("Dag van het overleg."))
    tussentijds = forms.BooleanField(
        label=_("Tussentijds overleg"),
        required=False,
        help_text=_("Een extra overleg naar aanleiding van iets, buiten de vaste momenten."),
    )
    aanwezig_bevoegd_gezag = forms.CharField(
        label=_("Aanwezig namens het bevoegd gezag"),
        max_length=200,
        help_text=_("De functie, niet de naam, bijvoorbeeld ‘secretaris-generaal’."),
    )
    onderwerpen = forms.CharField(
        label=_("Besproken onderwerpen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Zonder namen van personen."),
    )
    field_order = ["datum", "tussentijds", "aanwezig_bevoegd_gezag", "onderwerpen", NAAM_CONTROLE]


class WaarnemingenForm(NaamControleForm):
    waarnemingen = forms.CharField(
        label=_("Waarnemingen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Wat u dit jaar opviel: thema's, ontwikkelingen, knelpunten. Zonder namen van personen."
        ),
    )
    field_order = ["waarnemingen", NAAM_CONTROLE]


class AanbevelingForm(NaamControleForm):
    tekst = forms.CharField(
        label=_("Aanbeveling aan het bevoegd gezag"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat het bevoegd gezag zou moeten doen, en waarom. Zonder namen."),
    )
    field_order = ["tekst", NAAM_CONTROLE]


class ReactieForm(NaamControleForm):
    reactie = forms.CharField(
        label=_("Inhoudelijke reactie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Wat u met de aanbeveling doet en waarom, minstens 40 tekens. ‘Gezien’ of "
            "‘akkoord’ is geen inhoudelijke reactie."
        ),
    )
    field_order = ["reactie", NAAM_CONTROLE]


class OpvolgingForm(NaamControleForm):
    opvolging = forms.CharField(
        label=_("Opvolging"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat er daadwerkelijk met de aanbeveling is gedaan."),
    )
    field_order = ["opvolging", NAAM_CONTROLE]


class ProfielForm(StyledForm):
    publieke_naam = forms.CharField(
        label=_("Naam op de publieke pagina"),
        max_length=200,
        help_text=_("Zo vinden medewerkers de vertrouwenspersoon."),
    )
    soort = forms.ChoiceField(
        label=_("Soort"),
        choices=Soort.choices,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_("Intern (eigen medewerker) of extern (van een bureau)."),
    )
    gebruiker = forms.ModelChoiceField(
        label=_("Account"),
        queryset=Gebruiker.objects.none(),
        required=False,
        help_text=_(
            "Het account met de rol vertrouwenspersoon waarmee het logboek wordt bijgehouden. "
            "Leeg voor een externe vertrouwenspersoon zonder account."
        ),
    )
    extern_bureau = forms.CharField(
        label=_("Extern bureau"),
        max_length=200,
        required=False,
        help_text=_("Alleen voor een externe vertrouwenspersoon."),
    )
    bereikbaarheid = forms.CharField(
        label=_("Bereikbaarheid"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Telefoonnummer en e-mailadres van de functie, spreekuur. Publiek."),
    )
    basisopleiding_op = forms.DateField(
        label=_("Basisopleiding afgerond op"),
        widget=DATUM,
        required=False,
        help_text=_("De meerdaagse basisopleiding volgens het Kader Uniforme Basiseisen."),
    )
    uren_per_week = forms.DecimalField(
        label=_("Uren per week"),
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=40,
        required=False,
        help_text=_("De vastgestelde uren voor dit werk."),
    )
    termijn_van = forms.DateField(
        label=_("Benoemd van"), widget=DATUM, help_text=_("Eerste dag van de termijn.")
    )
    termijn_tot = forms.DateField(
        label=_("Benoemd tot en met"),
        widget=DATUM,
        required=False,
        help_text=_("Laatste dag van de termijn; leeg als die nog niet vastligt."),
    )
    taken_vastgelegd = forms.BooleanField(
        label=_("Taken en bevoegdheden zijn op schrift gesteld"), required=False
    )
    intervisie = forms.BooleanField(label=_("Neemt deel aan intervisie"), required=False)
    scholingsbudget = forms.BooleanField(
        label=_("Er is budget voor (bij)scholing en faciliteiten"), required=False
    )

    def __init__(self, *args: Any, kandidaten: Any, organisaties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gebruiker"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = kandidaten
        self.fields["organisatie"] = forms.ModelChoiceField(
            label=_("Organisatie"),
            queryset=organisaties,
            help_text=_("Voor wie de vertrouwenspersoon er is, meestal het ministerie."),
        )
        self.order_fields(["organisatie", "publieke_naam", "soort", "gebruiker"])
        self.fields["organisatie"].widget.attrs.setdefault(
            "class", "utrecht-select utrecht-select--html-select"
        )


class BeeindigenForm(StyledForm):
    op = forms.DateField(
        label=_("Laatste dag van de termijn"),
        widget=DATUM,
        help_text=_("Na deze dag staat de vertrouwenspersoon niet meer op de publieke pagina."),
    )
