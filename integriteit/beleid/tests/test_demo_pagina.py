"""The pages on the full demo world (survey wave, 2023 assessments, reports): they render,
and the indicators take their values from the other modules' demo data."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.beleid.demo import beleid_demo_load
from integriteit.conftest import login_verified


@pytest.mark.django_db
def test_demo_pages_render_with_values_from_the_other_modules(client: Client) -> None:
    demo_load()
    beleid_demo_load()
    login_verified(client, Gebruiker.objects.get(username="coordinator.ocw"))
    samenhang = client.get(reverse("beleid:samenhang", kwargs={"code": "OCW"}))
    assert samenhang.status_code == 200
    html = samenhang.content.decode()
    metingen = html[html.find('id="metingen"') :]
    assert re.search(r"<td class=\"utrecht-table__cell\">\d+ %</td>", metingen)  # survey item
    assert "medewerkersonderzoek" in metingen  # provenance: the wave
    assert "Meldingenregister" in metingen
    assert "Rekenkamer" in metingen  # the 2023 assessment rated norm 9
    for geen in ("geen enquête", "niet beoordeeld", "onvoldoende respons"):
        assert geen not in metingen
    assert client.get(reverse("beleid:detail", kwargs={"code": "OCW"})).status_code == 200
    assert client.get(reverse("beleid:overzicht")).status_code == 200
