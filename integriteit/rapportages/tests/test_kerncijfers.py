"""The data layer against real rows made through the other apps' services: assessments (final
only, with trend), survey indicators with intervals and the significance rule, reports with
small cells shielded, adviser contacts, risk analysis and policy cycle, and the talking
points built from them."""

from __future__ import annotations

from datetime import date

from integriteit.conftest import World
from integriteit.normenkader.constants import Soort
from integriteit.rapportages.enquete import GETOOND, NIET_IN_ONDERZOEK, ONVOLDOENDE_RESPONS
from integriteit.rapportages.gesprekspunten import gesprekspunten, zwakke_normen
from integriteit.rapportages.kerncijfers import ministeriebeeld, ministeries_van, rijksbeeld
from integriteit.rapportages.meldcijfers import onderzoekcijfers
from integriteit.rapportages.normen import NIEUW, SLECHTER
from integriteit.rapportages.tests import helpers as h
from integriteit.rapportages.tests.conftest import RijkData

VANDAAG = date(2026, 3, 1)


def test_newest_final_rating_per_norm_with_trend(rijk_data: RijkData) -> None:
    w = rijk_data.world
    beeld = rijksbeeld(jaar=2025, vandaag=VANDAAG)
    assert beeld.normen.aantal_normen == 15
    ocw = beeld.normen.van(w.ocw.pk)
    assert ocw is not None and ocw.beoordeling is not None
    # the 2025 draft (everything "stap") is ignored: the 2024 final assessment counts
    assert ocw.beoordeling.cyclus.jaar == 2024 and ocw.beoordeling.soort == Soort.AUDITOR
    assert ocw.voldaan == 13
    negen = ocw.stand("9")
    assert negen is not None and negen.niveau is not None and negen.vorig is not None
    assert (negen.niveau.code, negen.vorig.code, negen.trend) == ("stap", "kleine-stap", SLECHTER)
    assert {s.code for s in ocw.niet_voldaan} == {"3", "9"}
    assert beeld.normen.voldoen_aan("9") == [w.fin.pk]
    assert beeld.normen.voldoen_aan("3") == []  # OCW "kleine-stap", FIN "stap"


def test_an_earlier_year_shows_that_years_rating_without_trend(rijk_data: RijkData) -> None:
    w = rijk_data.world
    beeld = rijksbeeld(jaar=2023, vandaag=VANDAAG)
    ocw = beeld.normen.van(w.ocw.pk)
    assert ocw is not None and ocw.beoordeling is not None
    assert ocw.beoordeling.cyclus.jaar == 2023 and ocw.voldaan == 14
    assert ocw.stand("9") is not None and ocw.stand("9").trend == NIEUW  # type: ignore[union-attr]
    fin = beeld.normen.van(w.fin.pk)
    assert fin is not None and fin.beoordeling is None  # FIN's only assessment is of 2024


def test_survey_indicators_with_intervals_and_the_significance_rule(rijk_data: RijkData) -> None:
    w = rijk_data.world
    beeld = rijksbeeld(jaar=2025, vandaag=VANDAAG)
    assert beeld.enquete.golf is not None and beeld.enquete.rijk_n == 60
    rijk = beeld.enquete.rijk_kernschaal
    assert rijk is not None and rijk.waarde == 3.5
    ocw = beeld.enquete.van(w.ocw.pk)
    assert ocw.status == GETOOND and ocw.n == 30
    cultuur = ocw.kernschaal
    assert cultuur is not None and cultuur.ministerie is not None
    assert cultuur.ministerie.waarde == 2.5
    assert cultuur.ministerie.laag < 2.5 < cultuur.ministerie.hoog < 3.5
    assert cultuur.significant_lager
    # everyone agrees on the good example: the same as government-wide, not listed
    voorbeeld = ocw.indicator("vb_goed_voorbeeld")
    assert voorbeeld is not None and voorbeeld.ministerie is not None
    assert voorbeeld.ministerie.waarde == 100.0 and not voorbeeld.significant_lager
    lager = {i.definitie.code for i in ocw.significant_lager}
    assert "cultuur" in lager and "vb_goed_voorbeeld" not in lager
    fin = beeld.enquete.van(w.fin.pk)
    assert not fin.significant_lager  # higher than government-wide is never "lower"


def test_a_ministry_below_the_minimum_group_size_shows_insufficient_response(
    world: World,
) -> None:
    # OCW has 4 respondents: suppressed; FIN (the only other sibling) is suppressed with it
    h.rijksgolf(world.rijk, {world.ocw_unit: [2, 3, 2, 3], world.fin_unit: [4, 5] * 10})
    beeld = rijksbeeld(jaar=2025, vandaag=VANDAAG)
    ocw = beeld.enquete.van(world.ocw.pk)
    assert ocw.status == ONVOLDOENDE_RESPONS and ocw.n is None and not ocw.indicatoren
    assert beeld.enquete.van(world.fin.pk).status == ONVOLDOENDE_RESPONS
    # a year before the wave has no government-wide survey at all
    eerder = rijksbeeld(jaar=2024, vandaag=VANDAAG)
    assert eerder.enquete.golf is None and not eerder.enquete.van(world.ocw.pk).getoond


