"""The phase map: states per phase (done, current, skipped, later), requirements met or not
applicable, and the skip written out — from the shipped baseline, without a database."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string

from integriteit.onderzoeken.fasekaart import fasekaart
from integriteit.onderzoeken.models import Registratie
from integriteit.onderzoeken.poort import Stand
from integriteit.onderzoeken.protocol import basis_spec


def _stand(**keuzes: str) -> Stand:
    registraties = {
        code: Registratie(vereiste=code, keuze=keuze, datum=date(2026, 1, 1))
        for code, keuze in keuzes.items()
    }
    return Stand(
        registraties=registraties,
        onderzoekers=0,
        onderzoekers_onafhankelijk=0,
        betrokkenen=0,
        verhoren=0,
        verhoren_open=(),
        bewijsstukken=0,
        maatregelen=0,
    )


def test_states_follow_the_history_and_the_skip() -> None:
    protocol = basis_spec()
    vakken = fasekaart(
        protocol,
        huidige_fase="afsluiting",
        doorlopen=["vooronderzoek", "besluit_onderzoek"],
        stand=_stand(besluit="niet_onderzoeken", melder_informeren="geen_melder"),
    )
    staten = {v.code: v.staat for v in vakken}
    assert staten["vooronderzoek"] == "klaar" and staten["besluit_onderzoek"] == "klaar"
    assert staten["opdracht"] == "overgeslagen" and staten["besluit"] == "overgeslagen"
    assert staten["afsluiting"] == "huidig"
    afsluiting = vakken[-1]
    eisen = {e.titel: e for e in afsluiting.eisen}
    # the subject heard nothing of an investigation that never came: not applicable
    assert not eisen["Dag waarop de betrokkene de afloop hoorde"].geldt
    assert not eisen["Dag waarop de melder is geïnformeerd"].geldt
    assert eisen["Melder"].voldaan
    assert eisen["Nazorg voor betrokkene, melder en team"].melding.endswith("nog niet vastgelegd.")
    besluit = next(v for v in vakken if v.code == "besluit_onderzoek")
    assert besluit.sprongen == (
        "Bij ‘Er komt geen onderzoek’: verder naar ‘Afsluiting en nazorg’.",
    )


def test_the_map_renders_in_reading_order_with_the_current_step_marked() -> None:
    protocol = basis_spec()
    vakken = fasekaart(protocol, huidige_fase="opdracht", doorlopen=[], stand=_stand())
    html = render_to_string("onderzoeken/_fasekaart.html", {"vakken": vakken})
    assert html.count('class="igt-fasekaart__vak ') == 10
    koppen = [html.index(f"<strong>{t}") for t in ("Vooronderzoek", "Opdracht", "Afsluiting")]
    assert koppen == sorted(koppen)
    assert html.count('aria-current="step"') == 1
    assert "nog niet voldaan:" in html and "Onderzoekers toegewezen" in html
