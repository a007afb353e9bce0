"""Choices of the investigations module (issue 6): the roles in a case, the kinds of
registration a protocol can require, the outcome of a decided case, and the kinds of row in a
case's history."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Zaakrol(models.TextChoices):
    """Who takes part in one investigation. Staff roles are users (access through the case's
    vault); the subject, the reporter and witnesses are described, not users."""

    BEVOEGD_GEZAG = "bevoegd_gezag", _("Bevoegd gezag (opdrachtgever en beslisser)")
    ONDERZOEKER = "onderzoeker", _("Onderzoeker")
    COORDINATOR = "coordinator", _("Integriteitscoördinator")
    BETROKKENE = "betrokkene", _("Betrokkene")
    MELDER = "melder", _("Melder")
    GETUIGE = "getuige", _("Getuige")


#: The roles that are users of the system and act in phases.
ZAAKROLLEN_GEBRUIKER = frozenset({Zaakrol.BEVOEGD_GEZAG, Zaakrol.ONDERZOEKER, Zaakrol.COORDINATOR})


class Soort(models.TextChoices):
    """What a protocol's requirement asks to be registered (``kind`` in the YAML)."""

    TEKST = "text", _("Tekst")
    DATUM = "date", _("Datum")
    KEUZE = "choice", _("Keuze")
    DOCUMENT = "document", _("Document")
    ONDERZOEKERS = "investigators", _("Onderzoekers toegewezen")
    ONAFHANKELIJKHEID = "independence", _("Onafhankelijkheid van elke onderzoeker verklaard")
    VERHOREN = "interviews", _("Verhoorverslagen, elk goedgekeurd of becommentarieerd")
    BEWIJS = "evidence", _("Bewijslog")
    MAATREGELEN = "sanctions", _("Maatregelen geregistreerd")
    BETROKKENE = "subject", _("Betrokkene vastgelegd")


class Status(models.TextChoices):
    LOPEND = "lopend", _("Lopend")
    OPGESCHORT = "opgeschort", _("Opgeschort")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class Uitkomst(models.TextChoices):
    """The competent authority's decision on the facts (the BIPO's three outcomes)."""

    VASTGESTELD = "vastgesteld", _("Schending vastgesteld")
    NIET_VASTGESTELD = "niet_vastgesteld", _("Schending niet vastgesteld")
    NIET_VAST_TE_STELLEN = "niet_vast_te_stellen", _("Niet vast te stellen")


class Gebeurtenis(models.TextChoices):
    """The kinds of row in a case's history (``Overgang``): never updated, only added."""

    GEOPEND = "geopend", _("Geopend")
    OVERGANG = "overgang", _("Naar de volgende fase")
    AFWIJKING = "afwijking", _("Afwijking van het protocol (met toestemming)")
    OPGESCHORT = "opgeschort", _("Opgeschort")
    HERVAT = "hervat", _("Hervat")
    VERLENGD = "verlengd", _("Termijn verlengd")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class VerhoorStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VOORGELEGD = "voorgelegd", _("Voorgelegd aan de gehoorde")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd door de gehoorde")
    BECOMMENTARIEERD = "becommentarieerd", _("Van commentaar voorzien door de gehoorde")


class VerzoekStatus(models.TextChoices):
    OPEN = "open", _("Wacht op de coördinator")
    TOEGESTAAN = "toegestaan", _("Toegestaan")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
