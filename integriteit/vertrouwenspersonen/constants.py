"""Choices and fixed numbers of the confidential advisers' module (issue 7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from integriteit.common.schendingen import Schending

#: Counts from 1 to this number minus one are shown as "<5" (ADR 0013).
KLEINE_AANTALLEN = 5

#: A substantive response to a recommendation has at least this many characters (norm 12).
MIN_REACTIE_TEKENS = 40

#: Responses that only acknowledge, refused whatever their length once normalised.
TRIVIALE_REACTIES: frozenset[str] = frozenset(
    {
        "gezien",
        "akkoord",
        "ter kennisname",
        "voor kennisgeving aangenomen",
        "kennisgenomen",
        "ok",
        "oké",
        "prima",
        "dank",
        "bedankt",
        "dank voor de aanbeveling",
        "wordt opgepakt",
        "nemen we mee",
    }
)

#: Longest contact in minutes that the log accepts.
MAX_DUUR_MINUTEN = 600


class Soort(models.TextChoices):
    INTERN = "intern", _("Intern (eigen medewerker)")
    EXTERN = "extern", _("Extern (van buiten de organisatie)")


#: Prefix of the nine violation types in :class:`Categorie`.
SCHENDING_PREFIX = "schending_"


class Categorie(models.TextChoices):
    """What a contact was about: undesirable behaviour, the nine violation types of
    :class:`~integriteit.common.schendingen.Schending` (codes with ``schending_``), a
    suspected wrongdoing, or something else."""

    PESTEN = "pesten", _("Pesten")
    INTIMIDATIE = "intimidatie", _("Intimidatie")
    SEKSUELE_INTIMIDATIE = "seksuele_intimidatie", _("Seksuele intimidatie")
    AGRESSIE_GEWELD = "agressie_geweld", _("Agressie en geweld")
    DISCRIMINATIE = "discriminatie", _("Discriminatie")
    SCHENDING_FINANCIEEL = "schending_financieel", Schending.FINANCIEEL.label
    SCHENDING_BELANGEN = "schending_belangen", Schending.BELANGEN.label
    SCHENDING_INFORMATIE = "schending_informatie", Schending.INFORMATIE.label
    SCHENDING_COMMUNICATIE = "schending_communicatie", Schending.COMMUNICATIE.label
    SCHENDING_BEVOEGDHEDEN = "schending_bevoegdheden", Schending.BEVOEGDHEDEN.label
    SCHENDING_GEWELD = "schending_geweld", Schending.GEWELD.label
    SCHENDING_OMGANGSVORMEN = "schending_omgangsvormen", Schending.OMGANGSVORMEN.label
    SCHENDING_BEDRIJFSMIDDELEN = "schending_bedrijfsmiddelen", Schending.BEDRIJFSMIDDELEN.label
    SCHENDING_PRIVE = "schending_prive", Schending.PRIVE.label
    MISSTAND = "misstand", _("Vermoeden van een misstand")
    OVERIG = "overig", _("Overig")


class Vervolg(models.TextChoices):
    NIETS = "niets", _("Geen vervolg")
    ADVIES = "advies", _("Advies gegeven")
    MELDING = "melding", _("Melding gedaan")
    VERWIJZING = "verwijzing", _("Doorverwezen")


class JaarverslagStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    UITGEBRACHT = "uitgebracht", _("Uitgebracht")


class AanbevelingStatus(models.TextChoices):
    OPEN = "open", _("Open: wacht op een inhoudelijke reactie")
    GEREAGEERD = "gereageerd", _("Gereageerd: opvolging nog niet vastgelegd")
    AFGEROND = "afgerond", _("Afgerond: reactie en opvolging vastgelegd")
