"""The registry link (issue 6, item 7): a report shows the investigations opened from it to
those who may see them (and a count of the others), a coordinator gets "Onderzoek openen";
the report is closed with the investigation's outcome when the investigation closes; the
reporter's mailbox says that an investigation runs, then that it ended — nothing more."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.meldingen import services as meldingen
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import Melding
from integriteit.meldingen.tests.helpers import login_met_sleutel
from integriteit.onderzoeken.constants import Status
from integriteit.onderzoeken.tests.helpers import (
    Team,
    afronden,
    fase_vervullen,
    met_sleutel,
    naar_fase,
    openen,
)

LOOPT = "Naar aanleiding van uw melding loopt een onderzoek."
AFGEROND = "Het onderzoek naar aanleiding van uw melding is afgerond."


def test_report_page_and_mailbox_follow_the_investigation(
    world: World, team: Team, make_user: MakeUser
) -> None:
    ontvangen = meldingen.melding_ontvangen(
        invoer=meldingen.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.WEB,
            inhoud=meldingen.Inhoud(wat="Opdrachten naar de zwager"),
        )
    )
    melding = ontvangen.melding
    reporter = Client()
    open_postbus = reporter.post(reverse("melden:postbus"), {"code": ontvangen.ontvangstcode})
    assert open_postbus.status_code == 302
    assert LOOPT not in reporter.get(reverse("melden:postbus")).content.decode()

    coordinator = login_met_sleutel(Client(), team.coordinator)
    pagina = coordinator.get(reverse("meldingen:register_detail", args=[melding.pk]))
    assert f"{reverse('onderzoeken:openen')}?melding={melding.pk}" in pagina.content.decode()

    meldingen.bevestigen(melding=melding, door=team.coordinator)
    onderzoek = openen(world, team, meldingen=[melding], eigen_initiatief_reden=None)
    melding.refresh_from_db()
    assert melding.triage == "onderzoek"
    pagina = coordinator.get(reverse("meldingen:register_detail", args=[melding.pk]))
    assert reverse("onderzoeken:detail", args=[onderzoek.pk]) in pagina.content.decode()
    assert LOOPT in reporter.get(reverse("melden:postbus")).content.decode()

    # A competent authority who handles the report but takes no part in the case sees only
    # that there is one; no link, no "open".
    gezag = make_user(Rol.BEVOEGD_GEZAG, world.ocw)
    met_sleutel(gezag)
    meldingen.behandelaar_toevoegen(
        melding=melding, door=team.coordinator, door_private=team.sleutel, behandelaar=gezag
    )
    html = (
        login_met_sleutel(Client(), gezag)
        .get(reverse("meldingen:register_detail", args=[melding.pk]))
        .content.decode()
    )
    assert "1 onderzoek waar u geen deelnemer van bent" in html
    assert reverse("onderzoeken:detail", args=[onderzoek.pk]) not in html
    assert reverse("onderzoeken:openen") not in html

    onderzoek = naar_fase(team, onderzoek, "afsluiting")
    fase_vervullen(team, onderzoek, {})
    onderzoek = afronden(team, onderzoek)
    assert onderzoek.status == Status.AFGESLOTEN
    # The report's status follows: closed with the investigation's outcome.
    melding.refresh_from_db()
    assert onderzoek.uitkomst == "vastgesteld"
    assert (melding.status, melding.afloop) == ("afgesloten", "gegrond")
    assert melding.bewaren_tot is not None
    postbus = reporter.get(reverse("melden:postbus")).content.decode()
    assert AFGEROND in postbus and LOOPT not in postbus
    assert onderzoek.nummer not in postbus  # nothing of the case itself


def test_no_investigation_closes_acknowledged_reports_only(world: World, team: Team) -> None:
    def melding_maken() -> Melding:
        return meldingen.melding_ontvangen(
            invoer=meldingen.Invoer(
                organisatie=world.ocw,
                soort="belangen",
                kanaal=Kanaal.TELEFOON,
                inhoud=meldingen.Inhoud(wat="Iets"),
            )
        ).melding

    bevestigd, onbevestigd = melding_maken(), melding_maken()
    meldingen.bevestigen(melding=bevestigd, door=team.coordinator)
    onderzoek = openen(world, team, meldingen=[bevestigd, onbevestigd], eigen_initiatief_reden=None)
    keuzes = {"besluit": "niet_onderzoeken", "melder_informeren": "geen_melder"}
    onderzoek = naar_fase(team, onderzoek, "afsluiting", keuzes)
    fase_vervullen(team, onderzoek, keuzes)
    onderzoek = afronden(team, onderzoek)
    assert onderzoek.status == Status.AFGESLOTEN and onderzoek.uitkomst == ""
    bevestigd.refresh_from_db()
    onbevestigd.refresh_from_db()
    assert (bevestigd.status, bevestigd.afloop) == ("afgesloten", "geen_opvolging")
    assert onbevestigd.status != "afgesloten"  # its receipt was never acknowledged
