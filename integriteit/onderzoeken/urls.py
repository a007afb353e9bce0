"""The investigation screens under /onderzoeken/ (issue 6)."""

from __future__ import annotations

from django.urls import path

from integriteit.onderzoeken import views_dossier
from integriteit.onderzoeken.views import acties, lijst, protocollen, zaak

app_name = "onderzoeken"

urlpatterns = [
    path("", lijst.lijst, name="lijst"),
    path("openen/", lijst.openen, name="openen"),
    path("<int:pk>/", zaak.detail, name="detail"),
    path("<int:pk>/actie/", acties.actie, name="actie"),
    path("<int:pk>/bestand/<str:soort>/<int:nummer>/", acties.bestand, name="bestand"),
    path("protocollen/", protocollen.protocollen, name="protocollen"),
    path("protocollen/laden/", protocollen.protocol_laden_view, name="protocol_laden"),
    path("protocollen/<int:pk>/", protocollen.protocol, name="protocol"),
    path("<int:pk>/dossier/", views_dossier.dossier_zip, name="dossier"),
]
