"""Risk analyses of an organisation (issue 7): the analysis with its method and participation,
the risk register on the analysis's matrix, control measures per risk and vulnerable
positions. Nothing here is case content: the register names functions, never persons."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.common.schendingen import Schending
from integriteit.organisaties.models import Organisatie
from integriteit.risicos.constants import (
    OPEN_STATUSSEN,
    AnalyseStatus,
    KwetsbaarGebied,
    MaatregelStatus,
)
from integriteit.risicos.matrix import BAND_LABELS, STANDAARD_GROOTTE, Band, Matrix, matrix_van

USER = settings.AUTH_USER_MODEL


class Risicoanalyse(models.Model):
    """One risk analysis of an organisation: a draft until it is established ("vastgesteld");
    after that only its measures change (their progress is followed up)."""

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="risicoanalyses",
        help_text=_("De organisatie (of het onderdeel) waarvoor de analyse is gemaakt."),
    )
    titel = models.CharField(
        _("titel"), max_length=200, help_text=_("Bijvoorbeeld: Integriteitsrisicoanalyse 2026.")
    )
    datum = models.DateField(
        _("datum"), help_text=_("Dag waarop de analyse is uitgevoerd (bv. de workshop).")
    )
    matrix_grootte = models.PositiveSmallIntegerField(
        _("matrix"),
        default=STANDAARD_GROOTTE,
        choices=[(5, _("5 × 5")), (4, _("4 × 4"))],
        help_text=_("Aantal stappen van kans en impact; ligt vast zodra de analyse bestaat."),
    )
    methoden = models.JSONField(
        _("methoden"),
        default=list,
        blank=True,
        help_text=_(
            "Codes van de gebruikte methoden: workshop, enquete, interviews, documentstudie."
        ),
    )
    deelnemers_aantal = models.PositiveIntegerField(
        _("aantal deelnemers"),
        null=True,
        blank=True,
        help_text=_("Hoeveel mensen deden mee (workshop, interviews)."),
    )
    deelnemers_omschrijving = models.TextField(
        _("deelnemers"),
        blank=True,
        help_text=_("Welke onderdelen en functies deden mee; geen namen."),
    )
    betrokkenheid = models.TextField(
        _("betrokkenheid medewerkers"),
        blank=True,
        help_text=_("Hoe medewerkers van de werkvloer hebben bijgedragen."),
    )
    golf = models.ForeignKey(
        "medewerkersonderzoek.Golf",
        verbose_name=_("onderzoeksgolf"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risicoanalyses",
        help_text=_("Optioneel: de golf van het medewerkersonderzoek die als invoer dient."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AnalyseStatus.choices,
        default=AnalyseStatus.CONCEPT,
        help_text=_("Concept of vastgesteld."),
    )
    vastgesteld_op = models.DateField(
        _("vastgesteld op"), null=True, blank=True, help_text=_("Dag van vaststellen.")
    )
    vastgesteld_door = models.ForeignKey(
        USER,
        verbose_name=_("vastgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Wie de analyse heeft vastgesteld."),
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van aanmaken.")
    )

    class Meta:
        verbose_name = _("risicoanalyse")
        verbose_name_plural = _("risicoanalyses")
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(matrix_grootte__in=[4, 5]), name="risicoanalyse_matrix_grootte"
            )
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def matrix(self) -> Matrix:
        return matrix_van(self.matrix_grootte)

    @property
    def is_vastgesteld(self) -> bool:
        return self.status == AnalyseStatus.VASTGESTELD


class Risico(models.Model):
    """One risk of the register, scored on the analysis's matrix."""

    analyse = models.ForeignKey(
        Risicoanalyse,
        verbose_name=_("risicoanalyse"),
        on_delete=models.CASCADE,
        related_name="risicos",
        help_text=_("De analyse waartoe dit risico behoort."),
    )
    nummer = models.PositiveIntegerField(
        _("nummer"), help_text=_("Volgnummer binnen de analyse (R1, R2, ...).")
    )
    titel = models.CharField(_("titel"), max_length=200, help_text=_("Korte naam van het risico."))
    gebied = models.CharField(
        _("gebied, proces of functie"),
        max_length=200,
        help_text=_("Waar het risico zich voordoet, bv. Inkoop / aanbesteding ICT."),
    )
    kwetsbaar_gebied = models.CharField(
        _("kwetsbaar gebied"),
        max_length=30,
        choices=KwetsbaarGebied.choices,
        help_text=_("Het kwetsbare gebied waartoe het risico behoort."),
    )
    schending = models.CharField(
        _("soort schending"),
        max_length=20,
        choices=Schending.choices,
        help_text=_("De soort integriteitsschending waartoe het risico kan leiden."),
    )
    omschrijving = models.TextField(
        _("omschrijving"), help_text=_("Wat er kan gebeuren, hoe en waarom.")
    )
    kans = models.PositiveSmallIntegerField(
        _("kans"),
        null=True,
        blank=True,
        help_text=_(
            "Kans zonder de bestaande beheersing, op de schaal van de matrix; "
            "leeg: nog niet beoordeeld."
        ),
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"),
        null=True,
        blank=True,
        help_text=_(
            "Gevolgen als het gebeurt, op de schaal van de matrix; leeg: nog niet beoordeeld."
        ),
    )
    bestaande_beheersing = models.TextField(
        _("bestaande beheersmaatregelen"),
        blank=True,
        help_text=_("Wat er nu al is om het risico te beperken."),
    )
    rest_kans = models.PositiveSmallIntegerField(
        _("restkans"),
        null=True,
        blank=True,
        help_text=_("Kans met de bestaande beheersing; niet hoger dan de kans."),
    )
    rest_impact = models.PositiveSmallIntegerField(
        _("restimpact"),
        null=True,
        blank=True,
        help_text=_("Impact met de bestaande beheersing; niet hoger dan de impact."),
    )
    eigenaar = models.CharField(
        _("eigenaar"),
        max_length=200,
        help_text=_("Functie (geen naam) die verantwoordelijk is, bv. directeur Bedrijfsvoering."),
    )
    catalogus_code = models.CharField(
        _("catalogus-code"),
        max_length=20,
        blank=True,
        help_text=_("Code van het catalogusrisico waarvan dit is overgenomen; leeg als eigen."),
    )

    class Meta:
        verbose_name = _("risico")
        verbose_name_plural = _("risico's")
        ordering = ["analyse", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["analyse", "nummer"], name="risico_nummer_uniek"),
            models.CheckConstraint(
                condition=Q(kans__gte=1, impact__gte=1), name="risico_kans_impact_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.titel}"

    @property
    def code(self) -> str:
        return f"R{self.nummer}"

    @property
    def is_beoordeeld(self) -> bool:
        return self.kans is not None and self.impact is not None

    @property
    def score(self) -> int | None:
        if self.kans is None or self.impact is None:
            return None
        return self.kans * self.impact

    @property
    def band(self) -> Band | None:
        if self.kans is None or self.impact is None:
            return None
        return self.analyse.matrix.band(self.kans, self.impact)

    @property
    def band_label(self) -> str:
        band = self.band
        return str(BAND_LABELS[band]) if band else ""

    @property
    def rest_band_label(self) -> str:
        band = self.rest_band
        return str(BAND_LABELS[band]) if band else ""

    @property
    def heeft_rest(self) -> bool:
        return self.rest_kans is not None and self.rest_impact is not None

    @property
    def rest_score(self) -> int | None:
        if self.rest_kans is None or self.rest_impact is None:
            return None
        return self.rest_kans * self.rest_impact

    @property
    def rest_band(self) -> Band | None:
        if self.rest_kans is None or self.rest_impact is None:
            return None
        return self.analyse.matrix.band(self.rest_kans, self.rest_impact)


class Beheersmaatregel(models.Model):
    """A control measure to be taken on a risk."""

    risico = models.ForeignKey(
        Risico,
        verbose_name=_("risico"),
        on_delete=models.CASCADE,
        related_name="maatregelen",
        help_text=_("Het risico dat deze maatregel beperkt."),
    )
    omschrijving = models.TextField(_("omschrijving"), help_text=_("Wat er gedaan wordt."))
    eigenaar = models.CharField(
        _("eigenaar"),
        max_length=200,
        help_text=_("Functie (geen naam) die de maatregel uitvoert."),
    )
    uiterlijk = models.DateField(
        _("uiterlijk"), help_text=_("Datum waarop de maatregel gereed is.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MaatregelStatus.choices,
        default=MaatregelStatus.GEPLAND,
        help_text=_("Gepland, in uitvoering, gereed of vervallen."),
    )
    aangemaakt_op = models.DateTimeField(
        _("aangemaakt op"), default=timezone.now, help_text=_("Moment van aanmaken.")
    )

    class Meta:
        verbose_name = _("beheersmaatregel")
        verbose_name_plural = _("beheersmaatregelen")
        ordering = ["uiterlijk", "pk"]

    def __str__(self) -> str:
        return self.omschrijving[:60]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN

    def te_laat_op(self, peildatum: date) -> bool:
        return self.is_open and self.uiterlijk < peildatum

    @property
    def te_laat(self) -> bool:
        return self.te_laat_op(timezone.localdate())


class KwetsbareFunctie(models.Model):
    """A vulnerable position (kwetsbare functie) named in the analysis, with its measures."""

    analyse = models.ForeignKey(
        Risicoanalyse,
        verbose_name=_("risicoanalyse"),
        on_delete=models.CASCADE,
        related_name="kwetsbare_functies",
        help_text=_("De analyse waarin de functie als kwetsbaar is aangemerkt."),
    )
    functie = models.CharField(
        _("functie"), max_length=200, help_text=_("Naam van de functie, bv. inkoper.")
    )
    eenheid = models.CharField(
        _("onderdeel"), max_length=200, help_text=_("Onderdeel of afdeling waar de functie zit.")
    )
    waarom = models.TextField(
        _("waarom kwetsbaar"),
        help_text=_("Waarom de functie kwetsbaar is (bevoegdheden, informatie, geld, contacten)."),
    )
    maatregelen = models.JSONField(
        _("maatregelen"),
        default=list,
        blank=True,
        help_text=_("Codes van de maatregelen, bv. screening, roulatie, vier_ogen."),
    )
    toelichting = models.TextField(
        _("toelichting op de maatregelen"),
        blank=True,
        help_text=_("Aanvullende of andere maatregelen."),
    )

    class Meta:
        verbose_name = _("kwetsbare functie")
        verbose_name_plural = _("kwetsbare functies")
        ordering = ["analyse", "functie", "pk"]

    def __str__(self) -> str:
        return self.functie
