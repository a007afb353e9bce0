"""Export of ratings: the rows (who sees what), CSV, JSON and the workbook."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from openpyxl import load_workbook

from integriteit.accounts.demo import DEMO_CSV
from integriteit.accounts.models import Gebruiker
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader.constants import Soort, Status
from integriteit.normenkader.loader import normenkader_load_shipped
from integriteit.normenkader.models import Beoordeling, Cyclus, Niveau
from integriteit.normenkader.rekenkamer import rekenkamer_2023_load
from integriteit.normenkader.services import (
    beoordeling_correct,
    beoordeling_transition,
    oordeel_update,
)
from integriteit.normenkader.tests import world as data
from integriteit.normenkader.uitwisseling import (
    assessments_csv,
    assessments_json,
    assessments_rows,
    assessments_xlsx,
    export_filename,
)
from integriteit.organisaties.csv_io import organisaties_import_csv

MINISTRIES = ["AZ", "BZ", "BZK", "DEF", "EZK", "FIN", "IenW", "JenV", "LNV", "OCW", "SZW", "VWS"]
#: Spot checks in the report's text (sections 3.3-3.8).
REPORT_ROWS = [
    "OCW,9,kleine-stap",
    "FIN,9,voldoet",
    "BZK,8,stap",
    "DEF,12,stap",
    "AZ,10,stap",
    "IenW,1,voldoet",
    "JenV,1,kleine-stap",
    "OCW,4,onbekend",
    "RIJK,BZK-2,stap",
]


def load_report() -> Cyclus:
    """The demo tree (twelve ministries and RIJK), ark-2024 and the report's 2023 ratings."""
    organisaties_import_csv(acting_user=None, data=DEMO_CSV.read_bytes(), system=True)
    normenkader_load_shipped()
    return rekenkamer_2023_load()


@pytest.fixture
def report(db: None) -> Cyclus:
    return load_report()


def csv_lines(text: str) -> list[str]:
    return text.splitlines()


def test_csv_of_2023_gives_the_report_ratings(report: Cyclus) -> None:
    rows = assessments_rows(gebruiker=None, cyclus=report, soort=None)
    lines = csv_lines(assessments_csv(rows))
    assert lines[0] == "organisation,norm,level"
    assert len(lines) - 1 == 12 * 15 + 5
    for expected in REPORT_ROWS:
        assert expected in lines
    organisations = [line.split(",")[0] for line in lines[1:]]
    assert sorted(set(organisations)) == sorted([*MINISTRIES, "RIJK"])
    assert organisations == sorted(organisations)


def test_rows_follow_the_framework_order_within_an_organisation(report: Cyclus) -> None:
    rows = assessments_rows(gebruiker=None, cyclus=report, soort=Soort.AUDITOR)
    ocw = [row.norm for row in rows if row.organisation == "OCW"]
    assert ocw == [str(n) for n in range(1, 16)]  # 1..15, not 1, 10, 11, ...
    assert [row.norm for row in rows if row.organisation == "RIJK"] == [
        f"BZK-{n}" for n in range(1, 6)
    ]


def test_export_queries_do_not_grow_with_the_organisations(
    report: Cyclus, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):  # the final assessments, then their ratings
        assessments_rows(gebruiker=None, cyclus=report, soort=Soort.AUDITOR)


def test_json_has_the_rating_and_where_it_comes_from(report: Cyclus) -> None:
    rows = assessments_rows(gebruiker=None, cyclus=report, soort=None)
    objects = json.loads(assessments_json(rows))
    assert len(objects) == 185
    ocw_9 = next(o for o in objects if o["organisation"] == "OCW" and o["norm"] == "9")
    assert set(ocw_9) == {
        "organisation",
        "norm",
        "level",
        "cycle",
        "kind",
        "status",
        "version",
        "source",
    }
    assert ocw_9["level"] == "kleine-stap"
    assert (ocw_9["cycle"], ocw_9["kind"], ocw_9["status"], ocw_9["version"]) == (
        2023,
        "auditor",
        "definitief",
        1,
    )
    assert "§3.5.2" in ocw_9["source"]


def _rate_all(beoordeling: Beoordeling, level: str, finding: str = "") -> None:
    niveau = Niveau.objects.get(normenkader=beoordeling.cyclus.normenkader, code=level)
    for oordeel in beoordeling.oordelen.all():
        oordeel_update(acting_user=None, oordeel=oordeel, niveau=niveau, bevinding=finding)


def _finalise(beoordeling: Beoordeling) -> Beoordeling:
    beoordeling = beoordeling_transition(
        acting_user=None, beoordeling=beoordeling, naar=Status.INGEDIEND
    )
    return beoordeling_transition(acting_user=None, beoordeling=beoordeling, naar=Status.DEFINITIEF)


@pytest.fixture
def coordinator_ocw(world: World, make_user: MakeUser) -> Gebruiker:
    return make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)


@pytest.fixture
def two_ministries(world: World) -> Cyclus:
    """2024 self-assessments: OCW a concept with one rated norm; FIN final, all `stap`."""
    ocw = data.beoordeling(world.ocw)
    oordeel = ocw.oordelen.get(norm__code="9")
    stap = Niveau.objects.get(normenkader=ocw.cyclus.normenkader, code="stap")
    oordeel_update(acting_user=None, oordeel=oordeel, niveau=stap, bevinding="Protocol van 2015.")
    fin = data.beoordeling(world.fin)
    _rate_all(fin, "stap", "Geheim van FIN")
    _finalise(fin)
    return ocw.cyclus


