"""The roles of DESIGN.md. A role is held on a node of the organisation tree (a membership)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    MEDEWERKER = "medewerker", _("Medewerker")
    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")
    INTEGRITEITSCOORDINATOR = "integriteitscoordinator", _("Integriteitscoördinator")
    ONDERZOEKER = "onderzoeker", _("Onderzoeker")
    BEVOEGD_GEZAG = "bevoegd_gezag", _("Bevoegd gezag")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Vertrouwenspersoon")
    RIJKSCOORDINATOR = "rijkscoordinator", _("Rijkscoördinator (BZK)")
    AUDITOR = "auditor", _("Auditor")
    BEHEERDER = "beheerder", _("Functioneel beheerder")


#: Roles that may log in with a password alone; every other role needs TOTP (ADR 0003).
ROLES_WITHOUT_2FA: frozenset[str] = frozenset({Rol.MEDEWERKER})
