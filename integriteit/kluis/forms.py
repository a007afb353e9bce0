"""Forms of the recovery screens: a new recovery key (custodians, threshold) and the reason of
a recovery request. They parse input; ``herstel.py`` decides what is valid and its errors go
back on the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.common.forms import StyledForm
from integriteit.normenkader.forms import OrganisatieChoiceField, ServiceErrorsMixin
from integriteit.organisaties.models import Organisatie

CHECKBOX_ATTRS = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class BewaarderField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        naam = obj.get_full_name()
        return f"{naam} ({obj.username})" if naam else str(obj.username)


class HerstelsleutelForm(ServiceErrorsMixin, StyledForm):
    """Organisation, custodians (only users with a key are offered) and the threshold m."""

    organisatie = OrganisatieChoiceField(
        queryset=Organisatie.objects.none(),
        label=_("Organisatie"),
        help_text=_(
            "De organisatie waarvan nieuwe kluizen aan deze herstelsleutel worden verzegeld."
        ),
        empty_label=None,
        to_field_name="code",
    )
    bewaarders = BewaarderField(
        queryset=Gebruiker.objects.none(),
        label=_("Bewaarders"),
        help_text=_(
            "Kies minstens twee mensen van de organisatie. Elk krijgt één deel van de "
            "herstelsleutel, versleuteld met de eigen sleutel."
        ),
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX_ATTRS),
        error_messages={"required": _("Kies de bewaarders.")},
    )
    drempel = forms.IntegerField(
        label=_("Drempel (m)"),
        help_text=_(
            "Zoveel bewaarders samen zijn nodig om toegang te herstellen: minstens 2 en "
            "hoogstens het aantal gekozen bewaarders."
        ),
        min_value=2,
        error_messages={
            "required": _("Geef de drempel."),
            "invalid": _("De drempel moet een geheel getal zijn."),
            "min_value": _("De drempel moet minstens 2 zijn."),
        },
    )

    def __init__(
        self,
        *args: Any,
        organisaties: list[Organisatie],
        kandidaten: QuerySet[Gebruiker],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        organisatie = self.fields["organisatie"]
        assert isinstance(organisatie, OrganisatieChoiceField)  # noqa: S101 - declared above
        organisatie.queryset = Organisatie.objects.filter(pk__in=[o.pk for o in organisaties])
        if organisaties:
            self.initial.setdefault("organisatie", organisaties[0].code)
        bewaarders = self.fields["bewaarders"]
        assert isinstance(bewaarders, BewaarderField)  # noqa: S101 - declared above
        bewaarders.queryset = kandidaten

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisatie: Organisatie | None = data.get("organisatie")
        gekozen: list[Gebruiker] = list(data.get("bewaarders") or [])
        if organisatie is not None and gekozen:
            binnen = set(
                Lidmaatschap.objects.actief()
                .filter(gebruiker__in=gekozen, organisatie__pad__startswith=organisatie.pad)
                .values_list("gebruiker_id", flat=True)
            )
            buiten = [str(b) for b in gekozen if b.pk not in binnen]
            if buiten:
                self.add_error(
                    "bewaarders",
                    _("Deze bewaarders horen niet bij %(organisatie)s: %(namen)s")
                    % {"organisatie": organisatie.naam, "namen": ", ".join(buiten)},
                )
        if len(gekozen) == 1:
            self.add_error("bewaarders", _("Kies minstens twee bewaarders."))
        drempel = data.get("drempel")
        if drempel is not None and len(gekozen) >= 2 and drempel > len(gekozen):
            self.add_error(
                "drempel",
                _("De drempel moet tussen 2 en het aantal bewaarders (%(n)d) liggen.")
                % {"n": len(gekozen)},
            )
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        """The service's errors are about the custodians (a key gone, a duplicate) or the
        threshold; put each on its field."""
        if hasattr(error, "error_dict"):
            super().add_service_errors(error)
            return
        for message in error.messages:
            self.add_error("drempel" if "drempel" in message else "bewaarders", message)


class AanvraagForm(ServiceErrorsMixin, StyledForm):
    """The reason of a recovery request (recorded, shown to the custodians)."""

    reden = forms.CharField(
        label=_("Reden"),
        help_text=_(
            "Waarom moet deze gebruiker weer toegang krijgen? De bewaarders zien deze reden "
            "voordat zij hun deel bijdragen."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Geef de reden van het herstel."),
            "max_length": _("De reden is te lang (hoogstens %(limit_value)d tekens)."),
        },
    )

    def clean_reden(self) -> str:
        reden = str(self.cleaned_data.get("reden", "")).strip()
        if not reden:
            raise ValidationError(_("Geef de reden van het herstel."))
        return reden
