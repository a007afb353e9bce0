"""hypothesis on the import of survey responses (``medewerkersonderzoek/imports``: CSV,
XLSX, SPSS .sav, LimeSurvey with a mapping file): it imports, or refuses with ImportFout —
Dutch messages naming the row and column — and stores nothing."""

from __future__ import annotations

import contextlib
import faulthandler
import os
import signal
import tempfile
from pathlib import Path

import polars as pl
import pyreadstat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from integriteit.conftest import World
from integriteit.medewerkersonderzoek.imports import ImportFout, responses_import
from integriteit.medewerkersonderzoek.imports.mapping import koppeling_lezen
from integriteit.medewerkersonderzoek.imports.readers import tabel_lezen
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.questionnaire import shipped_questionnaire
from integriteit.medewerkersonderzoek.tests.permission_kwargs import golf as make_golf
from integriteit.tests.fuzz.helpers import (
    event,
    parses_or_refuses,
    refused_changes_nothing,
    teruggedraaid,
)
from integriteit.tests.fuzz.profielen import PROFIEL, examples
from integriteit.tests.fuzz.strategies import any_bytes, near_valid_csv, near_valid_yaml
from integriteit.tests.fuzz.xlsx import (
    damaged_xlsx,
    near_valid_xlsx,
    with_zip_version,
    workbook_bytes,
)

FIXTURES = Path(__file__).resolve().parents[2] / "medewerkersonderzoek" / "tests" / "fixtures"
LIMESURVEY = (FIXTURES / "limesurvey-ark.csv").read_bytes()
MAPPING = (FIXTURES / "limesurvey-ark.yaml").read_text(encoding="utf-8")

HEADER = (
    "unit",
    "role",
    "leidinggevende",
    "cul_vrij_bespreken",
    "mel_vermoeden",
    "mel_gemeld",
    "mel_reden_1",
    "mel_reden_2",
    "opmerkingen",
)
ROWS = (
    ("OCW-DGCM", "", "2", "4", "1", "2", "1", "0", "Prima; echt"),
    ("ocw-dgcm", "leidinggevende", "1", "9", "2", "", "", "", ""),
    ("OCW-DGCM", "medewerker", "", "5", "", "", "", "", "=1+1"),
)
XLSX_ROWS = (("OCW-DGCM", None, 2, 4.0, "Nee", None, None, None, "x"),)


def _sav_bytes() -> bytes:
    frame = pl.DataFrame(
        {"cul_vrij_bespreken": [4.0, 1.0, 99.0, None], "mel_vermoeden": [2.0, 2.0, 9.0, 1.0]}
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.sav"
        pyreadstat.write_sav(
            frame,
            str(path),
            variable_value_labels={"mel_vermoeden": {1.0: "Ja", 2.0: "Nee", 9.0: "Weet niet"}},
            missing_ranges={"cul_vrij_bespreken": [99.0]},
        )
        return path.read_bytes()


SAV = _sav_bytes()


def _sav_van(values: list[float | None]) -> bytes:
    """A valid .sav file with one column of ``values`` (codes, missing, out of range)."""
    frame = pl.DataFrame({"cul_vrij_bespreken": values}, schema={"cul_vrij_bespreken": pl.Float64})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.sav"
        pyreadstat.write_sav(frame, str(path))
        return path.read_bytes()


@st.composite
def damaged_bytes(draw: st.DrawFn, valid: bytes) -> bytes:
    kind = draw(st.sampled_from(("truncate", "flip", "append")))
    if kind == "truncate":
        return valid[: draw(st.integers(0, len(valid) - 1))]
    data = bytearray(valid)
    if kind == "append":
        return bytes(data) + draw(st.binary(min_size=1, max_size=64))
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


FILES: dict[str, st.SearchStrategy[bytes]] = {
    "csv": st.one_of(any_bytes(), near_valid_csv(HEADER, ROWS)),
    "xlsx": st.one_of(
        near_valid_xlsx(HEADER, XLSX_ROWS), damaged_xlsx(workbook_bytes([HEADER, *XLSX_ROWS]))
    ),
    # Damaged .sav bytes can kill the process (SAV_SEGFAULT): they are read in a forked
    # child below; in process only whole files that pyreadstat wrote.
    "sav": st.builds(_sav_van, st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6)), min_size=1)),
    "limesurvey": damaged_bytes(LIMESURVEY),
}
NAMES = {"csv": "a.csv", "xlsx": "a.xlsx", "sav": "a.sav", "limesurvey": "export.csv"}


@pytest.fixture
def golf(world: World) -> Golf:
    return make_golf(world, "eigen")


def _import(golf: Golf, raw: bytes, formaat: str, koppeling: bytes | None = None) -> None:
    with teruggedraaid():
        refused_changes_nothing(
            lambda: responses_import(
                acting_user=None,
                golf=golf,
                data=raw,
                bestandsnaam=NAMES[formaat],
                formaat=formaat if formaat != "limesurvey" else "auto",
                koppeling=koppeling,
            ),
            ImportFout,
            ("medewerkersonderzoek",),
        )


