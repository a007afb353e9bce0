"""Importing responses: each format, the mapping file, row errors (all or nothing), damaged
files, the command line, and progress on a large file. Real database."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pyreadstat
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.medewerkersonderzoek.constants import GolfStatus, Rol
from integriteit.medewerkersonderzoek.imports import ImportFout, responses_import
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.services import golf_transition
from integriteit.medewerkersonderzoek.tests.permission_kwargs import golf as make_golf
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create

FIXTURES = Path(__file__).parent / "fixtures"
BOM = b"\xef\xbb\xbf"


def _golf(world: World, *, tweede_eenheid: bool = False) -> Golf:
    if tweede_eenheid:
        gegevens = OrganisatieGegevens(
            code="OCW-DGPVO",
            naam="DG Primair en Voortgezet Onderwijs",
            soort=Soort.ONDERDEEL,
            parent=world.ocw,
            aantal_medewerkers=90,
        )
        organisatie_create(acting_user=None, gegevens=gegevens)
    return make_golf(world, "eigen")


def _import(golf: Golf, data: bytes, naam: str = "antwoorden.csv", **kwargs: Any) -> Any:
    return responses_import(acting_user=None, golf=golf, data=data, bestandsnaam=naam, **kwargs)


def _fouten(golf: Golf, data: bytes, naam: str = "antwoorden.csv", **kwargs: Any) -> list[str]:
    with pytest.raises(ImportFout) as info:
        _import(golf, data, naam, **kwargs)
    assert Respons.objects.filter(golf=golf).count() == 0
    return info.value.fouten


def _antwoorden(golf: Golf) -> list[dict[str, Any]]:
    return sorted(
        (r.antwoorden for r in Respons.objects.filter(golf=golf)),
        key=lambda a: sorted(a.items(), key=str),
    )


# --- formats ----------------------------------------------------------------------------------


def test_csv_with_bom_and_semicolons(world: World) -> None:
    golf = _golf(world, tweede_eenheid=True)
    csv_text = (
        "unit;role;leidinggevende;cul_vrij_bespreken;mel_vermoeden;mel_gemeld;"
        "mel_reden_1;mel_reden_2;opmerkingen\n"
        'OCW-DGCM;;2;4;1;2;1;0;"Prima; echt"\n'
        "ocw-dgpvo;leidinggevende;1;9;2;;;;\n"
        "\n"
        "OCW-DGPVO;medewerker;;5;;;;;\n"
    )
    uitkomst = _import(golf, BOM + csv_text.encode())
    assert uitkomst.aantal == 3
    assert uitkomst.formaat == "csv"
    assert uitkomst.waarschuwingen == []
    rows = {
        (r.golf_eenheid.organisatie.code, r.rol, r.antwoorden.get("cul_vrij_bespreken")): r
        for r in Respons.objects.filter(golf=golf).select_related("golf_eenheid__organisatie")
    }
    first = rows[("OCW-DGCM", Rol.MEDEWERKER, 4)]
    assert first.antwoorden == {
        "leidinggevende": 2,
        "cul_vrij_bespreken": 4,
        "mel_vermoeden": 1,
        "mel_gemeld": 2,
        "mel_reden_1": 1,
        "mel_reden_2": 0,
        "opmerkingen": "Prima; echt",
    }
    assert first.ingevuld_in == timezone.localdate().replace(day=1)
    # Role from the answer to "leidinggevende", like the form; the role column agrees.
    assert ("OCW-DGPVO", Rol.LEIDINGGEVENDE, 9) in rows
    assert ("OCW-DGPVO", Rol.MEDEWERKER, 5) in rows
    assert golf.uitnodigingen.count() == 0  # imports use no invitations
    event = AuditEvent.objects.get(action="enquete.import")
    assert event.details["aantal"] == 3
    assert event.details["formaat"] == "csv"
    assert "Prima" not in str(event.details)


def test_csv_in_windows_1252_is_read_with_a_warning(world: World) -> None:
    golf = _golf(world)
    data = "cul_vrij_bespreken,opmerkingen\n4,Café\n".encode("cp1252")
    uitkomst = _import(golf, data)
    assert Respons.objects.get(golf=golf).antwoorden["opmerkingen"] == "Café"
    assert any("Windows-1252" in w for w in uitkomst.waarschuwingen)


def test_xlsx_first_sheet_numbers_and_labels(world: World) -> None:
    golf = _golf(world)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["cul_vrij_bespreken", "cul_dilemma", "mel_vermoeden", "unit"])
    sheet.append([4, 2.0, "Nee", "OCW-DGCM"])
    sheet.append([None, None, None, None])  # blank row: skipped
    sheet.append(["helemaal eens", 9, 1, None])  # a label instead of a code
    workbook.create_sheet("Toelichting").append(["wordt niet gelezen"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    uitkomst = _import(golf, buffer.getvalue(), "antwoorden.xlsx")
    assert (uitkomst.aantal, uitkomst.formaat) == (2, "xlsx")
    assert _antwoorden(golf) == sorted(
        [
            {"cul_vrij_bespreken": 4, "cul_dilemma": 2, "mel_vermoeden": 2},
            {"cul_vrij_bespreken": 5, "cul_dilemma": 9, "mel_vermoeden": 1},
        ],
        key=lambda a: sorted(a.items(), key=str),
    )


def _sav(tmp_path: Path, frame: pl.DataFrame, **kwargs: Any) -> bytes:
    path = tmp_path / "antwoorden.sav"
    pyreadstat.write_sav(frame, str(path), **kwargs)
    return path.read_bytes()


def test_sav_with_value_labels(world: World, tmp_path: Path) -> None:
    golf = _golf(world)
    frame = pl.DataFrame(
        {
            "cul_vrij_bespreken": [4.0, 1.0, 99.0, None],
            "cul_dilemma": ["A4", "A9", "A1", "A2"],
            "mel_vermoeden": [2.0, 2.0, 9.0, 1.0],
        }
    )
    data = _sav(
        tmp_path,
        frame,
        variable_value_labels={
            # 4 is labelled differently from the questionnaire ("Eens"): a warning.
            "cul_vrij_bespreken": {1.0: "Helemaal oneens", 4.0: "Mee eens", 99.0: "Geen antwoord"},
            # A string column: its labels are translated to the questionnaire's codes.
            "cul_dilemma": {
                "A1": "Helemaal oneens",
                "A2": "Oneens",
                "A4": "Eens",
                "A9": "Weet niet",
            },
            "mel_vermoeden": {1.0: "Ja", 2.0: "Nee", 9.0: "Weet niet"},
        },
        missing_ranges={"cul_vrij_bespreken": [99.0]},
    )
    uitkomst = _import(golf, data, "export.sav")
    assert (uitkomst.aantal, uitkomst.formaat) == (4, "sav")
    assert _antwoorden(golf) == sorted(
        [
            {"cul_vrij_bespreken": 4, "cul_dilemma": 4, "mel_vermoeden": 2},
            {"cul_vrij_bespreken": 1, "cul_dilemma": 9, "mel_vermoeden": 2},
            {"cul_dilemma": 1, "mel_vermoeden": 9},  # 99 is user-missing in SPSS: empty
            {"cul_dilemma": 2, "mel_vermoeden": 1},
        ],
        key=lambda a: sorted(a.items(), key=str),
    )
    [waarschuwing] = uitkomst.waarschuwingen
    assert "cul_vrij_bespreken" in waarschuwing
    assert "‘Mee eens’" in waarschuwing and "‘Eens’" in waarschuwing


def test_limesurvey_export_with_mapping(world: World) -> None:
    golf = _golf(world)
    uitkomst = _import(
        golf,
        (FIXTURES / "limesurvey-ark.csv").read_bytes(),
        "results-survey123.csv",
        koppeling=(FIXTURES / "limesurvey-ark.yaml").read_bytes(),
    )
    assert (uitkomst.aantal, uitkomst.formaat) == (3, "limesurvey")
    [genegeerd] = [w for w in uitkomst.waarschuwingen if w.startswith("Genegeerde kolommen")]
    for kolom in ("id", "submitdate", "lastpage", "startlanguage", "seed", "token", "ipaddr"):
        assert kolom in genegeerd
    assert any("1 onvolledige" in w for w in uitkomst.waarschuwingen)
    responsen = list(Respons.objects.filter(golf=golf))
    assert sorted(r.rol for r in responsen) == [Rol.LEIDINGGEVENDE, Rol.MEDEWERKER, Rol.MEDEWERKER]
    eerste = next(r.antwoorden for r in responsen if r.antwoorden.get("cul_vrij_bespreken") == 4)
    assert eerste == {
        "leidinggevende": 2,
        "cul_vrij_bespreken": 4,
        "cul_dilemma": 5,
        "mel_vermoeden": 1,
        "mel_gemeld": 2,
        # Ticked options are Y; the other options of a ticked question are 0.
        **{f"mel_reden_{i}": int(i in (1, 6)) for i in range(1, 7)},
        "opmerkingen": "Goed onderzoek; dank!",
    }
    opgeslagen = str([r.antwoorden for r in responsen])
    for lek in ("tok1", "10.0.0.1", "2023-10-17", "1234567"):
        assert lek not in opgeslagen


def test_format_by_option_overrides_the_extension(world: World) -> None:
    golf = _golf(world)
    data = b"cul_vrij_bespreken\n3.0\n"
    assert _import(golf, data, "antwoorden.txt", formaat="csv").aantal == 1
    assert Respons.objects.get(golf=golf).antwoorden == {"cul_vrij_bespreken": 3}


def test_mapping_passes_item_columns_and_translates_role_and_options(world: World) -> None:
    golf = _golf(world)
    koppeling = (
        b"columns: {G01: cul_dilemma, Functie: role, oud_dilemma: ~}\n"
        b"values:\n  role: {LG: leidinggevende, MW: medewerker}\n"
        b"  mel_reden: {x: 1, '-': 0}\n  cul_dilemma: {nvt: ~}\n"
    )
    data = (
        b"G01,cul_dilemma,cul_vrij_bespreken,Functie,mel_vermoeden,mel_gemeld,mel_reden_1,mel_reden_2\n"
        b"4,1,5,LG,1,2,x,-\n"
        b"nvt,1,2,MW,,,,\n"
    )
    uitkomst = _import(golf, data, koppeling=koppeling)
    assert uitkomst.aantal == 2
    # cul_dilemma comes from G01 (mapped); the file's own cul_dilemma column is ignored.
    assert "Genegeerde kolommen (niet opgeslagen): cul_dilemma." in uitkomst.waarschuwingen
    rollen = {r.rol: r.antwoorden for r in Respons.objects.filter(golf=golf)}
    assert rollen[Rol.LEIDINGGEVENDE] == {
        "cul_dilemma": 4,
        "cul_vrij_bespreken": 5,
        "mel_vermoeden": 1,
        "mel_gemeld": 2,
        "mel_reden_1": 1,
        "mel_reden_2": 0,
    }
    assert rollen[Rol.MEDEWERKER] == {"cul_vrij_bespreken": 2}


# --- row errors: all or nothing ---------------------------------------------------------------


def test_row_errors_are_collected_and_nothing_is_saved(world: World) -> None:
    golf = _golf(world, tweede_eenheid=True)
    data = (
        b"unit,role,cul_vrij_bespreken,mel_vermoeden,mel_gemeld\n"
        b"OCW-DGCM,medewerker,4,2,\n"  # valid
        b"OCW-XYZ,medewerker,7,2,\n"  # unknown unit, out of range
        b"OCW-DGCM,baas,veel,2,\n"  # bad role, not a number
        b",medewerker,3,2,1\n"  # no unit (two units); mel_gemeld not asked
    )
    fouten = _fouten(golf, data)
    assert fouten == [
        "Regel 3, kolom ‘unit’: eenheid ‘OCW-XYZ’ hoort niet bij deze golf.",
        "Regel 3, kolom ‘cul_vrij_bespreken’: 7 is geen geldig antwoord op vraag "
        "cul_vrij_bespreken; kies uit 1, 2, 3, 4, 5, 9.",
        "Regel 4, kolom ‘role’: ‘baas’ is geen rol; kies uit leidinggevende, medewerker.",
        "Regel 4, kolom ‘cul_vrij_bespreken’: ‘veel’ is geen antwoordcode van vraag "
        "cul_vrij_bespreken (een heel getal).",
        "Regel 5: Vraag ‘mel_gemeld’ is niet gesteld (alleen bij mel_vermoeden = 1).",
    ]
    assert not AuditEvent.objects.filter(action="enquete.import").exists()


def test_unknown_unit_and_missing_unit(world: World) -> None:
    golf = _golf(world, tweede_eenheid=True)
    fouten = _fouten(golf, b"cul_dilemma,unit\n4,\n4,FIN-DGFZ\n")
    assert fouten == [
        "Regel 2, kolom ‘unit’: de eenheid ontbreekt; deze golf heeft meer dan één eenheid.",
        "Regel 3, kolom ‘unit’: eenheid ‘FIN-DGFZ’ hoort niet bij deze golf.",
    ]


def test_unknown_item_code_in_the_header(world: World) -> None:
    golf = _golf(world)
    fouten = _fouten(golf, b"cul_vrij_bespreken,cul_dilema,id\n4,4,1\n")
    assert len(fouten) == 1
    assert fouten[0].startswith("Kopregel, kolom ‘cul_dilema’: geen kolom van vragenlijst ark-2023")
    assert "(bedoelt u ‘cul_dilemma’?)" in fouten[0]


def test_unknown_item_code_in_the_mapping(world: World) -> None:
    golf = _golf(world)
    koppeling = b"columns:\n  G01: cul_vrij_bespreken\n  G02: cul_dilema\n  G03: mel_reden\n"
    fouten = _fouten(golf, b"G01,G02\n4,4\n", koppeling=koppeling, koppeling_naam="k.yaml")
    assert fouten[0] == (
        "k.yaml, regel 3, veld columns.G02: ‘cul_dilema’ is geen kolom van vragenlijst "
        "ark-2023. (bedoelt u ‘cul_dilemma’?)"
    )
    assert fouten[1].startswith(
        "k.yaml, regel 4, veld columns.G03: ‘mel_reden’ is een meerkeuzevraag"
    )


def test_mapping_values_are_checked(world: World) -> None:
    golf = _golf(world)
    koppeling = (
        b"columns: {G01: cul_vrij_bespreken, token: opmerkingen}\n"
        b"values:\n  cul_vrij_bespreken: {A1: 1, A7: 7}\n  role: {M: baas}\n"
        b"unit_values: {X: OCW-DGCMM}\nextra: 1\n"
    )
    fouten = _fouten(golf, b"G01\nA1\n", koppeling=koppeling, koppeling_naam="k.yaml")
    assert fouten == [
        "k.yaml, regel 1, veld columns.token: ‘token’ is een eigen kolom van LimeSurvey en "
        "wordt nooit opgeslagen.",
        "k.yaml, regel 3, veld values.cul_vrij_bespreken.A7: ‘7’ is geen antwoordcode van kolom "
        "cul_vrij_bespreken; kies uit 1, 2, 3, 4, 5, 9.",
        "k.yaml, regel 4, veld values.role.M: ‘baas’ is geen rol; kies uit: leidinggevende, "
        "medewerker.",
        "k.yaml, regel 5, veld unit_values.X: ‘OCW-DGCMM’ is geen eenheid van deze golf. "
        "(bedoelt u ‘OCW-DGCM’?)",
        "k.yaml, regel 6, veld extra: onbekend veld ‘extra’.",
    ]


def test_errors_are_capped_at_fifty(world: World) -> None:
    golf = _golf(world)
    data = b"cul_vrij_bespreken\n" + b"8\n" * 60
    fouten = _fouten(golf, data)
    assert len(fouten) == 51
    assert fouten[0].startswith("Regel 2, kolom ‘cul_vrij_bespreken’: 8 is geen geldig antwoord")
    assert fouten[-1] == "… en 10 andere fouten"


# --- unreadable files -------------------------------------------------------------------------


def test_corrupted_sav(world: World, tmp_path: Path) -> None:
    golf = _golf(world)
    goed = _sav(tmp_path, pl.DataFrame({"cul_dilemma": [4.0, 5.0] * 50}))
    for data in (goed[: len(goed) // 2], b"$FL2" + b"\x00" * 300):
        fouten = _fouten(golf, data, "export.sav")
        assert fouten == [
            "Het bestand is geen leesbaar SPSS-bestand (.sav): het is beschadigd of heeft een "
            "ander formaat. Sla het in SPSS opnieuw op als .sav."
        ]


def test_unreadable_xlsx_and_not_utf8(world: World) -> None:
    golf = _golf(world)
    fouten = _fouten(golf, b"PK\x03\x04 dit is geen werkmap", "a.xlsx")
    assert fouten == ["Het bestand is geen leesbaar Excel-bestand (.xlsx)."]
    fouten = _fouten(golf, b"cul_dilemma\n4\n\x81\x8d\n")
    assert fouten == [
        "Regel 3: het bestand is geen UTF-8. Sla het op als ‘CSV UTF-8 (door komma's gescheiden)’."
    ]


def test_closed_wave_is_refused(world: World) -> None:
    golf = _golf(world)
    golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    golf_transition(acting_user=None, golf=golf, naar=GolfStatus.GESLOTEN)
    fouten = _fouten(golf.__class__.objects.get(pk=golf.pk), b"cul_dilemma\n4\n")
    assert fouten == ["Deze golf is gesloten; er kunnen geen antwoorden meer bij."]


# --- command line -----------------------------------------------------------------------------


def test_cli_imports_and_reports(world: World, tmp_path: Path) -> None:
    golf = _golf(world)
    bestand = tmp_path / "export.csv"
    bestand.write_bytes((FIXTURES / "limesurvey-ark.csv").read_bytes())
    stdout, stderr = io.StringIO(), io.StringIO()
    args = ["--golf", str(golf.pk), "--file", str(bestand)]
    mapping = ["--mapping", str(FIXTURES / "limesurvey-ark.yaml")]
    call_command("import_responses", *args, *mapping, "--dry-run", stdout=stdout, stderr=stderr)
    assert "3 antwoorden gecontroleerd; niets opgeslagen" in stdout.getvalue()
    assert Respons.objects.filter(golf=golf).count() == 0
    call_command("import_responses", *args, *mapping, "--no-progress", stdout=stdout, stderr=stderr)
    assert "3 antwoorden geïmporteerd" in stdout.getvalue()
    assert "Waarschuwing: Genegeerde kolommen" in stderr.getvalue()
    assert Respons.objects.filter(golf=golf).count() == 3


def test_cli_errors(world: World, tmp_path: Path) -> None:
    golf = _golf(world)
    bestand = tmp_path / "a.csv"
    bestand.write_bytes(b"cul_dilemma;cul_vrij_bespreken\n4;6\n")
    with pytest.raises(CommandError) as info:
        call_command("import_responses", "--golf", str(golf.pk), "--file", str(bestand))
    assert "Regel 2, kolom ‘cul_vrij_bespreken’: 6 is geen geldig antwoord" in str(info.value)
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_responses", "--golf", "999999", "--file", str(bestand))
    assert Respons.objects.count() == 0


# --- a large file: progress -------------------------------------------------------------------


def test_large_csv_progress_reaches_100_percent(world: World) -> None:
    golf = _golf(world)
    kolommen = ["cul_vrij_bespreken", "cul_dilemma", "vb_goed_voorbeeld", "mel_vermoeden"]
    regels = [",".join(kolommen)] + [
        f"{i % 5 + 1},{i % 4 + 1},9,{i % 2 + 1}" for i in range(20_000)
    ]
    data = ("\n".join(regels) + "\n").encode()
    meldingen: list[tuple[int, int, str]] = []
    start = time.monotonic()
    uitkomst = responses_import(
        acting_user=None,
        golf=golf,
        data=data,
        bestandsnaam="groot.csv",
        voortgang=lambda gedaan, totaal, stap="": meldingen.append((gedaan, totaal, stap)),
    )
    duur = time.monotonic() - start
    assert uitkomst.aantal == 20_000
    assert Respons.objects.filter(golf=golf).count() == 20_000
    gedaan = [m[0] for m in meldingen if m[1]]
    assert gedaan == sorted(gedaan)  # never backwards
    assert len(gedaan) > 20  # reported along the way, not only at the end
    assert meldingen[-1][:2] == (40_000, 40_000)  # checking and saving: 100 %
    assert duur < 60, f"20.000 rijen in {duur:.1f} s"
    assert (
        Respons.objects.filter(
            golf=golf, ingevuld_in__lt=timezone.localdate().replace(day=1)
        ).count()
        == 0
    )
