"""Demo data for the confidential advisers (``make run``), made with the real services by the
demo users: OCW gets three advisers (``vertrouwenspersoon.ocw`` and a second internal one, and
an external one without an account), about sixty contacts over this year and last year in
varied categories (without notes: the demo has no session key at load time), two meetings
with the competent authority, and an issued annual report over last year with three
recommendations — one with response and follow-up, one with a response only, one open. FIN
gets one adviser.

Idempotent: an organisation that already has an adviser profile is left alone.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from integriteit.accounts.models import Gebruiker
from integriteit.organisaties.models import Organisatie
from integriteit.vertrouwenspersonen import services
from integriteit.vertrouwenspersonen.constants import Categorie, Soort, Vervolg
from integriteit.vertrouwenspersonen.models import Vertrouwenspersoon

#: Relative weights of the categories in the demo log: mostly undesirable behaviour.
GEWICHTEN: dict[str, int] = {
    Categorie.PESTEN: 9,
    Categorie.INTIMIDATIE: 5,
    Categorie.SEKSUELE_INTIMIDATIE: 3,
    Categorie.AGRESSIE_GEWELD: 1,
    Categorie.DISCRIMINATIE: 3,
    Categorie.SCHENDING_OMGANGSVORMEN: 8,
    Categorie.SCHENDING_BELANGEN: 3,
    Categorie.SCHENDING_INFORMATIE: 2,
    Categorie.MISSTAND: 1,
    Categorie.OVERIG: 4,
}
VERVOLG_GEWICHTEN: dict[str, int] = {
    Vervolg.ADVIES: 10,
    Vervolg.NIETS: 5,
    Vervolg.VERWIJZING: 3,
    Vervolg.MELDING: 2,
}

AANBEVELINGEN = (
    "Stel naast de interne vertrouwenspersonen een tweede externe vertrouwenspersoon aan, "
    "zodat medewerkers echt kunnen kiezen.",
    "Bespreek ongewenste omgangsvormen structureel in het managementoverleg: de meeste "
    "contacten gingen daarover.",
    "Maak de vertrouwenspersonen beter bekend bij nieuwe medewerkers, bijvoorbeeld in het "
    "introductieprogramma.",
)


def _gebruiker(username: str) -> Gebruiker | None:
    return Gebruiker.objects.filter(username=username).first()


def _profiel(
    door: Gebruiker,
    organisatie: Organisatie,
    naam: str,
    soort: str,
    gebruiker: Gebruiker | None = None,
    bureau: str = "",
    opgeleid: bool = True,
) -> Vertrouwenspersoon:
    jaar = timezone.localdate().year
    return services.vertrouwenspersoon_opslaan(
        door=door,
        gegevens=services.ProfielGegevens(
            organisatie=organisatie,
            gebruiker=gebruiker,
            publieke_naam=naam,
            soort=soort,
            extern_bureau=bureau,
            basisopleiding_op=date(jaar - 3, 3, 14) if opgeleid else None,
            uren_per_week=Decimal("4.0") if soort == Soort.INTERN else None,
            termijn_van=date(jaar - 3, 1, 1),
            termijn_tot=date(jaar + 1, 12, 31),
            bereikbaarheid=(
                "Telefoon 070 000 00 00 (fictief), e-mail vertrouwenspersoon@demo.invalid. "
                "Spreekuur op dinsdag."
            ),
            taken_vastgelegd=True,
            intervisie=soort == Soort.INTERN,
            scholingsbudget=True,
        ),
    )


def _contacten(vp: Gebruiker, profiel: Vertrouwenspersoon, aantal: int) -> None:
    kans = random.Random(7)  # noqa: S311 - demo data, not security
    vandaag = timezone.localdate()
    begin = date(vandaag.year - 1, 1, 1)
    dagen = (vandaag - begin).days
    for _i in range(aantal):
        services.contact_vastleggen(
            door=vp,
            vertrouwenspersoon=profiel,
            datum=begin + timedelta(days=kans.randrange(dagen + 1)),
            duur_minuten=kans.choice([15, 20, 30, 45, 60, 90]),
            categorie=kans.choices(list(GEWICHTEN), weights=list(GEWICHTEN.values()))[0],
            vervolg=kans.choices(list(VERVOLG_GEWICHTEN), weights=list(VERVOLG_GEWICHTEN.values()))[
                0
            ],
        )


def _verslag(vp: Gebruiker, gezag: Gebruiker | None, profiel: Vertrouwenspersoon) -> None:
    jaar = timezone.localdate().year - 1
    services.overleg_vastleggen(
        door=vp,
        vertrouwenspersoon=profiel,
        datum=date(jaar, 3, 12),
        tussentijds=False,
        onderwerpen="Jaarplanning, bekendheid van de vertrouwenspersonen, signalen over de sfeer.",
        aanwezig_bevoegd_gezag="secretaris-generaal",
    )
    services.overleg_vastleggen(
        door=vp,
        vertrouwenspersoon=profiel,
        datum=date(jaar, 10, 8),
        tussentijds=True,
        onderwerpen="Toename van contacten over omgangsvormen in één directie (zonder namen).",
        aanwezig_bevoegd_gezag="plaatsvervangend secretaris-generaal",
    )
    services.waarnemingen_opslaan(
        door=vp,
        vertrouwenspersoon=profiel,
        jaar=jaar,
        waarnemingen=(
            "De meeste contacten gingen over ongewenste omgangsvormen en pesten, vaak in "
            "teams onder hoge werkdruk. Medewerkers weten de vertrouwenspersonen steeds beter "
            "te vinden; over integriteitsschendingen in de zakelijke sfeer komen weinig vragen."
        ),
    )
    aanbevelingen = [
        services.aanbeveling_doen(door=vp, vertrouwenspersoon=profiel, jaar=jaar, tekst=t)
        for t in AANBEVELINGEN
    ]
    services.jaarverslag_uitbrengen(door=vp, vertrouwenspersoon=profiel, jaar=jaar)
    if gezag is None:
        return
    services.reactie_vastleggen(
        door=gezag,
        aanbeveling=aanbevelingen[0],
        reactie=(
            "Wij stellen in het eerste kwartaal een tweede externe vertrouwenspersoon aan via "
            "het raamcontract van het rijk."
        ),
    )
    services.opvolging_vastleggen(
        door=gezag,
        aanbeveling=aanbevelingen[0],
        opvolging="De tweede externe vertrouwenspersoon is per 1 april benoemd.",
    )
    services.reactie_vastleggen(
        door=gezag,
        aanbeveling=aanbevelingen[1],
        reactie=(
            "Omgangsvormen worden vast agendapunt van het managementoverleg; de "
            "directeuren rapporteren elk kwartaal."
        ),
    )


@transaction.atomic
def vertrouwenspersonen_demo_load() -> None:
    coordinator_ocw = _gebruiker("coordinator.ocw")
    coordinator_fin = _gebruiker("coordinator.fin")
    vp = _gebruiker("vertrouwenspersoon.ocw")
    gezag = _gebruiker("bevoegdgezag.ocw")
    ocw = Organisatie.objects.filter(code="OCW").first()
    fin = Organisatie.objects.filter(code="FIN").first()
    if ocw and coordinator_ocw and vp and not Vertrouwenspersoon.objects.filter(organisatie=ocw):
        profiel = _profiel(coordinator_ocw, ocw, "Vera de Boer", Soort.INTERN, gebruiker=vp)
        _profiel(coordinator_ocw, ocw, "Hans Koster", Soort.INTERN, opgeleid=False)
        _profiel(
            coordinator_ocw,
            ocw,
            "Mr. A. Extern",
            Soort.EXTERN,
            bureau="Bureau Vertrouwen (fictief)",
        )
        _contacten(vp, profiel, 60)
        _verslag(vp, gezag, profiel)
    if fin and coordinator_fin and not Vertrouwenspersoon.objects.filter(organisatie=fin):
        _profiel(coordinator_fin, fin, "Fenna Smit", Soort.INTERN)
