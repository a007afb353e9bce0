"""What the vault stores: public keys, and private keys only ever wrapped or sealed (ADR 0010).

- ``GebruikerSleutel``: a user's key pair; the private key wrapped with a key derived from the
  user's password (Argon2id), never stored in the clear, never in the session in the clear.
- ``Kluis``: a key pair for one piece of protected content (a report's content, its identity
  vault, later an investigation); content is enveloped to ``publiek``. Its private key exists
  only as ``KluisToegang`` rows: sealed to a user, to the reporter's receipt-derived key, or
  to the organisation's recovery key. Deleting those rows destroys the content
  (crypto-shredding).
- ``Herstelsleutel`` / ``HerstelDeel``: the organisation's recovery key, its private half split
  m-of-n (Shamir) among named custodians, each share sealed to the custodian's own key.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.organisaties.models import Organisatie


class GebruikerSleutel(models.Model):
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        help_text=_("De eigenaar van het sleutelpaar."),
        on_delete=models.CASCADE,
        related_name="kluissleutel",
    )
    publiek = models.BinaryField(_("publieke sleutel"), help_text=_("X25519, 32 bytes."))
    verpakt = models.BinaryField(
        _("verpakte privésleutel"),
        help_text=_("Versleuteld met een sleutel afgeleid van het wachtwoord (Argon2id)."),
    )
    salt = models.BinaryField(_("salt"), help_text=_("Salt van de Argon2id-afleiding."))
    ops = models.PositiveBigIntegerField(_("Argon2id-passes"), help_text=_("opslimit."))
    mem = models.PositiveBigIntegerField(_("Argon2id-geheugen"), help_text=_("memlimit (bytes)."))
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van aanmaken.")
    )

    class Meta:
        verbose_name = _("sleutel van een gebruiker")
        verbose_name_plural = _("sleutels van gebruikers")

    def __str__(self) -> str:
        return str(self.gebruiker)


class KluisDoel(models.TextChoices):
    MELDING = "melding", _("Inhoud van een melding")
    IDENTITEIT = "identiteit", _("Identiteit van een melder")
    ONDERZOEK = "onderzoek", _("Inhoud van een onderzoek")


class Kluis(models.Model):
    id = models.UUIDField(
        _("id"), primary_key=True, default=uuid.uuid4, editable=False, help_text=_("Willekeurig.")
    )
    doel = models.CharField(
        _("doel"), max_length=20, choices=KluisDoel.choices, help_text=_("Wat de kluis beschermt.")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        help_text=_("Wier herstelsleutel de kluis kan openen."),
        on_delete=models.PROTECT,
        related_name="+",
    )
    publiek = models.BinaryField(_("publieke sleutel"), help_text=_("X25519, 32 bytes."))
    aangemaakt_op = models.DateField(
        _("aangemaakt op"), default=timezone.localdate, help_text=_("Dag van aanmaken.")
    )
    vernietigd_op = models.DateField(
        _("vernietigd op"),
        null=True,
        blank=True,
        help_text=_("Dag waarop alle verzegelde sleutels zijn gewist (crypto-shredding)."),
    )

    class Meta:
        verbose_name = _("kluis")
        verbose_name_plural = _("kluizen")

    def __str__(self) -> str:
        return f"{self.get_doel_display()} {self.pk}"


class ToegangSoort(models.TextChoices):
    GEBRUIKER = "gebruiker", _("Gebruiker")
    MELDER = "melder", _("Melder (ontvangstcode)")
    HERSTEL = "herstel", _("Herstelsleutel van de organisatie")


class KluisToegang(models.Model):
    """The kluis's private key, sealed to one holder."""

    kluis = models.ForeignKey(
        Kluis,
        verbose_name=_("kluis"),
        help_text=_("De kluis."),
        on_delete=models.CASCADE,
        related_name="toegangen",
    )
    soort = models.CharField(
        _("soort"),
        max_length=20,
        choices=ToegangSoort.choices,
        help_text=_("Wie de sleutel houdt."),
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        help_text=_("Bij soort gebruiker: wie toegang heeft."),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kluistoegangen",
    )
    houder_publiek = models.BinaryField(
        _("publieke sleutel van de houder"),
        help_text=_("Waaraan verzegeld is (om te zien of de houder een nieuwe sleutel heeft)."),
    )
    verzegeld = models.BinaryField(
        _("verzegelde sleutel"), help_text=_("De privésleutel van de kluis, verzegeld.")
    )
    verleend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verleend door"),
        help_text=_("Wie de toegang gaf (leeg: bij het aanmaken)."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verleend_op = models.DateField(
        _("verleend op"), default=timezone.localdate, help_text=_("Dag van verlenen.")
    )

    class Meta:
        verbose_name = _("toegang tot een kluis")
        verbose_name_plural = _("toegangen tot kluizen")
        constraints = [
            models.UniqueConstraint(
                fields=["kluis", "gebruiker"],
                condition=Q(soort="gebruiker"),
                name="kluistoegang_gebruiker_uniek",
            ),
            models.UniqueConstraint(
                fields=["kluis", "soort"],
                condition=Q(soort__in=["melder", "herstel"]),
                name="kluistoegang_melder_herstel_uniek",
            ),
            models.CheckConstraint(
                condition=Q(soort="gebruiker", gebruiker__isnull=False)
                | (~Q(soort="gebruiker") & Q(gebruiker__isnull=True)),
                name="kluistoegang_gebruiker_bij_soort",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kluis} → {self.get_soort_display()}"


class Herstelsleutel(models.Model):
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        help_text=_("De organisatie (een ministerie)."),
        on_delete=models.PROTECT,
        related_name="herstelsleutels",
    )
    publiek = models.BinaryField(_("publieke sleutel"), help_text=_("X25519, 32 bytes."))
    drempel = models.PositiveSmallIntegerField(
        _("drempel (m)"), help_text=_("Zoveel bewaarders samen kunnen herstellen.")
    )
    aantal = models.PositiveSmallIntegerField(_("aantal (n)"), help_text=_("Aantal bewaarders."))
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Nieuwe kluizen worden hieraan verzegeld.")
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van aanmaken.")
    )

    class Meta:
        verbose_name = _("herstelsleutel")
        verbose_name_plural = _("herstelsleutels")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie"], condition=Q(actief=True), name="herstelsleutel_een_actief"
            ),
            models.CheckConstraint(
                condition=Q(drempel__gte=2) & Q(aantal__gte=models.F("drempel")),
                name="herstelsleutel_m_van_n",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} ({self.drempel} van {self.aantal})"


