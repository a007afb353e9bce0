"""Survey data: stored questionnaire versions, waves with their frozen unit list, invitations
(token hashes only), anonymous responses and save-and-continue drafts.

What is stored where, and what never is, is decided in ADR 0008 (survey anonymity): an
invitation and a response never reference each other, and a response carries no token, no
user, no IP address and no time finer than a month.
"""

from __future__ import annotations

import functools
import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.medewerkersonderzoek.constants import (
    MIN_GROUP_SIZE_DEFAULT,
    MIN_GROUP_SIZE_FLOOR,
    GolfStatus,
    Rol,
)
from integriteit.medewerkersonderzoek.spec import Questionnaire
from integriteit.organisaties.models import Organisatie


class Vragenlijst(models.Model):
    """One questionnaire version, loaded from YAML and never edited afterwards."""

    code = models.CharField(_("code"), max_length=60, help_text=_("Vaste code, bv. ark-2023."))
    versie = models.PositiveIntegerField(_("versie"), help_text=_("Versienummer uit het bestand."))
    titel = models.CharField(_("titel"), max_length=300, help_text=_("Naam van de vragenlijst."))
    bron = models.TextField(
        _("YAML-bron"), help_text=_("De volledige tekst van het geladen YAML-bestand.")
    )
    bestandsnaam = models.CharField(
        _("bestandsnaam"), max_length=200, help_text=_("Naam van het YAML-bestand.")
    )
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, help_text=_("Controlegetal van het geladen bestand.")
    )
    geladen_op = models.DateTimeField(
        _("geladen op"), default=timezone.now, help_text=_("Moment van laden.")
    )

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["code", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["code", "versie"], name="vragenlijst_code_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.code} v{self.versie})"

    def spec(self) -> Questionnaire:
        """The parsed questionnaire: parsed once per process and version (its SHA-256), not
        once per request — parsing was two thirds of a survey submission's CPU (ADR 0022).
        The spec is frozen dataclasses, so sharing it between requests is safe."""
        return _spec_cached(self.sha256, self.bron, self.bestandsnaam)


@functools.lru_cache(maxsize=32)
def _spec_cached(sha256: str, bron: str, bestandsnaam: str) -> Questionnaire:
    from integriteit.medewerkersonderzoek.questionnaire import questionnaire_parse

    return questionnaire_parse(data=bron.encode(), filename=bestandsnaam)


class Golf(models.Model):
    """A survey wave of one organisation (a ministry, or the Rijk root for all of them)."""

    vragenlijst = models.ForeignKey(
        Vragenlijst,
        verbose_name=_("vragenlijst"),
        help_text=_("De vragenlijstversie van deze golf."),
        on_delete=models.PROTECT,
        related_name="golven",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        help_text=_("Ministerie, of het Rijk voor een rijksbrede golf."),
        on_delete=models.PROTECT,
        related_name="onderzoeksgolven",
    )
    titel = models.CharField(
        _("titel"), max_length=200, help_text=_("Bv. Medewerkersonderzoek 2025.")
    )
    start = models.DateField(_("start"), help_text=_("Eerste dag waarop geantwoord kan worden."))
    eind = models.DateField(_("eind"), help_text=_("Laatste dag waarop geantwoord kan worden."))
    min_group_size = models.PositiveIntegerField(
        _("minimale groepsgrootte"),
        default=MIN_GROUP_SIZE_DEFAULT,
        validators=[MinValueValidator(MIN_GROUP_SIZE_FLOOR)],
        help_text=_("Kleinere groepen worden niet getoond; standaard 10, nooit minder dan 5."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=GolfStatus.choices,
        default=GolfStatus.VOORBEREIDING,
        help_text=_("In voorbereiding, open of gesloten."),
    )
    synthetisch = models.BooleanField(
        _("synthetisch"),
        default=False,
        help_text=_("Gegenereerde (demo)gegevens, geen echte antwoorden."),
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van aanmaken.")
    )

    class Meta:
        verbose_name = _("onderzoeksgolf")
        verbose_name_plural = _("onderzoeksgolven")
        ordering = ["-start", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_group_size__gte=MIN_GROUP_SIZE_FLOOR),
                name="golf_min_group_size_ondergrens",
            ),
            models.CheckConstraint(condition=Q(eind__gte=models.F("start")), name="golf_periode"),
        ]

    def __str__(self) -> str:
        return self.titel


