"""Import of ratings: the happy paths (CSV, semicolons, BOM, XLSX) and every kind of bad
input, each with a Dutch message naming its line, and nothing saved."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from integriteit.accounts.models import Gebruiker
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader.constants import Soort, Status
from integriteit.normenkader.models import Beoordeling, Cyclus, Oordeel
from integriteit.normenkader.services import beoordeling_transition, oordeel_update
from integriteit.normenkader.tests import world as data
from integriteit.normenkader.uitwisseling import (
    ImportSummary,
    assessments_rows,
    assessments_xlsx,
    ratings_import,
)
from integriteit.organisaties.constants import Soort as OrgSoort
from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create


@pytest.fixture
def cyclus(world: World) -> Cyclus:
    return data.cyclus(2024)


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> Gebruiker:
    return make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)


def run(
    user: Gebruiker | None,
    cyclus: Cyclus,
    text: str | bytes,
    *,
    soort: str = Soort.ZELFEVALUATIE,
    filename: str = "oordelen.csv",
) -> ImportSummary:
    content = text.encode() if isinstance(text, str) else text
    return ratings_import(
        acting_user=user,
        cyclus=cyclus,
        soort=soort,
        data=content,
        filename=filename,
        system=user is None,
    )


def level(org: str, norm: str, soort: str = Soort.ZELFEVALUATIE) -> tuple[str | None, str]:
    oordeel = Oordeel.objects.select_related("niveau").get(
        beoordeling__organisatie__code=org, beoordeling__soort=soort, norm__code=norm
    )
    return (oordeel.niveau.code if oordeel.niveau else None, oordeel.bevinding)


def test_csv_starts_the_assessment_and_sets_the_ratings(
    cyclus: Cyclus, coordinator: Gebruiker
) -> None:
    summary = run(
        coordinator,
        cyclus,
        "organisation,norm,level,finding\n"
        "OCW,1,kleine-stap,Twee directies gedaan\n"
        "OCW,9,voldoet,\n",
    )
    assert summary == ImportSummary(
        beoordelingen_aangemaakt=1, oordelen_gezet=2, oordelen_ongewijzigd=0
    )
    beoordeling = Beoordeling.objects.get(organisatie__code="OCW", cyclus=cyclus)
    assert beoordeling.status == Status.CONCEPT and beoordeling.aangemaakt_door == coordinator
    assert level("OCW", "1") == ("kleine-stap", "Twee directies gedaan")
    assert level("OCW", "9") == ("voldoet", "")
    assert level("OCW", "2") == (None, "")
    actions = list(AuditEvent.objects.values_list("action", flat=True).order_by("seq"))
    assert actions[-4:] == [
        "beoordeling.gestart",
        "oordeel.gewijzigd",
        "oordeel.gewijzigd",
        "beoordeling.geimporteerd",
    ]
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None and event.actor_id == coordinator.pk
    assert event.details["bestand"] == "oordelen.csv" and event.details["organisaties"] == ["OCW"]


def test_an_empty_finding_keeps_the_finding_and_the_same_file_changes_nothing(
    cyclus: Cyclus, coordinator: Gebruiker
) -> None:
    run(coordinator, cyclus, "organisation,norm,level,finding\nOCW,1,stap,Geen analyse\n")
    summary = run(coordinator, cyclus, "organisation,norm,level\nOCW,1,kleine-stap\n")
    assert summary == ImportSummary(0, 1, 0)
    assert level("OCW", "1") == ("kleine-stap", "Geen analyse")
    events = AuditEvent.objects.count()
    assert run(coordinator, cyclus, "organisation,norm,level\nOCW,1,kleine-stap\n") == (
        ImportSummary(0, 0, 1)
    )
    assert AuditEvent.objects.count() == events + 1  # only the import itself


def test_semicolons_a_bom_crlf_and_upper_case_levels_are_accepted(
    cyclus: Cyclus, coordinator: Gebruiker
) -> None:
    text = "\ufeffOrganisation;Norm;Level\r\nOCW;3;VOLDOET\r\n\r\nOCW;4;onbekend\r\n"
    assert run(coordinator, cyclus, text.encode("utf-8")).oordelen_gezet == 2
    assert level("OCW", "3")[0] == "voldoet" and level("OCW", "4")[0] == "onbekend"


def workbook_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_first_sheet_with_numbers_as_norm_codes(
    cyclus: Cyclus, coordinator: Gebruiker
) -> None:
    content = workbook_bytes(
        [["organisation", "norm", "level", "finding"], ["OCW", 9, "stap", "Oud protocol"]]
    )
    summary = run(coordinator, cyclus, content, filename="oordelen.xlsx")
    assert summary.oordelen_gezet == 1
    assert level("OCW", "9") == ("stap", "Oud protocol")


def test_an_excel_export_can_be_edited_and_imported_again(
    cyclus: Cyclus, coordinator: Gebruiker
) -> None:
    run(coordinator, cyclus, "organisation,norm,level,finding\nOCW,1,stap,Geen analyse\n")
    rows = assessments_rows(gebruiker=coordinator, cyclus=cyclus, soort=Soort.ZELFEVALUATIE)
    workbook = load_workbook(
        io.BytesIO(assessments_xlsx(rows, cyclus=cyclus, soort="zelfevaluatie"))
    )
    sheet = workbook["Oordelen"]
    assert [cell.value for cell in sheet[2]][:3] == ["OCW", "1", "stap"]
    sheet["C2"] = "kleine-stap"
    buffer = io.BytesIO()
    workbook.save(buffer)
    summary = run(coordinator, cyclus, buffer.getvalue(), filename="beoordelingen.xlsx")
    assert summary == ImportSummary(0, 1, 0)
    assert level("OCW", "1") == ("kleine-stap", "Geen analyse")


def test_the_rijkscoordinator_rates_the_coordinating_role_on_rijk(
    cyclus: Cyclus, world: World, make_user: MakeUser
) -> None:
    user = make_user(Rol.RIJKSCOORDINATOR, world.rijk)
    text = "organisation,norm,level\nRIJK,BZK-1,stap\nOCW,1,voldoet\n"
    summary = run(user, cyclus, text, soort=Soort.COORDINATOR)
    assert summary.beoordelingen_aangemaakt == 2
    assert level("RIJK", "BZK-1", Soort.COORDINATOR)[0] == "stap"


@pytest.fixture
def counts(cyclus: Cyclus) -> Iterator[None]:
    """Every bad-input test: nothing may be saved, not even an audit event."""
    before = (Beoordeling.objects.count(), Oordeel.objects.count(), AuditEvent.objects.count())
    yield
    after = (Beoordeling.objects.count(), Oordeel.objects.count(), AuditEvent.objects.count())
    assert after == before


def refused(user: Gebruiker | None, cyclus: Cyclus, text: str | bytes, **kwargs: str) -> list[str]:
    with pytest.raises(ValidationError) as info:
        run(user, cyclus, text, **kwargs)
    return info.value.messages


HEADER = "organisation,norm,level\n"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("XYZ,1,stap\n", "Regel 2: organisatie ‘XYZ’ bestaat niet."),
        ("ocw,1,stap\n", "Regel 2: organisatie ‘ocw’ bestaat niet. Bedoelt u ‘OCW’?"),
        (
            "OCW-DGCM,1,stap\n",
            "Regel 2: ‘OCW-DGCM’ wordt in cyclus 2024 niet beoordeeld: alleen de ministeries "
            "die eind 2024 bestonden en het Rijk (voor de normen van de coördinerende rol).",
        ),
        ("FIN,1,stap\n", "Regel 2: u mag geen zelfevaluatie van ‘FIN’ vastleggen."),
        ("OCW,99,stap\n", "Regel 2: norm ‘99’ bestaat niet in ark-2024."),
        (
            "OCW,BZK-1,stap\n",
            "Regel 2: norm ‘BZK-1’ geldt alleen voor de coördinerende rol (het Rijk), "
            "niet voor ‘OCW’.",
        ),
        (
            "OCW,1,goed\n",
            "Regel 2: niveau ‘goed’ bestaat niet; kies uit: voldoet, kleine-stap, stap, onbekend.",
        ),
        ("OCW,1,\n", "Regel 2: kolom level is leeg."),
        (
            "OCW,1,stap,extra\n",
            "Regel 2: meer velden dan kolommen in de kopregel (4 in plaats van 3).",
        ),
    ],
)
@pytest.mark.usefixtures("counts")
def test_a_bad_row_is_named_by_its_line(
    cyclus: Cyclus, coordinator: Gebruiker, rows: str, expected: str
) -> None:
    assert refused(coordinator, cyclus, HEADER + rows) == [expected]


@pytest.mark.usefixtures("counts")
def test_a_duplicate_names_both_lines(cyclus: Cyclus, coordinator: Gebruiker) -> None:
    text = HEADER + "OCW,1,stap\nOCW,9,stap\nOCW,2,stap\nOCW,3,stap\nOCW,5,stap\nOCW,9,voldoet\n"
    assert refused(coordinator, cyclus, text) == ["Regel 7: OCW / 9 staat al op regel 3."]


@pytest.mark.usefixtures("counts")
def test_every_problem_at_once_in_line_order_and_the_good_rows_not_saved(
    cyclus: Cyclus, coordinator: Gebruiker
) -> None:
    text = HEADER + "OCW,1,stap\nOCW,99,goed\nFIN,2,stap\nOCW,3,voldoet\n"
    assert refused(coordinator, cyclus, text) == [
        "Regel 3: norm ‘99’ bestaat niet in ark-2024.",
        "Regel 3: niveau ‘goed’ bestaat niet; kies uit: voldoet, kleine-stap, stap, onbekend.",
        "Regel 4: u mag geen zelfevaluatie van ‘FIN’ vastleggen.",
    ]


@pytest.mark.usefixtures("counts")
def test_rijk_is_not_rated_on_the_ministry_norms(
    cyclus: Cyclus, world: World, make_user: MakeUser
) -> None:
    user = make_user(Rol.RIJKSCOORDINATOR, world.rijk)
    messages = refused(user, cyclus, HEADER + "RIJK,9,stap\n", soort=Soort.COORDINATOR)
    assert messages == ["Regel 2: norm ‘9’ geldt voor de ministeries, niet voor ‘RIJK’."]


@pytest.fixture
def ezk(world: World) -> None:
    """A ministry that was split in the middle of 2024 (as in the demo tree)."""
    organisatie_create(
        acting_user=None,
        gegevens=OrganisatieGegevens(
            code="EZK",
            naam="Ministerie van Economische Zaken en Klimaat",
            soort=OrgSoort.MINISTERIE,
            parent=world.rijk,
            geldig_tot=date(2024, 7, 1),
        ),
    )


def test_a_ministry_that_no_longer_existed_is_not_rated(
    cyclus: Cyclus, world: World, ezk: None, counts: None, make_user: MakeUser
) -> None:
    user = make_user(Rol.RIJKSCOORDINATOR, world.rijk)
    messages = refused(user, cyclus, HEADER + "EZK,1,stap\n", soort=Soort.COORDINATOR)
    assert messages == [
        "Regel 2: ‘EZK’ wordt in cyclus 2024 niet beoordeeld: alleen de ministeries die "
        "eind 2024 bestonden en het Rijk (voor de normen van de coördinerende rol)."
    ]


@pytest.mark.parametrize(
    ("status", "advice"),
    [
        (Status.INGEDIEND, "corrigeer eerst: zet de beoordeling terug naar concept"),
        (Status.DEFINITIEF, "corrigeer eerst de beoordeling (dat maakt een nieuwe conceptversie)"),
    ],
)
def test_a_submitted_or_final_assessment_is_not_changed(
    cyclus: Cyclus, world: World, coordinator: Gebruiker, status: str, advice: str
) -> None:
    beoordeling = data.beoordeling(world.ocw)
    onbekend = cyclus.normenkader.niveaus.get(code="onbekend")
    for oordeel in beoordeling.oordelen.all():
        oordeel_update(acting_user=None, oordeel=oordeel, niveau=onbekend, bevinding="")
    beoordeling = beoordeling_transition(
        acting_user=None, beoordeling=beoordeling, naar=Status.INGEDIEND
    )
    if status == Status.DEFINITIEF:
        beoordeling_transition(acting_user=None, beoordeling=beoordeling, naar=status)
    events = AuditEvent.objects.count()
    messages = refused(coordinator, cyclus, HEADER + "OCW,1,stap\nOCW,2,stap\n")
    label = "ingediend" if status == Status.INGEDIEND else "definitief"
    assert messages == [
        f"Regel 2: de zelfevaluatie van OCW (versie 1) is {label} en kan niet worden "
        f"gewijzigd; {advice} en importeer dan opnieuw. Dit geldt voor 2 regel(s)."
    ]
    assert level("OCW", "1")[0] == "onbekend" and AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"organisation,norm\nOCW,1\n", "Regel 1: kolommen ontbreken: level."),
        (b"organisation,norm,level,opmerking\n", "Regel 1: onbekende kolommen: opmerking."),
        (HEADER.encode(), "Het bestand bevat alleen de kopregel en geen oordelen."),
        (b"  \n", "Het bestand is leeg."),
        (HEADER.encode() + "OCW,1,stap\n".encode("cp1252") + b"OCW,2,\xe9\n", "geen UTF-8"),
        (HEADER.encode() + b'OCW,"1,stap\n', "geen geldige CSV"),
    ],
)
@pytest.mark.usefixtures("counts")
def test_a_broken_file_says_what_is_wrong(
    cyclus: Cyclus, coordinator: Gebruiker, content: bytes, expected: str
) -> None:
    messages = refused(coordinator, cyclus, content)
    assert len(messages) == 1 and expected in messages[0]


@pytest.mark.usefixtures("counts")
def test_xlsx_errors_name_the_row_of_the_sheet(cyclus: Cyclus, coordinator: Gebruiker) -> None:
    content = workbook_bytes(
        [["organisation", "norm", "level"], ["OCW", 1, "stap"], [], ["OCW", 1, "voldoet"]]
    )
    assert refused(coordinator, cyclus, content, filename="oordelen.xlsx") == [
        "Rij 4: OCW / 1 staat al op rij 2."
    ]


@pytest.mark.usefixtures("counts")
def test_a_damaged_workbook_is_refused(cyclus: Cyclus, coordinator: Gebruiker) -> None:
    messages = refused(coordinator, cyclus, b"PK\x03\x04 kapot", filename="oordelen.xlsx")
    assert messages == ["Het bestand is geen leesbaar Excel-bestand (.xlsx)."]


@pytest.mark.usefixtures("counts")
def test_a_file_too_big_is_refused(cyclus: Cyclus, coordinator: Gebruiker) -> None:
    content = (HEADER + "OCW,1,stap\n" * 500_000).encode()
    assert refused(coordinator, cyclus, content) == ["Het bestand is groter dan 5 MB."]


def zip_with(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        zip_with("xl/worksheets/sheet1.xml", b"\0" * (51 * 1024 * 1024)),  # a zip bomb
        zip_with("leesmij.txt", b"geen werkboek"),  # a zip, but no workbook
    ],
    ids=["zip-bomb", "zip-without-workbook"],
)
@pytest.mark.usefixtures("counts")
def test_a_zip_that_is_no_workbook_is_refused(
    cyclus: Cyclus, coordinator: Gebruiker, content: bytes
) -> None:
    messages = refused(coordinator, cyclus, content, filename="oordelen.xlsx")
    assert messages == ["Het bestand is geen leesbaar Excel-bestand (.xlsx)."]


@pytest.mark.usefixtures("counts")
def test_too_many_rows_and_doubled_columns(cyclus: Cyclus, coordinator: Gebruiker) -> None:
    many = HEADER + "OCW,1,stap\n" * 10_001
    assert refused(coordinator, cyclus, many) == [
        "Het bestand heeft meer dan 10000 regels; splits het op."
    ]
    doubled = "organisation,norm,level,level\nOCW,1,stap,stap\n"
    assert refused(coordinator, cyclus, doubled) == [
        "Regel 1: dubbele kolommen: level. De kopregel moet zijn: organisation,norm,level, "
        "of met bevindingen: organisation,norm,level,finding."
    ]


@pytest.mark.usefixtures("counts")
def test_an_unknown_kind_is_refused(cyclus: Cyclus) -> None:
    assert refused(None, cyclus, HEADER + "OCW,1,stap\n", soort="burger") == [
        "Onbekende soort beoordeling: ‘burger’."
    ]


def test_the_command_line_import_is_not_limited_by_a_scope(cyclus: Cyclus) -> None:
    summary = run(None, cyclus, HEADER + "OCW,1,stap\nFIN,1,voldoet\n")
    assert summary.beoordelingen_aangemaakt == 2
    assert level("FIN", "1")[0] == "voldoet"
