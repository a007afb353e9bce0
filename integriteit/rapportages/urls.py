"""The URLs of government-wide insight and the annual integrity report (issue 8)."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

app_name = "rapportages"

urlpatterns: list[URLPattern] = []
