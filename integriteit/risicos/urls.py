"""The screens of the risk analysis instrument (issue 7) under /risicos/."""

from __future__ import annotations

from django.urls import URLPattern, path

from integriteit.risicos import views

app_name = "risicos"

urlpatterns: list[URLPattern] = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("catalogus/", views.catalogus, name="catalogus"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/vaststellen/", views.vaststellen, name="vaststellen"),
    path("<int:pk>/risico/", views.risico_nieuw, name="risico_nieuw"),
    path("<int:pk>/overnemen/", views.overnemen, name="overnemen"),
    path("<int:pk>/functie/", views.functie_nieuw, name="functie_nieuw"),
    path("<int:pk>/matrix/", views.matrix, name="matrix"),
    path("<int:pk>/enquete/", views.enquete, name="enquete"),
    path("<int:pk>/export.xlsx", views.xlsx, name="xlsx"),
    path("<int:pk>/rapport.pdf", views.pdf, name="pdf"),
    path("risico/<int:pk>/", views.risico, name="risico"),
    path("risico/<int:pk>/bewerken/", views.risico_bewerken, name="risico_bewerken"),
    path("risico/<int:pk>/verwijderen/", views.risico_verwijderen, name="risico_verwijderen"),
    path("risico/<int:pk>/maatregel/", views.maatregel_nieuw, name="maatregel_nieuw"),
    path("maatregel/<int:pk>/", views.maatregel_bewerken, name="maatregel_bewerken"),
    path("functie/<int:pk>/", views.functie_bewerken, name="functie_bewerken"),
]
