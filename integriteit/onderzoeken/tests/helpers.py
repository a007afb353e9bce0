"""Test helpers of the investigations module: a case team with keys, opening a case, meeting
one requirement of the protocol through the real services (by its kind), and walking a case
to a given phase with given choices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.onderzoeken import poort, services
from integriteit.onderzoeken.constants import Soort, Zaakrol
from integriteit.onderzoeken.models import Deelnemer, Maatregelsoort, Onderzoek
from integriteit.onderzoeken.spec import Fase, Vereiste

PDF = b"%PDF-1.4\n% test\n"


@dataclass
class Team:
    coordinator: Gebruiker  # of OCW; opens the cases
    sleutel: bytes  # the coordinator's private key
    collega: Gebruiker  # a second coordinator of OCW
    gezag: Gebruiker  # bevoegd gezag of OCW
    onderzoeker: Gebruiker  # an investigator (of OCW)
    onderzoeker2: Gebruiker
    fin: Gebruiker  # coordinator of FIN

    def voor(self, rollen: tuple[str, ...]) -> Gebruiker:
        """A team member holding one of these case roles."""
        per_rol = {
            Zaakrol.COORDINATOR: self.coordinator,
            Zaakrol.BEVOEGD_GEZAG: self.gezag,
            Zaakrol.ONDERZOEKER: self.onderzoeker,
        }
        return per_rol[Zaakrol(rollen[0])]


def met_sleutel(gebruiker: Gebruiker) -> bytes:
    return kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)


def maak_team(world: World, make_user: MakeUser) -> Team:
    coordinator = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    team = Team(
        coordinator=coordinator,
        sleutel=met_sleutel(coordinator),
        collega=make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw),
        gezag=make_user(Rol.BEVOEGD_GEZAG, world.ocw),
        onderzoeker=make_user(Rol.ONDERZOEKER, world.ocw),
        onderzoeker2=make_user(Rol.ONDERZOEKER, world.ocw),
        fin=make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin),
    )
    for gebruiker in (team.collega, team.gezag, team.onderzoeker, team.onderzoeker2, team.fin):
        met_sleutel(gebruiker)
    return team


def openen(world: World, team: Team, **extra: object) -> Onderzoek:
    values: dict[str, object] = {
        "organisatie": world.ocw,
        "door": team.coordinator,
        "bevoegd_gezag": team.gezag,
        "eigen_initiatief_reden": "Signalen uit de lijn",
        "soort": "belangen",
    }
    values.update(extra)
    return services.onderzoek_openen(**values)  # type: ignore[arg-type]


def maatregelsoort(code: str = "schriftelijke_berisping") -> Maatregelsoort:
    """The seeded kind (made again when a transactional test flushed the seed)."""
    soort, _ = Maatregelsoort.objects.get_or_create(
        code=code, defaults={"naam": code.replace("_", " "), "disciplinair": True}
    )
    return soort


def onderzoeker_toevoegen(team: Team, onderzoek: Onderzoek, gebruiker: Gebruiker) -> None:
    services.deelnemer_toevoegen(
        onderzoek=onderzoek,
        door=team.coordinator,
        door_private=team.sleutel,
        rol=Zaakrol.ONDERZOEKER,
        gebruiker=gebruiker,
    )


def _onderzoekers(onderzoek: Onderzoek) -> list[Deelnemer]:
    return list(onderzoek.deelnemers.filter(rol=Zaakrol.ONDERZOEKER).select_related("gebruiker"))


def keuze_voor(vereiste: Vereiste, keuzes: Mapping[str, str]) -> str:
    return keuzes.get(vereiste.code, vereiste.opties[0][0])


def vervullen(  # noqa: C901 - one branch per kind of requirement
    team: Team, onderzoek: Onderzoek, fase: Fase, vereiste: Vereiste, keuzes: Mapping[str, str]
) -> None:
    """Meet ``vereiste`` through the services, as the role the protocol names would."""
    door = team.voor(vereiste.door or fase.actoren)
    vandaag = timezone.localdate()
    soort = Soort(vereiste.soort)
    if soort in (Soort.TEKST, Soort.DATUM, Soort.KEUZE, Soort.DOCUMENT):
        waarde: object = {
            Soort.TEKST: f"Tekst voor {vereiste.code}",
            Soort.DATUM: vandaag - timedelta(days=1),
            Soort.KEUZE: keuze_voor(vereiste, keuzes) if vereiste.opties else "",
            Soort.DOCUMENT: SimpleUploadedFile(f"{vereiste.code}.pdf", PDF, "application/pdf"),
        }[soort]
        services.registreren(
            onderzoek=onderzoek, door=door, vereiste_code=vereiste.code, waarde=waarde
        )
    elif soort == Soort.ONDERZOEKERS:
        if not _onderzoekers(onderzoek):
            onderzoeker_toevoegen(team, onderzoek, team.onderzoeker)
    elif soort == Soort.ONAFHANKELIJKHEID:  # each investigator assigned so far declares
        for deelnemer in _onderzoekers(onderzoek):
            if deelnemer.onafhankelijk_op is None:
                services.onafhankelijkheid_verklaren(
                    onderzoek=onderzoek, door=deelnemer.gebruiker, verklaring="Geen band."
                )
    elif soort == Soort.BETROKKENE:
        services.deelnemer_toevoegen(
            onderzoek=onderzoek,
            door=team.coordinator,
            rol=Zaakrol.BETROKKENE,
            omschrijving="J. Jansen, beleidsmedewerker",
        )
    elif soort == Soort.VERHOREN:
        verhoor = services.verhoor_vastleggen(
            onderzoek=onderzoek,
            door=door,
            datum=vandaag,
            gehoorde="Getuige A",
            verslag="Verslag van het verhoor",
        )
        services.verhoor_voorleggen(verhoor=verhoor, door=door)
        services.verhoor_reactie(verhoor=verhoor, door=door, goedgekeurd=True)
    elif soort == Soort.BEWIJS:
        services.bewijs_vastleggen(
            onderzoek=onderzoek, door=door, omschrijving="Declaraties 2025", verkregen_op=vandaag
        )
    elif soort == Soort.MAATREGELEN:
        services.maatregel_registreren(
            onderzoek=onderzoek,
            door=door,
            soort=maatregelsoort(),
            datum=vandaag,
            motivering="Evenredig omdat het een eerste keer was.",
        )
    else:  # pragma: no cover - every kind is handled above
        raise AssertionError(soort)


def fase_vervullen(
    team: Team, onderzoek: Onderzoek, keuzes: Mapping[str, str], *, behalve: str = ""
) -> Fase:
    """Meet every requirement of the current phase that holds (given the choices registered
    so far), except ``behalve``."""
    fase = poort.spec(onderzoek).fase(onderzoek.fase)
    for vereiste in fase.vereisten:
        if vereiste.code == behalve:
            continue
        if poort.geldt(vereiste.voorwaarde, poort.stand(onderzoek)):
            vervullen(team, onderzoek, fase, vereiste, keuzes)
    return fase


def afronden(team: Team, onderzoek: Onderzoek) -> Onderzoek:
    fase = poort.spec(onderzoek).fase(onderzoek.fase)
    return services.fase_afronden(onderzoek=onderzoek, door=team.voor(fase.actoren))


def naar_fase(
    team: Team, onderzoek: Onderzoek, doel: str, keuzes: Mapping[str, str] | None = None
) -> Onderzoek:
    """Walk the case through the protocol, meeting every requirement, until it is in ``doel``."""
    keuzes = keuzes or {}
    onderzoek.refresh_from_db()
    for _stap in range(30):
        if onderzoek.fase == doel:
            return onderzoek
        fase_vervullen(team, onderzoek, keuzes)
        onderzoek = afronden(team, onderzoek)
    raise AssertionError(f"{doel} niet bereikt")  # pragma: no cover
