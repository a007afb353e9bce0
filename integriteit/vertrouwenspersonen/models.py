"""Confidential advisers (issue 7, norms 10-12): their profiles, a contact log without names,
meetings with the competent authority, annual reports and recommendations.

What is readable in the database: the profile (public by design: employees must be able to
choose an adviser), the metadata of each contact (day, duration, category, follow-up), the
meetings, the reports and the recommendations (written for the competent authority). What is
not: the adviser's own note on a contact, which is encrypted to the adviser's public key
(``kluis.crypto.envelop``) — the server alone cannot read it (ADR 0013).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integriteit.organisaties.models import Organisatie
from integriteit.vertrouwenspersonen.constants import (
    MAX_DUUR_MINUTEN,
    AanbevelingStatus,
    Categorie,
    JaarverslagStatus,
    Soort,
    Vervolg,
)


class VertrouwenspersoonQuerySet(models.QuerySet["Vertrouwenspersoon"]):
    def actief_op(self, peildatum: date) -> VertrouwenspersoonQuerySet:
        """Advisers whose term includes ``peildatum``."""
        return self.filter(termijn_van__lte=peildatum).filter(
            Q(termijn_tot__isnull=True) | Q(termijn_tot__gte=peildatum)
        )


class Vertrouwenspersoon(models.Model):
    """An adviser's profile: whom they serve, how to reach them, their means (norms 10, 11)."""

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        help_text=_("De organisatie (meestal het ministerie) voor wie deze persoon er is."),
        on_delete=models.PROTECT,
        related_name="vertrouwenspersonen",
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        help_text=_(
            "Het account waarmee de vertrouwenspersoon het logboek bijhoudt; leeg voor een "
            "externe vertrouwenspersoon die alleen op de publieke pagina staat."
        ),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vertrouwenspersoonprofielen",
    )
    publieke_naam = models.CharField(
        _("naam op de publieke pagina"),
        max_length=200,
        help_text=_("Zo staat de vertrouwenspersoon op de publieke pagina, bv. 'Vera de Boer'."),
    )
    soort = models.CharField(
        _("soort"),
        max_length=10,
        choices=Soort.choices,
        help_text=_("Intern (medewerker van de organisatie) of extern (van een bureau)."),
    )
    extern_bureau = models.CharField(
        _("extern bureau"),
        max_length=200,
        blank=True,
        help_text=_("Voor een externe vertrouwenspersoon: het bureau of de organisatie."),
    )
    basisopleiding_op = models.DateField(
        _("basisopleiding afgerond op"),
        null=True,
        blank=True,
        help_text=_(
            "Datum van de meerdaagse basisopleiding (Kader Uniforme Basiseisen "
            "Vertrouwenspersonen, 2023); leeg als die nog niet is gevolgd."
        ),
    )
    uren_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(40)],
        help_text=_("Vastgestelde uren per week voor het werk als vertrouwenspersoon."),
    )
    termijn_van = models.DateField(
        _("benoemd van"), help_text=_("Eerste dag van de benoemingstermijn.")
    )
    termijn_tot = models.DateField(
        _("benoemd tot en met"),
        null=True,
        blank=True,
        help_text=_("Laatste dag van de termijn; leeg als die nog niet vastligt."),
    )
    bereikbaarheid = models.TextField(
        _("bereikbaarheid"),
        help_text=_(
            "Hoe een medewerker de vertrouwenspersoon bereikt: telefoonnummer en e-mailadres "
            "van de functie, spreekuur. Staat op de publieke pagina."
        ),
    )
    taken_vastgelegd = models.BooleanField(
        _("taken en bevoegdheden vastgelegd"),
        default=False,
        help_text=_("Taken en bevoegdheden staan op schrift (norm 11)."),
    )
    intervisie = models.BooleanField(
        _("intervisie"),
        default=False,
        help_text=_("Neemt deel aan intervisie met andere vertrouwenspersonen (norm 11)."),
    )
    scholingsbudget = models.BooleanField(
        _("budget voor (bij)scholing"),
        default=False,
        help_text=_("Er is budget voor bijscholing en faciliteiten (norm 11)."),
    )

    objects = VertrouwenspersoonQuerySet.as_manager()

    class Meta:
        verbose_name = _("vertrouwenspersoon")
        verbose_name_plural = _("vertrouwenspersonen")
        ordering = ["organisatie__pad", "publieke_naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(termijn_tot__isnull=True) | Q(termijn_tot__gte=models.F("termijn_van")),
                name="vertrouwenspersoon_termijn_oplopend",
            ),
        ]

    def __str__(self) -> str:
        return self.publieke_naam

    def actief(self, peildatum: date) -> bool:
        """Whether the term includes ``peildatum``."""
        return self.termijn_van <= peildatum and (
            self.termijn_tot is None or self.termijn_tot >= peildatum
        )


