"""The anonymous area keeps apart from logged-in sessions: a logged-in employee who opens the
reporting page is not logged in there, their session row is not touched (no time written),
and their vault cookie stays."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.kluis.sessie import COOKIE as KLUIS_COOKIE


def test_logged_in_session_is_not_used_or_touched_under_melden(
    world: World, make_user: MakeUser
) -> None:
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    client = login_verified(Client(), user)
    client.cookies[KLUIS_COOKIE] = "geheim"
    row = Session.objects.get()
    before = (row.session_data, row.expire_date)

    page = client.get(reverse("melden:organisatie", args=["OCW"]))
    assert page.status_code == 200
    assert user.get_full_name() not in page.content.decode()
    assert "Uitloggen" not in page.content.decode()
    row.refresh_from_db()
    assert (row.session_data, row.expire_date) == before
    assert Session.objects.count() == 1
    assert KLUIS_COOKIE not in page.cookies  # neither set nor deleted

    # Elsewhere the session works as before.
    assert client.get(reverse("meldingen:register")).status_code == 200
