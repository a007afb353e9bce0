"""The Celery application for production workers: ``celery -A integriteit.celery_app worker``.

Jobs are rows in ``taken.Taak``; the broker only carries their ids (ADR 0009).
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integriteit.settings.production")

app = Celery("integriteit")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["integriteit.taken"])
