"""The URLs of government-wide insight and the annual integrity report (issue 8)."""

from __future__ import annotations

from django.urls import URLPattern, path

from integriteit.rapportages import views

app_name = "rapportages"

urlpatterns: list[URLPattern] = [
    path("", views.dashboard, name="dashboard"),
    path("ministerie/<str:code>/", views.ministerie, name="ministerie"),
    path("ministerie/<str:code>/gesprekspunten/", views.gesprekspunten, name="gesprekspunten"),
    path(
        "ministerie/<str:code>/gesprekspunten.pdf",
        views.gesprekspunten_pdf,
        name="gesprekspunten_pdf",
    ),
]
