"""Forms for assessing: starting an assessment, its workflow, a rating, evidence and
improvement actions. They parse input; the services decide what may be written, and their
ValidationErrors are put back onto the fields with :meth:`ServiceErrorsMixin.add_service_errors`.
(Forms for uploads and imports live in ``forms_uitwisseling.py``.)"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.normenkader.constants import ONBEKEND, ActieStatus, Soort, Status
from integriteit.normenkader.models import Cyclus, Niveau
from integriteit.organisaties.models import Organisatie

#: Evidence files: at most 20 MB, and only document and image types that browsers do not
#: run (no html, svg or office files with macros).
BEWIJS_MAX_BYTES = 20 * 1024 * 1024
BEWIJS_EXTENSIONS: tuple[str, ...] = (
    "pdf",
    "docx",
    "xlsx",
    "odt",
    "ods",
    "png",
    "jpg",
    "jpeg",
    "txt",
    "csv",
)
#: The model's FileField holds at most 100 characters including the upload folder.
_MAX_NAME = 60


def _date_input() -> forms.DateInput:
    # type=date needs the ISO format, whatever the language of the page.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceErrorsMixin:
    #: No HTML ``required``: the forms are ``novalidate`` (errors come from the server, in
    #: Dutch, on the field), and the design system would paint empty required fields red.
    use_required_attribute = False


class OrganisatieChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.naam} ({obj.code})"


class BeoordelingStartForm(ServiceErrorsMixin, StyledForm):
    """Cycle, organisation and kind; the view passes only what the user may write."""

    cyclus = forms.ModelChoiceField(
        queryset=Cyclus.objects.none(),
        label=_("Cyclus"),
        help_text=_("Het jaar en het normenkader waartegen u beoordeelt."),
        empty_label=None,
    )
    organisatie = OrganisatieChoiceField(
        queryset=Organisatie.objects.none(),
        label=_("Organisatie"),
        help_text=_(
            "Een ministerie (normen 1 tot en met 15) of het Rijk (de normen over de "
            "coördinerende rol). U ziet alleen organisaties die u mag beoordelen."
        ),
        empty_label=_("Kies een organisatie"),
        to_field_name="code",
    )
    soort = forms.ChoiceField(
        label=_("Soort beoordeling"),
        help_text=_("Wie beoordeelt: u ziet alleen de soorten die u mag schrijven."),
    )

    def __init__(
        self,
        *args: Any,
        cycli: QuerySet[Cyclus],
        organisaties: QuerySet[Organisatie],
        soorten: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["cyclus"]).queryset = cycli  # type: ignore[type-arg]
        cast(forms.ModelChoiceField, self.fields["organisatie"]).queryset = organisaties  # type: ignore[type-arg]
        soort_field = cast(forms.ChoiceField, self.fields["soort"])
        soort_field.choices = [(s, Soort(s).label) for s in soorten]
        if len(soorten) == 1:
            self.initial.setdefault("soort", soorten[0])


class TransitionForm(ServiceErrorsMixin, StyledForm):
    naar = forms.ChoiceField(choices=Status.choices, label=_("Nieuwe status"))
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CorrectieForm(ServiceErrorsMixin, StyledForm):
    reden = forms.CharField(
        label=_("Reden van de correctie"),
        help_text=_(
            "Verplicht. Wat was er onjuist of onvolledig? De reden blijft bij de nieuwe versie "
            "staan; de huidige versie blijft ongewijzigd bewaard."
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef de reden van de correctie.")},
    )


class NiveauChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class OordeelForm(ServiceErrorsMixin, StyledForm):
    """Level (one of the framework's scale), finding and source of one rating."""

    niveau = NiveauChoiceField(
        queryset=Niveau.objects.none(),
        label=_("Oordeel"),
        help_text=_(
            "Kies ‘onbekend’ als de norm (nog) niet te beoordelen is; dat telt als "
            "beoordeeld, maar nooit als ‘voldoet’."
        ),
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        empty_label=None,
        error_messages={"required": _("Kies een oordeel.")},
    )
    bevinding = forms.CharField(
        label=_("Bevinding"),
        help_text=_(
            "Waarop het oordeel steunt: wat is er, wat ontbreekt. Verplicht, behalve bij "
            "‘onbekend’."
        ),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _(
                "Beschrijf de bevinding waarop het oordeel steunt; alleen bij ‘onbekend’ mag "
                "die leeg blijven."
            )
        },
    )
    bron = forms.CharField(
        label=_("Bron"),
        help_text=_("Vindplaats, bijvoorbeeld een document of rapport met paragraaf."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, niveaus: QuerySet[Niveau], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["niveau"]).queryset = niveaus  # type: ignore[type-arg]
        if self.is_bound:
            # The finding is required (and shown as such) unless 'onbekend' was chosen.
            onbekend = {
                str(pk) for pk in niveaus.filter(code=ONBEKEND).values_list("pk", flat=True)
            }
            self.fields["bevinding"].required = str(self.data.get("niveau")) not in onbekend


class BewijsForm(ServiceErrorsMixin, StyledForm):
    """A file or a link (exactly one), with what it shows and the date it held on."""

    prefix = "bewijs"  # shares a page with the rating and action forms: unique field ids

    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        help_text=_("Wat laat dit bewijs zien? Bijvoorbeeld ‘Integriteitsbeleid 2024, §2’."),
        max_length=300,
    )
    peildatum = forms.DateField(
        label=_("Geldig op"),
        help_text=_("De datum waarop het document gold of de situatie zo was."),
        widget=_date_input(),
    )
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Pdf, docx, xlsx, odt, ods, png, jpg, txt of csv; hoogstens 20 MB. "
            "Of vul hieronder een link in."
        ),
        required=False,
    )
    url = forms.URLField(
        label=_("Link"),
        help_text=_("Een webadres dat met http:// of https:// begint, als u geen bestand kiest."),
        required=False,
        max_length=1000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": _("Vul een geldig webadres in dat met http(s):// begint.")},
    )

    def clean_bestand(self) -> UploadedFile | None:
        bestand: UploadedFile | None = self.cleaned_data.get("bestand")
        if not bestand:
            return None
        name = PurePath(bestand.name or "").name
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in BEWIJS_EXTENSIONS:
            raise ValidationError(
                _("Bestanden van het type ‘%(ext)s’ worden niet aangenomen. Toegestaan: %(types)s.")
                % {"ext": extension or "?", "types": ", ".join(BEWIJS_EXTENSIONS)}
            )
        if (bestand.size or 0) > BEWIJS_MAX_BYTES:
            raise ValidationError(_("Het bestand is groter dan 20 MB."))
        stem = name[: -len(extension) - 1]
        bestand.name = f"{stem[: _MAX_NAME - len(extension) - 1]}.{extension}"
        return bestand

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file, has_url = bool(data.get("bestand")), bool(data.get("url"))
        if has_file == has_url and not (self.has_error("bestand") or self.has_error("url")):
            message = (
                _("Kies een bestand óf vul een link in, niet allebei.")
                if has_file
                else _("Kies een bestand of vul een link in.")
            )
            self.add_error("bestand", message)
        return data


