"""Forms of the investigation screens: the list's filters, opening a case, the small forms of
the case page (a registration per requirement, deviation, suspension, participants,
interviews, evidence, measures) and loading a tightened protocol. They parse input; the
services decide what is valid and their errors go back on the fields (``ServiceErrorsMixin``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.accounts.models import Gebruiker
from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.common.schendingen import Schending
from integriteit.meldingen.models import Melding
from integriteit.normenkader.forms import ServiceErrorsMixin
from integriteit.onderzoeken.constants import Soort, Status, Zaakrol
from integriteit.onderzoeken.models import Maatregelsoort
from integriteit.onderzoeken.spec import Vereiste
from integriteit.organisaties.models import Organisatie

MAX_TEKST = 20_000
MAX_PROTOCOL_BYTES = 512 * 1024


def _datum(**kwargs: Any) -> forms.DateField:
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


def _tekst(label: Any, *, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), max_length=MAX_TEKST, **kwargs
    )


def _niet_in_de_toekomst(dag: date) -> None:
    if dag > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."))


# --- the list -----------------------------------------------------------------------------------


class LijstFilterForm(StyledForm):
    """The list's filters; an invalid value is ignored (the list stays usable)."""

    use_required_attribute = False

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[])
    fase = forms.ChoiceField(label=_("Fase"), required=False, choices=[])
    te_laat = forms.BooleanField(
        label=_("Alleen onderzoeken met een verlopen termijn"), required=False
    )

    def __init__(self, *args: Any, fasen: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        alle = [("", _("Alle"))]
        cast(forms.ChoiceField, self.fields["status"]).choices = [*alle, *Status.choices]
        cast(forms.ChoiceField, self.fields["fase"]).choices = [*alle, *fasen]

    def filters(self) -> dict[str, Any]:
        """The valid part of the filters (invalid fields count as empty)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or "",
            "fase": data.get("fase") or "",
            "te_laat": bool(data.get("te_laat")),
        }


# --- opening ------------------------------------------------------------------------------------


class OrganisatieKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.naam} ({obj.code})"


class MeldingKeuze(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Reports by number and kind only: metadata, nothing of the content."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.nummer} · {obj.get_soort_display()} · {obj.organisatie.code}"


class GebruikerKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        naam = obj.get_full_name() or obj.get_username()
        return f"{naam} ({obj.get_username()})"


class OpenenForm(ServiceErrorsMixin, StyledForm):
    organisatie = OrganisatieKeuze(
        queryset=Organisatie.objects.none(),
        label=_("Organisatie"),
        help_text=_("Het ministerie of onderdeel waar het onderzoek loopt."),
        empty_label=None,
    )
    meldingen = MeldingKeuze(
        queryset=Melding.objects.none(),
        label=_("Meldingen"),
        required=False,
        help_text=_(
            "De meldingen waaruit het onderzoek voortkomt (houd Ctrl of Cmd ingedrukt om er "
            "meer te kiezen). Laat leeg bij een onderzoek op eigen initiatief."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    eigen_initiatief_reden = _tekst(
        _("Reden voor een onderzoek op eigen initiatief"),
        rows=3,
        required=False,
        help_text=_("Alleen als er geen melding is: waarom het bevoegd gezag zelf onderzoekt."),
    )
    soort = forms.ChoiceField(
        label=_("Soort schending"),
        required=False,
        choices=[("", _("Nog niet bekend")), *Schending.choices],
        help_text=_("Het vermoeden; u kunt het later in het dossier toelichten."),
    )
    bevoegd_gezag = GebruikerKeuze(
        queryset=Gebruiker.objects.none(),
        label=_("Bevoegd gezag"),
        help_text=_(
            "Wie de opdracht geeft en beslist. Alleen wie bevoegd gezag is in de organisatie en "
            "al eens heeft ingelogd (anders is er nog geen sleutel)."
        ),
        error_messages={"required": _("Kies het bevoegd gezag.")},
    )

    def __init__(
        self,
        *args: Any,
        organisaties: QuerySet[Organisatie],
        meldingen: QuerySet[Melding],
        gezagen: QuerySet[Gebruiker],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisatie"]).queryset = organisaties  # type: ignore[type-arg]
        cast(forms.ModelMultipleChoiceField, self.fields["meldingen"]).queryset = meldingen  # type: ignore[type-arg]
        cast(forms.ModelChoiceField, self.fields["bevoegd_gezag"]).queryset = gezagen  # type: ignore[type-arg]


# --- the case page ------------------------------------------------------------------------------


def registratie_form(vereiste: Vereiste, data: Any = None, files: Any = None) -> forms.Form:
    """A form for one requirement of the current phase, its field by the requirement's kind;
    the field is called ``waarde`` and the prefix is the requirement's code."""
    veld: forms.Field
    uitleg = vereiste.uitleg or ""
    if vereiste.soort == Soort.DATUM:
        veld = _datum(
            label=vereiste.titel,
            help_text=uitleg,
            validators=[] if vereiste.toekomst else [_niet_in_de_toekomst],
            error_messages={
                "required": _("Vul een datum in."),
                "invalid": _("Vul een geldige datum in."),
            },
        )
    elif vereiste.soort == Soort.KEUZE:
        veld = forms.ChoiceField(
            label=vereiste.titel,
            help_text=uitleg,
            choices=list(vereiste.opties),
            widget=forms.RadioSelect(attrs=RADIO_ATTRS),
            error_messages={"required": _("Maak een keuze.")},
        )
    elif vereiste.soort == Soort.DOCUMENT:
        veld = forms.FileField(
            label=vereiste.titel,
            help_text=uitleg or _("Een PDF, Word-document of ander document (max. 10 MB)."),
            error_messages={"required": _("Voeg een document toe.")},
        )
    else:
        veld = _tekst(
            vereiste.titel, help_text=uitleg, error_messages={"required": _("Vul de tekst in.")}
        )

    klasse = cast(
        type[forms.Form],
        type("RegistratieForm", (ServiceErrorsMixin, StyledForm), {"waarde": veld}),
    )
    return klasse(data, files, prefix=f"reg-{vereiste.code}")


class RedenForm(ServiceErrorsMixin, StyledForm):
    reden = _tekst(_("Reden"), rows=3, error_messages={"required": _("Geef de reden.")})


class VerlengenForm(ServiceErrorsMixin, StyledForm):
    dagen = forms.IntegerField(
        label=_("Aantal dagen"),
        min_value=1,
        max_value=365,
        help_text=_("Met hoeveel kalenderdagen de termijn van de fase langer wordt (1 tot 365)."),
        error_messages={"required": _("Vul het aantal dagen in.")},
    )
    reden = _tekst(_("Reden"), rows=2, error_messages={"required": _("Geef de reden.")})


class BesluitForm(StyledForm):
    """Consent or refusal of an open deviation request (the button pressed)."""

    use_required_attribute = False

    verzoek = forms.IntegerField(widget=forms.HiddenInput)
    besluit = forms.ChoiceField(choices=[("toestaan", _("Toestaan")), ("afwijzen", _("Afwijzen"))])


class MedewerkerForm(ServiceErrorsMixin, StyledForm):
    """A staff participant: one select, grouped by role, values ``<rol>:<pk>``."""

    medewerker = forms.ChoiceField(
        label=_("Medewerker toevoegen"),
        choices=[],
        help_text=_(
            "Wie een rol in dit onderzoek krijgt en daarmee toegang tot de inhoud. Alleen wie die "
            "rol in de organisatie heeft en al eens heeft ingelogd."
        ),
        error_messages={"required": _("Kies een medewerker.")},
    )

    def __init__(
        self,
        *args: Any,
        kandidaten: Iterable[tuple[str, Iterable[Gebruiker]]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        groepen: list[tuple[str, list[tuple[str, str]]]] = []
        for rol, gebruikers in kandidaten:
            opties = [
                (f"{rol}:{g.pk}", f"{g.get_full_name() or g.get_username()} ({g.get_username()})")
                for g in gebruikers
            ]
            if opties:
                groepen.append((str(Zaakrol(rol).label), opties))
        cast(forms.ChoiceField, self.fields["medewerker"]).choices = [("", "—"), *groepen]
        self.leeg = not groepen

    def rol_en_pk(self) -> tuple[str, int]:
        rol, pk = str(self.cleaned_data["medewerker"]).split(":", 1)
        return rol, int(pk)


BESCHREVEN = [
    (Zaakrol.BETROKKENE.value, Zaakrol.BETROKKENE.label),
    (Zaakrol.GETUIGE.value, Zaakrol.GETUIGE.label),
    (Zaakrol.MELDER.value, Zaakrol.MELDER.label),
]


class BeschrevenForm(ServiceErrorsMixin, StyledForm):
    rol = forms.ChoiceField(
        label=_("Rol"),
        choices=BESCHREVEN,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        help_text=_(
            "Een betrokkene, getuige of melder is geen gebruiker; u beschrijft hem of haar."
        ),
        error_messages={"required": _("Kies de rol.")},
    )
    omschrijving = _tekst(
        _("Naam en functie"),
        rows=2,
        help_text=_("Wordt versleuteld opgeslagen."),
        error_messages={"required": _("Vul naam en functie in.")},
    )


class VerklaringForm(ServiceErrorsMixin, StyledForm):
    verklaring = _tekst(
        _("Verklaring van onafhankelijkheid"),
        rows=3,
        help_text=_(
            "In uw eigen woorden: dat u geen band heeft met de betrokkene of de melder, of welke "
            "en waarom die geen rol speelt."
        ),
        error_messages={"required": _("Vul de verklaring in.")},
    )


class VerhoorForm(ServiceErrorsMixin, StyledForm):
    datum = _datum(
        label=_("Datum van het verhoor"),
        validators=[_niet_in_de_toekomst],
        error_messages={"required": _("Vul de datum van het verhoor in.")},
    )
    gehoorde = forms.CharField(
        label=_("Gehoorde"),
        max_length=500,
        help_text=_("Wie gehoord is: rol en naam."),
        error_messages={"required": _("Vul in wie gehoord is.")},
    )
    verslag = _tekst(_("Verslag"), rows=8, error_messages={"required": _("Vul het verslag in.")})


class VerhoorNummerForm(StyledForm):
    use_required_attribute = False

    verhoor = forms.IntegerField(widget=forms.HiddenInput)


class VerhoorReactieForm(ServiceErrorsMixin, StyledForm):
    verhoor = forms.IntegerField(widget=forms.HiddenInput)
    reactie = forms.ChoiceField(
        label=_("Reactie van de gehoorde"),
        choices=[
            ("goedgekeurd", _("Goedgekeurd")),
            ("commentaar", _("Van commentaar voorzien")),
        ],
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        error_messages={"required": _("Kies of de gehoorde het verslag goedkeurde.")},
    )
    commentaar = _tekst(
        _("Commentaar van de gehoorde"),
        rows=3,
        required=False,
        help_text=_("Alleen bij commentaar; het verslag zelf blijft zoals het was."),
    )


class BewijsForm(ServiceErrorsMixin, StyledForm):
    omschrijving = _tekst(
        _("Omschrijving"),
        rows=3,
        help_text=_("Wat het is en waar het vandaan komt."),
        error_messages={"required": _("Vul in wat het is en waar het vandaan komt.")},
    )
    verkregen_op = _datum(
        label=_("Verkregen op"),
        validators=[_niet_in_de_toekomst],
        error_messages={"required": _("Vul de datum in waarop het stuk is verkregen.")},
    )
    bestand = forms.FileField(
        label=_("Bestand"), required=False, help_text=_("Wordt versleuteld opgeslagen.")
    )


class MaatregelForm(ServiceErrorsMixin, StyledForm):
    soort = forms.ModelChoiceField(
        queryset=Maatregelsoort.objects.none(),
        label=_("Soort maatregel"),
        error_messages={"required": _("Kies de soort maatregel.")},
    )
    datum = _datum(
        label=_("Datum van het besluit"),
        error_messages={"required": _("Vul de datum van het besluit in.")},
    )
    motivering = _tekst(
        _("Motivering"),
        rows=4,
        help_text=_("Waarom deze maatregel evenredig is. Wordt versleuteld opgeslagen."),
        error_messages={"required": _("Vul de motivering in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["soort"]).queryset = Maatregelsoort.objects.filter(  # type: ignore[type-arg]
            actief=True
        )


# --- protocols ----------------------------------------------------------------------------------


class ProtocolLadenForm(ServiceErrorsMixin, StyledForm):
    organisatie = OrganisatieKeuze(
        queryset=Organisatie.objects.none(),
        label=_("Organisatie"),
        help_text=_("Voor wie het protocol geldt; het wordt meteen het actieve protocol."),
        empty_label=None,
    )
    bestand = forms.FileField(
        label=_("Protocolbestand (YAML)"),
        help_text=_("Een aanscherping van het basisprotocol, met base: bipo-basis."),
        error_messages={"required": _("Kies een YAML-bestand.")},
    )

    def __init__(self, *args: Any, organisaties: QuerySet[Organisatie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisatie"]).queryset = organisaties  # type: ignore[type-arg]

    def clean_bestand(self) -> Any:
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_PROTOCOL_BYTES:
            raise ValidationError(_("Het bestand is groter dan 512 kB."))
        return bestand
