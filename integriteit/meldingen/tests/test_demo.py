"""The reports demo: keys for the handlers, OCW's recovery key 2-of-3, a procedure per
ministry, and fictitious OCW reports in every state — readable by the coordinator."""

from __future__ import annotations

import pytest

from integriteit.accounts.demo import DEMO_PASSWORD, demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.kluis import services as kluis
from integriteit.kluis.models import Herstelsleutel
from integriteit.meldingen import services
from integriteit.meldingen.constants import Status
from integriteit.meldingen.demo import DEMO_MELDINGEN, FICTIEF
from integriteit.meldingen.models import Melding, Meldregeling

pytestmark = pytest.mark.django_db


def test_demo_reports_are_readable_by_the_coordinator_and_idempotent() -> None:
    demo_load()
    demo_load()
    meldingen = Melding.objects.filter(organisatie__code="OCW")
    assert meldingen.count() == len(DEMO_MELDINGEN)
    assert {m.status for m in meldingen} == {
        Status.ONTVANGEN,
        Status.BEVESTIGD,
        Status.IN_BEHANDELING,
        Status.AFGESLOTEN,
    }
    assert Meldregeling.objects.count() >= 12
    herstel = Herstelsleutel.objects.get(organisatie__code="OCW", actief=True)
    assert (herstel.drempel, herstel.aantal) == (2, 3)
    coordinator = Gebruiker.objects.get(username="coordinator.ocw")
    private = kluis.gebruikersleutel_openen(gebruiker=coordinator, wachtwoord=DEMO_PASSWORD)
    for melding in meldingen:
        sleutel = services.kluis_van_behandelaar(
            melding=melding, gebruiker=coordinator, private=private
        )
        assert services.inhoud_openen(sleutel, melding).wat.startswith(FICTIEF)
