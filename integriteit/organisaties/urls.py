from django.urls import path

from integriteit.organisaties import views

app_name = "organisaties"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("importeren/", views.import_csv, name="import"),
    path("exporteren/", views.export_csv, name="export"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/nieuw/", views.create, name="create"),
    path("<str:code>/wijzigen/", views.edit, name="edit"),
]
