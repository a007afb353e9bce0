"""Investigations (onderzoeken) along a protocol (issue 6): metadata in the clear for the
registry, the deadlines and the statistics; everything that was said, written or weighed only
as ciphertext in the case's vault (``KluisDoel.ONDERZOEK``, ADR 0010).

Readable: organisation, number, protocol, current phase and its deadline, status, the type of
violation, the outcome, the choices registered (e.g. "investigate" / "do not investigate"),
dates, who took part in which staff role, the kinds and dates of measures. Encrypted
(``kluis.services.inhoud_versleutelen``): texts and documents of registrations, reasons of
deviations, suspensions and extensions, descriptions of the subject and witnesses, interview
records and comments, the evidence log and its files, the reasoning of measures.

History is append-only: a registration is corrected by a newer row for the same requirement,
and each step of the case is a new ``Overgang`` row (and an audit event), never an update.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integriteit.common.schendingen import Schending
from integriteit.kluis.models import Kluis
from integriteit.meldingen.models import Melding
from integriteit.onderzoeken.constants import (
    Gebeurtenis,
    Status,
    Uitkomst,
    VerhoorStatus,
    VerzoekStatus,
    Zaakrol,
)
from integriteit.organisaties.models import Organisatie

USER = settings.AUTH_USER_MODEL


class Protocol(models.Model):
    """An investigation protocol as loaded from YAML: the shipped baseline (no organisation)
    or an organisation's tightened version of it. The YAML text is kept as loaded; the
    parsed form is derived from it (``protocol.protocol_van``)."""

    code = models.CharField(_("code"), max_length=60, help_text=_("Bijvoorbeeld bipo-basis."))
    versie = models.CharField(_("versie"), max_length=40, help_text=_("Versie van het protocol."))
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="onderzoeksprotocollen",
        help_text=_("Leeg: de meegeleverde basis (BIPO). Anders: het protocol van een ministerie."),
    )
    titel = models.CharField(_("titel"), max_length=300, help_text=_("Naam van het protocol."))
    basis = models.ForeignKey(
        "self",
        verbose_name=_("basis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aanscherpingen",
        help_text=_("Het basisprotocol dat dit protocol aanscherpt."),
    )
    yaml = models.TextField(_("YAML"), help_text=_("De tekst van het protocol zoals geladen."))
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, help_text=_("Vingerafdruk van de tekst.")
    )
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Nieuwe onderzoeken volgen het actieve protocol.")
    )
    geladen_op = models.DateTimeField(
        _("geladen op"), default=timezone.now, help_text=_("Moment van laden.")
    )
    geladen_door = models.ForeignKey(
        USER,
        verbose_name=_("geladen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Wie het protocol laadde (leeg: meegeleverd)."),
    )

    class Meta:
        verbose_name = _("onderzoeksprotocol")
        verbose_name_plural = _("onderzoeksprotocollen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "code", "versie"], name="protocol_versie_uniek"
            ),
            models.UniqueConstraint(
                fields=["code", "versie"],
                condition=Q(organisatie__isnull=True),
                name="protocol_basis_uniek",
            ),
            models.UniqueConstraint(
                fields=["organisatie"],
                condition=Q(actief=True, organisatie__isnull=False),
                name="protocol_een_actief",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.code} {self.versie})"


class Maatregelsoort(models.Model):
    """The configurable list of measures (norm 14): the disciplinary measures of the civil
    service rules and the non-disciplinary outcomes."""

    code = models.CharField(_("code"), max_length=40, unique=True, help_text=_("Korte code."))
    naam = models.CharField(_("naam"), max_length=200, help_text=_("Naam van de maatregel."))
    disciplinair = models.BooleanField(
        _("disciplinair"), help_text=_("Een disciplinaire straf (ARAR) of een andere maatregel.")
    )
    bron = models.CharField(
        _("bron"), max_length=300, blank=True, help_text=_("Grondslag, bijvoorbeeld het artikel.")
    )
    volgorde = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Volgorde in lijsten.")
    )
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Alleen actieve soorten zijn te kiezen.")
    )

    class Meta:
        verbose_name = _("soort maatregel")
        verbose_name_plural = _("soorten maatregelen")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Onderzoek(models.Model):
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="onderzoeken",
        help_text=_("Het ministerie (of onderdeel) waar het onderzoek loopt."),
    )
    nummer = models.CharField(
        _("nummer"), max_length=40, unique=True, help_text=_("Bijvoorbeeld ONZ-OCW-2026-0001.")
    )
    protocol = models.ForeignKey(
        Protocol,
        verbose_name=_("protocol"),
        on_delete=models.PROTECT,
        related_name="onderzoeken",
        help_text=_("Het protocol dat het onderzoek volgt (vast bij het openen)."),
    )
    meldingen = models.ManyToManyField(
        Melding,
        verbose_name=_("meldingen"),
        blank=True,
        related_name="onderzoeken",
        help_text=_("De meldingen waaruit het onderzoek voortkomt (leeg: eigen initiatief)."),
    )
    soort = models.CharField(
        _("soort schending"),
        max_length=30,
        choices=Schending.choices,
        blank=True,
        help_text=_("Het vermoeden: een van de negen soorten schendingen."),
    )
    fase = models.CharField(
        _("fase"), max_length=60, help_text=_("Code van de huidige fase in het protocol.")
    )
    fase_sinds = models.DateField(_("fase sinds"), help_text=_("Dag waarop de fase begon."))
    fase_uiterlijk = models.DateField(
        _("fase uiterlijk"),
        null=True,
        blank=True,
        help_text=_("Termijn van de fase (verschoven bij opschorting en verlenging)."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.LOPEND,
        help_text=_("Lopend, opgeschort of afgesloten."),
    )
    opgeschort_sinds = models.DateField(
        _("opgeschort sinds"), null=True, blank=True, help_text=_("Dag van opschorten.")
    )
    uitkomst = models.CharField(
        _("uitkomst"),
        max_length=30,
        choices=Uitkomst.choices,
        blank=True,
        help_text=_("Het besluit van het bevoegd gezag over de feiten."),
    )
    kluis = models.OneToOneField(
        Kluis,
        verbose_name=_("kluis"),
        on_delete=models.PROTECT,
        related_name="onderzoek",
        help_text=_("De kluis van alle inhoud van het onderzoek."),
    )
    geopend_op = models.DateField(
        _("geopend op"), default=timezone.localdate, help_text=_("Dag van openen.")
    )
    afgesloten_op = models.DateField(
        _("afgesloten op"), null=True, blank=True, help_text=_("Dag van afsluiten.")
    )

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        ordering = ["-geopend_op", "-nummer"]
        indexes = [models.Index(fields=["organisatie", "status"], name="onderzoek_org_status")]

    def __str__(self) -> str:
        return self.nummer


class Deelnemer(models.Model):
    """Someone in a role in one investigation: a user (staff roles), or a described person
    (subject, reporter, witness; the description is encrypted)."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="deelnemers",
        help_text=_("Het onderzoek."),
    )
    rol = models.CharField(
        _("rol"), max_length=20, choices=Zaakrol.choices, help_text=_("De rol in dit onderzoek.")
    )
    gebruiker = models.ForeignKey(
        USER,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="onderzoeksrollen",
        help_text=_("Bij bevoegd gezag, onderzoeker en coördinator: de gebruiker."),
    )
    omschrijving = models.BinaryField(
        _("omschrijving (versleuteld)"),
        null=True,
        blank=True,
        help_text=_("Bij betrokkene, melder en getuige: naam en functie, versleuteld."),
    )
    onafhankelijk_op = models.DateField(
        _("onafhankelijkheid verklaard op"),
        null=True,
        blank=True,
        help_text=_("Onderzoeker: dag waarop de onafhankelijkheid is verklaard."),
    )
    onafhankelijkheid = models.BinaryField(
        _("verklaring (versleuteld)"),
        null=True,
        blank=True,
        help_text=_("De verklaring van onafhankelijkheid, versleuteld."),
    )
    toegevoegd_op = models.DateField(
        _("toegevoegd op"), default=timezone.localdate, help_text=_("Dag van toevoegen.")
    )

    class Meta:
        verbose_name = _("deelnemer aan een onderzoek")
        verbose_name_plural = _("deelnemers aan onderzoeken")
        constraints = [
            models.UniqueConstraint(
                fields=["onderzoek", "rol", "gebruiker"],
                condition=Q(gebruiker__isnull=False),
                name="deelnemer_uniek",
            ),
            models.CheckConstraint(
                condition=Q(
                    rol__in=["bevoegd_gezag", "onderzoeker", "coordinator"], gebruiker__isnull=False
                )
                | Q(rol__in=["betrokkene", "melder", "getuige"], gebruiker__isnull=True),
                name="deelnemer_gebruiker_bij_rol",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.onderzoek} · {self.get_rol_display()}"


class Registratie(models.Model):
    """What was registered for one requirement of the protocol. Append-only: the newest row of
    a (case, requirement) counts; older rows stay as the record."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="registraties",
        help_text=_("Het onderzoek."),
    )
    fase = models.CharField(_("fase"), max_length=60, help_text=_("Code van de fase."))
    vereiste = models.CharField(
        _("vereiste"), max_length=60, help_text=_("Code van de vereiste in het protocol.")
    )
    keuze = models.CharField(
        _("keuze"),
        max_length=60,
        blank=True,
        help_text=_("Bij een keuze: de gekozen optie (leesbaar: bepaalt het verloop)."),
    )
    datum = models.DateField(_("datum"), null=True, blank=True, help_text=_("Bij een datum."))
    tekst = models.BinaryField(
        _("tekst (versleuteld)"), null=True, blank=True, help_text=_("Bij tekst: versleuteld.")
    )
    bestand = models.FileField(
        _("bestand (versleuteld)"),
        upload_to="onderzoeken/",
        blank=True,
        help_text=_("Bij een document: de versleutelde bytes onder een willekeurige naam."),
    )
    bestandsnaam = models.BinaryField(
        _("bestandsnaam (versleuteld)"), null=True, blank=True, help_text=_("Versleuteld.")
    )
    geregistreerd_door = models.ForeignKey(
        USER,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wie registreerde."),
    )
    geregistreerd_op = models.DateTimeField(
        _("geregistreerd op"), default=timezone.now, help_text=_("Moment van registreren.")
    )

    class Meta:
        verbose_name = _("registratie")
        verbose_name_plural = _("registraties")
        ordering = ["onderzoek", "vereiste", "-geregistreerd_op", "-pk"]
        indexes = [models.Index(fields=["onderzoek", "vereiste"], name="registratie_vereiste")]

    def __str__(self) -> str:
        return f"{self.onderzoek} · {self.vereiste}"


class Overgang(models.Model):
    """One step in a case's history: opening, moving on, a deviation, a suspension, a
    resumption, an extension, closing. Only ever added."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="overgangen",
        help_text=_("Het onderzoek."),
    )
    soort = models.CharField(
        _("soort"), max_length=20, choices=Gebeurtenis.choices, help_text=_("Wat er gebeurde.")
    )
    van_fase = models.CharField(_("van fase"), max_length=60, blank=True, help_text=_("Code."))
    naar_fase = models.CharField(_("naar fase"), max_length=60, blank=True, help_text=_("Code."))
    door = models.ForeignKey(
        USER,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wie."),
    )
    op = models.DateTimeField(_("op"), default=timezone.now, help_text=_("Moment."))
    reden = models.BinaryField(
        _("reden (versleuteld)"),
        null=True,
        blank=True,
        help_text=_("Bij afwijking, opschorting, verlenging: de reden, versleuteld."),
    )
    ontbrak = models.JSONField(
        _("ontbrak"),
        default=list,
        blank=True,
        help_text=_("Bij een afwijking: de codes van wat het protocol vroeg en ontbrak."),
    )
    toestemming_door = models.ForeignKey(
        USER,
        verbose_name=_("toestemming van"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Bij een afwijking: de coördinator die toestemming gaf."),
    )
    dagen = models.PositiveSmallIntegerField(
        _("dagen"), null=True, blank=True, help_text=_("Bij verlenging: het aantal dagen.")
    )

    class Meta:
        verbose_name = _("stap in een onderzoek")
        verbose_name_plural = _("stappen in onderzoeken")
        ordering = ["onderzoek", "op", "pk"]

    def __str__(self) -> str:
        return f"{self.onderzoek} · {self.get_soort_display()}"


class Afwijkingsverzoek(models.Model):
    """A request to move on although the protocol's registrations are incomplete: it needs a
    reason and a coordinator's consent (not the requester's own)."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="afwijkingsverzoeken",
        help_text=_("Het onderzoek."),
    )
    van_fase = models.CharField(_("van fase"), max_length=60, help_text=_("Code."))
    naar_fase = models.CharField(_("naar fase"), max_length=60, help_text=_("Code."))
    ontbrak = models.JSONField(
        _("ontbrak"), default=list, help_text=_("Wat het protocol vroeg en ontbrak (codes).")
    )
    reden = models.BinaryField(_("reden (versleuteld)"), help_text=_("Waarom, versleuteld."))
    aangevraagd_door = models.ForeignKey(
        USER,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wie verder wil."),
    )
    aangevraagd_op = models.DateTimeField(
        _("aangevraagd op"), default=timezone.now, help_text=_("Moment.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VerzoekStatus.choices,
        default=VerzoekStatus.OPEN,
        help_text=_("Open, toegestaan of afgewezen."),
    )
    beslist_door = models.ForeignKey(
        USER,
        verbose_name=_("beslist door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De coördinator."),
    )
    beslist_op = models.DateTimeField(
        _("beslist op"), null=True, blank=True, help_text=_("Moment.")
    )

    class Meta:
        verbose_name = _("verzoek om af te wijken van het protocol")
        verbose_name_plural = _("verzoeken om af te wijken van het protocol")
        constraints = [
            models.UniqueConstraint(
                fields=["onderzoek"], condition=Q(status="open"), name="afwijking_een_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.onderzoek} · {self.van_fase} → {self.naar_fase}"


class Verhoor(models.Model):
    """An interview record; the interviewee approves it or adds comments (hoor en wederhoor)."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="verhoren",
        help_text=_("Het onderzoek."),
    )
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"), help_text=_("1, 2, 3, …"))
    datum = models.DateField(_("datum"), help_text=_("Dag van het verhoor."))
    gehoorde = models.BinaryField(
        _("gehoorde (versleuteld)"), help_text=_("Wie gehoord is (rol, naam), versleuteld.")
    )
    verslag = models.BinaryField(_("verslag (versleuteld)"), help_text=_("Het verslag."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VerhoorStatus.choices,
        default=VerhoorStatus.CONCEPT,
        help_text=_("Concept, voorgelegd, goedgekeurd of becommentarieerd."),
    )
    reactie = models.BinaryField(
        _("reactie (versleuteld)"),
        null=True,
        blank=True,
        help_text=_("Het commentaar van de gehoorde, versleuteld."),
    )
    reactie_op = models.DateField(
        _("reactie op"), null=True, blank=True, help_text=_("Dag van goedkeuring of commentaar.")
    )
    vastgelegd_door = models.ForeignKey(
        USER,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De onderzoeker."),
    )

    class Meta:
        verbose_name = _("verhoorverslag")
        verbose_name_plural = _("verhoorverslagen")
        ordering = ["onderzoek", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["onderzoek", "volgnummer"], name="verhoor_volgnummer")
        ]

    def __str__(self) -> str:
        return f"{self.onderzoek} · verhoor {self.volgnummer}"


