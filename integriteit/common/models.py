"""The audit log: append-only, hash-chained events (ADR 0004)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One thing that happened: who did what to which object, when, with what outcome.

    Rows are never updated or deleted. Each carries the hash of its predecessor, so
    ``integriteit verify_audit`` finds any change. The actor is stored as plain values,
    not as a foreign key, so deleting a user never has to touch the log.
    """

    seq = models.PositiveBigIntegerField(
        _("volgnummer"), unique=True, help_text=_("Doorlopend nummer in de keten, zonder gaten.")
    )
    timestamp = models.DateTimeField(_("tijdstip"), help_text=_("Moment van de gebeurtenis (UTC)."))
    actor_id = models.BigIntegerField(
        _("gebruiker-id"), null=True, blank=True, help_text=_("Id van de handelende gebruiker.")
    )
    actor_label = models.CharField(
        _("gebruiker"),
        max_length=150,
        blank=True,
        help_text=_("Gebruikersnaam van de handelende gebruiker, of leeg voor het systeem."),
    )
    action = models.CharField(
        _("handeling"),
        max_length=100,
        help_text=_("Code van de handeling, bv. organisatie.aangemaakt."),
    )
    object_type = models.CharField(
        _("objecttype"), max_length=100, blank=True, help_text=_("Soort object, bv. organisatie.")
    )
    object_id = models.CharField(
        _("object-id"), max_length=100, blank=True, help_text=_("Sleutel van het object.")
    )
    organisatie_id = models.BigIntegerField(
        _("organisatie-id"),
        null=True,
        blank=True,
        help_text=_("Organisatie waarbinnen dit gebeurde; bepaalt wie de gebeurtenis mag zien."),
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=20, default="succes", help_text=_("succes, geweigerd of mislukt.")
    )
    details = models.JSONField(
        _("details"),
        default=dict,
        blank=True,
        help_text=_("Metagegevens zonder inhoud van zaken (nooit namen van melders, nooit tekst)."),
    )
    prev_hash = models.CharField(
        _("vorige hash"), max_length=64, help_text=_("Hash van de vorige gebeurtenis.")
    )
    hash = models.CharField(
        _("hash"), max_length=64, help_text=_("SHA-256 over deze gebeurtenis en de vorige hash.")
    )

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        ordering = ["seq"]
        indexes = [models.Index(fields=["organisatie_id", "seq"], name="audit_org_seq_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"
