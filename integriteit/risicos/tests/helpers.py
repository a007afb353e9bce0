"""Building analyses for the tests (through the services, as the application does)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from integriteit.conftest import World
from integriteit.organisaties.models import Organisatie
from integriteit.risicos import services
from integriteit.risicos.constants import KwetsbaarGebied
from integriteit.risicos.models import Beheersmaatregel, KwetsbareFunctie, Risico, Risicoanalyse


def opzet(**extra: object) -> services.AnalyseOpzet:
    velden: dict[str, object] = {
        "titel": "Integriteitsrisicoanalyse",
        "datum": timezone.localdate() - timedelta(days=30),
        "methoden": ("workshop", "enquete"),
        "deelnemers_aantal": 14,
        "deelnemers_omschrijving": "Inkoop, subsidies en toezicht",
        "betrokkenheid": "Workshop met medewerkers van drie directies",
    }
    velden.update(extra)
    return services.AnalyseOpzet(**velden)  # type: ignore[arg-type]


def analyse(
    organisatie: Organisatie, *, grootte: int = 5, datum: date | None = None, **extra: object
) -> Risicoanalyse:
    if datum is not None:
        extra["datum"] = datum
    return services.analyse_create(
        organisatie=organisatie, opzet=opzet(**extra), matrix_grootte=grootte, acting_user=None
    )


def gegevens(**extra: object) -> services.RisicoGegevens:
    velden: dict[str, object] = {
        "titel": "Bevoordeling van een leverancier",
        "gebied": "Inkoop ICT",
        "kwetsbaar_gebied": KwetsbaarGebied.INKOOP,
        "schending": "belangen",
        "omschrijving": "Eisen afgestemd op een bekende leverancier.",
        "eigenaar": "Directeur Bedrijfsvoering",
        "kans": 4,
        "impact": 4,
        "bestaande_beheersing": "Inkoopcommissie",
        "rest_kans": 3,
        "rest_impact": 3,
    }
    velden.update(extra)
    return services.RisicoGegevens(**velden)  # type: ignore[arg-type]


def risico(a: Risicoanalyse, **extra: object) -> Risico:
    return services.risico_create(analyse=a, gegevens=gegevens(**extra), acting_user=None)


def maatregel(r: Risico, *, dagen: int = 30, status: str = "gepland") -> Beheersmaatregel:
    return services.maatregel_create(
        risico=r,
        gegevens=services.MaatregelGegevens(
            omschrijving="Verklaring van onafhankelijkheid",
            eigenaar="Hoofd Inkoop",
            uiterlijk=timezone.localdate() + timedelta(days=dagen),
            status=status,
        ),
        acting_user=None,
    )


def functie(a: Risicoanalyse) -> KwetsbareFunctie:
    return services.functie_create(
        analyse=a,
        gegevens=services.FunctieGegevens(
            functie="Inkoper",
            eenheid="Directie Bedrijfsvoering",
            waarom="Beslist mee over opdrachten van grote waarde.",
            maatregelen=("screening", "vier_ogen"),
        ),
        acting_user=None,
    )


def org(world: World, side: str) -> Organisatie:
    return world.ocw if side == "eigen" else world.fin


def volledig(world: World, side: str) -> Risicoanalyse:
    """An analysis with one risk, a measure and a vulnerable position (not established)."""
    a = analyse(org(world, side))
    r = risico(a)
    maatregel(r)
    functie(a)
    return a