class Contact(models.Model):
    """One conversation in the log. No names: who came is never recorded; the adviser's note
    is ciphertext only the adviser can open."""

    vertrouwenspersoon = models.ForeignKey(
        Vertrouwenspersoon,
        verbose_name=_("vertrouwenspersoon"),
        help_text=_("De vertrouwenspersoon die het gesprek voerde."),
        on_delete=models.PROTECT,
        related_name="contacten",
    )
    datum = models.DateField(_("datum"), help_text=_("Dag van het contact; niet in de toekomst."))
    duur_minuten = models.PositiveSmallIntegerField(
        _("duur (minuten)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DUUR_MINUTEN)],
        help_text=_("Hoe lang het contact duurde, 1 tot 600 minuten."),
    )
    categorie = models.CharField(
        _("categorie"),
        max_length=40,
        choices=Categorie.choices,
        help_text=_("Waar het contact over ging."),
    )
    vervolg = models.CharField(
        _("vervolg"),
        max_length=20,
        choices=Vervolg.choices,
        help_text=_("Waartoe het contact leidde."),
    )
    notitie_versleuteld = models.BinaryField(
        _("notitie (versleuteld)"),
        null=True,
        blank=True,
        help_text=_(
            "Eigen notitie van de vertrouwenspersoon, versleuteld met diens publieke sleutel; "
            "alleen de vertrouwenspersoon zelf kan haar lezen."
        ),
    )
    vastgelegd_op = models.DateField(
        _("vastgelegd op"), auto_now_add=True, help_text=_("Dag waarop dit contact is vastgelegd.")
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duur_minuten__gte=1) & Q(duur_minuten__lte=MAX_DUUR_MINUTEN),
                name="vp_contact_duur_bereik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.datum} {self.get_categorie_display()}"

    @property
    def heeft_notitie(self) -> bool:
        return bool(self.notitie_versleuteld)


class Overleg(models.Model):
    """A meeting of the adviser with the competent authority (norm 12: more than once a year)."""

    vertrouwenspersoon = models.ForeignKey(
        Vertrouwenspersoon,
        verbose_name=_("vertrouwenspersoon"),
        help_text=_("De vertrouwenspersoon die het overleg had."),
        on_delete=models.PROTECT,
        related_name="overleggen",
    )
    datum = models.DateField(_("datum"), help_text=_("Dag van het overleg; niet in de toekomst."))
    tussentijds = models.BooleanField(
        _("tussentijds"),
        default=False,
        help_text=_("Een extra overleg naar aanleiding van iets, buiten de vaste momenten."),
    )
    onderwerpen = models.TextField(
        _("onderwerpen"),
        help_text=_("Wat er is besproken, zonder namen van personen."),
    )
    aanwezig_bevoegd_gezag = models.CharField(
        _("aanwezig namens het bevoegd gezag"),
        max_length=200,
        help_text=_("De functie, niet de naam, bv. 'secretaris-generaal'."),
    )

    class Meta:
        verbose_name = _("overleg met het bevoegd gezag")
        verbose_name_plural = _("overleggen met het bevoegd gezag")
        ordering = ["-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.datum} {self.aanwezig_bevoegd_gezag}"


class Jaarverslag(models.Model):
    """The adviser's own annual report. Once issued it does not change: the counts are taken
    from the log at that moment and kept in ``cijfers``."""

    vertrouwenspersoon = models.ForeignKey(
        Vertrouwenspersoon,
        verbose_name=_("vertrouwenspersoon"),
        help_text=_("De vertrouwenspersoon van dit verslag."),
        on_delete=models.PROTECT,
        related_name="jaarverslagen",
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"), help_text=_("Het verslagjaar."))
    waarnemingen = models.TextField(
        _("waarnemingen"),
        blank=True,
        help_text=_("Wat de vertrouwenspersoon in dit jaar opviel, zonder namen van personen."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=JaarverslagStatus.choices,
        default=JaarverslagStatus.CONCEPT,
        help_text=_("Concept, of uitgebracht aan het bevoegd gezag (daarna vast)."),
    )
    uitgebracht_op = models.DateField(
        _("uitgebracht op"),
        null=True,
        blank=True,
        help_text=_("Dag waarop het verslag is uitgebracht."),
    )
    cijfers: models.JSONField[Any, Any] = models.JSONField(
        _("cijfers bij uitbrengen"),
        default=dict,
        blank=True,
        help_text=_(
            "De aantallen uit het logboek op het moment van uitbrengen, zodat het verslag "
            "later hetzelfde blijft."
        ),
    )

    class Meta:
        verbose_name = _("jaarverslag")
        verbose_name_plural = _("jaarverslagen")
        ordering = ["-jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["vertrouwenspersoon", "jaar"], name="vp_jaarverslag_uniek_per_jaar"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vertrouwenspersoon} {self.jaar}"

    @property
    def uitgebracht(self) -> bool:
        return self.status == JaarverslagStatus.UITGEBRACHT


class Aanbeveling(models.Model):
    """A recommendation to the competent authority, open until it records a substantive
    response and its follow-up (norm 12)."""

    vertrouwenspersoon = models.ForeignKey(
        Vertrouwenspersoon,
        verbose_name=_("vertrouwenspersoon"),
        help_text=_("De vertrouwenspersoon die de aanbeveling doet."),
        on_delete=models.PROTECT,
        related_name="aanbevelingen",
    )
    jaarverslag = models.ForeignKey(
        Jaarverslag,
        verbose_name=_("jaarverslag"),
        help_text=_("Het jaarverslag waarin de aanbeveling staat; leeg voor een tussentijdse."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aanbevelingen",
    )
    datum = models.DateField(_("datum"), help_text=_("Dag waarop de aanbeveling is gedaan."))
    tekst = models.TextField(
        _("aanbeveling"), help_text=_("De aanbeveling zelf, zonder namen van personen.")
    )
    reactie = models.TextField(
        _("reactie van het bevoegd gezag"),
        blank=True,
        help_text=_("De inhoudelijke reactie: wat het bevoegd gezag met de aanbeveling doet."),
    )
    reactie_op = models.DateField(
        _("gereageerd op"), null=True, blank=True, help_text=_("Dag van de reactie.")
    )
    reactie_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gereageerd door"),
        help_text=_("Wie de reactie namens het bevoegd gezag vastlegde."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opvolging = models.TextField(
        _("opvolging"),
        blank=True,
        help_text=_("Wat er daadwerkelijk met de aanbeveling is gedaan."),
    )
    opvolging_op = models.DateField(
        _("opvolging vastgelegd op"),
        null=True,
        blank=True,
        help_text=_("Dag waarop de opvolging is vastgelegd."),
    )

    class Meta:
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        ordering = ["-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.datum} {self.tekst[:40]}"

    @property
    def status(self) -> str:
        if not self.reactie:
            return AanbevelingStatus.OPEN
        if not self.opvolging:
            return AanbevelingStatus.GEREAGEERD
        return AanbevelingStatus.AFGEROND

    def get_status_display(self) -> str:
        return str(AanbevelingStatus(self.status).label)
