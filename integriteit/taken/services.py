"""Starting and running background jobs (ADR 0009).

``TAKEN_UITVOERING`` chooses how a job runs:

- ``thread`` (the embedded default): in this process, in one worker thread, after the
  starting transaction commits — ``make run`` needs no broker;
- ``celery`` (production): a Celery worker picks it up from Redis;
- ``direct`` (tests, command line): at once, in the calling thread.

Whatever the mode, progress is written to the :class:`Taak` row (at most a few times per
second), which the progress page polls.
"""

from __future__ import annotations

import logging
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections, connections, transaction
from django.utils import timezone

from integriteit.organisaties.models import Organisatie
from integriteit.taken.models import Taak, TaakStatus
from integriteit.taken.registry import TaakFout, TaakUitkomst, Voortgang, taak_functie

logger = logging.getLogger(__name__)

#: Seconds between two progress writes (the last step is always written).
PROGRESS_INTERVAL = 0.5

_executor: ThreadPoolExecutor | None = None
_futures: list[Future[None]] = []


def _mode() -> str:
    return str(getattr(settings, "TAKEN_UITVOERING", "thread"))


def taak_start(
    *,
    soort: str,
    titel: str,
    gebruiker: Any,
    organisatie: Organisatie | None = None,
    parameters: dict[str, Any] | None = None,
    invoer: UploadedFile | None = None,
) -> Taak:
    """Store the job and hand it to the runner once the surrounding transaction commits."""
    taak_functie(soort)  # an unknown kind fails here, not in the worker
    taak = Taak(
        soort=soort,
        titel=titel,
        parameters=parameters or {},
        aangemaakt_door=gebruiker if getattr(gebruiker, "pk", None) else None,
        organisatie=organisatie,
    )
    if invoer is not None:
        taak.invoer.save(f"{uuid.uuid4().hex}-{invoer.name}", invoer, save=False)
    taak.save()
    mode = _mode()
    if mode == "direct":
        taak_uitvoeren(taak.pk)
        taak.refresh_from_db()
    elif mode == "celery":
        from integriteit.taken.tasks import uitvoeren

        transaction.on_commit(lambda: uitvoeren.delay(str(taak.pk)))
    else:
        transaction.on_commit(lambda: _submit(taak.pk))
    return taak


def _submit(taak_id: uuid.UUID) -> None:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="taken")
    _futures.append(_executor.submit(_in_thread, taak_id))


def _in_thread(taak_id: uuid.UUID) -> None:
    close_old_connections()
    try:
        taak_uitvoeren(taak_id)
    finally:
        connections.close_all()


def taken_wachten(timeout: float = 60.0) -> None:
    """Wait for the jobs this process started in its worker thread (tests, shutdown)."""
    while _futures:
        _futures.pop(0).result(timeout=timeout)


class _Voortgang:
    """Writes progress to the row, throttled; never inside the job's own transaction."""

    def __init__(self, taak_id: uuid.UUID) -> None:
        self.taak_id = taak_id
        self.last = 0.0

    def __call__(self, gedaan: int, totaal: int, stap: str = "") -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL and gedaan < totaal:
            return
        self.last = now
        fields: dict[str, Any] = {"gedaan": max(0, gedaan), "totaal": max(0, totaal)}
        if stap:
            fields["stap"] = stap[:200]
        Taak.objects.filter(pk=self.taak_id).update(**fields)


def taak_uitvoeren(taak_id: uuid.UUID | str) -> None:
    """Run one queued job to the end; record success or a clean failure on its row."""
    claimed = Taak.objects.filter(pk=taak_id, status=TaakStatus.WACHTRIJ).update(
        status=TaakStatus.BEZIG, begonnen_op=timezone.now()
    )
    if not claimed:
        return  # already run (a retried Celery message) or unknown
    taak = Taak.objects.get(pk=taak_id)
    voortgang: Voortgang = _Voortgang(taak.pk)
    try:
        uitkomst = taak_functie(taak.soort)(taak, voortgang)
    except TaakFout as fout:
        _finish(taak, TaakStatus.MISLUKT, fouten=fout.fouten)
    except Exception:
        logger.exception("Achtergrondtaak %s (%s) mislukt", taak.pk, taak.soort)
        message = f"Onverwachte fout in taak {taak.pk}; de beheerder kan die in het log vinden."
        _finish(taak, TaakStatus.MISLUKT, fouten=[message])
    else:
        _finish(taak, TaakStatus.KLAAR, uitkomst=uitkomst)


def _finish(
    taak: Taak,
    status: str,
    *,
    fouten: list[str] | None = None,
    uitkomst: TaakUitkomst | None = None,
) -> None:
    taak.refresh_from_db()
    taak.status = status
    taak.klaar_op = timezone.now()
    taak.fouten = fouten or []
    if uitkomst is not None:
        taak.resultaat = {**uitkomst.resultaat, "volgende_url": uitkomst.volgende_url}
        taak.gedaan = max(taak.gedaan, taak.totaal)
        if uitkomst.bestand is not None:
            naam = uitkomst.bestandsnaam or "resultaat"
            taak.bestandsnaam = naam
            taak.bestand.save(f"{taak.pk.hex}-{naam}", ContentFile(uitkomst.bestand), save=False)
    if taak.invoer:
        taak.invoer.delete(save=False)  # uploaded responses are not kept beside the job
    taak.save()