def test_a_ministry_outside_the_wave_is_not_in_the_survey(world: World) -> None:
    h.rijksgolf(world.ocw, {world.ocw_unit: [3] * 20})  # an OCW wave, not government-wide
    beeld = rijksbeeld(jaar=2025, vandaag=VANDAAG)
    assert beeld.enquete.golf is None
    h.rijksgolf(world.rijk, {world.ocw_unit: [3] * 20})
    from integriteit.organisaties.constants import Soort as OrgSoort
    from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create

    nieuw = organisatie_create(
        acting_user=None,
        gegevens=OrganisatieGegevens(
            code="AZ", naam="Ministerie van Algemene Zaken", soort=OrgSoort.MINISTERIE,
            parent=world.rijk,
        ),
    )  # fmt: skip
    beeld = rijksbeeld(jaar=2025, vandaag=VANDAAG)
    assert beeld.enquete.van(nieuw.pk).status == NIET_IN_ONDERZOEK


def test_reports_per_ministry_shield_small_cells(rijk_data: RijkData) -> None:
    w = rijk_data.world
    beeld = rijksbeeld(jaar=2025, vandaag=VANDAAG)
    ocw = beeld.meldingen.van(w.ocw.pk)
    assert ocw is not None
    soorten = {a.code: a.tekst for a in ocw.per_soort.aantallen}
    assert soorten["belangen"] == "<5"  # 3 reports of a type
    assert soorten["financieel"] == "6"
    assert ocw.totaal.tekst == "9"
    assert ocw.per_100_fte.waarde == 3.0  # 9 reports on 300 fte
    assert beeld.meldingen.totalen[w.ocw.pk].tekst == "9"
    assert beeld.meldingen.rijk.totaal.tekst == "16"
    assert beeld.meldingen.rijk.per_100_fte.waarde == 1.6  # 16 on 1000 fte
    # another year has none
    assert rijksbeeld(jaar=2024, vandaag=VANDAAG).meldingen.rijk.totaal.tekst == "<5"


def test_adviser_contacts_are_shielded_counts_per_ministry(rijk_data: RijkData) -> None:
    w = rijk_data.world
    beeld = rijksbeeld(jaar=2025, vandaag=VANDAAG)
    ocw = beeld.vertrouwenspersonen.van(w.ocw.pk)
    fin = beeld.vertrouwenspersonen.van(w.fin.pk)
    assert ocw is not None and fin is not None
    assert ocw.totaal.tekst == "<5"
    assert fin.totaal.waarde == 11
    assert {c.code: c.tekst for c in ocw.cellen}["pesten"] == "<5"


def test_risk_analysis_and_policy_cycle_completeness(rijk_data: RijkData) -> None:
    w = rijk_data.world
    beeld = rijksbeeld(jaar=2026, vandaag=VANDAAG.replace(year=2026, month=12, day=31))
    ocw, fin = beeld.cyclus[w.ocw.pk], beeld.cyclus[w.fin.pk]
    assert not ocw.risicoanalyse_actueel and not ocw.compleet
    assert fin.risicoanalyse_actueel  # adopted, 100 days old
    assert not fin.compleet  # no policy record, no evaluation
    # before the analysis was made, FIN had none
    assert not rijksbeeld(jaar=2020, vandaag=VANDAAG).cyclus[w.fin.pk].risicoanalyse_actueel


def test_investigations_without_cases_are_zero_and_shielding_keeps_zero(world: World) -> None:
    cijfers = onderzoekcijfers(organisaties=[world.ocw], jaar=2025)
    assert cijfers.geopend.tekst == "0" and cijfers.afgesloten.tekst == "0"
    assert all(a.tekst == "0" for v in cijfers.verdelingen for a in v.aantallen)


def test_ministries_of_a_year_follow_their_validity(world: World) -> None:
    from integriteit.organisaties.models import Organisatie

    Organisatie.objects.filter(pk=world.fin.pk).update(geldig_tot=date(2023, 6, 30))
    assert [m.code for m in ministeries_van(2023)] == ["FIN", "OCW"]
    assert [m.code for m in ministeries_van(2024)] == ["OCW"]


def test_talking_points(rijk_data: RijkData) -> None:
    w = rijk_data.world
    beeld = rijksbeeld(jaar=2025, vandaag=VANDAAG)
    ministerie = ministeriebeeld(beeld=beeld, organisatie=w.ocw)
    zichtbaar = list(beeld.ministeries)
    zwak = {
        z.stand.code: z for z in zwakke_normen(beeld=beeld, organisatie=w.ocw, zichtbaar=zichtbaar)
    }
    assert set(zwak) == {"3", "9"}
    assert [m.code for m in zwak["9"].voorbeelden] == ["FIN"]  # FIN meets norm 9
    assert zwak["3"].voorbeelden == ()  # nobody else meets norm 3
    # the ministries a reader may not see are not named
    alleen_ocw = zwakke_normen(beeld=beeld, organisatie=w.ocw, zichtbaar=[w.ocw])
    assert all(not z.voorbeelden for z in alleen_ocw)
    punten = gesprekspunten(
        beeld=beeld, ministerie=ministerie, zichtbaar=zichtbaar, acties=[rijk_data.actie_te_laat]
    )
    assert [i.definitie.code for i in punten.enquete_lager][0] == "cultuur"
    assert "vb_goed_voorbeeld" not in {i.definitie.code for i in punten.enquete_lager}
    assert "geen_risicoanalyse" in {s.code for s in punten.cyclus_signalen}
    assert punten.aantal == 2 + 1 + len(punten.enquete_lager) + len(punten.cyclus_signalen)
    # FIN meets norm 9 and has no weak norm but 3; its survey results are above
    fin = gesprekspunten(
        beeld=beeld,
        ministerie=ministeriebeeld(beeld=beeld, organisatie=w.fin),
        zichtbaar=zichtbaar,
        acties=[],
    )
    assert [z.stand.code for z in fin.zwakke_normen] == ["3"]
    assert fin.enquete_lager == ()
