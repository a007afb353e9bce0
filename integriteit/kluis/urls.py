"""The logged-in pages of the vault under ``/kluis/``: the recovery key and recovery
requests (views.py)."""

from django.urls import path

from integriteit.kluis import views

app_name = "kluis"
urlpatterns = [
    path("herstel/", views.herstel_overzicht, name="herstel"),
    path("herstel/sleutel/", views.herstelsleutel, name="herstelsleutel"),
    path(
        "herstel/gebruiker/<int:pk>/aanvragen/",
        views.herstel_aanvragen,
        name="herstel_aanvragen",
    ),
    path("herstel/verzoek/<int:pk>/bijdragen/", views.herstel_bijdragen, name="herstel_bijdragen"),
    path("herstel/verzoek/<int:pk>/uitvoeren/", views.herstel_uitvoeren, name="herstel_uitvoeren"),
    path("herstel/verzoek/<int:pk>/intrekken/", views.herstel_intrekken, name="herstel_intrekken"),
]
