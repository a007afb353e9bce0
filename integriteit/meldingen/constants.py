"""Choices of the report module: types, channels, status, triage and closing outcomes, and
the visibility layers of notes and messages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from integriteit.common.schendingen import Schending


class Meldingsoort(models.TextChoices):
    """The nine violation types, plus wrongdoing of public interest, plus "don't know"."""

    FINANCIEEL = Schending.FINANCIEEL.value, Schending.FINANCIEEL.label
    BELANGEN = Schending.BELANGEN.value, Schending.BELANGEN.label
    INFORMATIE = Schending.INFORMATIE.value, Schending.INFORMATIE.label
    COMMUNICATIE = Schending.COMMUNICATIE.value, Schending.COMMUNICATIE.label
    BEVOEGDHEDEN = Schending.BEVOEGDHEDEN.value, Schending.BEVOEGDHEDEN.label
    GEWELD = Schending.GEWELD.value, Schending.GEWELD.label
    OMGANGSVORMEN = Schending.OMGANGSVORMEN.value, Schending.OMGANGSVORMEN.label
    BEDRIJFSMIDDELEN = Schending.BEDRIJFSMIDDELEN.value, Schending.BEDRIJFSMIDDELEN.label
    PRIVE = Schending.PRIVE.value, Schending.PRIVE.label
    MISSTAND = "misstand", _("Misstand (maatschappelijk belang, Wet bescherming klokkenluiders)")
    WEET_NIET = "weet_niet", _("Weet ik niet")


class Kanaal(models.TextChoices):
    WEB = "web", _("Online meldpunt")
    TELEFOON = "telefoon", _("Telefoon")
    POST = "post", _("E-mail of post")
    PERSOONLIJK = "persoonlijk", _("Persoonlijk gesprek")
    IMPORT = "import", _("Historisch register (import)")


class Status(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen")
    BEVESTIGD = "bevestigd", _("Ontvangst bevestigd")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class Triage(models.TextChoices):
    GEEN_ACTIE = "geen_actie", _("Geen actie")
    ADVIES = "advies", _("Advies")
    DOORVERWIJZING = "doorverwijzing", _("Doorverwijzing (intern)")
    ONDERZOEK = "onderzoek", _("Onderzoek")
    EXTERN_HVK = "extern_hvk", _("Extern: Huis voor Klokkenluiders")
    EXTERN_POLITIE = "extern_politie", _("Extern: politie of Openbaar Ministerie")
    EXTERN_ANDER = "extern_ander", _("Extern: andere bevoegde instantie")


class Afloop(models.TextChoices):
    """How a closed report ended (the basis of the retention period, ADR 0011)."""

    GEGROND = "gegrond", _("Vermoeden bevestigd")
    ONGEGROND = "ongegrond", _("Vermoeden niet bevestigd")
    NIET_VAST_TE_STELLEN = "niet_vast_te_stellen", _("Niet vast te stellen")
    DOORGESTUURD = "doorgestuurd", _("Doorgestuurd naar een andere instantie")
    INGETROKKEN = "ingetrokken", _("Ingetrokken door de melder")
    GEEN_OPVOLGING = "geen_opvolging", _("Geen opvolging nodig")


class Zichtbaarheid(models.TextChoices):
    """Who reads a note or message: shared with the reporter, the case team, or only me."""

    MELDER = "melder", _("Gedeeld met de melder")
    TEAM = "team", _("Intern: behandelteam")
    PERSOONLIJK = "persoonlijk", _("Persoonlijke notitie")


#: Attachments: what may be uploaded (by extension) and how large.
BIJLAGE_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".eml": "message/rfc822",
}
BIJLAGE_MAX_BYTES = 10 * 1024 * 1024
BIJLAGEN_MAX = 5
