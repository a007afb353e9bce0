"""The main path through the browser: log in with password and code, the start page, the
organisation tree; lock-out after wrong codes; error pages; keyboard entry.

Every page visited is checked with axe (WCAG 2.1 AA) and for Content-Security-Policy errors.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from integriteit.accounts.demo import DemoLogin, demo_load
from integriteit.accounts.totp import current_code
from integriteit.tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator.ocw"
OCW = "Ministerie van Onderwijs, Cultuur en Wetenschap"


def at(live_server: Any, url_name: str) -> re.Pattern[str]:
    """The page URL of ``url_name`` on the live server, with or without a query string."""
    return re.compile(re.escape(live_server.url + reverse(url_name)) + r"(\?.*)?$")


def demo_login(username: str) -> DemoLogin:
    return next(login for login in demo_load() if login.username == username)


def fill_password(page: Page, login: DemoLogin, *, password: str | None = None) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label("Gebruikersnaam").fill(login.username)
    page.get_by_label("Wachtwoord").fill(login.password if password is None else password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def fill_code(page: Page, code: str) -> None:
    page.get_by_label(re.compile(r"^Code")).fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren").click()


def wrong_code(code: str) -> str:
    return f"{(int(code) + 500_000) % 1_000_000:06d}"


def test_coordinator_logs_in_with_code_and_opens_the_tree(page: Page, live_server: Any) -> None:
    login = demo_login(COORDINATOR)
    user = get_user_model().objects.get(username=login.username)

    page.goto(reverse("accounts:login"))
    axe_check(page)
    fill_password(page, login)
    expect(page).to_have_url(at(live_server, "accounts:login_otp"))
    axe_check(page)

    fill_code(page, current_code(user))
    expect(page).to_have_url(at(live_server, "home"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Welkom"))
    axe_check(page)

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Organisaties", exact=True).click()
    expect(page).to_have_url(at(live_server, "organisaties:tree"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisaties")
    expect(page.get_by_text(OCW).first).to_be_visible()
    axe_check(page)


def test_five_wrong_codes_lock_the_account(page: Page, live_server: Any) -> None:
    login = demo_login(COORDINATOR)
    user = get_user_model().objects.get(username=login.username)
    fill_password(page, login)
    expect(page).to_have_url(at(live_server, "accounts:login_otp"))

    for _attempt in range(5):
        fill_code(page, wrong_code(current_code(user)))

    expect(page).to_have_url(at(live_server, "accounts:locked"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("geblokkeerd")
    axe_check(page)

    # Locked means locked: the right password and a fresh, valid code do not get in.
    TOTPDevice.objects.filter(user=user).update(last_t=-1)
    fill_password(page, login)
    if at(live_server, "accounts:login_otp").match(page.url):
        fill_code(page, current_code(user))
    expect(page).not_to_have_url(at(live_server, "home"))
    page.goto(reverse("home"))
    expect(page).to_have_url(at(live_server, "accounts:login"))


def test_error_states_are_accessible(page: Page, live_server: Any) -> None:
    response = page.goto("/deze-pagina-bestaat-niet/")
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    axe_check(page)

    login = demo_login(COORDINATOR)
    fill_password(page, login, password="dit-is-niet-het-wachtwoord")
    expect(page).to_have_url(at(live_server, "accounts:login"))
    expect(page.get_by_role("alert").first).to_be_visible()
    axe_check(page)


def test_first_tab_on_the_login_page_reaches_the_skip_link(page: Page, live_server: Any) -> None:
    page.goto(reverse("accounts:login"))
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
