"""The vault's items for the start page (``common.te_doen``): access lost after a new key,
recovery requests waiting for this custodian's share, and the user's own requests that can
be completed. Counts only; nothing of any case."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integriteit.common.te_doen import Taak
from integriteit.kluis.models import HerstelDeel, Herstelverzoek, HerstelverzoekStatus
from integriteit.kluis.services import verloren_toegangen


def voor(gebruiker: Any) -> list[Taak]:
    url = reverse("kluis:herstel")
    taken: list[Taak] = []
    open_verzoeken = Herstelverzoek.objects.filter(status=HerstelverzoekStatus.OPEN)
    sleutels = HerstelDeel.objects.filter(bewaarder=gebruiker).values("herstelsleutel")
    wachtend = (
        open_verzoeken.filter(herstelsleutel__in=sleutels)
        .exclude(bijdragen__bewaarder=gebruiker)
        .annotate(n=Count("bijdragen"))
        .filter(n__lt=F("herstelsleutel__drempel"))  # enough shares in: not waiting for more
        .count()
    )
    if wachtend:
        taken.append(
            Taak(
                ngettext(
                    "Een herstelverzoek wacht op uw deel van de herstelsleutel.",
                    "%(n)d herstelverzoeken wachten op uw deel van de herstelsleutel.",
                    wachtend,
                )
                % {"n": wachtend},
                url,
                _("Naar herstel van toegang"),
            )
        )
    klaar = (
        open_verzoeken.filter(gebruiker=gebruiker)
        .annotate(n=Count("bijdragen"))
        .filter(n__gte=F("herstelsleutel__drempel"))
        .count()
    )
    if klaar:
        taken.append(
            Taak(
                _("Genoeg bewaarders hebben bijgedragen: u kunt uw toegang nu herstellen."),
                url,
                _("Toegang herstellen"),
            )
        )
    elif verloren := verloren_toegangen(gebruiker=gebruiker).count():
        taken.append(
            Taak(
                ngettext(
                    "U heeft sinds uw nieuwe sleutel geen toegang meer tot %(n)d kluis. "
                    "De coördinator kan herstel aanvragen bij de bewaarders.",
                    "U heeft sinds uw nieuwe sleutel geen toegang meer tot %(n)d kluizen. "
                    "De coördinator kan herstel aanvragen bij de bewaarders.",
                    verloren,
                )
                % {"n": verloren},
                url,
                _("Naar herstel van toegang"),
            )
        )
    return taken
