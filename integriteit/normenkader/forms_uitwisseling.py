"""Forms of the exchange and administration pages: export, import of ratings, loading a
framework, and a new cycle. They parse input; the services decide what is valid."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from integriteit.common.forms import StyledForm
from integriteit.normenkader.constants import Soort
from integriteit.normenkader.forms import ServiceErrorsMixin
from integriteit.normenkader.loader import MAX_BYTES as KADER_MAX_BYTES
from integriteit.normenkader.models import Cyclus, Normenkader
from integriteit.normenkader.selectors import cyclus_list, normenkader_list
from integriteit.normenkader.uitwisseling import MAX_BYTES as IMPORT_MAX_BYTES

FORMAT_CHOICES: list[tuple[str, Any]] = [
    ("csv", _("CSV (organisation,norm,level)")),
    ("xlsx", _("Excel (XLSX) met heatmap en legenda")),
    ("json", _("JSON")),
]


class CyclusChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        cyclus = cast(Cyclus, obj)
        return f"{cyclus.jaar} — {cyclus.titel} ({cyclus.normenkader.code})"


class KaderChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        kader = cast(Normenkader, obj)
        return f"{kader.titel} ({kader.code} v{kader.versie})"


def _check_upload(bestand: UploadedFile, *, extensions: tuple[str, ...], max_bytes: int) -> None:
    suffix = PurePath(bestand.name or "").suffix.lower()
    if suffix not in extensions:
        raise ValidationError(
            _("Kies een bestand met de extensie %(ext)s.") % {"ext": " of ".join(extensions)}
        )
    if bestand.size is not None and bestand.size > max_bytes:
        raise ValidationError(
            _("Het bestand is groter dan %(max)s.") % {"max": _megabytes(max_bytes)}
        )


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


class ExportForm(StyledForm):
    """Which ratings to export; read from the query string, every field may be left out."""

    cyclus = CyclusChoiceField(
        queryset=Cyclus.objects.none(),
        label=_("Cyclus"),
        help_text=_("Het jaar en het normenkader."),
        required=False,
        empty_label=None,
    )
    soort = forms.ChoiceField(
        label=_("Soort beoordeling"),
        help_text=_("Zelfevaluatie, auditor of rijkscoördinator."),
        choices=Soort.choices,
        required=False,
    )
    format = forms.ChoiceField(
        label=_("Formaat"), choices=FORMAT_CHOICES, required=False, help_text=""
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(CyclusChoiceField, self.fields["cyclus"]).queryset = cyclus_list()


class RatingsImportForm(StyledForm):
    """Cycle, kind (only the kinds the user may write) and the file."""

    cyclus = CyclusChoiceField(
        queryset=Cyclus.objects.none(),
        label=_("Cyclus"),
        help_text=_("De beoordelingsronde waarin de oordelen komen."),
        empty_label=None,
    )
    soort = forms.ChoiceField(
        label=_("Soort beoordeling"),
        help_text=_("U ziet alleen de soorten die u mag vastleggen."),
    )
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een CSV-bestand (UTF-8) of een Excel-bestand (.xlsx); hoogstens 5 MB."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args: Any, soorten: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(CyclusChoiceField, self.fields["cyclus"]).queryset = cyclus_list()
        choices = [(value, label) for value, label in Soort.choices if value in soorten]
        cast(forms.ChoiceField, self.fields["soort"]).choices = choices

    def clean_bestand(self) -> UploadedFile:
        bestand: UploadedFile = self.cleaned_data["bestand"]
        _check_upload(bestand, extensions=(".csv", ".xlsx"), max_bytes=IMPORT_MAX_BYTES)
        return bestand


class KaderUploadForm(StyledForm):
    bestand = forms.FileField(
        label=_("YAML-bestand"),
        help_text=_("Eén versie van een normenkader, als .yaml of .yml; hoogstens 1 MB."),
        widget=forms.FileInput(attrs={"accept": ".yaml,.yml"}),
    )

    def clean_bestand(self) -> UploadedFile:
        bestand: UploadedFile = self.cleaned_data["bestand"]
        _check_upload(bestand, extensions=(".yaml", ".yml"), max_bytes=KADER_MAX_BYTES)
        return bestand


class CyclusCreateForm(ServiceErrorsMixin, StyledForm):
    jaar = forms.IntegerField(
        label=_("Jaar"),
        help_text=_("Het jaar waarover beoordeeld wordt."),
        min_value=2000,
        max_value=2100,
    )
    normenkader = KaderChoiceField(
        queryset=Normenkader.objects.none(),
        label=_("Normenkader"),
        help_text=_("De versie van het kader waartegen beoordeeld wordt."),
        empty_label=None,
    )
    titel = forms.CharField(
        label=_("Titel"),
        help_text=_("Bijvoorbeeld ‘Zelfevaluatie 2025’. Leeg: ‘Beoordeling <jaar>’."),
        max_length=200,
        required=False,
    )
    vorige = CyclusChoiceField(
        queryset=Cyclus.objects.none(),
        label=_("Beginnen vanaf de vorige cyclus"),
        help_text=_(
            "De oordelen van die cyclus staan bij elke norm als ‘vorige’. Alles wordt opnieuw "
            "beoordeeld: er wordt niets overgenomen."
        ),
        required=False,
        empty_label=_("Geen: een eerste cyclus"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(KaderChoiceField, self.fields["normenkader"]).queryset = normenkader_list()
        cast(CyclusChoiceField, self.fields["vorige"]).queryset = cyclus_list()
