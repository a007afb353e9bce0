"""Fixed choices of the annual integrity report (BZK-5, ADR 0021): its status, its chapters
(following *Integriteit als basis*, 2024) and the norms each chapter reports on."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise


class JaarverslagStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")


#: The chapters, in the order of the Court of Audit report: code and title. The narrative of
#: BZK is kept per chapter code.
STRUCTUUR, CULTUUR, MELDEN, COORDINATIE = "structuur", "cultuur", "melden", "coordinatie"
HOOFDSTUKKEN: tuple[tuple[str, StrOrPromise], ...] = (
    (STRUCTUUR, _("Structuurmaatregelen")),
    (CULTUUR, _("Cultuurmaatregelen")),
    (MELDEN, _("Melden en onderzoeken")),
    (COORDINATIE, _("De coördinerende rol van BZK")),
)
HOOFDSTUKCODES: tuple[str, ...] = tuple(code for code, _titel in HOOFDSTUKKEN)

#: Norms per chapter: risk analysis, policy, coordinator, protocols (structure); exemplary
#: behaviour, managers' support, openness (culture).
STRUCTUURNORMEN: tuple[str, ...] = ("1", "2", "3", "8", "9")
CULTUURNORMEN: tuple[str, ...] = ("4", "5", "6", "7")

#: Longest narrative per chapter (characters).
MAX_TEKST = 20_000

#: Version of the snapshot's layout; a renderer reads only the layouts it knows.
SNAPSHOT_FORMAAT = 1
