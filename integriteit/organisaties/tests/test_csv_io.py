from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from integriteit.accounts.models import Gebruiker
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.organisaties.csv_io import (
    HEADER,
    organisaties_export_csv,
    organisaties_import_csv,
    parsing,
)
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.tests.factories import OrganisatieFactory

HEADER_LINE = ",".join(HEADER)


def _csv(*rows: str, header: str = HEADER_LINE) -> bytes:
    return "\n".join([header, *rows]).encode()


@pytest.fixture
def rijksbeheerder(world: World, make_user: MakeUser) -> Gebruiker:
    return make_user(Rol.BEHEERDER, world.rijk)


@pytest.fixture
def ocw_beheerder(world: World, make_user: MakeUser) -> Gebruiker:
    return make_user(Rol.BEHEERDER, world.ocw)


def _refused(user: Gebruiker, data: bytes) -> list[str]:
    """Import ``data``, expect a refusal, check that nothing at all changed."""
    nodes = list(Organisatie.objects.values_list("code", "naam", "pad", "parent_id", "fte"))
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        organisaties_import_csv(acting_user=user, data=data)
    assert list(Organisatie.objects.values_list("code", "naam", "pad", "parent_id", "fte")) == nodes
    assert AuditEvent.objects.count() == events
    return excinfo.value.messages


# --- export and round trip --------------------------------------------------------------


def test_export_writes_the_scope_parents_first(world: World, ocw_beheerder: Gebruiker) -> None:
    OrganisatieFactory.create(
        code="OCW-A", parent=world.ocw_unit, naam="Afdeling A", aantal_medewerkers=7
    )
    lines = organisaties_export_csv(gebruiker=ocw_beheerder).splitlines()
    assert lines == [
        HEADER_LINE,
        'OCW,"Ministerie van Onderwijs, Cultuur en Wetenschap",RIJK,ministerie,,,,',
        "OCW-DGCM,DG Cultuur en Media,OCW,onderdeel,,120,,",
        "OCW-A,Afdeling A,OCW-DGCM,onderdeel,,7,,",
    ]


def test_round_trip_changes_nothing(world: World, rijksbeheerder: Gebruiker) -> None:
    OrganisatieFactory.create(
        code="OCW-A", parent=world.ocw_unit, naam="=SOM(A1)", fte=Decimal("12.5")
    )
    exported = organisaties_export_csv(gebruiker=rijksbeheerder)
    assert "'=SOM(A1)" in exported  # a spreadsheet must not run it as a formula
    before = list(Organisatie.objects.values_list("code", "naam", "pad", "fte"))

    summary = organisaties_import_csv(acting_user=rijksbeheerder, data=exported.encode())

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 6)
    assert list(Organisatie.objects.values_list("code", "naam", "pad", "fte")) == before
    assert organisaties_export_csv(gebruiker=rijksbeheerder) == exported


# --- successful imports -----------------------------------------------------------------


def test_import_creates_updates_and_moves_in_any_order(
    world: World, ocw_beheerder: Gebruiker
) -> None:
    events = AuditEvent.objects.count()
    data = _csv(
        'OCW-A-1,Afdeling één,OCW-A,onderdeel,"3,5",4,2024-01-01,',  # child before its parent
        "OCW-A,Directie A,OCW,onderdeel,10.0,12,,",
        "OCW-DGCM,DG Cultuur en Media,OCW-A,onderdeel,,121,,2030-12-31",  # moved under new
    )
    summary = organisaties_import_csv(acting_user=ocw_beheerder, data=data)

    assert (summary.created, summary.updated, summary.unchanged) == (2, 1, 0)
    a, a1, dgcm = (Organisatie.objects.get(code=c) for c in ("OCW-A", "OCW-A-1", "OCW-DGCM"))
    assert (a1.parent, a1.fte, a1.geldig_van) == (a, Decimal("3.5"), date(2024, 1, 1))
    assert dgcm.pad == f"{world.ocw.pad}{a.pk}/{dgcm.pk}/"
    assert dgcm.aantal_medewerkers == 121
    actions = list(AuditEvent.objects.filter(seq__gt=events).values_list("action", "object_id"))
    assert actions == [
        ("organisatie.aangemaakt", "OCW-A"),
        ("organisatie.aangemaakt", "OCW-A-1"),
        ("organisatie.gewijzigd", "OCW-DGCM"),
        ("organisatie.geimporteerd", ""),
    ]
    assert AuditEvent.objects.order_by("-seq")[0].organisatie_id == world.ocw.pk


def test_import_accepts_semicolons_bom_and_blank_lines(
    world: World, ocw_beheerder: Gebruiker
) -> None:
    data = "\ufeff" + ";".join(HEADER) + "\n\nOCW-B;Directie B;OCW;onderdeel;2,5;;;\n"
    summary = organisaties_import_csv(acting_user=ocw_beheerder, data=data.encode())
    assert summary.created == 1
    assert Organisatie.objects.get(code="OCW-B").fte == Decimal("2.5")


