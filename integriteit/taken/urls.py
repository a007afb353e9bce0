from django.urls import path

from integriteit.taken import views

app_name = "taken"
urlpatterns = [
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/bestand/", views.bestand, name="bestand"),
]
