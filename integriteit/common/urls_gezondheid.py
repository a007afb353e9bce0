"""Health and readiness endpoints for the proxy and the orchestrator (issue 8)."""

from __future__ import annotations

from django.urls import URLPattern, path

from integriteit.common import gezondheid

urlpatterns: list[URLPattern] = [
    path("gezond/", gezondheid.gezond, name="gezond"),
    path("gereed/", gezondheid.gereed, name="gereed"),
]
