from django.urls import path

from integriteit.accounts.views import beheer, login, profiel

app_name = "accounts"
urlpatterns = [
    path("inloggen/", login.login_view, name="login"),
    path("inloggen/code/", login.login_otp, name="login_otp"),
    path("inloggen/instellen/", login.otp_setup, name="otp_setup"),
    path("geblokkeerd/", login.locked, name="locked"),
    path("uitloggen/", login.logout_view, name="logout"),
    path("", profiel.profiel, name="profiel"),
    path("wachtwoord/", profiel.password_change, name="password_change"),
    path("gebruikers/", beheer.gebruiker_list, name="gebruiker_list"),
    path("gebruikers/nieuw/", beheer.gebruiker_create, name="gebruiker_create"),
    path("gebruikers/<int:pk>/", beheer.gebruiker_detail, name="gebruiker_detail"),
    path("gebruikers/<int:pk>/deblokkeren/", beheer.gebruiker_unlock, name="gebruiker_unlock"),
    path(
        "gebruikers/<int:pk>/tweestaps-reset/",
        beheer.gebruiker_totp_reset,
        name="gebruiker_totp_reset",
    ),
    path("rollen/<int:pk>/intrekken/", beheer.lidmaatschap_revoke, name="lidmaatschap_revoke"),
]
