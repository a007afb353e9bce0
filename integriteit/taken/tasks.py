"""The one Celery task: run a stored job by id (production mode, ADR 0009)."""

from __future__ import annotations

from celery import shared_task

from integriteit.taken.services import taak_uitvoeren


@shared_task(name="taken.uitvoeren", ignore_result=True)  # type: ignore[untyped-decorator]
def uitvoeren(taak_id: str) -> None:
    taak_uitvoeren(taak_id)
