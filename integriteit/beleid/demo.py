"""Demo data of the policy cycle (``make run``): OCW has a full integrity policy record with
gaps to show on the samenhang page, FIN only a vision.

OCW: a vision and document, four goals (a survey item and a survey scale of the ``ark-2023``
questionnaire on exemplary behaviour, the number of reports of undesirable behaviour, the
level of norm 9), every kind of instrument except the training for managers, the code of
conduct not revised for four years ("niet actueel"), one evaluation two years ago with three
follow-up actions (one overdue), and the coordinator's position. Written through the real
services by ``coordinator.ocw`` when that demo user exists.

Idempotent: an organisation that already has a policy record is left alone.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from integriteit.accounts.models import Gebruiker
from integriteit.beleid import services
from integriteit.beleid.constants import (
    ActieStatus,
    Bron,
    InstrumentSoort,
    RapporteertAan,
    Richting,
    Streefniveau,
)
from integriteit.beleid.models import Beleid, maanden_later
from integriteit.organisaties.models import Organisatie

VISIE_OCW = (
    "Integriteit is bij OCW geen apart onderwerp maar onderdeel van goed werkgeverschap en "
    "goed bestuur. We willen een organisatie zijn waarin medewerkers dilemma’s bespreken, "
    "elkaar aanspreken en veilig kunnen melden, en waarin leidinggevenden het goede voorbeeld "
    "geven. Het beleid rust op de risicoanalyse, richt zich op de kwetsbare werkprocessen "
    "(subsidies, inkoop, informatie) en wordt elke vier jaar geëvalueerd."
)

#: The instruments of OCW (kind, name, owner, months since revision); no manager training.
INSTRUMENTEN = (
    (InstrumentSoort.GEDRAGSCODE, "Gedragscode OCW", "Directeur bedrijfsvoering", 50),
    (InstrumentSoort.MELDREGELING, "Regeling melden vermoeden integriteitsschending", "SG", 14),
    (
        InstrumentSoort.ONDERZOEKSPROTOCOL,
        "Onderzoeksprotocol OCW (op basis van BIPO)",
        "Integriteitscoördinator",
        10,
    ),
    (InstrumentSoort.VERTROUWENSPERSONEN, "Regeling vertrouwenspersonen", "Hoofd P&O", 20),
    (
        InstrumentSoort.TRAINING_MEDEWERKERS,
        "E-learning integriteit voor nieuwe medewerkers",
        "OCW Academie",
        8,
    ),
    (InstrumentSoort.COMMUNICATIE, "Jaarplan communicatie integriteit", "Directie Communicatie", 3),
    (InstrumentSoort.OVERIG, "Dilemmakaarten en dilemmatafels", "Integriteitscoördinator", 26),
)


def _doelen(coordinator: Gebruiker | None, ocw: Organisatie) -> None:
    for gegevens in (
        services.DoelGegevens(
            omschrijving="Leidinggevenden geven het goede voorbeeld",
            indicator="Percentage medewerkers (volledig) eens met ‘Mijn leidinggevende geeft "
            "het goede voorbeeld als het gaat om integer gedrag’",
            bron=Bron.ENQUETE_ITEM,
            bron_code="vb_goed_voorbeeld",
            streefwaarde=Decimal(80),
        ),
        services.DoelGegevens(
            omschrijving="Integriteit is bespreekbaar in de lijn",
            indicator="Gemiddelde op de schaal voorbeeldgedrag (1–5)",
            bron=Bron.ENQUETE_SCHAAL,
            bron_code="voorbeeldgedrag",
            streefwaarde=Decimal("3.8"),
        ),
        services.DoelGegevens(
            omschrijving="Ongewenste omgangsvormen worden gemeld in plaats van verzwegen",
            indicator="Aantal meldingen van ongewenste omgangsvormen per jaar (meer melden "
            "is hier het doel: het wijst op meer vertrouwen)",
            bron=Bron.MELDINGEN,
            bron_code="omgangsvormen",
            richting=Richting.HOGER,
            streefwaarde=Decimal(5),
        ),
        services.DoelGegevens(
            omschrijving="Een goede onderzoeksprocedure",
            indicator="Niveau van norm 9 in de nieuwste beoordeling",
            bron=Bron.NORM,
            bron_code="9",
            streefniveau=Streefniveau.VOLDOET,
        ),
    ):
        services.doel_opslaan(acting_user=coordinator, organisatie=ocw, gegevens=gegevens)


def _evaluatie(coordinator: Gebruiker | None, ocw: Organisatie, vandaag: date) -> None:
    evaluatie = services.evaluatie_opslaan(
        acting_user=coordinator,
        organisatie=ocw,
        gegevens=services.EvaluatieGegevens(
            datum=maanden_later(vandaag, -24),
            reikwijdte="Het integriteitsbeleid als geheel",
            tegen_doelen=True,
            bevindingen=(
                "De meldregeling en de vertrouwenspersonen zijn bekend, maar leidinggevenden "
                "voelen zich onvoldoende toegerust om dilemma’s te bespreken. De gedragscode "
                "is verouderd. De doelen waren deels niet meetbaar."
            ),
        ),
    )
    for omschrijving, eigenaar, deadline, status in (
        ("Gedragscode herzien en opnieuw vaststellen", "Directeur bedrijfsvoering",
         vandaag - timedelta(days=60), ActieStatus.IN_UITVOERING),
        ("Leergang integriteit voor leidinggevenden ontwikkelen", "OCW Academie",
         vandaag + timedelta(days=120), ActieStatus.OPEN),
        ("Doelen meetbaar maken met indicatoren uit het medewerkersonderzoek",
         "Integriteitscoördinator", vandaag - timedelta(days=200), ActieStatus.AFGEROND),
    ):  # fmt: skip
        services.actie_opslaan(
            acting_user=coordinator,
            evaluatie=evaluatie,
            gegevens=services.ActieGegevens(
                omschrijving=omschrijving, eigenaar=eigenaar, deadline=deadline, status=status
            ),
        )


def _ocw(coordinator: Gebruiker | None, ocw: Organisatie) -> None:
    vandaag = timezone.localdate()
    services.beleid_opslaan(
        acting_user=coordinator,
        organisatie=ocw,
        gegevens=services.BeleidGegevens(
            visie=VISIE_OCW,
            document_titel="Integriteitsbeleid OCW 2023–2027",
            document_vastgesteld_op=maanden_later(vandaag, -30),
        ),
    )
    _doelen(coordinator, ocw)
    for soort, naam, eigenaar, maanden in INSTRUMENTEN:
        services.instrument_opslaan(
            acting_user=coordinator,
            organisatie=ocw,
            gegevens=services.InstrumentGegevens(
                soort=soort,
                naam=naam,
                eigenaar=eigenaar,
                herzien_op=maanden_later(vandaag, -maanden),
            ),
        )
    _evaluatie(coordinator, ocw, vandaag)
    services.positie_opslaan(
        acting_user=coordinator,
        organisatie=ocw,
        gegevens=services.PositieGegevens(
            coordinator_fte=Decimal("1.6"),
            taken_vastgelegd_op=maanden_later(vandaag, -40),
            directe_toegang_top=True,
            rapporteert_aan=RapporteertAan.DIRECTEUR_BEDRIJFSVOERING,
            team_budget="Een coördinator (1,0 fte) en een adviseur (0,6 fte); eigen budget "
            "voor training en communicatie.",
        ),
    )


def beleid_demo_load() -> None:
    """Fill OCW (and a little of FIN) with a policy record; skip what already exists."""
    organisaties = {o.code: o for o in Organisatie.objects.filter(code__in=["OCW", "FIN"])}
    bestaand = set(
        Beleid.objects.filter(organisatie__code__in=list(organisaties)).values_list(
            "organisatie__code", flat=True
        )
    )
    coordinator = Gebruiker.objects.filter(username="coordinator.ocw").first()
    with transaction.atomic():
        if "OCW" in organisaties and "OCW" not in bestaand:
            _ocw(coordinator, organisaties["OCW"])
        if "FIN" in organisaties and "FIN" not in bestaand:
            services.beleid_opslaan(
                acting_user=None,
                organisatie=organisaties["FIN"],
                gegevens=services.BeleidGegevens(
                    visie="Financiën werkt vanuit vertrouwen, met heldere regels waar het "
                    "moet: integriteit is ieders verantwoordelijkheid."
                ),
            )