def test_system_import_builds_a_tree_from_nothing(db: None) -> None:
    data = _csv(
        "OCW,Ministerie van OCW,RIJK,ministerie,,,,",
        "RIJK,Rijksoverheid,,rijk,,,,",
    )
    summary = organisaties_import_csv(acting_user=None, data=data, system=True)
    assert summary.created == 2
    assert Organisatie.objects.get(code="OCW").parent == Organisatie.objects.get(code="RIJK")


# --- refused imports: every problem named, nothing saved -------------------------------


def test_duplicate_code_names_both_lines(world: World, ocw_beheerder: Gebruiker) -> None:
    messages = _refused(
        ocw_beheerder,
        _csv(
            "OCW-A,A,OCW,onderdeel,,,,",
            "OCW-B,B,OCW,onderdeel,,,,",
            "OCW-A,A nog eens,OCW,onderdeel,,,,",
        ),
    )
    assert messages == ["Regel 4: code ‘OCW-A’ komt al voor op regel 2."]


def test_cycle_is_reported_once_with_its_chain(world: World, ocw_beheerder: Gebruiker) -> None:
    messages = _refused(
        ocw_beheerder,
        _csv(
            "OCW-X,X,OCW,onderdeel,,,,",
            "OCW-A,A,OCW-B,onderdeel,,,,",
            "OCW-B,B,OCW-A,onderdeel,,,,",
        ),
    )
    assert messages == ["Regel 3: kringverwijzing: OCW-A → OCW-B → OCW-A."]


def test_cycle_through_the_database_is_found(world: World, ocw_beheerder: Gebruiker) -> None:
    OrganisatieFactory.create(code="OCW-DGCM-A", parent=world.ocw_unit)
    messages = _refused(
        ocw_beheerder, _csv("OCW-DGCM,DG Cultuur en Media,OCW-DGCM-A,onderdeel,,,,")
    )
    assert messages == ["Regel 2: kringverwijzing: OCW-DGCM → OCW-DGCM-A → OCW-DGCM."]


def test_unknown_parent(world: World, ocw_beheerder: Gebruiker) -> None:
    messages = _refused(
        ocw_beheerder, _csv("OCW-A,A,OCW,onderdeel,,,,", "OCW-B,B,FOO,onderdeel,,,,")
    )
    assert messages == [
        "Regel 3: bovenliggende organisatie ‘FOO’ bestaat niet (niet in het bestand en niet in "
        "de database)."
    ]


def test_rows_outside_the_scope_are_refused(world: World, ocw_beheerder: Gebruiker) -> None:
    messages = _refused(
        ocw_beheerder,
        _csv(
            "OCW-A,A,OCW,onderdeel,,,,",
            "FIN,Ministerie van Financiën,RIJK,ministerie,,,,",
            "FIN-NIEUW,Nieuw,FIN-DGFZ,onderdeel,,,,",
            "OCW-DGCM,DG Cultuur en Media,FIN,onderdeel,,120,,",
        ),
    )
    assert messages == [
        "Regel 3: u mag ‘FIN’ niet wijzigen.",
        "Regel 4: u mag niets onder ‘FIN-DGFZ’ plaatsen.",
        "Regel 5: u mag niets onder ‘FIN’ plaatsen.",
    ]


def test_a_second_root_is_refused(world: World, rijksbeheerder: Gebruiker) -> None:
    messages = _refused(rijksbeheerder, _csv("RIJK2,Nog een rijk,,rijk,,,,"))
    assert messages == [
        "Regel 2: ‘RIJK2’ heeft geen bovenliggende organisatie, maar er is al een hoogste "
        "organisatie (‘RIJK’); vul de kolom parent in."
    ]


def test_every_value_problem_is_listed(world: World, ocw_beheerder: Gebruiker) -> None:
    messages = _refused(
        ocw_beheerder,
        _csv(
            "OCW-A,A,OCW,onderdeel,veel,-3,2024-13-01,",
            "OCW-B,B,OCW,onderdeel,1.25,,2024-05-01,2024-04-30",
            "OCW-C,C,OCW,ministerie,,,,",
            "OCW-D,,OCW,afdeling,,,,",
            "OCW-E,E,OCW,onderdeel,,,",
            "OCW F,F,OCW,onderdeel,,,,",
        ),
    )
    assert messages == [
        "Regel 2: fte ‘veel’ is geen getal van 0 of meer (bv. 12.5).",
        "Regel 2: headcount ‘-3’ is geen heel getal van 0 of meer.",
        "Regel 2: valid_from ‘2024-13-01’ is geen geldige datum in de vorm jjjj-mm-dd.",
        "Regel 3: fte ‘1.25’ heeft meer dan één decimaal.",
        "Regel 3, kolom valid_to: ‘Geldig tot’ ligt vóór ‘geldig van’.",
        "Regel 4, kolom parent: Een ministerie kan niet onder ministerie hangen.",
        "Regel 5, kolom name: Naam is verplicht.",
        "Regel 5, kolom kind: Soort ‘afdeling’ bestaat niet; kies uit rijk, ministerie, onderdeel.",
        "Regel 6: 7 velden, verwacht 8 (code,name,parent,kind,fte,headcount,valid_from,valid_to).",
        "Regel 7, kolom code: Code ‘OCW F’ is ongeldig: gebruik 1-40 letters, cijfers, '-', '_' "
        "of '.', beginnend met een letter of cijfer.",
    ]


