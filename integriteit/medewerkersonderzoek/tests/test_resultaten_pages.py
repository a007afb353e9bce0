"""The results pages of a wave (views/resultaten.py): rendering per block, scales and the
unit heatmap; the role rules (manager 403, rijkscoordinator no unit below a ministry, a
ministry's coordinator nothing of another ministry); suppression (a node under the minimum
shows no number anywhere). Real database; responses built here with random answers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from integriteit.accounts.models import Gebruiker
from integriteit.common.roles import Rol
from integriteit.conftest import World, login_verified
from integriteit.medewerkersonderzoek.constants import Rol as RespondentRol
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.resultaten import golf_resultaten
from integriteit.medewerkersonderzoek.tests.test_waves import make_golf, node
from integriteit.organisaties.models import Organisatie

PAGES = ("resultaten", "resultaten_schalen", "resultaten_eenheden")

#: The engine's omega (analysis/scales.py ``_power_steps``) divides by zero for some small
#: groups (e.g. the 3 responses of OCW-C, whose results are suppressed anyway) and warns;
#: pyproject turns that warning into an error. Reported to the lead; not about these pages.


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()  # results are cached per wave pk and count, which repeat across tests


def _answers(golf: Golf, rng: np.random.Generator) -> dict[str, int]:
    """Answers to every non-routed closed item, the scale items driven by one latent value
    (so the scales hang together, as real answers do); some "weet niet"."""
    spec = golf.vragenlijst.spec()
    latent = rng.normal()
    out: dict[str, int] = {}
    for item in spec.items:
        if item.ask_if is not None or item.kind in ("multi", "text"):
            continue
        scale = spec.scale_of(item)
        if scale is None:
            out[item.code] = int(rng.choice([o.code for o in item.options]))
        elif scale.missing and rng.random() < 0.05:
            out[item.code] = scale.missing[0]
        else:
            values = scale.substantive
            position = (len(values) - 1) / 2 + latent + 0.8 * rng.normal()
            out[item.code] = values[int(np.clip(round(position), 0, len(values) - 1))]
    return out


def respond(golf: Golf, organisatie: Organisatie, n: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    eenheid = golf.eenheden.get(organisatie=organisatie)
    Respons.objects.bulk_create(
        [
            Respons(
                golf=golf,
                golf_eenheid=eenheid,
                rol=RespondentRol.MEDEWERKER,
                ingevuld_in=golf.start,
                antwoorden={**_answers(golf, rng), "opmerkingen": "GEHEIME-OPMERKING"},
            )
            for _ in range(n)
        ]
    )


@dataclass
class Wave:
    golf: Golf
    dg: Organisatie
    a: Organisatie
    b: Organisatie
    c: Organisatie


@pytest.fixture
def wave(world: World) -> Wave:
    """A government-wide wave: OCW with DGCM (25) and DGHO = A (20) + B (15) + C (3); FIN
    with DGFZ (30). C is under the minimum of 10; B is hidden with it (secondary)."""
    dg = node("OCW-DGHO", world.ocw)
    a, b, c = node("OCW-A", dg, 40), node("OCW-B", dg, 30), node("OCW-C", dg, 10)
    golf = make_golf(world.rijk)
    for seed, (unit, n) in enumerate(
        ((a, 20), (b, 15), (c, 3), (world.ocw_unit, 25), (world.fin_unit, 30))
    ):
        respond(golf, unit, n, seed)
    return Wave(golf, dg, a, b, c)


Login = Callable[[str, Organisatie], Client]


@pytest.fixture
def as_role(make_user: Callable[..., Gebruiker]) -> Login:
    def login(rol: str, organisatie: Organisatie) -> Client:
        return login_verified(Client(), make_user(rol, organisatie))

    return login


def url(name: str, golf: Golf, **query: str) -> str:
    base = reverse(f"medewerkersonderzoek:{name}", kwargs={"pk": golf.pk})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def options(html: str) -> dict[str, bool]:
    """The picker: node code → disabled."""
    return {
        m.group(1): "disabled" in m.group(2)
        for m in re.finditer(r'<option value="([^"]+)"([^>]*)>', html)
    }


def test_coordinator_sees_items_per_block_with_comparisons(
    wave: Wave, as_role: Login, world: World
) -> None:
    client = as_role(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    response = client.get(url("resultaten", wave.golf))
    assert response.status_code == 200
    html = response.content.decode()
    res = golf_resultaten(golf=wave.golf)
    ocw = res.per_knoop["OCW"]
    assert "Resultaten van Ministerie van Onderwijs" in html  # default: the highest node
    for title in ("Communicatie", "Cultuur", "Voorbeeldgedrag", "Risico"):
        assert title in html
    assert 'role="img"' in html and "<table" in html
    # the agree share of one item for OCW and, as comparison, government-wide
    agree = ocw["items"]["vb_goed_voorbeeld"]["agree_pct"]
    rijk = res.per_knoop["RIJK"]["items"]["vb_goed_voorbeeld"]["agree_pct"]
    assert f"{agree:.1f} %".replace(".", ",") in html
    assert "Idem, rijksbreed" in html and f"{rijk:.1f} %".replace(".", ",") in html
    # free text is never shown, neither the question nor an answer
    assert "Wilt u nog iets kwijt" not in html and "GEHEIME-OPMERKING" not in html
    # ark-2023: the report's figures, the published figure beside the wave's value
    assert "Figuren uit het rapport" in html and "rapport 76 %" in html
    assert "synthetische gegevens" not in html  # not a synthetic wave


def test_synthetic_wave_says_so(wave: Wave, as_role: Login, world: World) -> None:
    Golf.objects.filter(pk=wave.golf.pk).update(synthetisch=True)
    client = as_role(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    for name in PAGES:
        assert "synthetische gegevens" in client.get(url(name, wave.golf)).content.decode()


def test_manager_has_no_access(wave: Wave, as_role: Login, world: World) -> None:
    client = as_role(Rol.LEIDINGGEVENDE, world.ocw_unit)
    for name in PAGES:
        assert client.get(url(name, wave.golf)).status_code == 403


def test_rijkscoordinator_sees_government_and_ministries_only(
    wave: Wave, as_role: Login, world: World
) -> None:
    client = as_role(Rol.RIJKSCOORDINATOR, world.rijk)
    html = client.get(url("resultaten", wave.golf)).content.decode()
    assert set(options(html)) == {"RIJK", "OCW", "FIN"}
    for name in PAGES:
        for code in ("OCW-DGHO", "OCW-A", "FIN-DGFZ"):
            assert client.get(url(name, wave.golf, eenheid=code)).status_code == 404
    heat = client.get(url("resultaten_eenheden", wave.golf)).content.decode()
    assert "Onderdeel OCW-A" not in heat and "DG Fiscale Zaken" not in heat
    assert "Ministerie van Financi" in heat


def test_ocw_coordinator_sees_no_fin_node_and_no_fin_wave(
    wave: Wave, as_role: Login, world: World
) -> None:
    client = as_role(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    for name in PAGES:
        for code in ("FIN", "FIN-DGFZ", "RIJK"):
            assert client.get(url(name, wave.golf, eenheid=code)).status_code == 404
        assert client.get(url(name, wave.golf, eenheid="OCW-A")).status_code == 200
    html = client.get(url("resultaten", wave.golf)).content.decode()
    assert "FIN" not in options(html) and "RIJK" not in options(html)
    fin_wave = make_golf(world.fin)
    respond(fin_wave, world.fin_unit, 12)
    for name in PAGES:
        assert client.get(url(name, fin_wave)).status_code == 404


def test_suppressed_nodes_show_no_number_anywhere(wave: Wave, as_role: Login, world: World) -> None:
    client = as_role(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    picker = options(client.get(url("resultaten", wave.golf)).content.decode())
    assert picker["OCW-C"] and picker["OCW-B"]  # primary and secondary, both disabled
    assert not picker["OCW-A"] and not picker["OCW-DGHO"]
    for name in PAGES:
        assert client.get(url(name, wave.golf, eenheid="OCW-C")).status_code == 404
        assert client.get(url(name, wave.golf, eenheid="OCW-B")).status_code == 404
    heat = client.get(url("resultaten_eenheden", wave.golf, eenheid="OCW-DGHO")).content.decode()
    rows: dict[str, str] = {}
    for row in re.findall(r"<tr class=\"utrecht-table__row[^\"]*\">(.*?)</tr>", heat, re.S):
        found = re.search(r"Onderdeel (OCW-[ABC])", row)
        if found:
            rows[found.group(1)] = row
    assert set(rows) == {"OCW-A", "OCW-B", "OCW-C"}
    for code in ("OCW-B", "OCW-C"):
        assert "onderdrukt" in rows[code]
        without = re.sub(r"minder dan 10|OCW-[BC]|colspan=\"\d+\"", "", rows[code])
        assert not re.search(r"\d", without), rows[code]
    assert "onderdrukt" not in rows["OCW-A"]
    # the responses of B and C appear nowhere as a count in any page
    for name in PAGES:
        html = client.get(url(name, wave.golf, eenheid="OCW-DGHO")).content.decode()
        assert "15 reacties" not in html and "3 reacties" not in html


def test_scales_page_shows_reliability_and_correlations(
    wave: Wave, as_role: Login, world: World
) -> None:
    client = as_role(Rol.BEVOEGD_GEZAG, world.ocw)
    html = client.get(url("resultaten_schalen", wave.golf, eenheid="OCW")).content.decode()
    stats = golf_resultaten(golf=wave.golf).per_knoop["OCW"]
    alpha = stats["scales"]["cultuur"]["alpha"]
    assert f"{alpha:.2f}".replace(".", ",").replace("-", "") in html
    assert "Alfa zonder deze vraag" in html and "omgekeerd" in html
    assert "Samenhang tussen de schalen" in html and "r = " in html
    assert "rapport 0,6" in html  # the report's correlation beside this one


def test_heatmap_compares_with_parent_or_government(
    wave: Wave, as_role: Login, world: World
) -> None:
    client = as_role(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    res = golf_resultaten(golf=wave.golf)
    mean = res.per_knoop["OCW-DGCM"]["scales"]["cultuur"]["mean"]
    ouder = res.per_knoop["OCW"]["scales"]["cultuur"]["mean"]
    rijk = res.per_knoop["RIJK"]["scales"]["cultuur"]["mean"]
    html = client.get(url("resultaten_eenheden", wave.golf)).content.decode()
    assert f"{mean:.2f}".replace(".", ",") in html
    assert "igt-resheat--" in html and "Legenda" in html
    verschil = round(mean - ouder, 2)
    assert (
        f"({'+' if verschil > 0 else '−' if verschil < 0 else ''}{abs(verschil):.2f})".replace(
            ".", ","
        )
        in html
    )
    html = client.get(url("resultaten_eenheden", wave.golf, vergelijk="rijk")).content.decode()
    verschil = round(mean - rijk, 2)
    assert f"{abs(verschil):.2f})".replace(".", ",") in html
    assert "Verschillen ten opzichte van de rijksbrede waarde" in html


def test_wave_without_results_explains_itself(as_role: Login, world: World) -> None:
    golf = make_golf(world.ocw)
    respond(golf, world.ocw_unit, 4)
    client = as_role(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    for name in PAGES:
        response = client.get(url(name, golf))
        assert response.status_code == 200
        assert "geen resultaten die u mag zien" in response.content.decode()
        assert "4 reacties" not in response.content.decode()


def test_wave_pages_link_to_the_results(wave: Wave, as_role: Login, world: World) -> None:
    coordinator = as_role(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    detail = reverse("medewerkersonderzoek:golf_detail", kwargs={"pk": wave.golf.pk})
    assert url("resultaten_eenheden", wave.golf) in coordinator.get(detail).content.decode()
    lijst = coordinator.get(reverse("medewerkersonderzoek:golf_list")).content.decode()
    assert url("resultaten", wave.golf) in lijst
    manager = as_role(Rol.LEIDINGGEVENDE, world.ocw)
    assert url("resultaten", wave.golf) not in manager.get(detail).content.decode()