class HerstelDeel(models.Model):
    herstelsleutel = models.ForeignKey(
        Herstelsleutel,
        verbose_name=_("herstelsleutel"),
        help_text=_("De herstelsleutel."),
        on_delete=models.CASCADE,
        related_name="delen",
    )
    bewaarder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bewaarder"),
        help_text=_("De bewaarder van dit deel."),
        on_delete=models.PROTECT,
        related_name="herstel_delen",
    )
    index = models.PositiveSmallIntegerField(_("index"), help_text=_("Nummer van het deel."))
    verzegeld = models.BinaryField(
        _("verzegeld deel"), help_text=_("Het deel, verzegeld aan de sleutel van de bewaarder.")
    )

    class Meta:
        verbose_name = _("deel van een herstelsleutel")
        verbose_name_plural = _("delen van herstelsleutels")
        constraints = [
            models.UniqueConstraint(fields=["herstelsleutel", "index"], name="hersteldeel_index"),
            models.UniqueConstraint(
                fields=["herstelsleutel", "bewaarder"], name="hersteldeel_bewaarder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.herstelsleutel} #{self.index}"


class Instelling(models.Model):
    """Deployment-wide values that must survive a backup and restore (e.g. the salt of the
    receipt-code index). One row per name."""

    naam = models.CharField(_("naam"), max_length=60, unique=True, help_text=_("Sleutelnaam."))
    waarde = models.BinaryField(_("waarde"), help_text=_("Bytes."))

    class Meta:
        verbose_name = _("kluisinstelling")
        verbose_name_plural = _("kluisinstellingen")

    def __str__(self) -> str:
        return self.naam


class HerstelverzoekStatus(models.TextChoices):
    OPEN = "open", _("Wacht op bewaarders")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Herstelverzoek(models.Model):
    """A request to give ``gebruiker`` access (again) to ``kluizen`` through the recovery key.

    Custodians contribute their share sealed to this request's one-time key; that key's
    private half is sealed to ``gebruiker`` only, so only ``gebruiker`` — once at least m
    custodians have contributed — can combine the shares. No administrator, no single
    custodian and not the server alone can."""

    herstelsleutel = models.ForeignKey(
        Herstelsleutel,
        verbose_name=_("herstelsleutel"),
        help_text=_("De herstelsleutel waarmee hersteld wordt."),
        on_delete=models.PROTECT,
        related_name="verzoeken",
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voor"),
        help_text=_("Wie (weer) toegang krijgt."),
        on_delete=models.CASCADE,
        related_name="herstelverzoeken",
    )
    kluizen = models.ManyToManyField(
        Kluis, verbose_name=_("kluizen"), help_text=_("De kluizen."), related_name="+"
    )
    reden = models.TextField(_("reden"), help_text=_("Waarom herstel nodig is."))
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        help_text=_("Wie het verzoek deed."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publiek = models.BinaryField(_("eenmalige publieke sleutel"), help_text=_("X25519."))
    verzegeld = models.BinaryField(
        _("eenmalige privésleutel, verzegeld"),
        help_text=_("Verzegeld aan de sleutel van de gebruiker voor wie het verzoek is."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=HerstelverzoekStatus.choices,
        default=HerstelverzoekStatus.OPEN,
        help_text=_("Open, uitgevoerd of ingetrokken."),
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van aanvragen.")
    )

    class Meta:
        verbose_name = _("herstelverzoek")
        verbose_name_plural = _("herstelverzoeken")

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.get_status_display()})"


class HerstelBijdrage(models.Model):
    """A custodian's share for one request, sealed to the request's one-time key."""

    verzoek = models.ForeignKey(
        Herstelverzoek,
        verbose_name=_("verzoek"),
        help_text=_("Het herstelverzoek."),
        on_delete=models.CASCADE,
        related_name="bijdragen",
    )
    bewaarder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bewaarder"),
        help_text=_("Wie het deel bijdroeg."),
        on_delete=models.PROTECT,
        related_name="+",
    )
    index = models.PositiveSmallIntegerField(_("index"), help_text=_("Nummer van het deel."))
    verzegeld = models.BinaryField(
        _("verzegeld deel"), help_text=_("Het deel, verzegeld aan de eenmalige sleutel.")
    )
    bijgedragen_op = models.DateTimeField(
        _("bijgedragen op"), default=timezone.now, help_text=_("Moment van bijdragen.")
    )

    class Meta:
        verbose_name = _("bijdrage aan een herstelverzoek")
        verbose_name_plural = _("bijdragen aan herstelverzoeken")
        constraints = [
            models.UniqueConstraint(fields=["verzoek", "bewaarder"], name="herstelbijdrage_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.verzoek} #{self.index}"
