"""Forms of the registry: the filters (GET), registering a report received by phone, mail or in
person, and the small forms of the handling steps. They parse input; the services decide what
is valid and their errors go back on the fields (``ServiceErrorsMixin``)."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.accounts.models import Gebruiker
from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.meldingen.constants import (
    BIJLAGE_MAX_BYTES,
    BIJLAGE_TYPES,
    BIJLAGEN_MAX,
    Afloop,
    Kanaal,
    Meldingsoort,
    Status,
    Triage,
    Zichtbaarheid,
)
from integriteit.meldingen.selectors_register import Filters
from integriteit.normenkader.forms import ServiceErrorsMixin
from integriteit.organisaties.models import Organisatie

#: Channels a coordinator registers by hand (web reports come in themselves; imports by CSV).
HANDMATIGE_KANALEN = [
    (k.value, k.label) for k in (Kanaal.TELEFOON, Kanaal.POST, Kanaal.PERSOONLIJK)
]


def _met_alle(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("Alle")), *choices]


def _datum(**kwargs: Any) -> forms.DateField:
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


#: Radio buttons in the NL Design System style (see includes/radio_field.html).


class RegisterFilterForm(StyledForm):
    """The registry's filters; an invalid value is ignored (the list stays usable)."""

    use_required_attribute = False

    soort = forms.ChoiceField(label=_("Soort"), required=False, choices=[])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[])
    kanaal = forms.ChoiceField(label=_("Kanaal"), required=False, choices=[])
    van = _datum(label=_("Ontvangen vanaf"), required=False)
    tot = _datum(label=_("Ontvangen tot en met"), required=False)
    verlopen = forms.BooleanField(
        label=_("Alleen meldingen met een verlopen termijn"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["soort"]).choices = _met_alle(Meldingsoort.choices)
        cast(forms.ChoiceField, self.fields["status"]).choices = _met_alle(Status.choices)
        cast(forms.ChoiceField, self.fields["kanaal"]).choices = _met_alle(Kanaal.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        van, tot = data.get("van"), data.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data

    def filters(self) -> Filters:
        """The valid part of the filters (invalid fields count as empty)."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(
            soort=data.get("soort") or "",
            status=data.get("status") or "",
            kanaal=data.get("kanaal") or "",
            van=data.get("van"),
            tot=data.get("tot"),
            alleen_verlopen=bool(data.get("verlopen")),
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def _niet_in_de_toekomst(dag: date) -> None:
    if dag > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."))


class OrganisatieKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.naam} ({obj.code})"


class MeldingRegistrerenForm(ServiceErrorsMixin, StyledForm):
    """A report the coordinator received by phone, mail or in person."""

    organisatie = OrganisatieKeuze(
        queryset=Organisatie.objects.none(),
        label=_("Organisatie"),
        help_text=_("Waar de melding binnenkwam."),
        empty_label=None,
    )
    kanaal = forms.ChoiceField(
        label=_("Kanaal"), choices=HANDMATIGE_KANALEN, help_text=_("Hoe de melding binnenkwam.")
    )
    ontvangen_op = _datum(
        label=_("Ontvangen op"),
        validators=[_niet_in_de_toekomst],
        help_text=_("De dag van ontvangst; de wettelijke termijnen lopen vanaf deze dag."),
    )
    soort = forms.ChoiceField(label=_("Soort melding"), choices=[("", "—"), *Meldingsoort.choices])
    wat = forms.CharField(
        label=_("Wat is er gebeurd?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Zo feitelijk mogelijk, in de woorden van de melder."),
    )
    wanneer = forms.CharField(label=_("Wanneer?"), required=False, max_length=500)
    waar = forms.CharField(label=_("Waar?"), required=False, max_length=500)
    betrokkenen = forms.CharField(
        label=_("Wie zijn erbij betrokken?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    naam = forms.CharField(
        label=_("Naam van de melder"),
        required=False,
        max_length=200,
        help_text=_(
            "Laat leeg als de melder anoniem wil blijven. Naam en contactgegevens gaan in een "
            "aparte, versleutelde identiteitskluis."
        ),
    )
    contact = forms.CharField(
        label=_("Contactgegevens van de melder"), required=False, max_length=500
    )
    bijlagen = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=_("Maximaal %(n)d bestanden van elk hoogstens %(mb)d MB (%(types)s).")
        % {
            "n": BIJLAGEN_MAX,
            "mb": BIJLAGE_MAX_BYTES // (1024 * 1024),
            "types": ", ".join(sorted(BIJLAGE_TYPES)),
        },
    )

    def __init__(self, *args: Any, organisaties: QuerySet[Organisatie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisatie"]).queryset = organisaties  # type: ignore[type-arg]
        self.fields["ontvangen_op"].initial = timezone.localdate()

    def uploads(self) -> list[UploadedFile]:
        return list(self.cleaned_data.get("bijlagen") or [])


# --- the handling steps (each its own small form on the report's page) ----------------------


class DagForm(StyledForm):
    """Acknowledgement or feedback: the day it was sent (today by default)."""

    use_required_attribute = False

    op = _datum(
        label=_("Verstuurd op"),
        validators=[_niet_in_de_toekomst],
        help_text=_("Leeg laten: vandaag."),
        required=False,
    )


class TriageForm(ServiceErrorsMixin, StyledForm):
    triage = forms.ChoiceField(
        label=_("Uitkomst van de triage"),
        choices=Triage.choices,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_("Wat er met de melding gebeurt."),
    )


class BerichtForm(ServiceErrorsMixin, StyledForm):
    tekst = forms.CharField(
        label=_("Bericht of notitie"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Wie mag dit lezen?"),
        choices=Zichtbaarheid.choices,
        initial=Zichtbaarheid.TEAM,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_(
            "Gedeeld met de melder: zichtbaar in de postbus van de melder. Intern: alle "
            "behandelaars. Persoonlijk: alleen u."
        ),
    )


class BehandelaarForm(ServiceErrorsMixin, StyledForm):
    behandelaar = forms.ModelChoiceField(
        queryset=Gebruiker.objects.none(),
        label=_("Behandelaar toevoegen"),
        help_text=_(
            "Coördinatoren en bevoegd gezag van de organisatie die al eens hebben ingelogd "
            "(anders hebben zij nog geen sleutel)."
        ),
    )

    def __init__(self, *args: Any, kandidaten: QuerySet[Gebruiker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["behandelaar"]).queryset = kandidaten  # type: ignore[type-arg]


class BehandelaarVerwijderenForm(ServiceErrorsMixin, StyledForm):
    behandelaar = forms.ModelChoiceField(
        queryset=Gebruiker.objects.none(),
        label=_("Behandelaar laten stoppen"),
        help_text=_(
            "Bijvoorbeeld bij schijn van belangenverstrengeling. Deze persoon verliest de "
            "toegang tot de inhoud, en tot de identiteit van de melder als die op verzoek "
            "was gegeven."
        ),
    )
    reden = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wordt niet in het auditlog opgenomen; alleen dat er een reden was."),
        error_messages={"required": _("Geef de reden waarom deze behandelaar stopt.")},
    )

    def __init__(self, *args: Any, behandelaars: QuerySet[Gebruiker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["behandelaar"]).queryset = behandelaars  # type: ignore[type-arg]


class AfsluitenForm(ServiceErrorsMixin, StyledForm):
    afloop = forms.ChoiceField(
        label=_("Afloop"),
        choices=Afloop.choices,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_("Hoe de melding is afgelopen; bepaalt ook de bewaartermijn."),
    )
