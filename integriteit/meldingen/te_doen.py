"""The report module's items for the start page (``common.te_doen``): identity requests
waiting for this user as the identity custodian. Counts only."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integriteit.common.te_doen import Taak
from integriteit.meldingen.models import Identiteitsverzoek, IdentiteitsverzoekStatus


def voor(gebruiker: Any) -> list[Taak]:
    wachtend = Identiteitsverzoek.objects.filter(
        status=IdentiteitsverzoekStatus.OPEN,
        melding__organisatie__meldregeling__identiteitsbewaarder=gebruiker,
    ).count()
    if not wachtend:
        return []
    return [
        Taak(
            ngettext(
                "Een verzoek om de identiteit van een melder wacht op uw beslissing.",
                "%(n)d verzoeken om de identiteit van een melder wachten op uw beslissing.",
                wachtend,
            )
            % {"n": wachtend},
            reverse("meldingen:identiteitsverzoeken"),
            _("Naar de identiteitsverzoeken"),
        )
    ]
