"""Forms of the identity custodian and the reporting procedure: asking for a reporter's
identity, the custodian's decision, and the procedure's settings. They parse input; the
services in ``identiteit.py`` decide what is valid and their errors go back on the fields
(``ServiceErrorsMixin``)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from integriteit.accounts.models import Gebruiker
from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.meldingen.identiteit import MAX_REDEN
from integriteit.meldingen.regeling import MAX_TOELICHTING, RegelingGegevens
from integriteit.normenkader.forms import ServiceErrorsMixin


class IdentiteitsverzoekForm(ServiceErrorsMixin, StyledForm):
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REDEN,
        help_text=_(
            "Waarom heeft u de identiteit van de melder nodig voor de behandeling? De "
            "identiteitsbewaarder beslist; uw verzoek en de beslissing worden vastgelegd."
        ),
        error_messages={"required": _("Reden: schrijf waarom u de identiteit nodig heeft.")},
    )


BESLUITEN = [("goedkeuren", _("Goedkeuren")), ("afwijzen", _("Afwijzen"))]


class BeslissingForm(ServiceErrorsMixin, StyledForm):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=BESLUITEN,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_(
            "Goedkeuren: u opent de identiteitskluis met uw eigen sleutel en geeft de aanvrager "
            "toegang."
        ),
        error_messages={"required": _("Besluit: kies goedkeuren of afwijzen.")},
    )
    motivering = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REDEN,
        help_text=_("De aanvrager ziet uw motivering bij de melding."),
        error_messages={"required": _("Motivering: schrijf waarom u zo beslist.")},
    )


def _getal(label: Any, help_text: Any) -> forms.IntegerField:
    # No min/max here: the service refuses out-of-range values with a message that names
    # the field and the legal maximum.
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        error_messages={
            "required": format_lazy(_("{veld}: vul een getal in."), veld=label),
            "invalid": format_lazy(_("{veld}: vul een heel getal in."), veld=label),
        },
    )


class BewaarderField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        naam = obj.get_full_name() or obj.username
        if not hasattr(obj, "kluissleutel"):
            return str(_("%(naam)s (nog geen sleutel)") % {"naam": naam})
        return str(naam)


class RegelingForm(ServiceErrorsMixin, StyledForm):
    bevestiging_dagen = _getal(
        _("Ontvangstbevestiging binnen (dagen)"),
        _("1 tot en met 7: de Wet bescherming klokkenluiders staat hoogstens 7 dagen toe."),
    )
    terugkoppeling_maanden = _getal(
        _("Terugkoppeling binnen (maanden)"),
        _("1 tot en met 3: de wet staat hoogstens 3 maanden toe."),
    )
    werkdagen = forms.BooleanField(
        label=_("Termijnen in werkdagen (zonder weekend en feestdagen)"), required=False
    )
    waarschuwen_dagen = _getal(
        _("Waarschuwen vooraf (dagen)"),
        _("Zoveel dagen voor een termijn verloopt krijgen de behandelaars een e-mail (0 tot 30)."),
    )
    toelichting = forms.CharField(
        label=_("Toelichting op de meldpagina"),
        required=False,
        max_length=MAX_TOELICHTING,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Staat op de openbare meldpagina: wie meldingen behandelt, hoe u de "
            "vertrouwenspersoon bereikt, bijzonderheden."
        ),
    )
    identiteitsbewaarder = BewaarderField(
        queryset=Gebruiker.objects.none(),
        label=_("Identiteitsbewaarder"),
        required=False,
        empty_label=_("— nog niemand —"),
        help_text=_(
            "Alleen deze persoon opent de identiteitskluis van nieuwe meldingen, en beslist "
            "over verzoeken om de identiteit van een melder. Kies bij voorkeur iemand die zelf "
            "geen meldingen behandelt."
        ),
    )

    def __init__(self, *args: Any, kandidaten: QuerySet[Gebruiker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = cast(BewaarderField, self.fields["identiteitsbewaarder"])
        veld.queryset = kandidaten.select_related("kluissleutel")

    def gegevens(self) -> RegelingGegevens:
        data = self.cleaned_data
        return RegelingGegevens(
            bevestiging_dagen=data["bevestiging_dagen"],
            terugkoppeling_maanden=data["terugkoppeling_maanden"],
            werkdagen=bool(data["werkdagen"]),
            waarschuwen_dagen=data["waarschuwen_dagen"],
            toelichting=data["toelichting"].strip(),
            identiteitsbewaarder=data["identiteitsbewaarder"],
        )
