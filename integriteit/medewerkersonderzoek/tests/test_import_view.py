"""The import page: the form, the background job ``enquete.import`` (run directly in tests),
its progress page, and the imported responses counted on the wave's page."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.tests.permission_kwargs import golf as make_golf
from integriteit.taken.models import Taak, TaakStatus

FIXTURES = Path(__file__).parent / "fixtures"


def _coordinator(make_user: MakeUser, world: World) -> Client:
    return login_verified(Client(), make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))


def _url(golf: Golf) -> str:
    return reverse("medewerkersonderzoek:importeren", kwargs={"pk": golf.pk})


def test_import_page_and_link_on_the_wave(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world, "eigen")
    client = _coordinator(make_user, world)
    detail = client.get(reverse("medewerkersonderzoek:golf_detail", kwargs={"pk": golf.pk}))
    assert _url(golf) in detail.content.decode()
    response = client.get(_url(golf))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Antwoorden importeren in Medewerkersonderzoek 2025" in html
    assert "mel_reden_6" in html  # the questionnaire's columns are listed
    assert "Het voelde niet veilig om te melden" in html  # with the option of multi-choice
    assert "style=" not in html and "<script>" not in html
    assert "OCW-DGCM" in html  # and the wave's units


def test_upload_starts_the_job_and_the_responses_count(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world, "eigen")
    client = _coordinator(make_user, world)
    regels = ["unit;cul_vrij_bespreken;mel_vermoeden"] + [
        f"OCW-DGCM;{i % 5 + 1};2" for i in range(12)
    ]
    bestand = SimpleUploadedFile("antwoorden.csv", ("\n".join(regels) + "\n").encode("utf-8-sig"))
    response = client.post(_url(golf), {"bestand": bestand, "formaat": "auto"})
    taak = Taak.objects.get(soort="enquete.import")
    assert response.status_code == 302
    assert response["Location"] == reverse("taken:detail", args=[taak.pk])
    assert taak.status == TaakStatus.KLAAR, taak.fouten
    assert taak.procent == 100
    assert "12 antwoorden geïmporteerd" in taak.resultaat["samenvatting"]
    detail_url = reverse("medewerkersonderzoek:golf_detail", kwargs={"pk": golf.pk})
    assert taak.resultaat["volgende_url"] == detail_url
    assert not taak.invoer  # the uploaded file is not kept
    assert taak.parameters["golf"] == golf.pk and "cul_vrij" not in str(taak.parameters)
    event = AuditEvent.objects.get(action="enquete.import")
    assert event.actor_label and event.details["aantal"] == 12
    # The progress page shows the summary and the way back to the wave.
    voortgang = client.get(response["Location"]).content.decode()
    assert "12 antwoorden geïmporteerd" in voortgang and detail_url in voortgang
    # Counted on the wave's page (12 ≥ the minimum group size of 10).
    rows = client.get(detail_url).context["respons"].eenheden
    assert [(row.code, row.gerespondeerd) for row in rows] == [("OCW-DGCM", 12)]


def test_limesurvey_upload_with_mapping(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world, "eigen")
    client = _coordinator(make_user, world)
    data = {
        "bestand": SimpleUploadedFile(
            "survey_123.csv", (FIXTURES / "limesurvey-ark.csv").read_bytes()
        ),
        "koppeling": SimpleUploadedFile(
            "ark.yaml", (FIXTURES / "limesurvey-ark.yaml").read_bytes()
        ),
        "formaat": "limesurvey",
    }
    client.post(_url(golf), data)
    taak = Taak.objects.get(soort="enquete.import")
    assert taak.status == TaakStatus.KLAAR, taak.fouten
    assert "3 antwoorden geïmporteerd" in taak.resultaat["samenvatting"]
    assert "token" in taak.resultaat["samenvatting"]  # named among the ignored columns
    assert Respons.objects.filter(golf=golf).count() == 3


def test_a_bad_file_fails_the_job_with_row_errors(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world, "eigen")
    client = _coordinator(make_user, world)
    bestand = SimpleUploadedFile("a.csv", b"cul_vrij_bespreken\n4\n12\n")
    response = client.post(_url(golf), {"bestand": bestand, "formaat": "csv"})
    taak = Taak.objects.get(soort="enquete.import")
    assert taak.status == TaakStatus.MISLUKT
    assert taak.fouten == [
        "Regel 3, kolom ‘cul_vrij_bespreken’: 12 is geen geldig antwoord op vraag "
        "cul_vrij_bespreken; kies uit 1, 2, 3, 4, 5, 9."
    ]
    assert "Regel 3" in client.get(response["Location"]).content.decode()
    assert Respons.objects.count() == 0


def test_form_errors_in_dutch(world: World, make_user: MakeUser) -> None:
    golf = make_golf(world, "eigen")
    client = _coordinator(make_user, world)
    response = client.post(_url(golf), {"formaat": "auto"})
    # Django's "This field is required.", in the Dutch of Django REST framework's catalogue,
    # which comes before Django's own since rest_framework is an installed app (issue 8).
    assert "Dit veld is vereist." in response.content.decode()
    bestand = SimpleUploadedFile("a.pdf", b"%PDF")
    response = client.post(_url(golf), {"bestand": bestand, "formaat": "auto"})
    assert (
        "Kies een bestand met de extensie .csv, .sav, .txt, .xlsx, .zsav."
        in response.content.decode()
    )
    bestand = SimpleUploadedFile("a.csv", b"cul_dilemma\n4\n")
    response = client.post(_url(golf), {"bestand": bestand, "formaat": "sav"})
    assert (
        "Een bestand met de extensie .csv past niet bij dit formaat." in response.content.decode()
    )
    # The mapping is checked before a job starts; its errors name file, line and key.
    bestand = SimpleUploadedFile("a.csv", b"X\n4\n")
    koppeling = SimpleUploadedFile("k.yaml", b"columns:\n  X: cul_dilema\n")
    response = client.post(
        _url(golf), {"bestand": bestand, "koppeling": koppeling, "formaat": "auto"}
    )
    assert response.status_code == 200
    assert (
        "k.yaml, regel 2, veld columns.X: ‘cul_dilema’ is geen kolom" in response.content.decode()
    )
    assert not Taak.objects.exists()


def test_other_organisations_and_readers_cannot_import(world: World, make_user: MakeUser) -> None:
    fin = make_golf(world, "ander")
    client = _coordinator(make_user, world)
    bestand = SimpleUploadedFile("a.csv", b"cul_dilemma\n4\n")
    assert client.post(_url(fin), {"bestand": bestand, "formaat": "auto"}).status_code == 404
    eigen = make_golf(world, "eigen")
    lezer = login_verified(Client(), make_user(Rol.LEIDINGGEVENDE, world.ocw_unit))
    assert lezer.get(_url(eigen)).status_code == 403
    assert not Taak.objects.exists()
