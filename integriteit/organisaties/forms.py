"""Forms of the organisation pages. They parse input; the services decide what is valid and
their ValidationErrors are put back onto the fields here."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from integriteit.common.forms import StyledForm
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.csv_io import MAX_BYTES
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import ALLOWED_PARENT_SOORT, OrganisatieGegevens


def _date_input() -> forms.DateInput:
    # type=date needs the ISO format, whatever the language of the page.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


_MODEL_FIELDS: dict[str, Any] = fields_for_model(
    Organisatie,
    fields=["code", "naam", "soort", "fte", "aantal_medewerkers", "geldig_van", "geldig_tot"],
    widgets={"geldig_van": _date_input(), "geldig_tot": _date_input()},
)


class OrganisatieForm(StyledForm):
    """The editable fields of a node, labelled and explained as on the model."""

    code = _MODEL_FIELDS["code"]
    naam = _MODEL_FIELDS["naam"]
    soort = _MODEL_FIELDS["soort"]
    fte = _MODEL_FIELDS["fte"]
    aantal_medewerkers = _MODEL_FIELDS["aantal_medewerkers"]
    geldig_van = _MODEL_FIELDS["geldig_van"]
    geldig_tot = _MODEL_FIELDS["geldig_tot"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._soort_field.choices = Soort.choices

    @property
    def _soort_field(self) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields["soort"])

    def gegevens(self, *, parent: Organisatie | None) -> OrganisatieGegevens:
        data = self.cleaned_data
        return OrganisatieGegevens(
            code=data["code"].strip(),
            naam=data["naam"],
            soort=data["soort"],
            parent=parent,
            fte=data["fte"],
            aantal_medewerkers=data["aantal_medewerkers"],
            geldig_van=data["geldig_van"],
            geldig_tot=data["geldig_tot"],
        )


class OrganisatieCreateForm(OrganisatieForm):
    """A new unit under ``parent``: only the kinds that may hang there are offered."""

    def __init__(self, *args: Any, parent: Organisatie, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = [
            (value, label)
            for value, label in Soort.choices
            if parent.soort in ALLOWED_PARENT_SOORT[value]
        ]
        self._soort_field.choices = allowed
        if len(allowed) == 1:
            self._soort_field.initial = allowed[0][0]


class ParentChoiceField(forms.ModelChoiceField[Organisatie]):
    """Indents each option by its depth, so the choice list reads as the tree."""

    def label_from_instance(self, obj: Organisatie) -> str:
        return "— " * obj.diepte + str(obj)


class OrganisatieEditForm(OrganisatieForm):
    parent = ParentChoiceField(
        queryset=Organisatie.objects.none(),
        label=_("Bovenliggende organisatie"),
        help_text=_(
            "Kies een andere bovenliggende organisatie om dit onderdeel met alles wat eronder "
            "hangt te verplaatsen. U ziet alleen organisaties die u beheert."
        ),
        required=False,
        empty_label=_("— geen (hoogste niveau) —"),
    )
    field_order = ["code", "naam", "soort", "parent"]

    def __init__(
        self,
        *args: Any,
        organisatie: Organisatie,
        parent_choices: QuerySet[Organisatie],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", _initial(organisatie))
        super().__init__(*args, **kwargs)
        parent_field = cast(ParentChoiceField, self.fields["parent"])
        parent_field.queryset = parent_choices
        # Only the root has no parent; every other node must keep one (and gets no empty choice).
        if organisatie.parent_id is not None:
            parent_field.required = True
            parent_field.empty_label = None


def _initial(organisatie: Organisatie) -> dict[str, Any]:
    return {
        "code": organisatie.code,
        "naam": organisatie.naam,
        "soort": organisatie.soort,
        "parent": organisatie.parent_id,
        "fte": organisatie.fte,
        "aantal_medewerkers": organisatie.aantal_medewerkers,
        "geldig_van": organisatie.geldig_van,
        "geldig_tot": organisatie.geldig_tot,
    }


class PeildatumForm(StyledForm):
    peildatum = forms.DateField(
        label=_("Peildatum"),
        required=False,
        widget=_date_input(),
        help_text=_(
            "Toon alleen de organisaties die op deze dag bestonden. Leeg: alle organisaties, "
            "ook opgeheven en toekomstige."
        ),
    )


class ImportForm(StyledForm):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Een CSV-bestand in UTF-8 met de kopregel hieronder; hoogstens 5 MB."),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_bestand(self) -> UploadedFile:
        bestand: UploadedFile = self.cleaned_data["bestand"]
        if bestand.size is not None and bestand.size > MAX_BYTES:
            raise ValidationError(_("Het bestand is groter dan 5 MB."))
        return bestand
