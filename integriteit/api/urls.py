"""The URLs of the REST API (issue 8) under /api/."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

app_name = "api"

urlpatterns: list[URLPattern] = []
