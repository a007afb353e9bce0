"""Users and their memberships: a role on a node of the organisation tree."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.common.roles import Rol


class Gebruiker(AbstractUser):
    """A person with an account. Employees who only report or answer surveys need none."""

    failed_login_count = models.PositiveSmallIntegerField(
        _("mislukte pogingen"),
        default=0,
        help_text=_("Opeenvolgende mislukte inlogpogingen (wachtwoord of code)."),
    )
    locked_until = models.DateTimeField(
        _("geblokkeerd tot"),
        null=True,
        blank=True,
        help_text=_("Tot dit moment kan het account niet inloggen."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class LidmaatschapQuerySet(models.QuerySet["Lidmaatschap"]):
    def actief(self, peildatum: date | None = None) -> LidmaatschapQuerySet:
        dag = peildatum or timezone.localdate()
        return self.filter(ingetrokken_op__isnull=True, geldig_van__lte=dag).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=dag)
        )


class Lidmaatschap(models.Model):
    """A role held by a user on one node of the tree, optionally for all nodes below it."""

    gebruiker = models.ForeignKey(
        Gebruiker,
        verbose_name=_("gebruiker"),
        help_text=_("Wie de rol heeft."),
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
    )
    organisatie = models.ForeignKey(
        "organisaties.Organisatie",
        verbose_name=_("organisatie"),
        help_text=_("Het knooppunt waarop de rol geldt."),
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
    )
    rol = models.CharField(_("rol"), max_length=40, choices=Rol.choices, help_text=_("De rol."))
    recursief = models.BooleanField(
        _("ook onderliggende onderdelen"),
        default=True,
        help_text=_("Geldt de rol ook voor alle onderdelen onder dit knooppunt?"),
    )
    geldig_van = models.DateField(
        _("geldig van"), default=timezone.localdate, help_text=_("Eerste dag van de rol.")
    )
    geldig_tot = models.DateField(
        _("geldig tot en met"),
        null=True,
        blank=True,
        help_text=_("Laatste dag van de rol; leeg = tot nader order."),
    )

    ingetrokken_op = models.DateTimeField(
        _("ingetrokken op"),
        null=True,
        blank=True,
        help_text=_("Moment waarop een beheerder de rol introk; de rij blijft voor de historie."),
    )

    objects = LidmaatschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["gebruiker", "organisatie__pad", "rol"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=models.F("geldig_van")),
                name="lidmaatschap_geldigheid_oplopend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} — {self.get_rol_display()} @ {self.organisatie.code}"
