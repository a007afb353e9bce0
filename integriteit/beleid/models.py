"""The integrity policy record of an organisation (norm 2), its goals with indicators, its
instruments, its evaluations with follow-up actions (norm 15) and the coordinator's position
(norm 3). Validation lives in ``services.py``; the models hold fields and simple properties."""

from __future__ import annotations

import calendar
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.beleid.constants import (
    ACTUALITEIT_MAANDEN_MAX,
    ACTUALITEIT_MAANDEN_MIN,
    ACTUALITEIT_MAANDEN_STANDAARD,
    OPEN_STATUSSEN,
    ActieStatus,
    Bron,
    InstrumentSoort,
    RapporteertAan,
    Richting,
    Streefniveau,
)
from integriteit.organisaties.models import Organisatie


def maanden_later(dag: date, maanden: int) -> date:
    """``dag`` plus ``maanden`` calendar months (31 January + 1 month = 28/29 February)."""
    index = dag.year * 12 + dag.month - 1 + maanden
    jaar, maand = divmod(index, 12)
    laatste = calendar.monthrange(jaar, maand + 1)[1]
    return date(jaar, maand + 1, min(dag.day, laatste))


class Beleid(models.Model):
    """One record per organisation: the overarching policy document and its vision."""

    organisatie = models.OneToOneField(
        Organisatie,
        verbose_name=_("organisatie"),
        help_text=_("De organisatie waarvan dit het integriteitsbeleid is."),
        on_delete=models.PROTECT,
        related_name="integriteitsbeleid",
    )
    visie = models.TextField(
        _("visie op integriteit"),
        blank=True,
        help_text=_("De visie van waaruit de onderdelen van het beleid samenhangen (norm 2)."),
    )
    document_titel = models.CharField(
        _("titel van het beleidsdocument"),
        max_length=300,
        blank=True,
        help_text=_("Het overkoepelende document waarin het beleid staat."),
    )
    document_vastgesteld_op = models.DateField(
        _("vastgesteld op"),
        null=True,
        blank=True,
        help_text=_("Datum waarop het beleidsdocument is vastgesteld."),
    )
    document_url = models.URLField(
        _("link naar het document"),
        max_length=1000,
        blank=True,
        help_text=_("Een webadres van het document (intranet), als dat er is."),
    )
    actualiteit_maanden = models.PositiveSmallIntegerField(
        _("actualiteit (maanden)"),
        default=ACTUALITEIT_MAANDEN_STANDAARD,
        validators=[
            MinValueValidator(ACTUALITEIT_MAANDEN_MIN),
            MaxValueValidator(ACTUALITEIT_MAANDEN_MAX),
        ],
        help_text=_("Een instrument dat langer dan dit niet is herzien, heet ‘niet actueel’."),
    )
    # The coordinator's position (norm 3).
    coordinator_fte = models.DecimalField(
        _("capaciteit coördinator (fte)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Formatie voor de integriteitscoördinatie in fte, bv. 1,5."),
    )
    taken_vastgelegd_op = models.DateField(
        _("taken formeel vastgelegd op"),
        null=True,
        blank=True,
        help_text=_("Datum van het besluit of document met de taken; leeg = niet vastgelegd."),
    )
    directe_toegang_top = models.BooleanField(
        _("directe toegang tot de top"),
        null=True,
        blank=True,
        help_text=_("Kan de coördinator op eigen initiatief rechtstreeks naar de SG/pSG?"),
    )
    rapporteert_aan = models.CharField(
        _("rapporteert aan"),
        max_length=20,
        choices=RapporteertAan.choices,
        blank=True,
        help_text=_("Aan wie de coördinator hiërarchisch rapporteert."),
    )
    team_budget = models.TextField(
        _("team en budget"),
        blank=True,
        help_text=_("Mensen en middelen van de coördinator, in een paar zinnen."),
    )
    bijgewerkt_op = models.DateTimeField(
        _("bijgewerkt op"), default=timezone.now, help_text=_("Laatste wijziging.")
    )

    class Meta:
        verbose_name = _("integriteitsbeleid")
        verbose_name_plural = _("integriteitsbeleid")

    def __str__(self) -> str:
        return str(_("Integriteitsbeleid %(code)s") % {"code": self.organisatie.code})

    @property
    def positie_ingevuld(self) -> bool:
        return (
            self.coordinator_fte is not None
            or self.taken_vastgelegd_op is not None
            or self.directe_toegang_top is not None
            or bool(self.rapporteert_aan)
        )


