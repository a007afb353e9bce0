from django.urls import path

from integriteit.common import views

app_name = "common"
urlpatterns = [
    path("", views.audit_list, name="audit_list"),
    path("controle/", views.audit_verify_view, name="audit_verify"),
]
