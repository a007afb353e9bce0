"""The pages on the full demo world: the Court of Audit's 2023 ratings of all twelve
ministries, the synthetic government-wide survey, and OCW's reports, cases and advisers."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.conftest import login_verified


@pytest.mark.django_db
def test_demo_dashboard_shows_every_ministry(client: Client) -> None:
    demo_load()
    login_verified(client, Gebruiker.objects.get(username="rijkscoordinator.bzk"))
    html = client.get(reverse("rapportages:dashboard"), {"jaar": 2023}).content.decode()
    assert html.count("data-ministerie=") == 12
    assert "geen definitieve beoordeling" not in html
    assert "synthetisch" in html
    for code in ("OCW", "FIN"):
        for naam in ("ministerie", "gesprekspunten"):
            url = reverse(f"rapportages:{naam}", args=[code])
            assert client.get(url, {"jaar": 2023}).status_code == 200
    punten = client.get(
        reverse("rapportages:gesprekspunten", args=["OCW"]), {"jaar": 2023}
    ).content.decode()
    # this year (the default): OCW's recent risk analysis and its adviser contacts show
    standaard = client.get(reverse("rapportages:dashboard")).content.decode()
    i = standaard.index('data-ministerie="OCW"')
    ocw = standaard[i : standaard.index("</tr>", i)]
    risico = ocw[ocw.index('data-kolom="risicoanalyse"') :]
    assert ">ja<" in risico[: risico.index("</td>")]
    assert 'data-kolom="vp"' in ocw
    assert "OCW" in punten and "Ministerie van Defensie" in punten  # DEF meets norms OCW lacks
