"""The URLs of government-wide insight and the annual integrity report (issue 8)."""

from __future__ import annotations

from django.urls import URLPattern, path

from integriteit.rapportages import jaarverslag_views as jv
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
    # the annual integrity report (BZK-5): public when published, BZK for concepts
    path("jaarverslag/", jv.jaarverslagen, name="jaarverslagen"),
    path("jaarverslag/nieuw/", jv.jaarverslag_nieuw, name="jaarverslag_nieuw"),
    path("jaarverslag/<int:jaar>/", jv.jaarverslag, name="jaarverslag"),
    path(
        "jaarverslag/<int:jaar>/download.<str:soort>",
        jv.jaarverslag_download,
        name="jaarverslag_download",
    ),
    path("jaarverslag/<int:jaar>/concept/", jv.jaarverslag_concept, name="jaarverslag_concept"),
    path(
        "jaarverslag/<int:jaar>/concept/download.<str:soort>",
        jv.jaarverslag_concept_download,
        name="jaarverslag_concept_download",
    ),
    path("jaarverslag/<int:jaar>/bewerken/", jv.jaarverslag_bewerken, name="jaarverslag_bewerken"),
    path(
        "jaarverslag/<int:jaar>/publiceren/",
        jv.jaarverslag_publiceren,
        name="jaarverslag_publiceren",
    ),
    path(
        "jaarverslag/<int:jaar>/corrigeren/",
        jv.jaarverslag_corrigeren,
        name="jaarverslag_corrigeren",
    ),
]
