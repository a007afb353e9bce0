"""Test helpers of the policy cycle: a record filled through the real services, and survey
responses of an OCW wave (the way the survey module's own tests make them)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from integriteit.beleid import services
from integriteit.beleid.constants import VERWACHTE_INSTRUMENTEN, Bron, Streefniveau
from integriteit.beleid.models import Beleid
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.services import golf_transition
from integriteit.medewerkersonderzoek.tests.test_waves import make_golf
from integriteit.organisaties.models import Organisatie


def vandaag() -> date:
    return timezone.localdate()


def jaren_terug(jaren: int, dagen: int = 0) -> date:
    dag = vandaag()
    return dag.replace(year=dag.year - jaren, day=min(dag.day, 28)) - timedelta(days=dagen)


def golf_met_antwoorden(
    organisatie: Organisatie, unit: Organisatie, *, eens: int, oneens: int, min_group_size: int = 10
) -> Golf:
    """An open wave of ``organisatie``: ``eens`` respondents in ``unit`` answer 4 (agree) on
    the exemplary-behaviour items, ``oneens`` answer 2."""
    golf = make_golf(organisatie, min_group_size=min_group_size)
    golf = golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    eenheid = golf.eenheden.get(organisatie=unit)
    waarden = [4] * eens + [2] * oneens
    Respons.objects.bulk_create(
        Respons(
            golf=golf,
            golf_eenheid=eenheid,
            rol="medewerker",
            antwoorden={
                "leidinggevende": 2,
                "vb_goed_voorbeeld": w,
                "vb_aanspreken": w,
                "vb_open_bespreken": w,
            },
            ingevuld_in=golf.start,
        )
        for w in waarden
    )
    return golf


def doel_gegevens(**extra: object) -> services.DoelGegevens:
    waarden: dict[str, object] = {
        "omschrijving": "Leidinggevenden geven het goede voorbeeld",
        "indicator": "Percentage (volledig) eens op ‘geeft het goede voorbeeld’",
        "bron": Bron.ENQUETE_ITEM,
        "bron_code": "vb_goed_voorbeeld",
        "streefwaarde": Decimal(80),
    }
    waarden.update(extra)
    return services.DoelGegevens(**waarden)  # type: ignore[arg-type]


def volledig_beleid(organisatie: Organisatie) -> Beleid:
    """A record that meets norms 2 and 15: vision, a goal, every instrument current, an
    evaluation a year ago against the goals with one open action that is not yet due."""
    services.beleid_opslaan(
        acting_user=None,
        organisatie=organisatie,
        gegevens=services.BeleidGegevens(
            visie="Integriteit is een gedeelde verantwoordelijkheid.",
            document_titel="Integriteitsbeleid",
            document_vastgesteld_op=jaren_terug(2),
        ),
    )
    services.doel_opslaan(
        acting_user=None,
        organisatie=organisatie,
        gegevens=doel_gegevens(
            bron=Bron.NORM, bron_code="9", streefwaarde=None, streefniveau=Streefniveau.VOLDOET
        ),
    )
    for soort in VERWACHTE_INSTRUMENTEN:
        services.instrument_opslaan(
            acting_user=None,
            organisatie=organisatie,
            gegevens=services.InstrumentGegevens(
                soort=soort,
                naam=f"Instrument {soort}",
                eigenaar="Coördinator",
                herzien_op=jaren_terug(1),
            ),
        )
    evaluatie = services.evaluatie_opslaan(
        acting_user=None,
        organisatie=organisatie,
        gegevens=services.EvaluatieGegevens(
            datum=jaren_terug(1),
            reikwijdte="Het hele beleid",
            bevindingen="Goed op weg.",
            tegen_doelen=True,
        ),
    )
    services.actie_opslaan(
        acting_user=None,
        evaluatie=evaluatie,
        gegevens=services.ActieGegevens(
            omschrijving="Training leidinggevenden vernieuwen",
            eigenaar="Hoofd opleidingen",
            deadline=vandaag() + timedelta(days=90),
        ),
    )
    return Beleid.objects.get(organisatie=organisatie)
