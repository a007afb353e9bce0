"""API tokens: a named, expiring credential of one user, stored only as a hash (ADR 0017)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def geldig(self) -> ApiTokenQuerySet:
        """Tokens that are neither revoked nor expired now."""
        return self.filter(ingetrokken_op__isnull=True, verloopt_op__gt=timezone.now())


class ApiToken(models.Model):
    """A personal API token. The secret is shown once; only its SHA-256 is kept.

    The token acts as its user *now*: the user's current roles, scope, lockout and
    deactivation apply to every request, never what held when the token was made.
    """

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        help_text=_("De gebruiker namens wie het token werkt."),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    naam = models.CharField(
        _("naam"),
        max_length=100,
        help_text=_("Waarvoor het token dient, bijvoorbeeld ‘dashboard BI-team’."),
    )
    prefix = models.CharField(
        _("prefix"),
        max_length=16,
        unique=True,
        help_text=_("Het openbare begin van het token, om het terug te vinden; geen geheim."),
    )
    sleutel_hash = models.CharField(
        _("hash van het token"),
        max_length=64,
        help_text=_("SHA-256 (hex) van het hele token; het token zelf wordt nooit bewaard."),
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van aanmaken.")
    )
    verloopt_op = models.DateTimeField(
        _("verloopt op"), help_text=_("Na dit moment wordt het token geweigerd.")
    )
    laatst_gebruikt_op = models.DateTimeField(
        _("laatst gebruikt op"),
        null=True,
        blank=True,
        help_text=_("Het laatste verzoek met dit token (op de minuut nauwkeurig)."),
    )
    ingetrokken_op = models.DateTimeField(
        _("ingetrokken op"),
        null=True,
        blank=True,
        help_text=_("Moment van intrekken; een ingetrokken token werkt nooit meer."),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-aangemaakt_op", "pk"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.prefix}…)"

    @property
    def is_ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None

    @property
    def is_verlopen(self) -> bool:
        return self.verloopt_op <= timezone.now()

    @property
    def is_geldig(self) -> bool:
        return not self.is_ingetrokken and not self.is_verlopen
