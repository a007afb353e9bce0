"""Choices and thresholds of survey waves (ADR 0008)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Default minimum group size for results and response rates; never below the floor.
MIN_GROUP_SIZE_DEFAULT = 10
MIN_GROUP_SIZE_FLOOR = 5
#: Bytes of randomness in an invitation token (256 bits): a plain SHA-256 suffices (ADR 0008).
TOKEN_BYTES = 32
#: Longest free-text answer accepted.
TEXT_MAX = 4000


class GolfStatus(models.TextChoices):
    VOORBEREIDING = "voorbereiding", _("In voorbereiding")
    OPEN = "open", _("Open")
    GESLOTEN = "gesloten", _("Gesloten")


#: Waves move forward only: prepared → open → closed.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    GolfStatus.VOORBEREIDING: frozenset({GolfStatus.OPEN}),
    GolfStatus.OPEN: frozenset({GolfStatus.GESLOTEN}),
    GolfStatus.GESLOTEN: frozenset(),
}


class Rol(models.TextChoices):
    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")
    MEDEWERKER = "medewerker", _("Medewerker")


#: The questionnaire item whose answer 1 ("Ja") marks a manager (ark-2023, block achtergrond).
ROL_ITEM = "leidinggevende"
ROL_ITEM_JA = 1
