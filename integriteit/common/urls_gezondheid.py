"""Health and readiness endpoints for the proxy and the orchestrator (issue 8)."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
