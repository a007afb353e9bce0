"""Assessment data for tests: the shipped framework, a cycle and a concept self-assessment."""

from __future__ import annotations

from datetime import date

from integriteit.normenkader.constants import Soort
from integriteit.normenkader.loader import normenkader_load_shipped
from integriteit.normenkader.models import Beoordeling, Cyclus, Normenkader, Oordeel, Verbeteractie
from integriteit.normenkader.services import beoordeling_start, cyclus_create, verbeteractie_create
from integriteit.organisaties.models import Organisatie


def ark_2024() -> Normenkader:
    normenkader_load_shipped()
    return Normenkader.objects.get(code="ark-2024")


def cyclus(jaar: int = 2024) -> Cyclus:
    kader = ark_2024()
    found = Cyclus.objects.filter(jaar=jaar, normenkader=kader).first()
    return found or cyclus_create(acting_user=None, jaar=jaar, normenkader=kader, vorige=None)


def beoordeling(organisatie: Organisatie, soort: str = Soort.ZELFEVALUATIE) -> Beoordeling:
    c = cyclus()
    found = Beoordeling.objects.filter(cyclus=c, organisatie=organisatie, soort=soort).first()
    return found or beoordeling_start(
        acting_user=None, cyclus=c, organisatie=organisatie, soort=soort
    )


def oordeel(organisatie: Organisatie, norm_code: str = "9") -> Oordeel:
    return beoordeling(organisatie).oordelen.get(norm__code=norm_code)


def actie(organisatie: Organisatie) -> Verbeteractie:
    return verbeteractie_create(
        acting_user=None,
        oordeel=oordeel(organisatie),
        omschrijving="Onderzoeksprotocol actualiseren",
        eigenaar="Integriteitscoördinator",
        deadline=date(2030, 1, 1),
    )