class ActieForm(ServiceErrorsMixin, StyledForm):
    prefix = "actie"  # shares a page with the rating and evidence forms: unique field ids

    omschrijving = forms.CharField(
        label=_("Wat moet er gebeuren?"),
        help_text=_("Een concrete verbetering op deze norm."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    eigenaar = forms.CharField(
        label=_("Eigenaar"),
        help_text=_("Wie ervoor zorgt: naam of functie."),
        max_length=200,
    )
    deadline = forms.DateField(
        label=_("Deadline"), help_text=_("Uiterlijk klaar op."), widget=_date_input()
    )


class ActieEditForm(ServiceErrorsMixin, StyledForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActieStatus.choices,
        help_text=_("Afronden kan alleen met afsluitend bewijs."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=_date_input())
    afsluitend_bewijs = forms.CharField(
        label=_("Afsluitend bewijs"),
        help_text=_(
            "Waaruit blijkt dat de actie is uitgevoerd, bijvoorbeeld het vastgestelde "
            "document met datum. Verplicht bij ‘afgerond’."
        ),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("status") == ActieStatus.AFGEROND
            and not data.get("afsluitend_bewijs", "").strip()
        ):
            self.add_error(
                "afsluitend_bewijs", _("Beschrijf waaruit blijkt dat de actie is uitgevoerd.")
            )
        return data


class ActieFilterForm(ServiceErrorsMixin, StyledForm):
    """Filters of the action list: open or all, and one organisation or all."""

    weergave = forms.ChoiceField(
        label=_("Welke acties"),
        choices=[("open", _("Alleen open acties")), ("alle", _("Alle acties"))],
        required=False,
    )
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)

    def __init__(self, *args: Any, organisaties: list[Organisatie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisatie"]).choices = [
            ("", _("Alle organisaties")),
            *((o.code, f"{o.naam} ({o.code})") for o in organisaties),
        ]

    @property
    def open_only(self) -> bool:
        return not self.is_valid() or self.cleaned_data.get("weergave") != "alle"

    @property
    def organisatie_code(self) -> str:
        return str(self.cleaned_data.get("organisatie") or "") if self.is_valid() else ""