class GolfEenheid(models.Model):
    """A unit of the wave with its headcount, frozen when the wave was created."""

    golf = models.ForeignKey(
        Golf,
        verbose_name=_("golf"),
        help_text=_("De golf."),
        on_delete=models.CASCADE,
        related_name="eenheden",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatieonderdeel"),
        help_text=_("Het onderdeel (een blad van de boom onder de organisatie van de golf)."),
        on_delete=models.PROTECT,
        related_name="+",
    )
    aantal_medewerkers = models.PositiveIntegerField(
        _("aantal medewerkers"),
        default=0,
        help_text=_("Aantal medewerkers bij het aanmaken van de golf; basis voor de respons."),
    )

    class Meta:
        verbose_name = _("eenheid van een golf")
        verbose_name_plural = _("eenheden van een golf")
        ordering = ["golf", "organisatie__pad"]
        constraints = [
            models.UniqueConstraint(fields=["golf", "organisatie"], name="golfeenheid_uniek")
        ]

    def __str__(self) -> str:
        return str(self.organisatie)


class Uitnodiging(models.Model):
    """A single-use invitation. Only the SHA-256 of the token is kept; never a link to the
    response, never an e-mail address."""

    golf = models.ForeignKey(
        Golf,
        verbose_name=_("golf"),
        help_text=_("De golf."),
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
    )
    golf_eenheid = models.ForeignKey(
        GolfEenheid,
        verbose_name=_("eenheid"),
        help_text=_("De eenheid waarvoor de uitnodiging geldt."),
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
    )
    token_hash = models.CharField(
        _("token-hash"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 van het token; het token zelf wordt niet bewaard."),
    )
    aangemaakt_op = models.DateField(
        _("aangemaakt op"), default=timezone.localdate, help_text=_("Dag van aanmaken.")
    )
    herinnerd_op = models.DateField(
        _("herinnerd op"), null=True, blank=True, help_text=_("Dag van de laatste herinnering.")
    )
    gebruikt = models.BooleanField(
        _("gebruikt"), default=False, help_text=_("Er is met deze uitnodiging geantwoord.")
    )
    rol_hint = models.CharField(
        _("rol (hint)"),
        max_length=20,
        choices=Rol.choices,
        blank=True,
        help_text=_("Optioneel: de rol die de genodigde naar verwachting heeft."),
    )

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["golf", "golf_eenheid", "pk"]

    def __str__(self) -> str:
        return f"{self.golf} / {self.golf_eenheid}"


class Respons(models.Model):
    """One anonymous response. A random primary key (not a counter) so that the order of
    responses cannot be matched against the order of used invitations or audit events."""

    id = models.UUIDField(
        _("id"), primary_key=True, default=uuid.uuid4, editable=False, help_text=_("Willekeurig.")
    )
    golf = models.ForeignKey(
        Golf,
        verbose_name=_("golf"),
        help_text=_("De golf."),
        on_delete=models.CASCADE,
        related_name="responsen",
    )
    golf_eenheid = models.ForeignKey(
        GolfEenheid,
        verbose_name=_("eenheid"),
        help_text=_("De eenheid van de respondent."),
        on_delete=models.CASCADE,
        related_name="responsen",
    )
    rol = models.CharField(
        _("rol"),
        max_length=20,
        choices=Rol.choices,
        help_text=_("Leidinggevende of medewerker."),
    )
    antwoorden = models.JSONField(
        _("antwoorden"),
        default=dict,
        help_text=_("Kolom → antwoordcode; meerkeuze als <code>_<optie> met 1 of 0."),
    )
    ingevuld_in = models.DateField(
        _("ingevuld in (maand)"),
        help_text=_("Alleen de maand: altijd de eerste dag van de maand van invullen."),
    )

    class Meta:
        verbose_name = _("respons")
        verbose_name_plural = _("responsen")
        constraints = [
            models.CheckConstraint(condition=Q(ingevuld_in__day=1), name="respons_alleen_maand")
        ]

    def __str__(self) -> str:
        return str(_("Respons"))


class ConceptAntwoord(models.Model):
    """Answers saved halfway ("opslaan en later verder"), keyed by the token hash; deleted when
    the response is submitted, so no link between invitation and response remains."""

    token_hash = models.CharField(
        _("token-hash"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 van het token van de uitnodiging."),
    )
    golf = models.ForeignKey(
        Golf,
        verbose_name=_("golf"),
        help_text=_("De golf (om oude concepten na sluiten op te ruimen)."),
        on_delete=models.CASCADE,
        related_name="concepten",
    )
    antwoorden = models.JSONField(
        _("antwoorden"), default=dict, help_text=_("De tot nu toe gegeven antwoorden.")
    )
    bijgewerkt_op = models.DateField(
        _("bijgewerkt op"), default=timezone.localdate, help_text=_("Dag van laatste opslaan.")
    )

    class Meta:
        verbose_name = _("conceptantwoord")
        verbose_name_plural = _("conceptantwoorden")

    def __str__(self) -> str:
        return str(_("Conceptantwoord"))
