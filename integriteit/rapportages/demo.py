"""Demo: a concept of the annual integrity report over 2023, the year of the Court of
Audit's ratings of every ministry, with BZK's narrative started for the first chapter; the
rijkscoördinator writes the rest and publishes it."""

from __future__ import annotations

from integriteit.accounts.models import Gebruiker
from integriteit.rapportages.jaarverslag_services import (
    jaarverslag_create,
    jaarverslag_teksten_update,
)
from integriteit.rapportages.models import Jaarverslag

DEMO_JAAR = 2023
INLEIDING = (
    "In 2023 toetste de Algemene Rekenkamer het integriteitsbeleid van de twaalf "
    "kerndepartementen. De structuurmaatregelen zijn er op papier vaak wel, maar de cyclus "
    "van risicoanalyse, beleid en evaluatie ontbreekt bij de meeste ministeries. Hieronder "
    "per norm hoeveel ministeries voldoen, en wie er nog een stap te zetten heeft."
)


def rapportages_demo_load() -> None:
    if Jaarverslag.objects.filter(jaar=DEMO_JAAR).exists():
        return
    bzk = Gebruiker.objects.filter(username="rijkscoordinator.bzk").first()
    verslag = jaarverslag_create(acting_user=bzk, jaar=DEMO_JAAR)
    jaarverslag_teksten_update(
        acting_user=bzk, jaarverslag=verslag, teksten={"structuur": INLEIDING}
    )
