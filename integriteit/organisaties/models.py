"""The organisation tree: Rijk → ministries → units (DG, directie, afdeling)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integriteit.organisaties.constants import Soort


class OrganisatieQuerySet(models.QuerySet["Organisatie"]):
    def geldig_op(self, peildatum: date) -> OrganisatieQuerySet:
        """Nodes that exist on ``peildatum`` (ministries change: EZK was split in 2024)."""
        return self.filter(Q(geldig_van__isnull=True) | Q(geldig_van__lte=peildatum)).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=peildatum)
        )

    def binnen(self, paden: list[str]) -> OrganisatieQuerySet:
        """Nodes in the subtrees whose materialised paths are given."""
        if not paden:
            return self.none()
        condition = Q()
        for pad in paden:
            condition |= Q(pad__startswith=pad)
        return self.filter(condition)


class Organisatie(models.Model):
    """A node of the tree. ``pad`` is a materialised path of ids ("/1/4/17/") kept by the
    services, so a subtree is one indexed prefix query."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Vaste, unieke code, bv. OCW of OCW-DGHO. Letters, cijfers, '-', '_' en '.'."),
    )
    naam = models.CharField(_("naam"), max_length=200, help_text=_("Volledige naam."))
    soort = models.CharField(
        _("soort"),
        max_length=20,
        choices=Soort.choices,
        help_text=_("Rijk, ministerie of onderdeel."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("bovenliggende organisatie"),
        help_text=_("Leeg alleen voor de wortel (Rijk)."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    pad = models.CharField(
        _("pad"),
        max_length=500,
        db_index=True,
        editable=False,
        help_text=_("Gematerialiseerd pad van ids vanaf de wortel, bv. /1/4/17/."),
    )
    fte = models.DecimalField(
        _("fte"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Formatie in fte van dit onderdeel zelf (zonder onderliggende onderdelen)."),
    )
    aantal_medewerkers = models.PositiveIntegerField(
        _("aantal medewerkers"),
        null=True,
        blank=True,
        help_text=_("Aantal medewerkers (koppen) van dit onderdeel zelf; basis voor respons."),
    )
    geldig_van = models.DateField(
        _("geldig van"), null=True, blank=True, help_text=_("Eerste dag dat dit onderdeel bestaat.")
    )
    geldig_tot = models.DateField(
        _("geldig tot en met"),
        null=True,
        blank=True,
        help_text=_("Laatste dag dat dit onderdeel bestaat; leeg = nog steeds."),
    )

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["pad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True)
                | Q(geldig_van__isnull=True)
                | Q(geldig_tot__gte=models.F("geldig_van")),
                name="organisatie_geldigheid_oplopend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"

    @property
    def diepte(self) -> int:
        return self.pad.count("/") - 2

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to and including this node."""
        return [int(part) for part in self.pad.strip("/").split("/") if part]

    def is_geldig_op(self, peildatum: date) -> bool:
        after_start = self.geldig_van is None or self.geldig_van <= peildatum
        before_end = self.geldig_tot is None or self.geldig_tot >= peildatum
        return after_start and before_end
