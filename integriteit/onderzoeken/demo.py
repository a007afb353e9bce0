"""Demo data for investigations (``make run``): two fictitious OCW cases, walked through the
protocol with the real services by the demo users with their demo keys.

- one from a demo report that was triaged for an investigation, now in the phase
  "onderzoek", with investigator ``onderzoeker.ocw`` and bevoegd gezag ``bevoegdgezag.ocw``,
  one interview approved by the interviewee and one item in the evidence log;
- one on the competent authority's own initiative, decided (violation established) with a
  measure, and closed.

Idempotent: when OCW already has investigations, nothing is created.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from integriteit.accounts.demo import DEMO_PASSWORD
from integriteit.accounts.models import Gebruiker
from integriteit.kluis import services as kluis
from integriteit.meldingen.constants import Status as MeldingStatus
from integriteit.meldingen.constants import Triage
from integriteit.meldingen.models import Melding
from integriteit.onderzoeken import maatregelsoorten, poort, services
from integriteit.onderzoeken.constants import Soort, Status, Zaakrol
from integriteit.onderzoeken.models import Maatregelsoort, Onderzoek
from integriteit.onderzoeken.spec import Fase, Vereiste
from integriteit.organisaties.models import Organisatie

FICTIEF = "[Fictief demo-onderzoek] "
PDF = b"%PDF-1.4\n% fictief demodocument\n"


class _Team:
    def __init__(self) -> None:
        namen = ("coordinator.ocw", "bevoegdgezag.ocw", "onderzoeker.ocw")
        per_naam = {g.username: g for g in Gebruiker.objects.filter(username__in=namen)}
        self.compleet = len(per_naam) == len(namen)
        if not self.compleet:
            return
        self.coordinator = per_naam["coordinator.ocw"]
        self.gezag = per_naam["bevoegdgezag.ocw"]
        self.onderzoeker = per_naam["onderzoeker.ocw"]
        for gebruiker in per_naam.values():  # the key, as the first log-in would make it
            kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=DEMO_PASSWORD)
        self.sleutel = kluis.gebruikersleutel_openen(
            gebruiker=self.coordinator, wachtwoord=DEMO_PASSWORD
        )

    def voor(self, rollen: tuple[str, ...]) -> Any:
        return {
            Zaakrol.COORDINATOR: self.coordinator,
            Zaakrol.BEVOEGD_GEZAG: self.gezag,
            Zaakrol.ONDERZOEKER: self.onderzoeker,
        }[Zaakrol(rollen[0])]


def _vervullen(  # noqa: C901 - one branch per kind of requirement
    team: _Team, onderzoek: Onderzoek, fase: Fase, vereiste: Vereiste, keuzes: Mapping[str, str]
) -> None:
    door = team.voor(vereiste.door or fase.actoren)
    vandaag = timezone.localdate()
    soort = Soort(vereiste.soort)
    if soort in (Soort.TEKST, Soort.DATUM, Soort.KEUZE, Soort.DOCUMENT):
        waarde: object = {
            Soort.TEKST: f"{FICTIEF}{vereiste.titel}: vastgelegd voor de demo.",
            Soort.DATUM: vandaag,
            Soort.KEUZE: keuzes.get(
                vereiste.code, vereiste.opties[0][0] if vereiste.opties else ""
            ),
            Soort.DOCUMENT: SimpleUploadedFile(f"{vereiste.code}.pdf", PDF, "application/pdf"),
        }[soort]
        services.registreren(
            onderzoek=onderzoek, door=door, vereiste_code=vereiste.code, waarde=waarde
        )
    elif soort == Soort.ONDERZOEKERS:
        if not onderzoek.deelnemers.filter(rol=Zaakrol.ONDERZOEKER).exists():
            services.deelnemer_toevoegen(
                onderzoek=onderzoek,
                door=team.coordinator,
                door_private=team.sleutel,
                rol=Zaakrol.ONDERZOEKER,
                gebruiker=team.onderzoeker,
            )
    elif soort == Soort.ONAFHANKELIJKHEID:
        services.onafhankelijkheid_verklaren(
            onderzoek=onderzoek,
            door=team.onderzoeker,
            verklaring=FICTIEF + "Ik heb geen band met de betrokkene of de melder.",
        )
    elif soort == Soort.BETROKKENE:
        services.deelnemer_toevoegen(
            onderzoek=onderzoek,
            door=team.coordinator,
            rol=Zaakrol.BETROKKENE,
            omschrijving=FICTIEF + "J. Jansen, beleidsmedewerker",
        )
    elif soort == Soort.VERHOREN:
        verhoor = services.verhoor_vastleggen(
            onderzoek=onderzoek,
            door=team.onderzoeker,
            datum=vandaag,
            gehoorde=FICTIEF + "Getuige, teamleider",
            verslag=FICTIEF + "De getuige bevestigt dat de subsidieaanvraag door de collega werd "
            "beoordeeld.",
        )
        services.verhoor_voorleggen(verhoor=verhoor, door=team.onderzoeker)
        services.verhoor_reactie(verhoor=verhoor, door=team.onderzoeker, goedgekeurd=True)
    elif soort == Soort.BEWIJS:
        services.bewijs_vastleggen(
            onderzoek=onderzoek,
            door=team.onderzoeker,
            omschrijving=FICTIEF
            + "Beoordelingsformulier van de subsidieaanvraag, uit het archief.",
            verkregen_op=vandaag,
            bestand=SimpleUploadedFile("beoordeling.pdf", PDF, "application/pdf"),
        )
    elif soort == Soort.MAATREGELEN:
        maatregel = Maatregelsoort.objects.filter(actief=True, disciplinair=True).first()
        if maatregel is not None:
            services.maatregel_registreren(
                onderzoek=onderzoek,
                door=door,
                soort=maatregel,
                datum=vandaag,
                motivering=FICTIEF + "Evenredig: een eerste schending, ruiterlijk erkend.",
            )


def _fase_vervullen(team: _Team, onderzoek: Onderzoek, keuzes: Mapping[str, str]) -> None:
    fase = poort.spec(onderzoek).fase(onderzoek.fase)
    for vereiste in fase.vereisten:
        if poort.geldt(vereiste.voorwaarde, poort.stand(onderzoek)):
            _vervullen(team, onderzoek, fase, vereiste, keuzes)


def _verder(team: _Team, onderzoek: Onderzoek, keuzes: Mapping[str, str]) -> Onderzoek:
    _fase_vervullen(team, onderzoek, keuzes)
    fase = poort.spec(onderzoek).fase(onderzoek.fase)
    return services.fase_afronden(onderzoek=onderzoek, door=team.voor(fase.actoren))


@transaction.atomic
def onderzoeken_demo_load() -> None:
    ocw = Organisatie.objects.filter(code="OCW").first()
    if ocw is None or Onderzoek.objects.filter(organisatie=ocw).exists():
        return
    team = _Team()
    if not team.compleet:
        return
    maatregelsoorten.zaaien(Maatregelsoort)  # a flushed test database lost the seeded rows
    melding = (
        Melding.objects.filter(organisatie=ocw, triage=Triage.ONDERZOEK)
        .exclude(status=MeldingStatus.AFGESLOTEN)
        .order_by("ontvangen_op")
        .first()
    )
    lopend = services.onderzoek_openen(
        organisatie=ocw,
        door=team.coordinator,
        bevoegd_gezag=team.gezag,
        meldingen=[melding] if melding else [],
        soort=melding.soort if melding and melding.soort else "belangen",
        eigen_initiatief_reden=None if melding else FICTIEF + "Signalen uit de lijn.",
    )
    keuzes = {"besluit": "onderzoeken", "uitkomst": "vastgesteld"}
    for _stap in range(6):
        if lopend.fase == "onderzoek":
            break
        lopend = _verder(team, lopend, keuzes)
    if lopend.fase == "onderzoek":
        _fase_vervullen(team, lopend, keuzes)  # one interview approved, one evidence item

    gesloten = services.onderzoek_openen(
        organisatie=ocw,
        door=team.coordinator,
        bevoegd_gezag=team.gezag,
        soort="financieel",
        eigen_initiatief_reden=FICTIEF + "Opvallende declaraties bij de jaarlijkse controle.",
    )
    for _stap in range(15):
        if gesloten.status == Status.AFGESLOTEN:
            break
        gesloten = _verder(team, gesloten, keuzes)
