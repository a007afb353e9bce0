"""The form of the token page: a name and how many days the token is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from integriteit.api.constants import MAX_GELDIG_DAGEN, STANDAARD_GELDIG_DAGEN
from integriteit.common.forms import StyledForm


class ApiTokenForm(StyledForm):
    naam = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Waarvoor het token dient, zodat u het later herkent en kunt intrekken."),
        error_messages={"required": _("Geef het token een naam, zodat u het later herkent.")},
    )
    geldig_dagen = forms.IntegerField(
        label=_("Geldig (dagen)"),
        min_value=1,
        max_value=MAX_GELDIG_DAGEN,
        initial=STANDAARD_GELDIG_DAGEN,
        help_text=_("Standaard %(d)d dagen, hoogstens %(max)d.")
        % {"d": STANDAARD_GELDIG_DAGEN, "max": MAX_GELDIG_DAGEN},
    )
