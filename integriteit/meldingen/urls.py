"""The public pages under ``/melden/`` (no account; views/publiek.py). Every request line
under this prefix is kept out of the server log (``meldingen.logging``); the logged-in pages
live apart, under ``/meldingen/`` (``urls_register.py``), so the reporter's cookies (path
``/melden/``) never go there and the registry's requests are logged as usual."""

from django.urls import path

from integriteit.meldingen.views import publiek

app_name = "melden"
urlpatterns = [
    path("", publiek.index, name="index"),
    path("ontvangen/", publiek.ontvangen, name="ontvangen"),
    path("postbus/", publiek.postbus, name="postbus"),
    path("postbus/bericht/", publiek.postbus_bericht, name="postbus_bericht"),
    path("postbus/sluiten/", publiek.postbus_sluiten, name="postbus_sluiten"),
    path("postbus/bijlage/<int:pk>/", publiek.postbus_bijlage, name="postbus_bijlage"),
    path("<str:code>/", publiek.organisatie, name="organisatie"),
]
