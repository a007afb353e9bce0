"""The screens of the confidential advisers (issue 7) under /vertrouwenspersonen/."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

app_name = "vertrouwenspersonen"

urlpatterns: list[URLPattern] = []
