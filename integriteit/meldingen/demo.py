"""Demo data for reports: keys for the demo users who handle reports (made with their public
demo password, as their first log-in would), OCW's recovery key held 2-of-3 by three demo
users, a reporting procedure per ministry with OCW's confidential adviser as its identity
custodian, and a handful of fictitious OCW reports in every state of the legal clock — one with
a name, and an open request for that name by the coordinator, so the custodian's page is not
empty. Every demo report says it is fictitious.

Idempotent: when OCW already has reports, nothing is created.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from integriteit.accounts.demo import DEMO_PASSWORD
from integriteit.accounts.models import Gebruiker
from integriteit.kluis import herstel
from integriteit.kluis import services as kluis
from integriteit.kluis.models import Herstelsleutel
from integriteit.meldingen import identiteit, regeling, services
from integriteit.meldingen.constants import Afloop, Kanaal, Triage
from integriteit.meldingen.models import Melding
from integriteit.meldingen.services import Identiteit, Inhoud, Invoer
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie

SLEUTELHOUDERS = (
    "coordinator.ocw",
    "bevoegdgezag.ocw",
    "vertrouwenspersoon.ocw",
    "coordinator.fin",
    "onderzoeker.ocw",
)
BEWAARDERS = ("coordinator.ocw", "bevoegdgezag.ocw", "vertrouwenspersoon.ocw")
IDENTITEITSBEWAARDER = "vertrouwenspersoon.ocw"
FICTIEF = "[Fictieve demomelding] "

#: (days ago, type, channel, what, identity, steps) — steps: acknowledged, triage, fed back, closed
DEMO_MELDINGEN = (
    (
        3,
        "belangen",
        Kanaal.WEB,
        "Een collega beoordeelt subsidieaanvragen van een bedrijf waarin een familielid werkt.",
        None,
        (),
    ),
    (
        12,
        "informatie",
        Kanaal.WEB,
        "Vertrouwelijke stukken over een aanbesteding zijn buiten de organisatie terechtgekomen.",
        None,
        (),
    ),
    (
        20,
        "omgangsvormen",
        Kanaal.TELEFOON,
        "Een leidinggevende maakt herhaaldelijk kleinerende opmerkingen in het werkoverleg.",
        Identiteit(naam="Demo Melder", contact="06-00000000"),
        ("bevestigd", "triage"),
    ),
    (
        85,
        "financieel",
        Kanaal.POST,
        "Declaraties voor dienstreizen die niet hebben plaatsgevonden.",
        None,
        ("bevestigd", "triage"),
    ),
    (
        150,
        "bedrijfsmiddelen",
        Kanaal.WEB,
        "Dienstlaptops worden privé doorverkocht.",
        None,
        ("bevestigd", "triage", "teruggekoppeld", "afgesloten"),
    ),
    (
        40,
        "weet_niet",
        Kanaal.PERSOONLIJK,
        "Een melder twijfelt of nevenwerkzaamheden zijn gemeld.",
        None,
        ("bevestigd",),
    ),
)


def _users(names: tuple[str, ...]) -> list[Gebruiker]:
    by_name = {u.username: u for u in Gebruiker.objects.filter(username__in=names)}
    return [by_name[n] for n in names if n in by_name]


@transaction.atomic
def meldingen_demo_load() -> None:
    ocw = Organisatie.objects.filter(code="OCW").first()
    if ocw is None or Melding.objects.filter(organisatie=ocw).exists():
        return
    for gebruiker in _users(SLEUTELHOUDERS):
        kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=DEMO_PASSWORD)
    bewaarders = _users(BEWAARDERS)
    if (
        len(bewaarders) == len(BEWAARDERS)
        and not Herstelsleutel.objects.filter(organisatie=ocw).exists()
    ):
        herstel.herstelsleutel_maken(organisatie=ocw, bewaarders=bewaarders, drempel=2, door=None)
    for ministerie in Organisatie.objects.filter(soort=Soort.MINISTERIE):
        services.regeling_van(ministerie)
    coordinator = Gebruiker.objects.get(username="coordinator.ocw")
    _identiteitsbewaarder(ocw, coordinator)
    vandaag = timezone.localdate()
    for dagen, soort, kanaal, wat, naam, stappen in DEMO_MELDINGEN:
        ontvangen_op = vandaag - timedelta(days=dagen)
        melding = services.melding_ontvangen(
            invoer=Invoer(
                organisatie=ocw,
                soort=soort,
                inhoud=Inhoud(wat=FICTIEF + wat, waar="Den Haag"),
                identiteit=naam or Identiteit(),
                kanaal=kanaal,
                ontvangen_op=ontvangen_op,
            ),
            acting_user=None if kanaal == Kanaal.WEB else coordinator,
        ).melding
        if "bevestigd" in stappen:
            services.bevestigen(
                melding=melding, door=coordinator, op=ontvangen_op + timedelta(days=2)
            )
        if "triage" in stappen:
            services.triage_vastleggen(melding=melding, door=coordinator, uitkomst=Triage.ONDERZOEK)
        if "teruggekoppeld" in stappen:
            services.terugkoppelen(
                melding=melding, door=coordinator, op=ontvangen_op + timedelta(days=60)
            )
        if "afgesloten" in stappen:
            services.afsluiten(
                melding=melding,
                door=coordinator,
                afloop=Afloop.GEGROND,
                op=ontvangen_op + timedelta(days=80),
            )
    _identiteitsverzoeken(ocw, coordinator)


def _identiteitsverzoeken(ocw: Organisatie, coordinator: Gebruiker) -> None:
    """An open request by the coordinator for each named demo report."""
    for melding in Melding.objects.filter(organisatie=ocw, anoniem=False):
        identiteit.identiteit_aanvragen(
            melding=melding,
            gebruiker=coordinator,
            reden=FICTIEF + "Om de melder uit te nodigen voor een gesprek over de feiten.",
        )


def _identiteitsbewaarder(ocw: Organisatie, coordinator: Gebruiker) -> None:
    """OCW's confidential adviser keeps the reporters' identities (before any report)."""
    bewaarder = Gebruiker.objects.filter(username=IDENTITEITSBEWAARDER).first()
    if bewaarder is None:
        return
    huidig = regeling.RegelingGegevens.van(services.regeling_van(ocw))
    regeling.meldregeling_wijzigen(
        organisatie=ocw,
        acting_user=coordinator,
        gegevens=replace(huidig, identiteitsbewaarder=bewaarder),
    )
