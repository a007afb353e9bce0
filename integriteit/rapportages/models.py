"""The annual integrity report (BZK-5): one row per version of a year's report. A concept is
rendered live from the key figures; publishing freezes a snapshot of every figure and the
SHA-256 of the HTML, PDF and XLSX made from it, after which the row never changes (the
services refuse; a correction is a new version). ADR 0021."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integriteit.rapportages.jaarverslag_constants import JaarverslagStatus


class Jaarverslag(models.Model):
    jaar = models.PositiveSmallIntegerField(_("jaar"), help_text=_("Het verslagjaar."))
    versie = models.PositiveSmallIntegerField(
        _("versie"), default=1, help_text=_("1, of hoger na een correctie van een gepubliceerde.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=JaarverslagStatus.choices,
        default=JaarverslagStatus.CONCEPT,
        help_text=_("Concept, of gepubliceerd (daarna vast)."),
    )
    teksten: models.JSONField[Any, Any] = models.JSONField(
        _("teksten per hoofdstuk"),
        default=dict,
        blank=True,
        help_text=_("De toelichting van BZK per hoofdstuk (code van het hoofdstuk → tekst)."),
    )
    vervangt = models.OneToOneField(
        "self",
        verbose_name=_("vervangt"),
        help_text=_("De gepubliceerde versie die deze correctie vervangt."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vervangen_door",
    )
    correctie_reden = models.TextField(
        _("reden van correctie"), blank=True, help_text=_("Verplicht bij een nieuwe versie.")
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), auto_now_add=True, help_text=_("Moment van aanmaken.")
    )
    gepubliceerd_op = models.DateTimeField(
        _("gepubliceerd op"), null=True, blank=True, help_text=_("Moment van publiceren.")
    )
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        help_text=_("Wie het verslag publiceerde."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    snapshot: models.JSONField[Any, Any] = models.JSONField(
        _("momentopname"),
        default=dict,
        blank=True,
        help_text=_("Alle cijfers en teksten van het verslag bij publiceren, afgeschermd."),
    )
    sha256_html = models.CharField(
        _("SHA-256 html"), max_length=64, blank=True, help_text=_("Hash van de html-versie.")
    )
    sha256_pdf = models.CharField(
        _("SHA-256 pdf"), max_length=64, blank=True, help_text=_("Hash van de pdf-versie.")
    )
    sha256_xlsx = models.CharField(
        _("SHA-256 xlsx"), max_length=64, blank=True, help_text=_("Hash van de xlsx-bijlage.")
    )

    class Meta:
        verbose_name = _("integriteitsjaarverslag")
        verbose_name_plural = _("integriteitsjaarverslagen")
        ordering = ["-jaar", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["jaar", "versie"], name="jaarverslag_jaar_versie"),
            models.UniqueConstraint(
                fields=["jaar"],
                condition=Q(status=JaarverslagStatus.CONCEPT),
                name="jaarverslag_een_concept_per_jaar",
            ),
        ]

    def __str__(self) -> str:
        return f"Jaarverslag integriteit {self.jaar} (versie {self.versie})"

    @property
    def gepubliceerd(self) -> bool:
        return self.status == JaarverslagStatus.GEPUBLICEERD

    def tekst(self, hoofdstuk: str) -> str:
        return str((self.teksten or {}).get(hoofdstuk, ""))
