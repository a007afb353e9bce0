from django.urls import path

from integriteit.normenkader.views import beoordelen, overzicht, uitwisseling

app_name = "normenkader"
urlpatterns = [
    # Overviews (views/overzicht.py)
    path("", overzicht.heatmap, name="heatmap"),
    path("vergelijken/", overzicht.vergelijking, name="vergelijking"),
    path("organisatie/<str:code>/", overzicht.organisatie, name="organisatie"),
    path("norm/<int:kader>/<str:code>/", overzicht.norm, name="norm"),
    path("oordeel/<int:pk>/", overzicht.oordeel, name="oordeel"),
    path("normenkaders/", overzicht.kader_list, name="kader_list"),
    path("normenkaders/<int:pk>/", overzicht.kader_detail, name="kader_detail"),
    # Assessing (views/beoordelen.py)
    path("nieuw/", beoordelen.beoordeling_start, name="beoordeling_start"),
    path("beoordeling/<int:pk>/", beoordelen.beoordeling, name="beoordeling"),
    path(
        "beoordeling/<int:pk>/status/",
        beoordelen.beoordeling_transition,
        name="beoordeling_transition",
    ),
    path(
        "beoordeling/<int:pk>/corrigeren/",
        beoordelen.beoordeling_correct,
        name="beoordeling_correct",
    ),
    path("oordeel/<int:pk>/wijzigen/", beoordelen.oordeel_edit, name="oordeel_edit"),
    path("oordeel/<int:pk>/bewijs/", beoordelen.bewijs_add, name="bewijs_add"),
    path("bewijs/<int:pk>/", beoordelen.bewijs_download, name="bewijs_download"),
    path("oordeel/<int:pk>/actie/", beoordelen.actie_add, name="actie_add"),
    path("acties/", beoordelen.actie_list, name="actie_list"),
    path("acties/<int:pk>/", beoordelen.actie_edit, name="actie_edit"),
    # Exchange and administration (views/uitwisseling.py)
    path("exporteren/", uitwisseling.export, name="export"),
    path("importeren/", uitwisseling.import_ratings, name="import"),
    path("normenkaders/laden/", uitwisseling.kader_upload, name="kader_upload"),
    path("cycli/", uitwisseling.cyclus_list, name="cyclus_list"),
    path("cycli/nieuw/", uitwisseling.cyclus_create, name="cyclus_create"),
]
