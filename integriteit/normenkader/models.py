"""Norm frameworks (read-only reference data from YAML), assessment cycles, assessments per
organisation with a rating per norm, evidence, and improvement actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.normenkader.constants import (
    ActieStatus,
    AppliesTo,
    BewijsSoort,
    Soort,
    Status,
)


class Normenkader(models.Model):
    """One version of a framework, loaded from a YAML file and never edited afterwards."""

    code = models.CharField(_("code"), max_length=60, help_text=_("Vaste code, bv. ark-2024."))
    versie = models.PositiveIntegerField(_("versie"), help_text=_("Versienummer uit het bestand."))
    titel = models.CharField(_("titel"), max_length=300, help_text=_("Naam van het normenkader."))
    bron = models.TextField(_("bron"), blank=True, help_text=_("Waar het kader vandaan komt."))
    applies_to = models.CharField(
        _("geldt voor"),
        max_length=20,
        choices=AppliesTo.choices,
        help_text=_("Standaard voor de groepen: organisaties of de coördinerende rol."),
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
        verbose_name = _("normenkader")
        verbose_name_plural = _("normenkaders")
        ordering = ["code", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["code", "versie"], name="normenkader_code_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.code} v{self.versie})"


class Niveau(models.Model):
    """A level of the framework's scale. The highest rank means "meets the norm"."""

    normenkader = models.ForeignKey(
        Normenkader,
        verbose_name=_("normenkader"),
        help_text=_("Het kader waar deze schaal bij hoort."),
        on_delete=models.CASCADE,
        related_name="niveaus",
    )
    code = models.CharField(_("code"), max_length=40, help_text=_("Bv. voldoet."))
    label = models.CharField(_("label"), max_length=200, help_text=_("Tekst in de legenda."))
    rang = models.IntegerField(_("rang"), help_text=_("Hoger is beter; 0 = onbekend."))
    kleur = models.CharField(_("kleur"), max_length=7, help_text=_("Kleur als #rrggbb."))

    class Meta:
        verbose_name = _("niveau")
        verbose_name_plural = _("niveaus")
        ordering = ["normenkader", "-rang"]
        constraints = [
            models.UniqueConstraint(fields=["normenkader", "code"], name="niveau_code_uniek")
        ]

    def __str__(self) -> str:
        return self.label


class Normgroep(models.Model):
    normenkader = models.ForeignKey(
        Normenkader,
        verbose_name=_("normenkader"),
        help_text=_("Het kader."),
        on_delete=models.CASCADE,
        related_name="groepen",
    )
    code = models.CharField(_("code"), max_length=40, help_text=_("Bv. preventie."))
    titel = models.CharField(_("titel"), max_length=200, help_text=_("Bv. Preventie."))
    applies_to = models.CharField(
        _("geldt voor"),
        max_length=20,
        choices=AppliesTo.choices,
        help_text=_("Organisaties of de coördinerende rol."),
    )
    volgorde = models.PositiveIntegerField(_("volgorde"), help_text=_("Volgorde in het kader."))

    class Meta:
        verbose_name = _("normgroep")
        verbose_name_plural = _("normgroepen")
        ordering = ["normenkader", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["normenkader", "code"], name="normgroep_code_uniek")
        ]

    def __str__(self) -> str:
        return self.titel


