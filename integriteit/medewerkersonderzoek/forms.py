"""Forms of the survey's management pages: a new wave, invitations and loading a
questionnaire. They parse input; the services decide what is valid and put their errors back
on the fields (:meth:`ServiceErrorsMixin.add_service_errors`)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.common.yaml_lines import MAX_BYTES
from integriteit.medewerkersonderzoek.constants import (
    MIN_GROUP_SIZE_DEFAULT,
    MIN_GROUP_SIZE_FLOOR,
)
from integriteit.medewerkersonderzoek.models import Vragenlijst
from integriteit.medewerkersonderzoek.services import MAX_UITNODIGINGEN
from integriteit.normenkader.forms import ServiceErrorsMixin
from integriteit.organisaties.models import Organisatie

#: Choice of the questionnaire field that loads the shipped ark-2023 first.
ARK_LADEN = "ark-2023"


class OrganisatieChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        node = cast(Organisatie, obj)
        indent = "— " * max(node.diepte - 1, 0)
        return f"{indent}{node.naam} ({node.code})"


class GolfCreateForm(ServiceErrorsMixin, StyledForm):
    vragenlijst = forms.ChoiceField(
        label=_("Vragenlijst"),
        help_text=_("De vragenlijst (en versie) die de medewerkers krijgen."),
    )
    organisatie = OrganisatieChoiceField(
        queryset=Organisatie.objects.none(),
        label=_("Organisatie"),
        help_text=_("Het ministerie of onderdeel; alle eenheden eronder doen mee."),
        empty_label=None,
    )
    titel = forms.CharField(
        label=_("Titel"), max_length=200, help_text=_("Bijvoorbeeld: Medewerkersonderzoek 2025.")
    )
    start = forms.DateField(
        label=_("Startdatum"),
        help_text=_("Eerste dag waarop geantwoord kan worden (dd-mm-jjjj)."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    eind = forms.DateField(
        label=_("Einddatum"),
        help_text=_("Laatste dag waarop geantwoord kan worden (dd-mm-jjjj)."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    min_group_size = forms.IntegerField(
        label=_("Minimale groepsgrootte"),
        min_value=MIN_GROUP_SIZE_FLOOR,
        error_messages={
            "min_value": _(
                "Minder dan %(limit_value)s mag nooit: dan zijn antwoorden te herleiden."
            )
        },
        help_text=_(
            "Respons en uitkomsten van een groep met minder reacties worden niet getoond. "
            "Standaard 10; nooit minder dan 5, anders zijn antwoorden te herleiden tot personen."
        ),
    )

    def __init__(
        self,
        *args: Any,
        vragenlijsten: list[Vragenlijst],
        organisaties: QuerySet[Organisatie],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", _initial())
        super().__init__(*args, **kwargs)
        choices = [(str(v.pk), str(v)) for v in vragenlijsten]
        if not any(v.code == ARK_LADEN for v in vragenlijsten):
            choices.append((ARK_LADEN, str(_("ark-2023 laden (meegeleverde vragenlijst)"))))
        cast(forms.ChoiceField, self.fields["vragenlijst"]).choices = choices
        cast(OrganisatieChoiceField, self.fields["organisatie"]).queryset = organisaties


def _initial() -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "start": today,
        "eind": today + timedelta(weeks=3),
        "min_group_size": MIN_GROUP_SIZE_DEFAULT,
    }


class UitnodigingenForm(ServiceErrorsMixin, StyledForm):
    BRON_MEDEWERKERS = "medewerkers"
    BRON_AANTAL = "aantal"

    bron = forms.ChoiceField(
        label=_("Aantal uitnodigingen per eenheid"),
        choices=[
            (BRON_MEDEWERKERS, _("Het aantal medewerkers van de eenheid (bij het aanmaken)")),
            (BRON_AANTAL, _("Een vast aantal per eenheid (hieronder)")),
        ],
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        initial=BRON_MEDEWERKERS,
        help_text=_("Elke uitnodiging is een link die één keer gebruikt kan worden."),
    )
    aantal = forms.IntegerField(
        label=_("Vast aantal per eenheid"),
        min_value=1,
        max_value=MAX_UITNODIGINGEN,
        required=False,
        help_text=_("Alleen bij ‘een vast aantal’: zoveel uitnodigingen voor elke eenheid."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("bron") == self.BRON_AANTAL and not data.get("aantal"):
            self.add_error("aantal", _("Vul het aantal uitnodigingen per eenheid in."))
        return data


class VragenlijstUploadForm(StyledForm):
    bestand = forms.FileField(
        label=_("YAML-bestand"),
        help_text=_("Een vragenlijst als .yaml of .yml, hoogstens %(max)d kB.")
        % {"max": MAX_BYTES // 1024},
    )

    def clean_bestand(self) -> UploadedFile:
        bestand: UploadedFile = self.cleaned_data["bestand"]
        if PurePath(bestand.name or "").suffix.lower() not in (".yaml", ".yml"):
            raise ValidationError(_("Kies een bestand met de extensie .yaml of .yml."))
        if bestand.size is not None and bestand.size > MAX_BYTES:
            raise ValidationError(
                _("Het bestand is groter dan %(max)d kB.") % {"max": MAX_BYTES // 1024}
            )
        return bestand


class MailenForm(StyledForm):
    UITNODIGING = "uitnodiging"
    HERINNERING = "herinnering"

    soort = forms.ChoiceField(
        label=_("Wat wilt u versturen?"),
        choices=[
            (UITNODIGING, _("De uitnodiging")),
            (HERINNERING, _("Een herinnering (alleen aan wie nog niet heeft geantwoord)")),
        ],
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        initial=UITNODIGING,
        help_text=_("Een herinnering slaat codes over waarmee al is geantwoord."),
    )
    bestand = forms.FileField(
        label=_("Bestand met codes en e-mailadressen (CSV)"),
        help_text=_(
            "Het downloadbestand van de uitnodigingen met een extra kolom email: "
            "kolommen code en email (andere kolommen worden genegeerd), "
            "gescheiden door komma of puntkomma."
        ),
    )

    def clean_bestand(self) -> UploadedFile:
        bestand = cast(UploadedFile, self.cleaned_data["bestand"])
        if PurePath(bestand.name or "").suffix.lower() not in {".csv", ".txt"}:
            raise ValidationError(_("Kies een CSV-bestand (.csv)."))
        if (bestand.size or 0) > MAX_BYTES * 10:
            raise ValidationError(_("Het bestand is te groot."))
        return bestand
