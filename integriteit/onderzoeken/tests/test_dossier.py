"""The case file: a PDF with a title page, a table of contents whose page numbers match where
the nine sections are, "pagina X van Y" on every page; a ZIP with the PDF, the decrypted
documents and evidence files (the bytes as uploaded) and their SHA-256 list; the download
view for participants with the key only, audited."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.meldingen.tests.helpers import login_met_sleutel
from integriteit.onderzoeken import dossier, services
from integriteit.onderzoeken.constants import Zaakrol
from integriteit.onderzoeken.models import Onderzoek
from integriteit.onderzoeken.tests.helpers import (
    Team,
    fase_vervullen,
    maatregelsoort,
    naar_fase,
    openen,
)

RAPPORT = b"%PDF-1.4\n% conceptrapport ONZ-dossier\n"
BEWIJS = b"datum;bedrag\n2025-03-01;412,50\n"
TITELS = [str(titel) for _anker, titel in dossier.SECTIES]


@dataclass
class Zaak:
    onderzoek: Onderzoek
    rapport: bytes
    bewijs: bytes


def _zaak(world: World, team: Team) -> Zaak:
    """A case through every phase: two interviews (one commented on), an evidence item with a
    file, a draft report skipped by a consented deviation, the final report as a document, the
    decision "established" with a measure, and closing."""
    onderzoek = naar_fase(team, openen(world, team), "onderzoek")
    vandaag = timezone.localdate()
    for nummer, goed in ((1, True), (2, False)):
        verhoor = services.verhoor_vastleggen(
            onderzoek=onderzoek,
            door=team.onderzoeker,
            datum=vandaag,
            gehoorde=f"Getuige {nummer}, teamleider",
            verslag=f"Verslag {nummer}: de getuige zag de declaraties.",
        )
        services.verhoor_voorleggen(verhoor=verhoor, door=team.onderzoeker)
        services.verhoor_reactie(
            verhoor=verhoor,
            door=team.onderzoeker,
            goedgekeurd=goed,
            commentaar="" if goed else "De datum in alinea 2 klopt niet.",
        )
    services.bewijs_vastleggen(
        onderzoek=onderzoek,
        door=team.onderzoeker,
        omschrijving="Declaratieoverzicht 2025 uit het financiële systeem",
        verkregen_op=vandaag,
        bestand=SimpleUploadedFile("declaraties 2025 (export).txt", BEWIJS, "text/plain"),
    )
    onderzoek = naar_fase(team, onderzoek, "conceptrapport")
    verzoek = services.afwijking_aanvragen(
        onderzoek=onderzoek, door=team.onderzoeker, reden="Het concept is mondeling besproken."
    )
    services.afwijking_beslissen(verzoek=verzoek, door=team.collega, toestaan=True)
    onderzoek.refresh_from_db()
    assert onderzoek.fase == "wederhoor"
    onderzoek = naar_fase(team, onderzoek, "eindrapport")
    services.registreren(
        onderzoek=onderzoek,
        door=team.onderzoeker,
        vereiste_code="eindrapport",
        waarde=SimpleUploadedFile("Eindrapport — definitief.pdf", RAPPORT, "application/pdf"),
    )
    onderzoek = naar_fase(team, onderzoek, "besluit", {"uitkomst": "vastgesteld"})
    services.registreren(
        onderzoek=onderzoek, door=team.gezag, vereiste_code="uitkomst", waarde="vastgesteld"
    )
    services.maatregel_registreren(
        onderzoek=onderzoek,
        door=team.gezag,
        soort=maatregelsoort("geldboete"),
        datum=vandaag,
        motivering="Een geldboete is evenredig: eenmalig, en het bedrag is terugbetaald.",
    )
    fase_vervullen(team, onderzoek, {"uitkomst": "vastgesteld"})
    onderzoek = services.fase_afronden(onderzoek=onderzoek, door=team.gezag)
    onderzoek = naar_fase(team, onderzoek, "afsluiting")
    fase_vervullen(team, onderzoek, {})
    onderzoek = services.fase_afronden(onderzoek=onderzoek, door=team.coordinator)
    return Zaak(onderzoek=onderzoek, rapport=RAPPORT, bewijs=BEWIJS)


@pytest.fixture
def zaak(world: World, team: Team) -> Zaak:
    return _zaak(world, team)


def _sleutel(team: Team, onderzoek: Onderzoek) -> bytes:
    return services.kluis_van_deelnemer(
        onderzoek=onderzoek, gebruiker=team.coordinator, private=team.sleutel
    )


def _pagina_teksten(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def _inhoudsopgave(teksten: list[str]) -> dict[str, int]:
    """Section title → page number, read from the table of contents (page 2)."""
    gevonden: dict[str, int] = {}
    for regel in teksten[1].splitlines():
        for nummer, titel in enumerate(TITELS, start=1):
            m = re.match(rf"^\s*{nummer} {re.escape(titel)}[\s.]*?(\d+)\s*$", regel)
            if m:
                gevonden[titel] = int(m.group(1))
    return gevonden


def _kop_op(teksten: list[str], nummer: int, titel: str) -> int:
    """The (1-based) page where the section heading stands, after the contents."""
    for index, tekst in enumerate(teksten[2:], start=3):
        if any(regel.strip() == f"{nummer} {titel}" for regel in tekst.splitlines()):
            return index
    raise AssertionError(f"kop {nummer} {titel} niet gevonden")


def test_the_pdf_has_contents_with_page_numbers_and_numbered_pages(zaak: Zaak, team: Team) -> None:
    context = dossier.dossier_context(zaak.onderzoek, _sleutel(team, zaak.onderzoek))
    teksten = _pagina_teksten(dossier.dossier_pdf(context))
    assert len(teksten) >= 3
    totaal = len(teksten)
    for nummer, tekst in enumerate(teksten, start=1):
        assert f"pagina {nummer} van {totaal}" in tekst.lower()
    assert f"Dossier {zaak.onderzoek.nummer}" in teksten[0]
    inhoud = _inhoudsopgave(teksten)
    assert list(inhoud) == TITELS, teksten[1]
    for nummer, titel in enumerate(TITELS, start=1):
        assert inhoud[titel] == _kop_op(teksten, nummer, titel), titel
    assert len(set(inhoud.values())) == len(TITELS)  # each section starts on its own page


def test_the_pdf_holds_the_decrypted_record(zaak: Zaak, team: Team) -> None:
    context = dossier.dossier_context(
        zaak.onderzoek, _sleutel(team, zaak.onderzoek), door=team.coordinator
    )
    tekst = " ".join(_pagina_teksten(dossier.dossier_pdf(context)))
    tekst = re.sub(r"\s+", " ", tekst)
    for verwacht in (
        "J. Jansen, beleidsmedewerker",  # the subject, decrypted
        "Verslag 2: de getuige zag de declaraties.",
        "De datum in alinea 2 klopt niet.",
        "Declaratieoverzicht 2025 uit het financiële systeem",
        "Het concept is mondeling besproken.",  # the deviation's reason
        "Een geldboete is evenredig",
        "Schending vastgesteld",
        "Signalen uit de lijn",  # the reason for an investigation on own initiative
        "Eindrapport",
        "geldend",
        team.collega.get_username(),  # consent to the deviation
    ):
        assert verwacht in tekst, verwacht
    assert context["afwijkingen"][0]["ontbrak"] == ["Conceptrapport"]
    stappen = [s["soort"] for s in context["stappen"]]
    assert "Afwijking van het protocol (met toestemming)" in stappen
    assert stappen[-1] == "Afgesloten"


def test_the_zip_has_the_pdf_the_files_as_uploaded_and_their_hashes(zaak: Zaak, team: Team) -> None:
    data = dossier.dossier_zip(zaak.onderzoek, _sleutel(team, zaak.onderzoek))
    archief = zipfile.ZipFile(io.BytesIO(data))
    namen = archief.namelist()
    assert namen[0] == "dossier.pdf" and namen[-1] == "inhoud.txt"
    bijlagen = [n for n in namen if n.startswith("bijlagen/")]
    # documents of the walk (vooronderzoek … afsluiting have none but the reports), the
    # final report registered twice (the walk's and ours), and the evidence file
    per_naam = {n.split("-", 1)[1]: n for n in bijlagen}
    assert archief.read(per_naam["Eindrapport_definitief.pdf"]) == zaak.rapport
    assert archief.read(per_naam["declaraties_2025_export_.txt"]) == zaak.bewijs
    assert all(re.match(r"^bijlagen/\d{2}-", n) for n in bijlagen)
    assert len({n[:11] for n in bijlagen}) == len(bijlagen)  # numbers are unique
    pdf = archief.read("dossier.pdf")
    assert pdf.startswith(b"%PDF")
    inhoud = archief.read("inhoud.txt").decode()
    for naam in ["dossier.pdf", *bijlagen]:
        regel = next(r for r in inhoud.splitlines() if f"  {naam}  " in r)
        assert regel.split()[0] == hashlib.sha256(archief.read(naam)).hexdigest()


def test_safe_names() -> None:
    assert dossier.veilige_naam("Eindrapport — définitief.pdf") == "Eindrapport_definitief.pdf"
    assert dossier.veilige_naam("../../etc/passwd") == "etc_passwd"
    assert dossier.veilige_naam("") == "bestand"
    lang = dossier.veilige_naam("a" * 200 + ".docx")
    assert len(lang) <= dossier.MAX_NAAM and lang.endswith(".docx")


# --- the view ---------------------------------------------------------------------------------


def _url(onderzoek: Onderzoek) -> str:
    return reverse("onderzoeken:dossier", args=[onderzoek.pk])


def test_a_participant_downloads_the_zip_and_it_is_audited(zaak: Zaak, team: Team) -> None:
    client = login_met_sleutel(Client(), team.gezag)
    voor = AuditEvent.objects.count()
    response = client.get(_url(zaak.onderzoek))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{zaak.onderzoek.nummer}-dossier.zip"'
    )
    assert response["Cache-Control"] == "no-store"
    archief = zipfile.ZipFile(io.BytesIO(response.content))
    assert "dossier.pdf" in archief.namelist()
    nieuw = list(AuditEvent.objects.order_by("seq")[voor:])
    acties = [e.action for e in nieuw]
    assert acties == ["onderzoek.inhoud_gelezen", "onderzoek.dossier_geexporteerd"]
    export = nieuw[-1]
    assert export.actor_id == team.gezag.pk and export.object_id == str(zaak.onderzoek.pk)
    assert export.details["sha256"] == hashlib.sha256(response.content).hexdigest()


def test_without_the_key_in_the_session_the_participant_is_asked_to_log_in_again(
    zaak: Zaak, team: Team
) -> None:
    client = login_verified(Client(), team.gezag)
    response = client.get(_url(zaak.onderzoek))
    assert response.status_code == 302
    assert response["Location"] == reverse("onderzoeken:detail", args=[zaak.onderzoek.pk])
    berichten = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Log opnieuw in" in b for b in berichten), berichten
    assert not AuditEvent.objects.filter(action="onderzoek.dossier_geexporteerd").exists()


def test_a_non_participant_gets_nothing(
    zaak: Zaak, team: Team, world: World, make_user: MakeUser
) -> None:
    # A coordinator of OCW sees the case in the register, but is no participant.
    client = login_met_sleutel(Client(), team.collega)
    response = client.get(_url(zaak.onderzoek))
    assert response.status_code == 302
    berichten = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("geen deel" in b for b in berichten), berichten
    # An investigator who is not on the case and FIN's coordinator do not even see it.
    for gebruiker in (team.onderzoeker2, team.fin, make_user(Rol.BEVOEGD_GEZAG, world.ocw)):
        response = login_met_sleutel(Client(), gebruiker).get(_url(zaak.onderzoek))
        assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="onderzoek.dossier_geexporteerd").exists()
    assert services.zaakrollen(zaak.onderzoek, team.collega) == set()
    assert services.zaakrollen(zaak.onderzoek, team.onderzoeker) == {Zaakrol.ONDERZOEKER}
