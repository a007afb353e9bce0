"""A background job and its progress, as one row that the progress page polls (ADR 0009)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.organisaties.models import Organisatie


class TaakStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


class Taak(models.Model):
    """One run of a registered job kind (``soort``), owned by the user who started it."""

    id = models.UUIDField(
        _("id"), primary_key=True, default=uuid.uuid4, editable=False, help_text=_("Willekeurig.")
    )
    soort = models.CharField(
        _("soort"), max_length=80, help_text=_("De geregistreerde taak, bv. enquete.import.")
    )
    titel = models.CharField(
        _("titel"), max_length=200, help_text=_("Wat de taak doet, zoals de gebruiker het leest.")
    )
    parameters = models.JSONField(
        _("parameters"), default=dict, help_text=_("Invoer van de taak (geen inhoud).")
    )
    invoer = models.FileField(
        _("invoerbestand"),
        upload_to="taken/invoer/",
        blank=True,
        help_text=_("Geüpload bestand; verwijderd zodra de taak klaar of mislukt is."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TaakStatus.choices,
        default=TaakStatus.WACHTRIJ,
        help_text=_("Wachtrij, bezig, klaar of mislukt."),
    )
    gedaan = models.PositiveIntegerField(_("gedaan"), default=0, help_text=_("Verwerkte stappen."))
    totaal = models.PositiveIntegerField(_("totaal"), default=0, help_text=_("Alle stappen."))
    stap = models.CharField(
        _("huidige stap"), max_length=200, blank=True, help_text=_("Wat de taak nu doet.")
    )
    resultaat = models.JSONField(
        _("resultaat"), default=dict, help_text=_("Samenvatting van de uitkomst.")
    )
    bestand = models.FileField(
        _("resultaatbestand"),
        upload_to="taken/resultaat/",
        blank=True,
        help_text=_("Het bestand dat de taak maakte (bv. een ZIP met pdf's)."),
    )
    bestandsnaam = models.CharField(
        _("bestandsnaam"), max_length=200, blank=True, help_text=_("Naam bij het downloaden.")
    )
    fouten = models.JSONField(
        _("fouten"), default=list, help_text=_("Nederlandse foutmeldingen bij mislukken.")
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        help_text=_("Alleen deze gebruiker ziet de taak."),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        help_text=_("De organisatie waarvoor de taak draait."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van starten.")
    )
    begonnen_op = models.DateTimeField(
        _("begonnen op"), null=True, blank=True, help_text=_("Moment waarop de uitvoering begon.")
    )
    klaar_op = models.DateTimeField(
        _("klaar op"), null=True, blank=True, help_text=_("Moment van klaar of mislukt.")
    )

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return self.titel

    @property
    def afgerond(self) -> bool:
        return self.status in (TaakStatus.KLAAR, TaakStatus.MISLUKT)

    @property
    def procent(self) -> int:
        if self.status == TaakStatus.KLAAR:
            return 100
        if not self.totaal:
            return 0
        return min(100, int(100 * self.gedaan / self.totaal))