@pytest.mark.django_db
def test_the_seeds_are_imported(golf: Golf) -> None:
    csv_seed = "\n".join(",".join(row) for row in (HEADER, *ROWS)).encode()
    for raw, naam, koppeling in (
        (csv_seed, "a.csv", None),
        (workbook_bytes([HEADER, *XLSX_ROWS]), "a.xlsx", None),
        (SAV, "a.sav", None),
        (LIMESURVEY, "export.csv", MAPPING.encode()),
    ):
        uitkomst = responses_import(
            acting_user=None, golf=golf, data=raw, bestandsnaam=naam, koppeling=koppeling
        )
        assert uitkomst.aantal >= 1


@PROFIEL
@given(formaat=st.sampled_from(sorted(FILES)), data=st.data())
def test_reader_reads_or_says_why(formaat: str, data: st.DataObject) -> None:
    raw = data.draw(FILES[formaat])
    reader = "csv" if formaat == "limesurvey" else formaat
    parses_or_refuses(lambda: tabel_lezen(data=raw, formaat=reader), ImportFout)


def test_a_workbook_of_an_unknown_zip_version_is_refused() -> None:
    """Found by the fuzz profile (a flipped byte in the central directory)."""
    raw = with_zip_version(workbook_bytes([HEADER, *XLSX_ROWS]))
    with pytest.raises(ImportFout):
        tabel_lezen(data=raw, formaat="xlsx")


@pytest.mark.parametrize("raw", [b"a\rb", b"\x01\r\x01", b"unit\rrole\n4\n"])
def test_a_carriage_return_in_the_header_is_refused_or_read(raw: bytes) -> None:
    """Found by the fuzz profile (minimal example b'\x01\r\x01', shrunk by hypothesis)."""
    with contextlib.suppress(ImportFout):
        tabel_lezen(data=raw, formaat="csv")


@pytest.mark.django_db
@examples(30)
@given(formaat=st.sampled_from(sorted(FILES)), data=st.data())
def test_import_is_all_or_nothing(golf: Golf, formaat: str, data: st.DataObject) -> None:
    raw = data.draw(FILES[formaat])
    koppeling = MAPPING.encode() if formaat == "limesurvey" else None
    _import(golf, raw, formaat, koppeling)


# --- the mapping file -------------------------------------------------------------------------

KNOWN_MAPPING_CRASHES = ("0x1", "0b1", "190:20", "!!int abc")


def _mapping_with_code(code: str) -> bytes:
    return f"columns:\n  G01: leidinggevende\nvalues:\n  leidinggevende: {{A1: {code}}}\n".encode()


@pytest.mark.parametrize("code", KNOWN_MAPPING_CRASHES)
def test_a_mapping_code_in_another_notation_is_refused(code: str) -> None:
    spec = shipped_questionnaire("ark-2023")
    with pytest.raises(ImportFout):
        koppeling_lezen(
            data=_mapping_with_code(code), bestandsnaam="k.yaml", spec=spec, eenheid_codes=set()
        )


@PROFIEL
@given(raw=st.one_of(any_bytes(), near_valid_yaml(MAPPING)))
def test_mapping_reads_or_says_why(raw: bytes) -> None:
    spec = shipped_questionnaire("ark-2023")
    parses_or_refuses(
        lambda: koppeling_lezen(
            data=raw, bestandsnaam="k.yaml", spec=spec, eenheid_codes={"OCW-DGCM"}
        ),
        ImportFout,
    )


# --- damaged SPSS files, in a forked child --------------------------------------------------------

SAV_SEGFAULT_FILE = Path(__file__).parent / "fixtures" / "sav-segfault.sav"


def _in_child(raw: bytes) -> int:
    """Read ``raw`` as .sav in a forked child: 0 read or refused with Dutch messages, 1 any
    other exception, -signal when the child was killed (a crash in native code)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        faulthandler.disable()  # a crash here is the finding, not a traceback for the log
        code = 1
        try:
            parses_or_refuses(lambda: tabel_lezen(data=raw, formaat="sav"), ImportFout)
            code = 0
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def test_a_damaged_sav_does_not_kill_the_process() -> None:
    """Found by the fuzz profile: a 643-byte .sav (a valid file with a few bytes changed)
    made pyreadstat crash the process. It is read in a child now (``sav_kind``): refused with
    a Dutch message, here in the test process itself."""
    with pytest.raises(ImportFout, match="geen leesbaar SPSS-bestand"):
        tabel_lezen(data=SAV_SEGFAULT_FILE.read_bytes(), formaat="sav")
    assert _in_child(SAV_SEGFAULT_FILE.read_bytes()) == 0


@PROFIEL
@given(raw=st.one_of(damaged_bytes(SAV), any_bytes().map(lambda raw: b"$FL2" + raw)))
def test_damaged_sav_is_refused_in_a_child(raw: bytes) -> None:
    """0: read or refused with Dutch messages. A segmentation fault is SAV_SEGFAULT (known);
    any other exception or signal is a new crash."""
    status = _in_child(raw)
    if status == -signal.SIGSEGV:
        event("bekende fout")
        return
    assert status == 0, f"the child ended with {status}"
