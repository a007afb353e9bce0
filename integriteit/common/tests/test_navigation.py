"""The navigation and the start page show each role only what it may use."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from integriteit.common.navigation import NAV_ITEMS
from integriteit.common.permissions import role_has
from integriteit.common.roles import Rol
from integriteit.common.start import LINKS
from integriteit.conftest import MakeUser, World, login_verified


@pytest.mark.parametrize("rol", list(Rol))
def test_navigation_matches_the_matrix(
    rol: Rol, world: World, make_user: MakeUser, client: Client
) -> None:
    login_verified(client, make_user(rol, world.ocw))
    body = client.get(reverse("home")).content.decode()
    nav = body[body.index('aria-label="Hoofdmenu"') : body.index("</nav>")]
    for item in NAV_ITEMS:
        shown = f'href="{reverse(item.url_name)}"' in nav
        assert shown == role_has(rol, item.capability), f"{rol}: menu-item {item.url_name}"


@pytest.mark.parametrize("rol", list(Rol))
def test_start_page_links_match_the_matrix(
    rol: Rol, world: World, make_user: MakeUser, client: Client
) -> None:
    login_verified(client, make_user(rol, world.ocw))
    body = client.get(reverse("home")).content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    assert str(Rol(rol).label) in main
    for link in LINKS:
        shown = f'href="{reverse(link.url_name)}"' in main
        assert shown == role_has(rol, link.capability), f"{rol}: startpagina-link {link.url_name}"