class Norm(models.Model):
    normenkader = models.ForeignKey(
        Normenkader,
        verbose_name=_("normenkader"),
        help_text=_("Het kader."),
        on_delete=models.CASCADE,
        related_name="normen",
    )
    groep = models.ForeignKey(
        Normgroep,
        verbose_name=_("groep"),
        help_text=_("De groep binnen het kader."),
        on_delete=models.CASCADE,
        related_name="normen",
    )
    code = models.CharField(_("code"), max_length=40, help_text=_("Bv. 9 of BZK-1."))
    tekst = models.TextField(_("tekst"), help_text=_("De norm zelf."))
    toelichting = models.TextField(
        _("toelichting"), blank=True, help_text=_("Waar een beoordelaar op let.")
    )
    bronnen = models.JSONField(
        _("bronnen"), default=list, blank=True, help_text=_("Paragrafen waarop de norm steunt.")
    )
    volgorde = models.PositiveIntegerField(_("volgorde"), help_text=_("Volgorde in het kader."))

    class Meta:
        verbose_name = _("norm")
        verbose_name_plural = _("normen")
        ordering = ["normenkader", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["normenkader", "code"], name="norm_code_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.tekst}"


class Cyclus(models.Model):
    """A round of assessments: one year against one framework version."""

    jaar = models.PositiveIntegerField(
        _("jaar"), help_text=_("Het jaar waarover beoordeeld wordt.")
    )
    normenkader = models.ForeignKey(
        Normenkader,
        verbose_name=_("normenkader"),
        help_text=_("De versie van het kader waartegen beoordeeld wordt."),
        on_delete=models.PROTECT,
        related_name="cycli",
    )
    titel = models.CharField(_("titel"), max_length=200, help_text=_("Naam van de cyclus."))
    vorige = models.ForeignKey(
        "self",
        verbose_name=_("vorige cyclus"),
        help_text=_("De cyclus waarvan de oordelen als ‘vorige’ worden getoond."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="volgende",
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van aanmaken.")
    )

    class Meta:
        verbose_name = _("cyclus")
        verbose_name_plural = _("cycli")
        ordering = ["-jaar", "normenkader__code"]
        constraints = [
            models.UniqueConstraint(fields=["jaar", "normenkader"], name="cyclus_jaar_kader_uniek")
        ]

    def __str__(self) -> str:
        return self.titel


class Beoordeling(models.Model):
    """An assessment of one organisation in one cycle by one kind of assessor.

    Status runs concept → ingediend → definitief; a final assessment is never changed: a
    correction is a new version (``versie`` + 1) that points at the one it replaces.
    """

    cyclus = models.ForeignKey(
        Cyclus,
        verbose_name=_("cyclus"),
        help_text=_("De beoordelingsronde."),
        on_delete=models.PROTECT,
        related_name="beoordelingen",
    )
    organisatie = models.ForeignKey(
        "organisaties.Organisatie",
        verbose_name=_("organisatie"),
        help_text=_("De beoordeelde organisatie."),
        on_delete=models.PROTECT,
        related_name="beoordelingen",
    )
    soort = models.CharField(
        _("soort"), max_length=20, choices=Soort.choices, help_text=_("Wie beoordeelt.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.CONCEPT,
        help_text=_("Concept, ingediend of definitief."),
    )
    versie = models.PositiveIntegerField(
        _("versie"), default=1, help_text=_("1, of hoger na een correctie.")
    )
    vervangt = models.OneToOneField(
        "self",
        verbose_name=_("vervangt"),
        help_text=_("De definitieve versie die deze correctie vervangt."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vervangen_door",
    )
    correctie_reden = models.TextField(
        _("reden van correctie"), blank=True, help_text=_("Verplicht bij een correctie.")
    )
    beoordelaar = models.CharField(
        _("beoordelaar"),
        max_length=200,
        blank=True,
        help_text=_("Naam van de beoordelende instantie of persoon, bv. Algemene Rekenkamer."),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        help_text=_("De gebruiker die de beoordeling begon."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van aanmaken.")
    )
    ingediend_op = models.DateTimeField(
        _("ingediend op"), null=True, blank=True, help_text=_("Moment van indienen.")
    )
    definitief_op = models.DateTimeField(
        _("definitief op"), null=True, blank=True, help_text=_("Moment van vaststellen.")
    )

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["cyclus", "organisatie__code", "soort", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["cyclus", "organisatie", "soort", "versie"],
                name="beoordeling_versie_uniek",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_soort_display()} {self.organisatie.code} {self.cyclus.jaar} v{self.versie}"
        )

    @property
    def is_definitief(self) -> bool:
        return self.status == Status.DEFINITIEF


class StatusWijziging(models.Model):
    """Append-only history of an assessment's status (Signalen): never edited."""

    beoordeling = models.ForeignKey(
        Beoordeling,
        verbose_name=_("beoordeling"),
        help_text=_("De beoordeling."),
        on_delete=models.CASCADE,
        related_name="statuswijzigingen",
    )
    van = models.CharField(_("van"), max_length=20, blank=True, help_text=_("Vorige status."))
    naar = models.CharField(_("naar"), max_length=20, help_text=_("Nieuwe status."))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        help_text=_("Wie de status wijzigde."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    op = models.DateTimeField(_("op"), default=timezone.now, help_text=_("Moment."))
    toelichting = models.TextField(_("toelichting"), blank=True, help_text=_("Reden of opmerking."))

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["beoordeling", "op", "pk"]

    def __str__(self) -> str:
        return f"{self.van or '—'} → {self.naar}"


class Oordeel(models.Model):
    """The rating of one norm within an assessment: level, finding and where it comes from."""

    beoordeling = models.ForeignKey(
        Beoordeling,
        verbose_name=_("beoordeling"),
        help_text=_("De beoordeling."),
        on_delete=models.CASCADE,
        related_name="oordelen",
    )
    norm = models.ForeignKey(
        Norm,
        verbose_name=_("norm"),
        help_text=_("De beoordeelde norm."),
        on_delete=models.PROTECT,
        related_name="oordelen",
    )
    niveau = models.ForeignKey(
        Niveau,
        verbose_name=_("niveau"),
        help_text=_("Het oordeel op de schaal van het kader; leeg = nog niet beoordeeld."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oordelen",
    )
    bevinding = models.TextField(
        _("bevinding"), blank=True, help_text=_("De onderbouwing van het oordeel.")
    )
    bron = models.TextField(
        _("bron"),
        blank=True,
        help_text=_("Vindplaats, bv. ‘Integriteit als basis, §3.5.2’, met citaat."),
    )
    gewijzigd_op = models.DateTimeField(
        _("gewijzigd op"), default=timezone.now, help_text=_("Laatste wijziging.")
    )

    class Meta:
        verbose_name = _("oordeel")
        verbose_name_plural = _("oordelen")
        ordering = ["beoordeling", "norm__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["beoordeling", "norm"], name="oordeel_norm_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.beoordeling} norm {self.norm.code}: {self.niveau or '—'}"


class Bewijs(models.Model):
    """Evidence for a rating: a file or a link, with the date on which it was in force."""

    oordeel = models.ForeignKey(
        Oordeel,
        verbose_name=_("oordeel"),
        help_text=_("Het oordeel dat dit bewijs onderbouwt."),
        on_delete=models.CASCADE,
        related_name="bewijzen",
    )
    soort = models.CharField(
        _("soort"), max_length=20, choices=BewijsSoort.choices, help_text=_("Bestand of link.")
    )
    bestand = models.FileField(
        _("bestand"),
        upload_to="normenkader/bewijs/%Y/",
        blank=True,
        help_text=_("Een document (pdf, docx, xlsx, …)."),
    )
    url = models.URLField(_("link"), blank=True, max_length=1000, help_text=_("Een webadres."))
    omschrijving = models.CharField(
        _("omschrijving"), max_length=300, help_text=_("Wat dit bewijs laat zien.")
    )
    peildatum = models.DateField(
        _("geldig op"), help_text=_("De datum waarop het document gold of de situatie zo was.")
    )
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        help_text=_("Wie het bewijs toevoegde."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    toegevoegd_op = models.DateTimeField(
        _("toegevoegd op"), default=timezone.now, help_text=_("Moment van toevoegen.")
    )

    class Meta:
        verbose_name = _("bewijs")
        verbose_name_plural = _("bewijzen")
        ordering = ["oordeel", "-peildatum"]

    def __str__(self) -> str:
        return self.omschrijving


class Verbeteractie(models.Model):
    """What must happen, by whom, by when. Lives on after the assessment is final."""

    organisatie = models.ForeignKey(
        "organisaties.Organisatie",
        verbose_name=_("organisatie"),
        help_text=_("De organisatie die de actie uitvoert."),
        on_delete=models.PROTECT,
        related_name="verbeteracties",
    )
    norm = models.ForeignKey(
        Norm,
        verbose_name=_("norm"),
        help_text=_("De norm waarop de actie een verbetering is."),
        on_delete=models.PROTECT,
        related_name="verbeteracties",
    )
    oordeel = models.ForeignKey(
        Oordeel,
        verbose_name=_("oordeel"),
        help_text=_("Het oordeel dat tot de actie leidde."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verbeteracties",
    )
    omschrijving = models.TextField(_("omschrijving"), help_text=_("Wat er moet gebeuren."))
    eigenaar = models.CharField(
        _("eigenaar"), max_length=200, help_text=_("Wie ervoor zorgt (naam of functie).")
    )
    deadline = models.DateField(_("deadline"), help_text=_("Uiterlijk klaar op."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActieStatus.choices,
        default=ActieStatus.OPEN,
        help_text=_("Open, in uitvoering, afgerond of vervallen."),
    )
    afsluitend_bewijs = models.TextField(
        _("afsluitend bewijs"),
        blank=True,
        help_text=_("Waaruit blijkt dat de actie is uitgevoerd (verplicht bij afronden)."),
    )
    afgerond_op = models.DateField(
        _("afgerond op"), null=True, blank=True, help_text=_("Datum van afronden.")
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        help_text=_("Wie de actie vastlegde."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van vastleggen.")
    )

    class Meta:
        verbose_name = _("verbeteractie")
        verbose_name_plural = _("verbeteracties")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.omschrijving[:80]

    @property
    def is_open(self) -> bool:
        return self.status in (ActieStatus.OPEN, ActieStatus.IN_UITVOERING)

    @property
    def te_laat(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()
