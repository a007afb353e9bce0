"""The screens of the policy cycle (issue 7) under /beleid/."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

app_name = "beleid"

urlpatterns: list[URLPattern] = []
