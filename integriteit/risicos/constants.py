"""Choices of the risk analysis instrument (issue 7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Methode(models.TextChoices):
    """How the risks were gathered; several may be used in one analysis."""

    WORKSHOP = "workshop", _("Workshop")
    ENQUETE = "enquete", _("Enquête")
    INTERVIEWS = "interviews", _("Interviews")
    DOCUMENTSTUDIE = "documentstudie", _("Documentstudie")


#: Methods in which employees themselves take part (documentstudie alone does not count).
METHODEN_MET_MEDEWERKERS: frozenset[str] = frozenset(
    {Methode.WORKSHOP, Methode.ENQUETE, Methode.INTERVIEWS}
)


class AnalyseStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


class KwetsbaarGebied(models.TextChoices):
    """The vulnerable areas of the report and BZK's guidance on vulnerable positions."""

    INKOOP = "inkoop", _("Inkoop en aanbesteding")
    SUBSIDIES = "subsidies", _("Subsidies")
    VERGUNNINGEN = "vergunningen", _("Vergunningen")
    TOEZICHT_HANDHAVING = "toezicht_handhaving", _("Toezicht en handhaving")
    INFORMATIE = "informatie", _("Informatie")
    PUBLIEKE_EIGENDOMMEN = "publieke_eigendommen", _("Publieke eigendommen")
    OVERIG = "overig", _("Overig")


class MaatregelStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    GEREED = "gereed", _("Gereed")
    VERVALLEN = "vervallen", _("Vervallen")


#: A measure in one of these states still has to be done (and can be overdue).
OPEN_STATUSSEN: frozenset[str] = frozenset({MaatregelStatus.GEPLAND, MaatregelStatus.IN_UITVOERING})


class FunctieMaatregel(models.TextChoices):
    """Usual measures for a vulnerable position (BZK, kader kwetsbare functies)."""

    SCREENING = "screening", _("Screening (VOG of veiligheidsonderzoek)")
    ROULATIE = "roulatie", _("Functieroulatie")
    VIER_OGEN = "vier_ogen", _("Vier-ogenprincipe")
    FUNCTIESCHEIDING = "functiescheiding", _("Functiescheiding")
    NEVENFUNCTIES = "nevenfuncties", _("Melden en toetsen van nevenfuncties en belangen")
    TRAINING = "training", _("Gerichte training of dilemmasessie")
    TOEZICHT = "toezicht", _("Extra toezicht of controle achteraf")