class Doel(models.Model):
    """A concrete goal with its indicator, target and the module the value comes from."""

    beleid = models.ForeignKey(
        Beleid,
        verbose_name=_("beleid"),
        help_text=_("Het beleid waar dit doel bij hoort."),
        on_delete=models.CASCADE,
        related_name="doelen",
    )
    omschrijving = models.CharField(
        _("doel"), max_length=300, help_text=_("Wat het beleid wil bereiken, concreet.")
    )
    indicator = models.CharField(
        _("indicator"),
        max_length=300,
        help_text=_("Waaraan u meet of het doel bereikt wordt."),
    )
    bron = models.CharField(
        _("bron"),
        max_length=20,
        choices=Bron.choices,
        help_text=_("Waar de huidige waarde vandaan komt."),
    )
    bron_code = models.CharField(
        _("code in de bron"),
        max_length=60,
        blank=True,
        help_text=_(
            "Vraag- of schaalcode van de vragenlijst, normcode (bv. 9), of bij meldingen "
            "eventueel één soort schending."
        ),
    )
    richting = models.CharField(
        _("richting"),
        max_length=10,
        choices=Richting.choices,
        default=Richting.HOGER,
        help_text=_("Of een hogere of een lagere waarde beter is."),
    )
    streefwaarde = models.DecimalField(
        _("streefwaarde"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Het getal dat u wilt halen (bij enquête en register)."),
    )
    streefniveau = models.CharField(
        _("streefniveau"),
        max_length=20,
        choices=Streefniveau.choices,
        blank=True,
        help_text=_("Het niveau dat u wilt halen (bij een norm)."),
    )
    volgorde = models.PositiveIntegerField(
        _("volgorde"), default=0, help_text=_("Volgorde op de pagina.")
    )

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["volgorde", "pk"]

    def __str__(self) -> str:
        return self.omschrijving


class Instrument(models.Model):
    """A part of the policy: code of conduct, reporting procedure, training, ..."""

    beleid = models.ForeignKey(
        Beleid,
        verbose_name=_("beleid"),
        help_text=_("Het beleid waar dit instrument bij hoort."),
        on_delete=models.CASCADE,
        related_name="instrumenten",
    )
    soort = models.CharField(
        _("soort"),
        max_length=30,
        choices=InstrumentSoort.choices,
        help_text=_("Welk soort instrument."),
    )
    naam = models.CharField(_("naam"), max_length=200, help_text=_("Bv. Gedragscode OCW 2024."))
    eigenaar = models.CharField(
        _("eigenaar (functie)"),
        max_length=200,
        help_text=_("De functie die het instrument onderhoudt, geen naam van een persoon."),
    )
    herzien_op = models.DateField(
        _("laatst herzien op"), help_text=_("Datum van de laatste herziening of vaststelling.")
    )
    url = models.URLField(
        _("link"), max_length=1000, blank=True, help_text=_("Waar het instrument te vinden is.")
    )
    omschrijving = models.TextField(
        _("omschrijving"), blank=True, help_text=_("Korte toelichting, als dat helpt.")
    )

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        ordering = ["soort", "naam"]

    def __str__(self) -> str:
        return self.naam

    def verloopt_op(self, maanden: int) -> date:
        return maanden_later(self.herzien_op, maanden)

    def is_actueel(self, *, maanden: int, peildatum: date) -> bool:
        return self.verloopt_op(maanden) > peildatum


class Evaluatie(models.Model):
    """A periodic evaluation of (parts of) the policy against its goals (norm 15)."""

    beleid = models.ForeignKey(
        Beleid,
        verbose_name=_("beleid"),
        help_text=_("Het beleid dat geëvalueerd is."),
        on_delete=models.CASCADE,
        related_name="evaluaties",
    )
    datum = models.DateField(_("datum"), help_text=_("Datum van het evaluatierapport."))
    reikwijdte = models.CharField(
        _("reikwijdte"),
        max_length=300,
        help_text=_("Wat geëvalueerd is: het hele beleid of welke onderdelen."),
    )
    tegen_doelen = models.BooleanField(
        _("getoetst aan de doelen"),
        default=False,
        help_text=_("Is het beleid getoetst aan de concrete doelen en indicatoren?"),
    )
    bevindingen = models.TextField(
        _("bevindingen"), help_text=_("De belangrijkste conclusies van de evaluatie.")
    )

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.reikwijdte} ({self.datum:%d-%m-%Y})"


class Vervolgactie(models.Model):
    """What must change after an evaluation, by whom, by when."""

    evaluatie = models.ForeignKey(
        Evaluatie,
        verbose_name=_("evaluatie"),
        help_text=_("De evaluatie waaruit deze actie volgt."),
        on_delete=models.CASCADE,
        related_name="acties",
    )
    omschrijving = models.CharField(
        _("actie"), max_length=300, help_text=_("Wat er moet gebeuren.")
    )
    eigenaar = models.CharField(
        _("eigenaar (functie)"), max_length=200, help_text=_("Wie de actie uitvoert (functie).")
    )
    deadline = models.DateField(_("uiterlijk"), help_text=_("Uiterlijk klaar op."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActieStatus.choices,
        default=ActieStatus.OPEN,
        help_text=_("Open, in uitvoering, afgerond of vervallen."),
    )

    class Meta:
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN

    def te_laat_op(self, peildatum: date) -> bool:
        return self.is_open and self.deadline < peildatum

    @property
    def te_laat(self) -> bool:
        return self.te_laat_op(timezone.localdate())
