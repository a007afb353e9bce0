"""The background-job runner in its three modes, its failures, and the progress page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import GebruikerFactory, LidmaatschapFactory
from integriteit.common.roles import Rol
from integriteit.conftest import World
from integriteit.taken import services
from integriteit.taken.models import Taak, TaakStatus
from integriteit.taken.registry import TaakUitkomst, taak, taak_functie
from integriteit.taken.services import taak_start, taak_uitvoeren, taken_wachten
from integriteit.taken.tests import jobs_for_tests  # noqa: F401  (registers the test jobs)


@pytest.fixture
def gebruiker(world: World) -> Gebruiker:
    user = GebruikerFactory.create(username="coordinator.taken")
    LidmaatschapFactory.create(
        gebruiker=user, organisatie=world.ocw, rol=Rol.INTEGRITEITSCOORDINATOR
    )
    return user


def test_direct_mode_runs_at_once_with_progress_and_file(gebruiker: Gebruiker) -> None:
    job = taak_start(
        soort="test.echo",
        titel="Echo",
        gebruiker=gebruiker,
        parameters={"n": 4},
        invoer=SimpleUploadedFile("in.csv", b"a,b\n1,2\n"),
    )
    assert job.status == TaakStatus.KLAAR
    assert (job.gedaan, job.totaal, job.procent) == (4, 4, 100)
    assert job.resultaat == {"samenvatting": "4 stappen gedaan", "volgende_url": "/"}
    assert job.bestand.read() == b"echo:a,b\n1,2\n"
    assert not job.invoer, "the uploaded input is deleted when the job ends"


def test_refused_input_fails_cleanly_with_dutch_messages(gebruiker: Gebruiker) -> None:
    job = taak_start(soort="test.weigert", titel="Weigert", gebruiker=gebruiker)
    assert job.status == TaakStatus.MISLUKT
    assert job.fouten == ["Rij 3, kolom 'vb1': waarde 7 is niet toegestaan."]
    assert job.klaar_op is not None


def test_unexpected_error_is_logged_and_named(
    gebruiker: Gebruiker, caplog: pytest.LogCaptureFixture
) -> None:
    job = taak_start(soort="test.crasht", titel="Crasht", gebruiker=gebruiker)
    assert job.status == TaakStatus.MISLUKT
    assert str(job.pk) in job.fouten[0]
    assert "stuk" in caplog.text


def test_unknown_kind_is_refused_before_anything_is_stored(gebruiker: Gebruiker) -> None:
    with pytest.raises(LookupError, match="Onbekende taaksoort"):
        taak_start(soort="bestaat.niet", titel="?", gebruiker=gebruiker)
    assert not Taak.objects.exists()


def test_a_kind_cannot_be_registered_twice() -> None:
    def other(job: Taak, voortgang: Callable[..., None]) -> TaakUitkomst:
        return TaakUitkomst()

    with pytest.raises(ValueError, match="al geregistreerd"):
        taak("test.echo")(other)
    assert taak_functie("test.echo") is jobs_for_tests.echo


def test_a_job_runs_once_only(gebruiker: Gebruiker) -> None:
    """A redelivered Celery message finds the job no longer queued and does nothing."""
    job = taak_start(soort="test.echo", titel="Echo", gebruiker=gebruiker, parameters={"n": 2})
    finished = job.klaar_op
    taak_uitvoeren(job.pk)
    job.refresh_from_db()
    assert job.klaar_op == finished


@pytest.mark.django_db(transaction=True)
def test_thread_mode_runs_after_commit_in_a_worker_thread(world: World) -> None:
    user = GebruikerFactory.create(username="draad")
    with override_settings(TAKEN_UITVOERING="thread"):
        job = taak_start(soort="test.echo", titel="Echo", gebruiker=user, parameters={"n": 5})
        taken_wachten()
    job.refresh_from_db()
    assert job.status == TaakStatus.KLAAR
    assert job.gedaan == 5


def test_thread_mode_waits_for_the_commit(
    gebruiker: Gebruiker, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with (
        override_settings(TAKEN_UITVOERING="thread"),
        django_capture_on_commit_callbacks() as callbacks,
    ):
        job = taak_start(soort="test.echo", titel="Echo", gebruiker=gebruiker)
    assert Taak.objects.get(pk=job.pk).status == TaakStatus.WACHTRIJ
    assert len(callbacks) == 1


def test_celery_mode_sends_the_id_to_the_worker_task(
    gebruiker: Gebruiker, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    from integriteit.celery_app import app

    app.conf.task_always_eager = True
    try:
        with (
            override_settings(TAKEN_UITVOERING="celery"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            job = taak_start(
                soort="test.echo", titel="Echo", gebruiker=gebruiker, parameters={"n": 2}
            )
    finally:
        app.conf.task_always_eager = False
    job.refresh_from_db()
    assert job.status == TaakStatus.KLAAR


def test_progress_is_throttled_but_the_last_step_is_written(gebruiker: Gebruiker) -> None:
    job = Taak.objects.create(soort="test.echo", titel="x", aangemaakt_door=gebruiker)
    voortgang = services._Voortgang(job.pk)
    voortgang(1, 100, "een")
    voortgang(2, 100, "twee")  # within the interval: not written
    job.refresh_from_db()
    assert (job.gedaan, job.stap) == (1, "een")
    voortgang(100, 100, "klaar")
    job.refresh_from_db()
    assert (job.gedaan, job.stap) == (100, "klaar")


def test_progress_page_polls_while_running_and_offers_the_file(
    gebruiker: Gebruiker, client: Client, login: Callable[[Client, Gebruiker], Client]
) -> None:
    login(client, gebruiker)
    running = Taak.objects.create(
        soort="test.echo",
        titel="Import",
        aangemaakt_door=gebruiker,
        status=TaakStatus.BEZIG,
        gedaan=30,
        totaal=120,
        stap="Rijen controleren",
    )
    page = client.get(reverse("taken:detail", args=[running.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "25 %" in page and "30 van 120" in page and "Rijen controleren" in page
    partial = client.get(reverse("taken:detail", args=[running.pk]), HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b'id="taak-voortgang"' in partial.content

    done = taak_start(soort="test.echo", titel="Echo", gebruiker=gebruiker)
    page = client.get(reverse("taken:detail", args=[done.pk])).content.decode()
    assert "hx-trigger" not in page
    assert reverse("taken:bestand", args=[done.pk]) in page
    download = client.get(reverse("taken:bestand", args=[done.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="echo.txt"'
    assert b"".join(download.streaming_content) == b"echo:"  # type: ignore[attr-defined]


def test_failed_job_page_lists_the_errors(
    gebruiker: Gebruiker, client: Client, login: Callable[[Client, Gebruiker], Client]
) -> None:
    login(client, gebruiker)
    job = taak_start(soort="test.weigert", titel="Weigert", gebruiker=gebruiker)
    page = client.get(reverse("taken:detail", args=[job.pk])).content.decode()
    assert "er is niets opgeslagen" in page
    assert "kolom &#x27;vb1&#x27;: waarde 7" in page


def test_someone_elses_job_is_not_found(
    gebruiker: Gebruiker, client: Client, login: Callable[[Client, Gebruiker], Client]
) -> None:
    other = GebruikerFactory.create(username="ander")
    job = taak_start(soort="test.echo", titel="Echo", gebruiker=other)
    login(client, gebruiker)
    assert client.get(reverse("taken:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("taken:bestand", args=[job.pk])).status_code == 404


def test_no_file_is_404(
    gebruiker: Gebruiker, client: Client, login: Callable[[Client, Gebruiker], Client]
) -> None:
    job = taak_start(soort="test.weigert", titel="Weigert", gebruiker=gebruiker)
    login(client, gebruiker)
    assert client.get(reverse("taken:bestand", args=[job.pk])).status_code == 404