def test_in_scope_rows_show_every_status_with_findings_others_final_levels_only(
    two_ministries: Cyclus, coordinator_ocw: Gebruiker
) -> None:
    rows = assessments_rows(
        gebruiker=coordinator_ocw, cyclus=two_ministries, soort=Soort.ZELFEVALUATIE
    )
    ocw = [row for row in rows if row.organisation == "OCW"]
    assert [(row.norm, row.level, row.status) for row in ocw] == [("9", "stap", "concept")]
    assert ocw[0].finding == "Protocol van 2015." and ocw[0].in_scope
    fin = [row for row in rows if row.organisation == "FIN"]
    assert len(fin) == 15 and {row.status for row in fin} == {"definitief"}
    assert {(row.finding, row.source, row.in_scope) for row in fin} == {("", "", False)}


def test_without_a_user_only_final_assessments(two_ministries: Cyclus) -> None:
    rows = assessments_rows(gebruiker=None, cyclus=two_ministries, soort=Soort.ZELFEVALUATIE)
    assert {row.organisation for row in rows} == {"FIN"}
    assert rows[0].finding == "Geheim van FIN"  # the CLI runs with the server's rights


def test_a_user_without_government_wide_view_sees_only_the_own_ministry(
    two_ministries: Cyclus, world: World, make_user: MakeUser
) -> None:
    user = make_user(Rol.LEIDINGGEVENDE, world.fin)  # may not read assessments at all
    assert assessments_rows(gebruiker=user, cyclus=two_ministries, soort=None) == []


def test_a_correction_is_exported_once_it_is_final(world: World, two_ministries: Cyclus) -> None:
    fin = Beoordeling.objects.get(organisatie=world.fin, cyclus=two_ministries)
    correction = beoordeling_correct(acting_user=None, beoordeling=fin, reden="Norm 9 klopt niet")
    rows = assessments_rows(gebruiker=None, cyclus=two_ministries, soort=Soort.ZELFEVALUATIE)
    assert {(row.version, row.level) for row in rows} == {(1, "stap")}
    _rate_all(correction, "voldoet")
    _finalise(correction)
    rows = assessments_rows(gebruiker=None, cyclus=two_ministries, soort=Soort.ZELFEVALUATIE)
    assert {(row.version, row.level) for row in rows} == {(2, "voldoet")}


def test_workbook_has_ratings_heatmap_and_legend(
    two_ministries: Cyclus, coordinator_ocw: Gebruiker
) -> None:
    soort = Soort.ZELFEVALUATIE
    rows = assessments_rows(gebruiker=coordinator_ocw, cyclus=two_ministries, soort=soort)
    workbook = load_workbook(io.BytesIO(assessments_xlsx(rows, cyclus=two_ministries, soort=soort)))
    assert workbook.sheetnames == ["Oordelen", "Heatmap", "Legenda"]
    oordelen = [list(r) for r in workbook["Oordelen"].iter_rows(values_only=True)]
    assert oordelen[0] == [
        "organisation",
        "norm",
        "level",
        "kind",
        "status",
        "version",
        "finding",
    ]
    assert len(oordelen) == 1 + 15 + 1
    assert ["FIN", "1", "stap", "zelfevaluatie", "definitief", 1, None] in oordelen
    assert ["OCW", "9", "stap", "zelfevaluatie", "concept", 1, "Protocol van 2015."] in oordelen

    heatmap = workbook["Heatmap"]
    header = [cell.value for cell in heatmap[1]]
    assert header[0] == "Organisatie" and header[1:] == [str(n) for n in range(1, 16)]
    fin_row = next(row for row in heatmap.iter_rows() if row[0].value == "FIN")
    assert fin_row[1].value == "Nog een stap te zetten"
    assert fin_row[1].fill.start_color.rgb.endswith("D52B1E")
    ocw_row = next(row for row in heatmap.iter_rows() if row[0].value == "OCW")
    assert ocw_row[9].value == "Nog een stap te zetten" and ocw_row[1].value is None
    counts = next(row for row in heatmap.iter_rows() if row[0].value == "Nog een stap te zetten")
    assert counts[9].value == 2 and counts[1].value == 1  # norm 9: FIN and OCW; norm 1: FIN

    legenda = [list(r) for r in workbook["Legenda"].iter_rows(values_only=True)]
    codes = [row[0] for row in legenda]
    assert {"voldoet", "kleine-stap", "stap", "onbekend"} <= set(codes)
    assert any(row[0] == "Soort beoordeling" and row[1] == "Zelfevaluatie" for row in legenda)


def test_workbook_never_turns_a_finding_into_a_formula(
    world: World, coordinator_ocw: Gebruiker
) -> None:
    ocw = data.beoordeling(world.ocw)
    niveau = Niveau.objects.get(normenkader=ocw.cyclus.normenkader, code="voldoet")
    formula = '=HYPERLINK("https://example.org","klik")'
    oordeel_update(
        acting_user=None,
        oordeel=ocw.oordelen.get(norm__code="1"),
        niveau=niveau,
        bevinding=formula + "\x07",
    )
    rows = assessments_rows(gebruiker=coordinator_ocw, cyclus=ocw.cyclus, soort=None)
    content = assessments_xlsx(rows, cyclus=ocw.cyclus, soort=Soort.ZELFEVALUATIE)
    cell = load_workbook(io.BytesIO(content))["Oordelen"]["G2"]
    assert cell.value == formula and cell.data_type == "s"


def test_csv_is_readable_as_csv_and_names_the_file_by_year_and_kind(report: Cyclus) -> None:
    rows = assessments_rows(gebruiker=None, cyclus=report, soort=None)
    parsed = list(csv.DictReader(io.StringIO(assessments_csv(rows))))
    assert parsed[0] == {"organisation": "AZ", "norm": "1", "level": "stap"}
    name = export_filename(cyclus=report, soort=Soort.AUDITOR, extension="csv")
    assert name == "beoordelingen-2023-auditor.csv"
