"""Importing responses into a wave from a file: the form, a first check of the mapping file,
and the background job ``enquete.import`` that reads, checks and stores the responses (the
progress page of ``integriteit.taken`` shows how far it is)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from integriteit.common.forms import StyledForm
from integriteit.common.permissions import Capability, requires
from integriteit.common.yaml_lines import MAX_BYTES as MAX_KOPPELING_BYTES
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.imports import ImportFout
from integriteit.medewerkersonderzoek.imports.mapping import koppeling_lezen
from integriteit.medewerkersonderzoek.imports.readers import MAX_BYTES
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.spec import Questionnaire
from integriteit.medewerkersonderzoek.views.beheer_toegang import golf_get
from integriteit.taken.services import taak_start

#: The extensions each format accepts; ``auto`` takes any of them.
EXTENSIES: dict[str, tuple[str, ...]] = {
    "csv": (".csv", ".txt"),
    "limesurvey": (".csv", ".txt"),
    "xlsx": (".xlsx",),
    "sav": (".sav", ".zsav"),
}
ALLE_EXTENSIES = tuple(sorted({ext for exts in EXTENSIES.values() for ext in exts}))


class ImportForm(StyledForm):
    bestand = forms.FileField(
        label=gettext_lazy("Antwoordbestand"),
        help_text=gettext_lazy(
            "CSV (.csv), Excel (.xlsx), SPSS (.sav) of een LimeSurvey-export (.csv); "
            "hoogstens 100 MB."
        ),
    )
    formaat = forms.ChoiceField(
        label=gettext_lazy("Formaat"),
        choices=[
            ("auto", gettext_lazy("Automatisch (naar de extensie en de kopregel)")),
            ("csv", gettext_lazy("CSV (komma of puntkomma)")),
            ("xlsx", gettext_lazy("Excel (.xlsx), eerste werkblad")),
            ("sav", gettext_lazy("SPSS (.sav)")),
            ("limesurvey", gettext_lazy("LimeSurvey-export (CSV met antwoordcodes)")),
        ],
        initial="auto",
        help_text=gettext_lazy("Laat ‘automatisch’ staan, tenzij het bestand anders heet."),
    )
    koppeling = forms.FileField(
        label=gettext_lazy("Koppelbestand (YAML)"),
        required=False,
        help_text=gettext_lazy(
            "Nodig als de kolommen niet de codes van de vragen hebben (zoals bij LimeSurvey): "
            "welke kolom welke vraag is, en hoe antwoorden en eenheden vertaald worden."
        ),
    )

    def clean_bestand(self) -> UploadedFile:
        bestand: UploadedFile = self.cleaned_data["bestand"]
        if bestand.size is not None and bestand.size > MAX_BYTES:
            raise ValidationError(
                _("Het bestand is groter dan %(max)d MB.") % {"max": MAX_BYTES // (1024 * 1024)}
            )
        if PurePath(bestand.name or "").suffix.lower() not in ALLE_EXTENSIES:
            raise ValidationError(
                _("Kies een bestand met de extensie %(ext)s.") % {"ext": ", ".join(ALLE_EXTENSIES)}
            )
        return bestand

    def clean_koppeling(self) -> str:
        koppeling: UploadedFile | None = self.cleaned_data.get("koppeling")
        if koppeling is None:
            return ""
        if PurePath(koppeling.name or "").suffix.lower() not in (".yaml", ".yml"):
            raise ValidationError(_("Kies een koppelbestand met de extensie .yaml of .yml."))
        if koppeling.size is not None and koppeling.size > MAX_KOPPELING_BYTES:
            message = _("Het koppelbestand is groter dan %(max)d kB.")
            raise ValidationError(message % {"max": MAX_KOPPELING_BYTES // 1024})
        try:
            return str(koppeling.read().decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            message = _("Het koppelbestand is geen UTF-8; sla het op met de codering UTF-8.")
            raise ValidationError(message) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        bestand, formaat = data.get("bestand"), data.get("formaat")
        if bestand is not None and formaat in EXTENSIES:
            suffix = PurePath(bestand.name or "").suffix.lower()
            if suffix not in EXTENSIES[formaat]:
                message = _("Een bestand met de extensie %(ext)s past niet bij dit formaat.")
                self.add_error("formaat", message % {"ext": suffix})
        return data


def _naam(form: ImportForm, veld: str) -> str:
    bestand = form.files.get(veld)
    return str(getattr(bestand, "name", "") or "")


def _koppeling_fouten(golf: Golf, form: ImportForm) -> list[str]:
    """The mapping checked against the questionnaire before the job starts."""
    tekst = form.cleaned_data["koppeling"]
    if not tekst:
        return []
    naam = _naam(form, "koppeling") or "koppeling.yaml"
    codes = set(golf.eenheden.values_list("organisatie__code", flat=True))
    try:
        koppeling_lezen(
            data=tekst.encode(),
            bestandsnaam=naam,
            spec=golf.vragenlijst.spec(),
            eenheid_codes=codes,
        )
    except ImportFout as fout:
        return fout.fouten
    return []


def _start(request: HttpRequest, golf: Golf, form: ImportForm) -> HttpResponse:
    bestand: UploadedFile = form.cleaned_data["bestand"]
    taak = taak_start(
        soort="enquete.import",
        titel=_("Antwoorden importeren in %(golf)s") % {"golf": golf.titel},
        gebruiker=request.user,
        organisatie=golf.organisatie,
        parameters={
            "golf": golf.pk,
            "formaat": form.cleaned_data["formaat"],
            "koppeling": form.cleaned_data["koppeling"],
            "koppeling_naam": _naam(form, "koppeling"),
            "bestandsnaam": bestand.name or "",
        },
        invoer=bestand,
    )
    return redirect("taken:detail", pk=taak.pk)


def _kolommen(spec: Questionnaire) -> list[tuple[str, str]]:
    """Every column of the questionnaire with its question (and option, for multi-choice)."""
    kolommen: list[tuple[str, str]] = []
    for item in spec.items:
        if item.kind == "multi":
            kolommen += [
                (f"{item.code}_{o.code}", f"{item.text} — {o.label}") for o in item.options
            ]
        else:
            kolommen.append((item.code, item.text))
    return kolommen


@require_http_methods(["GET", "POST"])
@requires(Capability.ENQUETE_BEHEREN)
def importeren(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a responses file (and a mapping) and start the import as a background job."""
    golf = golf_get(request, pk, beheren=True)
    gesloten = golf.status == GolfStatus.GESLOTEN
    form = ImportForm(request.POST or None, request.FILES or None)
    fouten: list[str] = []
    if request.method == "POST" and not gesloten and form.is_valid():
        fouten = _koppeling_fouten(golf, form)
        if not fouten:
            return _start(request, golf, form)
    spec = golf.vragenlijst.spec()
    context = {
        "golf": golf,
        "form": form,
        "fouten": fouten,
        "gesloten": gesloten,
        "eenheden": golf.eenheden.select_related("organisatie"),
        "vragen": _kolommen(spec),
    }
    return render(request, "medewerkersonderzoek/importeren.html", context)