class Bewijsstuk(models.Model):
    """An item of the evidence log, with an optional file (encrypted)."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="bewijsstukken",
        help_text=_("Het onderzoek."),
    )
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"), help_text=_("1, 2, 3, …"))
    omschrijving = models.BinaryField(
        _("omschrijving (versleuteld)"), help_text=_("Wat het is en waar het vandaan komt.")
    )
    verkregen_op = models.DateField(_("verkregen op"), help_text=_("Dag van verkrijgen."))
    bestand = models.FileField(
        _("bestand (versleuteld)"),
        upload_to="onderzoeken/",
        blank=True,
        help_text=_("Versleutelde bytes onder een willekeurige naam."),
    )
    bestandsnaam = models.BinaryField(
        _("bestandsnaam (versleuteld)"), null=True, blank=True, help_text=_("Versleuteld.")
    )
    vastgelegd_door = models.ForeignKey(
        USER,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wie het vastlegde."),
    )

    class Meta:
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")
        ordering = ["onderzoek", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["onderzoek", "volgnummer"], name="bewijs_volgnummer")
        ]

    def __str__(self) -> str:
        return f"{self.onderzoek} · bewijs {self.volgnummer}"


class Maatregel(models.Model):
    """A measure imposed after a decided case (norm 14): its kind and date readable for the
    statistics, the reasoning on proportionality encrypted."""

    onderzoek = models.ForeignKey(
        Onderzoek,
        verbose_name=_("onderzoek"),
        on_delete=models.CASCADE,
        related_name="maatregelen",
        help_text=_("Het onderzoek."),
    )
    soort = models.ForeignKey(
        Maatregelsoort,
        verbose_name=_("soort"),
        on_delete=models.PROTECT,
        related_name="maatregelen",
        help_text=_("Uit de lijst van maatregelen."),
    )
    datum = models.DateField(_("datum"), help_text=_("Dag van het besluit over de maatregel."))
    motivering = models.BinaryField(
        _("motivering (versleuteld)"),
        help_text=_("Waarom deze maatregel evenredig is, versleuteld."),
    )
    geregistreerd_door = models.ForeignKey(
        USER,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wie registreerde."),
    )

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        ordering = ["onderzoek", "datum", "pk"]

    def __str__(self) -> str:
        return f"{self.onderzoek} · {self.soort}"
