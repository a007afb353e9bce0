from django.db import models
from django.utils.translation import gettext_lazy as _


class AppliesTo(models.TextChoices):
    ORGANISATION = "organisation", _("Organisatie (ministerie)")
    COORDINATOR = "coordinator", _("Coördinerende rol (Rijk)")


class Soort(models.TextChoices):
    """Who made the assessment."""

    ZELFEVALUATIE = "zelfevaluatie", _("Zelfevaluatie")
    AUDITOR = "auditor", _("Auditor")
    COORDINATOR = "coordinator", _("Rijkscoördinator")


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    DEFINITIEF = "definitief", _("Definitief")


class ActieStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    AFGEROND = "afgerond", _("Afgerond")
    VERVALLEN = "vervallen", _("Vervallen")


class BewijsSoort(models.TextChoices):
    BESTAND = "bestand", _("Bestand")
    LINK = "link", _("Link")


#: The level that means "not assessed"; it never counts as meeting the norm.
ONBEKEND = "onbekend"
