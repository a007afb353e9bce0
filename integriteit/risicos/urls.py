"""The screens of the risk analysis instrument (issue 7) under /risicos/."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

app_name = "risicos"

urlpatterns: list[URLPattern] = []