def test_header_problems(world: World, ocw_beheerder: Gebruiker) -> None:
    messages = _refused(
        ocw_beheerder,
        _csv("OCW-A,A,OCW,onderdeel,,,", header="code,naam,parent,kind,fte,headcount,valid_from"),
    )
    assert messages == [
        f"Regel 1: kolommen ontbreken: name, valid_to. De kopregel moet zijn: {HEADER_LINE}",
        f"Regel 1: onbekende kolommen: naam. De kopregel moet zijn: {HEADER_LINE}",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"\xef\xbb\xbf \n", "Het bestand is leeg."),
        (
            HEADER_LINE.encode() + b"\nOCW-A,Caf\xe9,OCW,onderdeel,,,,",
            "Regel 2: het bestand is geen UTF-8. Sla het op als ‘CSV UTF-8 (door komma's "
            "gescheiden)’.",
        ),
        (
            HEADER_LINE.encode() + b"\n",
            "Het bestand bevat alleen de kopregel en geen organisaties.",
        ),
    ],
)
def test_unreadable_files(
    world: World, ocw_beheerder: Gebruiker, data: bytes, message: str
) -> None:
    assert _refused(ocw_beheerder, data) == [message]


def test_too_many_rows(
    world: World, ocw_beheerder: Gebruiker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsing, "MAX_ROWS", 2)
    rows = [f"OCW-{n},N{n},OCW,onderdeel,,,," for n in range(3)]
    assert _refused(ocw_beheerder, _csv(*rows)) == [
        "Het bestand heeft meer dan 2 regels; splits het op."
    ]


def test_more_value_problems(world: World, ocw_beheerder: Gebruiker) -> None:
    messages = _refused(
        ocw_beheerder,
        _csv(
            f"OCW-A,{'x' * 201},OCW,onderdeel,,,1-1-2024,",
            "OCW-B,B,OCW,onderdeel,,,,2024-02-30",
        ),
    )
    assert messages == [
        "Regel 2: valid_from ‘1-1-2024’ is geen geldige datum in de vorm jjjj-mm-dd.",
        "Regel 2: name is langer dan 200 tekens.",
        "Regel 3: valid_to ‘2024-02-30’ is geen geldige datum in de vorm jjjj-mm-dd.",
    ]


def test_doubled_header_column(world: World, ocw_beheerder: Gebruiker) -> None:
    messages = _refused(
        ocw_beheerder, _csv("OCW-A,A,OCW,onderdeel,,,,,", header=HEADER_LINE + ",code")
    )
    assert messages == [f"Regel 1: dubbele kolommen: code. De kopregel moet zijn: {HEADER_LINE}"]


def test_broken_csv_and_too_big_file(
    world: World, ocw_beheerder: Gebruiker, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge_field = "x" * 200_000  # beyond the csv module's field limit
    assert _refused(ocw_beheerder, _csv(f'OCW-A,"{huge_field}",OCW,onderdeel,,,,')) == [
        "Regel 2: dit is geen geldige CSV (let op aanhalingstekens)."
    ]
    monkeypatch.setattr(parsing, "MAX_BYTES", 1024 * 1024)
    assert _refused(ocw_beheerder, b"x" * (1024 * 1024 + 1)) == ["Het bestand is groter dan 1 MB."]


def test_a_row_too_short_to_read_does_not_make_its_children_orphans(
    world: World, ocw_beheerder: Gebruiker
) -> None:
    messages = _refused(ocw_beheerder, _csv("OCW-A,A,OCW", "OCW-A-1,A1,OCW-A,onderdeel,,,,"))
    assert messages == [
        "Regel 2: 3 velden, verwacht 8 (code,name,parent,kind,fte,headcount,valid_from,valid_to)."
    ]


def test_demo_file_imports_and_its_export_round_trips(db: None, make_user: MakeUser) -> None:
    demo = (Path(__file__).resolve().parents[1] / "fixtures" / "demo_organisaties.csv").read_bytes()
    created = organisaties_import_csv(acting_user=None, data=demo, system=True).created
    assert created == Organisatie.objects.count() == len(demo.decode().splitlines()) - 1
    beheerder = make_user(Rol.BEHEERDER, Organisatie.objects.get(code="RIJK"))
    exported = organisaties_export_csv(gebruiker=beheerder).encode()
    summary = organisaties_import_csv(acting_user=beheerder, data=exported)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, created)
