"""The GET filter forms of the overview pages. Every field may be left out: the view then
uses the default (the newest cycle with data, the kind most assessed in it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from integriteit.common.forms import StyledForm
from integriteit.normenkader.constants import AppliesTo, Soort
from integriteit.normenkader.models import Cyclus, Normgroep
from integriteit.normenkader.selectors import cyclus_default, cyclus_list, soort_default


def _cyclus_choices(cycli: list[Cyclus]) -> list[tuple[str, str]]:
    return [(str(c.pk), f"{c.titel} ({c.jaar})") for c in cycli]


def _groep_choices() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for code, titel in Normgroep.objects.order_by("volgorde").values_list("code", "titel"):
        seen.setdefault(code, titel)
    return [("", str(_("Alle groepen"))), *seen.items()]


def _rol_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Normen voor"),
        required=False,
        choices=AppliesTo.choices,
        help_text=_("De ministeries, of de coördinerende rol van BZK (rij ‘Rijk’)."),
    )


class HeatmapFilterForm(StyledForm):
    cyclus = forms.ChoiceField(
        label=_("Cyclus"), required=False, help_text=_("Het jaar en het normenkader.")
    )
    soort = forms.ChoiceField(
        label=_("Soort beoordeling"),
        required=False,
        choices=Soort.choices,
        help_text=_("Zelfevaluatie, auditor of rijkscoördinator."),
    )
    groep = forms.ChoiceField(label=_("Normgroep"), required=False)
    rol = _rol_field()

    def __init__(
        self, *args: Any, cycli: list[Cyclus], groepen: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._cycli = cycli
        _choice(self, "cyclus").choices = _cyclus_choices(cycli)
        _choice(self, "groep").choices = groepen

    def cyclus_obj(self, value: str) -> Cyclus | None:
        return next((c for c in self._cycli if str(c.pk) == value), None)


def _choice(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


@dataclass(frozen=True)
class HeatmapKeuze:
    cyclus: Cyclus
    soort: str
    groep: str
    rol: str

    def query(self) -> dict[str, str]:
        return {
            "cyclus": str(self.cyclus.pk),
            "soort": self.soort,
            "groep": self.groep,
            "rol": self.rol,
        }


def heatmap_keuze(data: Any) -> tuple[HeatmapFilterForm, HeatmapKeuze | None]:
    """Parse the filters; with errors the form keeps them and the defaults are used. The
    form that comes back shows the choices in effect. None: there is no cycle yet."""
    cycli, groepen = list(cyclus_list()), _groep_choices()
    form = HeatmapFilterForm(data or None, cycli=cycli, groepen=groepen)
    cleaned = form.cleaned_data if form.is_valid() else {}
    cyclus = form.cyclus_obj(cleaned.get("cyclus", "")) or cyclus_default()
    if cyclus is None:
        return form, None
    keuze = HeatmapKeuze(
        cyclus=cyclus,
        soort=cleaned.get("soort") or soort_default(cyclus=cyclus),
        groep=cleaned.get("groep", ""),
        rol=cleaned.get("rol") or str(AppliesTo.ORGANISATION),
    )
    if not form.errors:
        form = HeatmapFilterForm(initial=keuze.query(), cycli=cycli, groepen=groepen)
    return form, keuze


class VergelijkingForm(StyledForm):
    a = forms.ChoiceField(
        label=_("Eerdere cyclus"), required=False, help_text=_("Het vertrekpunt.")
    )
    soort_a = forms.ChoiceField(
        label=_("Soort beoordeling in de eerdere cyclus"), required=False, choices=Soort.choices
    )
    b = forms.ChoiceField(
        label=_("Latere cyclus"), required=False, help_text=_("Waarmee u vergelijkt.")
    )
    soort_b = forms.ChoiceField(
        label=_("Soort beoordeling in de latere cyclus"), required=False, choices=Soort.choices
    )
    rol = _rol_field()

    def __init__(self, *args: Any, cycli: list[Cyclus], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cycli = cycli
        _choice(self, "a").choices = _cyclus_choices(cycli)
        _choice(self, "b").choices = _cyclus_choices(cycli)

    def cyclus_obj(self, value: str) -> Cyclus | None:
        return next((c for c in self._cycli if str(c.pk) == value), None)


@dataclass(frozen=True)
class VergelijkingKeuze:
    a: Cyclus
    soort_a: str
    b: Cyclus
    soort_b: str
    rol: str

    def query(self) -> dict[str, str]:
        return {
            "a": str(self.a.pk),
            "soort_a": self.soort_a,
            "b": str(self.b.pk),
            "soort_b": self.soort_b,
            "rol": self.rol,
        }


def _ouder(cycli: list[Cyclus], b: Cyclus) -> Cyclus:
    """The cycle to compare ``b`` with by default: its "previous", else the next older one."""
    if b.vorige is not None:
        return b.vorige
    older = [c for c in cycli if c.jaar < b.jaar]
    return max(older, key=lambda c: c.jaar, default=b)


def vergelijking_keuze(data: Any) -> tuple[VergelijkingForm, VergelijkingKeuze | None]:
    cycli = list(cyclus_list())
    form = VergelijkingForm(data or None, cycli=cycli)
    cleaned = form.cleaned_data if form.is_valid() else {}
    b = form.cyclus_obj(cleaned.get("b", "")) or cyclus_default()
    if b is None:
        return form, None
    a = form.cyclus_obj(cleaned.get("a", "")) or _ouder(cycli, b)
    keuze = VergelijkingKeuze(
        a=a,
        soort_a=cleaned.get("soort_a") or soort_default(cyclus=a),
        b=b,
        soort_b=cleaned.get("soort_b") or soort_default(cyclus=b),
        rol=cleaned.get("rol") or str(AppliesTo.ORGANISATION),
    )
    if not form.errors:
        form = VergelijkingForm(initial=keuze.query(), cycli=cycli)
    return form, keuze
