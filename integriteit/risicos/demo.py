"""Demo data for the risk analysis (``make run``): one established analysis of OCW on a 5×5
matrix (workshop and enquête, linked to the demo survey wave when there is one), fourteen
risks adopted from the starter catalogue and adapted, measures (one overdue) and three
vulnerable positions. FIN gets nothing, so the contrast shows on the assessment page.

Idempotent: when OCW already has a risk analysis, nothing is created. Uses only the services
(and, for the one overdue measure, moves its due date back as time would have done).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from integriteit.accounts.models import Gebruiker
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.organisaties.models import Organisatie
from integriteit.risicos import services
from integriteit.risicos.models import Beheersmaatregel, Risico, Risicoanalyse

OCW = "OCW"
TITEL = "Integriteitsrisicoanalyse OCW 2026"

#: Catalogue code → (kans, impact, restkans, restimpact, eigenaar, aangepast gebied).
RISICOS: dict[str, tuple[int, int, int, int, str, str]] = {
    "INK-01": (4, 4, 3, 3, "Directeur Bedrijfsvoering", "Aanbesteding ICT-diensten"),
    "INK-03": (3, 3, 2, 2, "Hoofd Inkoop", "Contractmanagement"),
    "INK-04": (3, 4, 2, 3, "Financieel directeur", "Crediteurenadministratie"),
    "SUB-01": (4, 5, 3, 4, "Directeur Subsidies", "Subsidies cultuurfondsen"),
    "SUB-02": (3, 4, 2, 3, "Directeur Subsidies", "Beoordeling aanvragen onderwijsinnovatie"),
    "SUB-05": (3, 3, 2, 3, "Financieel directeur", "Vaststelling subsidies"),
    "TH-02": (3, 4, 2, 4, "Inspecteur-generaal", "Toezicht op scholen"),
    "INF-01": (4, 4, 3, 4, "Directeur Communicatie", "Beleidsvoorbereiding onderwijsbegroting"),
    "INF-02": (2, 4, 1, 4, "CIO", "Personeelsdossiers"),
    "PE-01": (3, 2, 2, 2, "Directeur Bedrijfsvoering", "Dienstauto's en tankpassen"),
    "PE-03": (3, 2, 2, 2, "Financieel directeur", "Declaraties"),
    "ALG-01": (3, 5, 3, 4, "Secretaris-generaal", "Leidinggeven in alle directies"),
    "ALG-03": (2, 3, 2, 2, "Directeur HRM", "Sociale media"),
    "ALG-06": (3, 4, 3, 3, "Secretaris-generaal", "Meldcultuur"),
}

MAATREGELEN: list[tuple[str, str, str, int, str]] = [
    # (catalogue code, measure, owner, days from today, status)
    (
        "INK-01",
        "Verklaring van onafhankelijkheid bij elke aanbesteding boven € 50.000",
        "Hoofd Inkoop",
        60,
        "in_uitvoering",
    ),
    (
        "SUB-01",
        "Verschoningsregel opnemen in het beoordelingsprotocol",
        "Directeur Subsidies",
        45,
        "gepland",
    ),
    (
        "SUB-02",
        "Steekproef op toekenningen door Financiën en Control",
        "Financieel directeur",
        90,
        "gepland",
    ),
    (
        "INF-01",
        "Rubricering en beperkte verspreiding van begrotingsstukken",
        "Directeur Communicatie",
        -20,
        "in_uitvoering",
    ),
    (
        "ALG-01",
        "Leiderschapsprogramma met voorbeeldgedrag en aanspreken",
        "Directeur HRM",
        120,
        "in_uitvoering",
    ),
    (
        "ALG-06",
        "Jaarlijks terugkoppelen wat er met meldingen is gedaan",
        "Integriteitscoördinator",
        30,
        "gereed",
    ),
    (
        "TH-02",
        "Maximale termijn van vier jaar op hetzelfde schoolbestuur",
        "Inspecteur-generaal",
        180,
        "gepland",
    ),
]

FUNCTIES: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        "Inkoper",
        "Directie Bedrijfsvoering",
        "Beslist mee over opdrachten van grote waarde en heeft contact met leveranciers.",
        ("screening", "vier_ogen", "nevenfuncties"),
    ),
    (
        "Subsidiebeoordelaar",
        "DG Cultuur en Media",
        "Beoordeelt aanvragen en kent bedragen toe; kent het veld persoonlijk.",
        ("vier_ogen", "roulatie", "nevenfuncties"),
    ),
    (
        "Inspecteur",
        "Inspectie van het Onderwijs",
        "Oordeelt over scholen en besturen en heeft toegang tot vertrouwelijke gegevens.",
        ("screening", "roulatie", "training"),
    ),
]


def _gegevens(
    risico: Risico, waarden: tuple[int, int, int, int, str, str]
) -> services.RisicoGegevens:
    kans, impact, rest_kans, rest_impact, eigenaar, gebied = waarden
    return services.RisicoGegevens(
        titel=risico.titel,
        gebied=gebied,
        kwetsbaar_gebied=risico.kwetsbaar_gebied,
        schending=risico.schending,
        omschrijving=risico.omschrijving,
        eigenaar=eigenaar,
        kans=kans,
        impact=impact,
        bestaande_beheersing=risico.bestaande_beheersing,
        rest_kans=rest_kans,
        rest_impact=rest_impact,
    )


def _maatregelen(per_code: dict[str, Risico], coordinator: Gebruiker | None, vandaag: date) -> None:
    for code, tekst, eigenaar, dagen, status in MAATREGELEN:
        maatregel = services.maatregel_create(
            risico=per_code[code],
            gegevens=services.MaatregelGegevens(
                omschrijving=tekst,
                eigenaar=eigenaar,
                uiterlijk=vandaag + timedelta(days=max(dagen, 1)),
                status=status,
            ),
            acting_user=coordinator,
        )
        if dagen < 0:  # planned months ago and not finished in time
            Beheersmaatregel.objects.filter(pk=maatregel.pk).update(
                uiterlijk=vandaag + timedelta(days=dagen)
            )


@transaction.atomic
def risicos_demo_load() -> None:
    ocw = Organisatie.objects.filter(code=OCW).first()
    if ocw is None or Risicoanalyse.objects.filter(organisatie=ocw).exists():
        return
    coordinator = Gebruiker.objects.filter(username="coordinator.ocw").first()
    vandaag = timezone.localdate()
    golf = (
        Golf.objects.filter(organisatie_id__in=ocw.ancestor_ids)
        .order_by("-synthetisch", "-eind")
        .first()
    )
    analyse = services.analyse_create(
        organisatie=ocw,
        opzet=services.AnalyseOpzet(
            titel=TITEL,
            datum=vandaag - timedelta(days=60),
            methoden=("workshop", "enquete"),
            deelnemers_aantal=18,
            deelnemers_omschrijving=(
                "Inkopers, subsidiebeoordelaars, inspecteurs, beleidsmedewerkers en "
                "leidinggevenden van DG Cultuur en Media, Bedrijfsvoering en de Inspectie."
            ),
            betrokkenheid=(
                "Twee workshops van een dagdeel met medewerkers van de werkvloer, voorbereid "
                "met de risicovragen uit het medewerkersonderzoek."
            ),
            golf=golf,
        ),
        matrix_grootte=5,
        acting_user=coordinator,
    )
    overgenomen = services.catalogus_overnemen(
        analyse=analyse, codes=list(RISICOS), acting_user=coordinator
    )
    per_code = {r.catalogus_code: r for r in overgenomen}
    for code, waarden in RISICOS.items():
        services.risico_update(
            risico=per_code[code],
            gegevens=_gegevens(per_code[code], waarden),
            acting_user=coordinator,
        )
    _maatregelen(per_code, coordinator, vandaag)
    for functie, eenheid, waarom, maatregelen in FUNCTIES:
        services.functie_create(
            analyse=analyse,
            gegevens=services.FunctieGegevens(
                functie=functie, eenheid=eenheid, waarom=waarom, maatregelen=maatregelen
            ),
            acting_user=coordinator,
        )
    services.analyse_vaststellen(analyse=analyse, acting_user=coordinator)
