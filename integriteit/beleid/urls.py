"""The screens of the policy cycle (issue 7) under /beleid/."""

from __future__ import annotations

from django.urls import URLPattern, path

from integriteit.beleid import views, views_bewerken

app_name = "beleid"

urlpatterns: list[URLPattern] = [
    path("", views.overzicht, name="overzicht"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/samenhang/", views.samenhang, name="samenhang"),
    path("<str:code>/visie/", views_bewerken.visie, name="visie"),
    path("<str:code>/coordinator/", views_bewerken.positie, name="positie"),
    path("<str:code>/doelen/nieuw/", views_bewerken.doel, name="doel_nieuw"),
    path("<str:code>/doelen/<int:pk>/", views_bewerken.doel, name="doel"),
    path(
        "<str:code>/doelen/<int:pk>/verwijderen/",
        views_bewerken.doel_verwijderen,
        name="doel_verwijderen",
    ),
    path("<str:code>/instrumenten/nieuw/", views_bewerken.instrument, name="instrument_nieuw"),
    path("<str:code>/instrumenten/<int:pk>/", views_bewerken.instrument, name="instrument"),
    path(
        "<str:code>/instrumenten/<int:pk>/verwijderen/",
        views_bewerken.instrument_verwijderen,
        name="instrument_verwijderen",
    ),
    path("<str:code>/evaluaties/nieuw/", views_bewerken.evaluatie, name="evaluatie_nieuw"),
    path("<str:code>/evaluaties/<int:pk>/", views_bewerken.evaluatie, name="evaluatie"),
    path(
        "<str:code>/evaluaties/<int:evaluatie_pk>/acties/nieuw/",
        views_bewerken.actie_nieuw,
        name="actie_nieuw",
    ),
    path("<str:code>/acties/<int:pk>/", views_bewerken.actie, name="actie"),
]
