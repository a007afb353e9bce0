"""Forms of the annual integrity report: a new year, BZK's narrative per chapter, the
confirmation of publishing and the reason of a correction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from integriteit.common.forms import StyledForm
from integriteit.rapportages.jaarverslag_constants import HOOFDSTUKKEN, MAX_TEKST


class NieuwForm(StyledForm):
    jaar = forms.IntegerField(
        label=_("Jaar"), help_text=_("Het verslagjaar, bijvoorbeeld het afgelopen jaar.")
    )


class TekstenForm(StyledForm):
    """One text area per chapter, in the order of the report."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, titel in HOOFDSTUKKEN:
            self.fields[code] = forms.CharField(
                label=str(titel),
                required=False,
                max_length=MAX_TEKST,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_(
                    "Gewone tekst; een lege regel begint een nieuwe alinea. Opmaak of html "
                    "wordt als tekst getoond."
                ),
            )

    def teksten(self) -> dict[str, str]:
        return {code: str(self.cleaned_data.get(code) or "") for code, _titel in HOOFDSTUKKEN}


class PubliceerForm(StyledForm):
    bevestig = forms.BooleanField(
        label=_("Ik begrijp dat publiceren definitief is"),
        help_text=_(
            "Na publiceren liggen de cijfers en teksten vast en is het verslag voor iedereen "
            "te lezen. Een fout herstelt u alleen met een nieuwe versie."
        ),
        error_messages={"required": _("Bevestig dat publiceren definitief is.")},
    )


class CorrectieForm(StyledForm):
    reden = forms.CharField(
        label=_("Reden van de correctie"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Komt in de nieuwe versie te staan, zichtbaar voor iedereen."),
    )
