from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from integriteit.common.forms import StyledForm
from integriteit.common.roles import Rol
from integriteit.organisaties.models import Organisatie


class LoginForm(StyledForm):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(StyledForm):
    code = forms.RegexField(
        label=_("Code uit uw authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        help_text=_("De zes cijfers die uw app nu toont, bijvoorbeeld 123456."),
        error_messages={"invalid": _("Vul de zes cijfers in die uw app toont.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()


class GebruikerCreateForm(StyledForm):
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    password = forms.CharField(
        label=_("Eerste wachtwoord"),
        strip=False,
        help_text=_(
            "Minstens 12 tekens. Geef het via een ander kanaal door; de gebruiker stelt bij "
            "de eerste keer inloggen tweestapsverificatie in."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class OrganisatieChoiceField(forms.ModelChoiceField[Organisatie]):
    """Organisations indented by depth, so the select reads as the tree."""

    def label_from_instance(self, obj: Organisatie) -> str:
        return f"{'— ' * obj.diepte}{obj.naam} ({obj.code})"


class LidmaatschapForm(StyledForm):
    organisatie = OrganisatieChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.none(),  # set per request: the administrator's scope
        help_text=_("Het knooppunt waarop de rol geldt."),
    )
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices)
    recursief = forms.BooleanField(
        label=_("Ook voor alle onderliggende onderdelen"), required=False, initial=True
    )
    geldig_tot = forms.DateField(
        label=_("Geldig tot en met"),
        required=False,
        help_text=_("Leeg laten voor onbepaalde tijd. Formaat: jjjj-mm-dd."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, organisaties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(OrganisatieChoiceField, self.fields["organisatie"])
        field.queryset = organisaties
