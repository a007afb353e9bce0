"""Reports (meldingen): metadata in the clear for the registry and the counts; everything a
reporter wrote, and who they are, only as ciphertext in the case's vault (ADR 0010).

Readable: organisation, number, type, channel, status, the day of receipt and the days the
acknowledgement and feedback were due and sent, triage and outcome, handlers, retention date.
Encrypted (``kluis.services.inhoud_versleutelen``): the description and details
(``inhoud``), messages and notes, attachments and their names; the reporter's name and
contact details in a separate identity vault. No precise time anywhere: days only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.kluis.models import Kluis
from integriteit.meldingen.constants import (
    Afloop,
    Kanaal,
    Meldingsoort,
    Status,
    Triage,
    Zichtbaarheid,
)
from integriteit.organisaties.models import Organisatie


class Meldregeling(models.Model):
    """The reporting procedure of an organisation: the legal clock and the public page."""

    organisatie = models.OneToOneField(
        Organisatie,
        verbose_name=_("organisatie"),
        help_text=_("Het ministerie (of de organisatie) van deze meldregeling."),
        on_delete=models.CASCADE,
        related_name="meldregeling",
    )
    bevestiging_dagen = models.PositiveSmallIntegerField(
        _("ontvangstbevestiging binnen (dagen)"),
        default=7,
        help_text=_("Wet bescherming klokkenluiders: binnen 7 dagen."),
    )
    terugkoppeling_maanden = models.PositiveSmallIntegerField(
        _("terugkoppeling binnen (maanden)"),
        default=3,
        help_text=_("Wet bescherming klokkenluiders: binnen 3 maanden."),
    )
    werkdagen = models.BooleanField(
        _("in werkdagen"),
        default=False,
        help_text=_(
            "Termijnen in werkdagen (zonder weekend en feestdagen) in plaats van kalenderdagen."
        ),
    )
    waarschuwen_dagen = models.PositiveSmallIntegerField(
        _("waarschuwen vooraf (dagen)"),
        default=2,
        help_text=_("Zoveel dagen voor een termijn verloopt krijgen de behandelaars een signaal."),
    )
    toelichting = models.TextField(
        _("toelichting op de meldpagina"),
        blank=True,
        help_text=_(
            "Wie meldingen behandelt, hoe u de vertrouwenspersoon bereikt, bijzonderheden."
        ),
    )

    identiteitsbewaarder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("identiteitsbewaarder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Wie de identiteit van melders bewaart: alleen deze persoon opent de "
            "identiteitskluis, of keurt een gemotiveerd verzoek om inzage goed (ADR 0010)."
        ),
    )

    class Meta:
        verbose_name = _("meldregeling")
        verbose_name_plural = _("meldregelingen")

    def __str__(self) -> str:
        return str(self.organisatie)


class Melding(models.Model):
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        help_text=_("De organisatie waar de melding binnenkwam."),
        on_delete=models.PROTECT,
        related_name="meldingen",
    )
    nummer = models.CharField(
        _("nummer"),
        max_length=30,
        unique=True,
        help_text=_("Registratienummer, bv. OCW-2026-0007."),
    )
    soort = models.CharField(
        _("soort"), max_length=30, choices=Meldingsoort.choices, help_text=_("Soort schending.")
    )
    kanaal = models.CharField(
        _("kanaal"),
        max_length=20,
        choices=Kanaal.choices,
        help_text=_("Hoe de melding binnenkwam."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.ONTVANGEN,
        help_text=_("Ontvangen, bevestigd, in behandeling of afgesloten."),
    )
    anoniem = models.BooleanField(
        _("anoniem"), default=True, help_text=_("De melder gaf geen naam.")
    )
    ontvangen_op = models.DateField(
        _("ontvangen op"), default=timezone.localdate, help_text=_("Alleen de dag.")
    )
    bevestiging_uiterlijk = models.DateField(
        _("ontvangstbevestiging uiterlijk"), help_text=_("Wettelijke termijn.")
    )
    bevestigd_op = models.DateField(
        _("ontvangst bevestigd op"), null=True, blank=True, help_text=_("Dag van bevestigen.")
    )
    bevestiging_gesignaleerd_op = models.DateField(
        _("signaal bevestigingstermijn op"),
        null=True,
        blank=True,
        help_text=_("Dag waarop de behandelaars zijn gewaarschuwd (één keer)."),
    )
    terugkoppeling_uiterlijk = models.DateField(
        _("terugkoppeling uiterlijk"), help_text=_("Wettelijke termijn.")
    )
    teruggekoppeld_op = models.DateField(
        _("teruggekoppeld op"), null=True, blank=True, help_text=_("Dag van de terugkoppeling.")
    )
    terugkoppeling_gesignaleerd_op = models.DateField(
        _("signaal terugkoppelingstermijn op"),
        null=True,
        blank=True,
        help_text=_("Dag waarop de behandelaars zijn gewaarschuwd (één keer)."),
    )
    triage = models.CharField(
        _("triage"),
        max_length=20,
        choices=Triage.choices,
        blank=True,
        help_text=_("Wat er met de melding gebeurt."),
    )
    afloop = models.CharField(
        _("afloop"),
        max_length=30,
        choices=Afloop.choices,
        blank=True,
        help_text=_("Uitkomst bij het afsluiten."),
    )
    afgesloten_op = models.DateField(
        _("afgesloten op"), null=True, blank=True, help_text=_("Dag van afsluiten.")
    )
    bewaren_tot = models.DateField(
        _("bewaren tot"),
        null=True,
        blank=True,
        help_text=_("Na deze dag wordt de inhoud vernietigd (ADR 0011)."),
    )
    behandelaars = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaars"),
        help_text=_("Wie de melding behandelt (toegang tot de inhoud gaat via de kluis)."),
        blank=True,
        related_name="meldingen_in_behandeling",
    )
    kluis = models.OneToOneField(
        Kluis,
        verbose_name=_("kluis"),
        help_text=_("De kluis van de inhoud."),
        on_delete=models.PROTECT,
        related_name="melding",
    )
    identiteit_kluis = models.OneToOneField(
        Kluis,
        verbose_name=_("identiteitskluis"),
        help_text=_("De kluis met naam en contactgegevens van de melder (leeg: anoniem)."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="melding_identiteit",
    )
    inhoud = models.BinaryField(
        _("inhoud (versleuteld)"), help_text=_("Wat er gebeurde, wanneer, waar, wie: versleuteld.")
    )
    identiteit = models.BinaryField(
        _("identiteit (versleuteld)"),
        null=True,
        blank=True,
        help_text=_("Naam en contactgegevens, versleuteld in de identiteitskluis."),
    )
    ontvangstcode_index = models.CharField(
        _("index van de ontvangstcode"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Argon2id van de code; de code zelf wordt niet bewaard."),
    )
    ontvangstcode_salt = models.BinaryField(
        _("salt van de melderssleutel"),
        null=True,
        blank=True,
        help_text=_("Om de sleutel van de melder uit de code af te leiden."),
    )
    vernietigd_op = models.DateField(
        _("inhoud vernietigd op"),
        null=True,
        blank=True,
        help_text=_("Na de bewaartermijn: alleen de metadata voor de tellingen blijven."),
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-ontvangen_op", "-nummer"]
        indexes = [
            models.Index(fields=["organisatie", "status"], name="melding_org_status"),
            models.Index(fields=["organisatie", "ontvangen_op"], name="melding_org_ontvangen"),
            models.Index(fields=["bevestiging_uiterlijk"], name="melding_bevestiging"),
            models.Index(fields=["terugkoppeling_uiterlijk"], name="melding_terugkoppeling"),
            # The registry (issue 5: p95 < 100 ms at 100,000 reports). Both carry every column
            # the registry filters on (and the key), so neither the page nor the count reads
            # the table: the page walks this one in the list's order and stops after a page ...
            models.Index(
                fields=[
                    "-ontvangen_op",
                    "-nummer",
                    "organisatie",
                    "soort",
                    "status",
                    "kanaal",
                    "bevestigd_op",
                    "bevestiging_uiterlijk",
                    "teruggekoppeld_op",
                    "terugkoppeling_uiterlijk",
                    "id",
                ],
                name="melding_register_volgorde",
            ),
            # ... and the count reads only the entries of the organisations in scope.
            models.Index(
                fields=[
                    "organisatie",
                    "ontvangen_op",
                    "soort",
                    "status",
                    "kanaal",
                    "bevestigd_op",
                    "bevestiging_uiterlijk",
                    "teruggekoppeld_op",
                    "terugkoppeling_uiterlijk",
                    "id",
                ],
                name="melding_register_telling",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="afgesloten", afgesloten_op__isnull=False)
                | (~Q(status="afgesloten") & Q(afgesloten_op__isnull=True)),
                name="melding_afgesloten_met_dag",
            )
        ]

    def __str__(self) -> str:
        return self.nummer


class Bericht(models.Model):
    """A message or note on a report; its text only as ciphertext in the case's vault."""

    melding = models.ForeignKey(
        Melding,
        verbose_name=_("melding"),
        help_text=_("De melding."),
        on_delete=models.CASCADE,
        related_name="berichten",
    )
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Zichtbaarheid.choices,
        help_text=_("Gedeeld met de melder, intern voor het team, of persoonlijk."),
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        help_text=_("Leeg: de melder."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    van_melder = models.BooleanField(
        _("van de melder"), default=False, help_text=_("Geschreven door de melder.")
    )
    geplaatst_op = models.DateField(
        _("geplaatst op"), default=timezone.localdate, help_text=_("Alleen de dag.")
    )
    volgnummer = models.PositiveIntegerField(
        _("volgnummer"), help_text=_("Volgorde binnen de melding (geen tijdstip).")
    )
    tekst = models.BinaryField(_("tekst (versleuteld)"), help_text=_("Versleuteld."))

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["melding", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["melding", "volgnummer"], name="bericht_volgnummer"),
            models.CheckConstraint(
                condition=~Q(van_melder=True) | Q(zichtbaarheid="melder"),
                name="bericht_melder_gedeeld",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.melding} #{self.volgnummer}"


class Bijlage(models.Model):
    """An attachment: the file on disk is ciphertext under a random name; its real name and
    type are encrypted too."""

    melding = models.ForeignKey(
        Melding,
        verbose_name=_("melding"),
        help_text=_("De melding."),
        on_delete=models.CASCADE,
        related_name="bijlagen",
    )
    bericht = models.ForeignKey(
        Bericht,
        verbose_name=_("bericht"),
        help_text=_("Het bericht waarbij de bijlage hoort (leeg: bij de melding)."),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bijlagen",
    )
    bestand = models.FileField(
        _("bestand (versleuteld)"),
        upload_to="meldingen/",
        help_text=_("Versleutelde inhoud onder een willekeurige naam."),
    )
    metadata = models.BinaryField(
        _("naam en type (versleuteld)"), help_text=_("Oorspronkelijke naam en type, versleuteld.")
    )
    grootte = models.PositiveIntegerField(_("grootte"), help_text=_("Bytes (van het origineel)."))

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return f"{self.melding} bijlage {self.pk}"


class IdentiteitsverzoekStatus(models.TextChoices):
    OPEN = "open", _("Wacht op de identiteitsbewaarder")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Identiteitsverzoek(models.Model):
    """A handler's recorded, reasoned request to learn a reporter's identity. Only the
    identity custodian decides; on approval the custodian's key grants the requester access to
    the identity vault (ADR 0010). Requests and decisions are never deleted with the case's
    content: their reasons are not case content but stay in the registry's record."""

    melding = models.ForeignKey(
        Melding,
        verbose_name=_("melding"),
        help_text=_("De melding waarvan de identiteit van de melder gevraagd wordt."),
        on_delete=models.CASCADE,
        related_name="identiteitsverzoeken",
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        help_text=_("De behandelaar die de identiteit wil kennen."),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reden = models.TextField(
        _("reden"), help_text=_("Waarom de identiteit nodig is voor de behandeling.")
    )
    aangevraagd_op = models.DateTimeField(
        _("aangevraagd op"), default=timezone.now, help_text=_("Moment van aanvragen.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IdentiteitsverzoekStatus.choices,
        default=IdentiteitsverzoekStatus.OPEN,
        help_text=_("Open, goedgekeurd of afgewezen."),
    )
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslist door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De identiteitsbewaarder die besliste."),
    )
    beslist_op = models.DateTimeField(
        _("beslist op"), null=True, blank=True, help_text=_("Moment van beslissen.")
    )
    motivering = models.TextField(
        _("motivering"), blank=True, help_text=_("Waarom de bewaarder zo besliste.")
    )

    class Meta:
        verbose_name = _("verzoek om de identiteit van een melder")
        verbose_name_plural = _("verzoeken om de identiteit van een melder")
        ordering = ["-aangevraagd_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "aangevraagd_door"],
                condition=Q(status="open"),
                name="identiteitsverzoek_een_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.melding} ({self.get_status_display()})"
