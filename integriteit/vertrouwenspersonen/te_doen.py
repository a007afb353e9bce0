"""The advisers' module's items for the start page (``common.te_doen``): for a competent
authority the recommendations waiting for its substantive response; for an adviser last
year's annual report not yet issued. Counts only."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integriteit.common.te_doen import Taak
from integriteit.vertrouwenspersonen import selectors
from integriteit.vertrouwenspersonen.constants import JaarverslagStatus
from integriteit.vertrouwenspersonen.models import Jaarverslag


def _gezag(gebruiker: Any) -> list[Taak]:
    scope = selectors.gezag_scope(gebruiker=gebruiker)
    if scope.is_empty:
        return []
    wachtend = (
        selectors.aanbeveling_list(gebruiker=gebruiker)
        .filter(scope.q(prefix="vertrouwenspersoon__organisatie__"), reactie="")
        .count()
    )
    if not wachtend:
        return []
    tekst = ngettext(
        "Een aanbeveling van een vertrouwenspersoon wacht op uw inhoudelijke reactie.",
        "%(n)d aanbevelingen van vertrouwenspersonen wachten op uw inhoudelijke reactie.",
        wachtend,
    ) % {"n": wachtend}
    return [Taak(tekst, reverse("vertrouwenspersonen:aanbevelingen"), _("Naar de aanbevelingen"))]


def _adviseur(gebruiker: Any) -> list[Taak]:
    profiel = selectors.eigen_profiel(gebruiker=gebruiker)
    if profiel is None:
        return []
    jaar = timezone.localdate().year - 1
    if profiel.termijn_van.year > jaar:
        return []
    uitgebracht = Jaarverslag.objects.filter(
        vertrouwenspersoon=profiel, jaar=jaar, status=JaarverslagStatus.UITGEBRACHT
    ).exists()
    if uitgebracht:
        return []
    return [
        Taak(
            _("Uw jaarverslag over %(jaar)d is nog niet uitgebracht.") % {"jaar": jaar},
            reverse("vertrouwenspersonen:jaarverslag", kwargs={"jaar": jaar}),
            _("Naar het jaarverslag"),
        )
    ]


def voor(gebruiker: Any) -> list[Taak]:
    if not getattr(gebruiker, "is_authenticated", False):
        return []
    return _gezag(gebruiker) + _adviseur(gebruiker)
