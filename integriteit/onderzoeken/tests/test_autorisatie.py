"""An investigator of case A reaching for case B gets nothing: not the page, not a step, not
a file, not the case file, and B's vault does not open with A's investigator's key (issue 6,
"an investigator of case A opening case B gets nothing")."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.kluis.services import GeenToegang
from integriteit.meldingen.tests.helpers import login_met_sleutel
from integriteit.onderzoeken import services
from integriteit.onderzoeken.models import Registratie
from integriteit.onderzoeken.tests.helpers import (
    Team,
    met_sleutel,
    naar_fase,
    onderzoeker_toevoegen,
    openen,
)

GEHEIM = "Declaraties-B-9913"


def test_investigator_of_a_gets_nothing_of_b(world: World, team: Team, make_user: MakeUser) -> None:
    a = openen(world, team)
    onderzoeker_toevoegen(team, a, team.onderzoeker2)  # the attacker: investigator of A only
    b = naar_fase(team, openen(world, team), "onderzoek")  # team.onderzoeker investigates B
    services.bewijs_vastleggen(
        onderzoek=b,
        door=team.onderzoeker,
        omschrijving=GEHEIM,
        verkregen_op=timezone.localdate(),
        bestand=SimpleUploadedFile("b.pdf", b"%PDF-1.4\n% B\n", "application/pdf"),
    )
    nummer = b.bewijsstukken.get().volgnummer
    client = login_met_sleutel(Client(), team.onderzoeker2)

    assert client.get(reverse("onderzoeken:detail", args=[a.pk])).status_code == 200
    for url in (
        reverse("onderzoeken:detail", args=[b.pk]),
        reverse("onderzoeken:bestand", args=[b.pk, "bewijs", nummer]),
        reverse("onderzoeken:dossier", args=[b.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert GEHEIM.encode() not in response.content
    registraties = Registratie.objects.filter(onderzoek=b).count()
    response = client.post(
        reverse("onderzoeken:actie", args=[b.pk]),
        {"actie": "afronden"},
    )
    assert response.status_code == 404
    assert Registratie.objects.filter(onderzoek=b).count() == registraties
    assert b.nummer not in client.get(reverse("onderzoeken:lijst")).content.decode()
    with pytest.raises(GeenToegang):
        kluis.kluis_openen(
            kluis=b.kluis, gebruiker=team.onderzoeker2, private=met_sleutel(team.onderzoeker2)
        )
    with pytest.raises(GeenToegang):
        services.kluis_van_deelnemer(
            onderzoek=b, gebruiker=team.onderzoeker2, private=met_sleutel(team.onderzoeker2)
        )

    # Someone holding the investigator role elsewhere (FIN) gets nothing either.
    fin = make_user(Rol.ONDERZOEKER, world.fin)
    met_sleutel(fin)
    fin_client = login_met_sleutel(Client(), fin)
    assert fin_client.get(reverse("onderzoeken:detail", args=[a.pk])).status_code == 404
    assert a.nummer not in fin_client.get(reverse("onderzoeken:lijst")).content.decode()
