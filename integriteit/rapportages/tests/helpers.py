"""Test data for the government-wide reports, made through the other apps' services and test
helpers, the way those apps make their own."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.services import golf_create, golf_transition
from integriteit.medewerkersonderzoek.tests.test_waves import load_ark
from integriteit.meldingen import services as meldservices
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import Melding
from integriteit.meldingen.services import Inhoud, Invoer
from integriteit.normenkader import services as kaderservices
from integriteit.normenkader.constants import Soort, Status
from integriteit.normenkader.models import Beoordeling, Cyclus, Niveau, Verbeteractie
from integriteit.normenkader.tests.world import ark_2024
from integriteit.organisaties.models import Organisatie

MARKER = "RAPPORTAGE-geheim-9c1d"
JAAR = 2025
JAAR_DATUM = date(JAAR, 6, 1)


def cyclus(jaar: int, vorige: Cyclus | None = None) -> Cyclus:
    kader = ark_2024()
    gevonden = Cyclus.objects.filter(jaar=jaar, normenkader=kader).first()
    return gevonden or kaderservices.cyclus_create(
        acting_user=None, jaar=jaar, normenkader=kader, vorige=vorige
    )


def definitief(
    organisatie: Organisatie,
    c: Cyclus,
    niveaus: dict[str, str],
    *,
    rest: str = "voldoet",
    soort: str = Soort.AUDITOR,
) -> Beoordeling:
    """A final assessment of ``organisatie`` in cycle ``c``: the norms in ``niveaus`` at
    their level, every other norm at ``rest``."""
    b = kaderservices.beoordeling_start(
        acting_user=None, cyclus=c, organisatie=organisatie, soort=soort
    )
    by_code = {n.code: n for n in Niveau.objects.filter(normenkader=c.normenkader)}
    for oordeel in b.oordelen.select_related("norm"):
        kaderservices.oordeel_update(
            acting_user=None,
            oordeel=oordeel,
            niveau=by_code[niveaus.get(oordeel.norm.code, rest)],
            bevinding="Bevinding.",
        )
    b = kaderservices.beoordeling_transition(acting_user=None, beoordeling=b, naar=Status.INGEDIEND)
    return kaderservices.beoordeling_transition(
        acting_user=None, beoordeling=b, naar=Status.DEFINITIEF
    )


def actie(b: Beoordeling, norm: str, deadline: date, omschrijving: str) -> Verbeteractie:
    return kaderservices.verbeteractie_create(
        acting_user=None,
        oordeel=b.oordelen.get(norm__code=norm),
        omschrijving=omschrijving,
        eigenaar="Integriteitscoördinator",
        deadline=deadline,
    )


def melding(organisatie: Organisatie, ontvangen: date, soort: str = "belangen") -> Melding:
    return meldservices.melding_ontvangen(
        invoer=Invoer(
            organisatie=organisatie,
            soort=soort,
            inhoud=Inhoud(wat=f"Omschrijving {MARKER}"),
            kanaal=Kanaal.TELEFOON,
            ontvangen_op=ontvangen,
        )
    ).melding


def fte(organisatie: Organisatie, waarde: int) -> None:
    Organisatie.objects.filter(pk=organisatie.pk).update(fte=Decimal(waarde))


def rijksgolf(rijk: Organisatie, antwoorden: dict[Organisatie, list[int]], **extra: int) -> Golf:
    """An open government-wide wave of ``JAAR``: per unit one respondent per value, who gives
    that value on the culture items and 4 on the other key items."""
    golf = golf_create(
        acting_user=None,
        vragenlijst=load_ark(),
        organisatie=rijk,
        titel="Rijksbreed medewerkersonderzoek 2025",
        start=date(JAAR, 10, 1),
        eind=date(JAAR, 10, 31),
        min_group_size=extra.get("min_group_size", 10),
    )
    golf = golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    rijen = []
    for unit, waarden in antwoorden.items():
        eenheid = golf.eenheden.get(organisatie=unit)
        for w in waarden:
            cultuur = {c: w for c in ("cul_vrij_bespreken", "cul_dilemma", "cul_aanspreken")}
            rijen.append(
                Respons(
                    golf=golf,
                    golf_eenheid=eenheid,
                    rol="medewerker",
                    antwoorden={
                        "leidinggevende": 2,
                        "vb_goed_voorbeeld": 4,
                        "dep_voorkomen": 4,
                        **cultuur,
                        "cul_fouten": w,
                    },
                    ingevuld_in=golf.start,
                )
            )
    Respons.objects.bulk_create(rijen)
    return golf


def gisteren() -> date:
    return timezone.localdate() - timedelta(days=1)
