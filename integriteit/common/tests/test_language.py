"""Dutch by default, whatever the browser asks; English only when chosen."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_dutch_even_for_an_english_browser(client: Client) -> None:
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()


@pytest.mark.django_db
def test_language_switch_sets_english(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    response = client.get(reverse("accounts:login"))
    assert response["Content-Language"] == "en"
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Username" in body  # from the compiled English catalogue
    assert "Gebruikersnaam" not in body
