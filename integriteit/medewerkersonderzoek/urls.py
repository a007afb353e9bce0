from django.urls import path

from integriteit.medewerkersonderzoek.views import beheer, invullen

app_name = "medewerkersonderzoek"
urlpatterns = [
    # Running a survey (views/beheer.py)
    path("", beheer.golf_list, name="golf_list"),
    path("nieuw/", beheer.golf_create, name="golf_create"),
    path("golf/<int:pk>/", beheer.golf_detail, name="golf_detail"),
    path("golf/<int:pk>/status/", beheer.golf_transition, name="golf_transition"),
    path("golf/<int:pk>/uitnodigingen/", beheer.uitnodigingen, name="uitnodigingen"),
    path("vragenlijsten/", beheer.vragenlijst_list, name="vragenlijst_list"),
    path("vragenlijsten/laden/", beheer.vragenlijst_upload, name="vragenlijst_upload"),
    # Answering with a token, no account (views/invullen.py)
    path("invullen/", invullen.start, name="invullen"),
    path("invullen/blok/<int:stap>/", invullen.blok, name="invullen_blok"),
    path("invullen/klaar/", invullen.klaar, name="invullen_klaar"),
]
