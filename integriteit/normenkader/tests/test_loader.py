from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from integriteit.common.models import AuditEvent
from integriteit.normenkader.constants import AppliesTo
from integriteit.normenkader.loader import (
    MAX_BYTES,
    SHIPPED_DIR,
    normenkader_load,
    normenkader_load_shipped,
    parse_framework,
)
from integriteit.normenkader.models import Niveau, Norm, Normenkader, Normgroep

ARK = SHIPPED_DIR / "ark-2024.yaml"
FIXTURES = Path(__file__).parent / "fixtures"
GEMEENTE = FIXTURES / "gemeente-2025.yaml"

# A small valid framework; the bad inputs below change one or two of its lines.
MINI = """\
code: mini
version: 1
title: Klein kader
scale:
  - {code: ja, label: Ja, rank: 1, color: "#00ff00"}
  - {code: nee, label: Nee, rank: 0, color: "#ff0000"}
groups:
  - code: basis
    title: Basis
    norms:
      - code: 1
        text: Eerste norm
      - code: 2
        text: Tweede norm
"""

# One of almost every problem, so that all are reported together, ordered by line.
MANY_PROBLEMS = b"""\
code: Mini kader
version: 0
title: ""
applies_to: iedereen
scale:
  - {code: ja, label: Ja, rank: 1, color: "#00ff00"}
  - {code: ja, label: Nee, rank: 1, color: "#ff0000", kleur: rood}
groups:
  - code: basis
    title: 5
    norms: []
  - code: basis
    title: Ook basis
    norms:
      - {code: yes, text: Norm, sources: [[3.1]]}
      - just text
"""


def _mini(old: str = "", new: str = "") -> bytes:
    assert old in MINI
    return MINI.replace(old, new, 1).encode()


def _counts() -> tuple[int, ...]:
    models = (Normenkader, Niveau, Normgroep, Norm, AuditEvent)
    return tuple(model.objects.count() for model in models)


def _refused(data: bytes, filename: str = "mini.yaml") -> list[str]:
    """Load ``data``, expect a refusal, check that nothing at all was written."""
    before = _counts()
    with pytest.raises(ValidationError) as excinfo:
        normenkader_load(acting_user=None, data=data, filename=filename)
    assert _counts() == before
    return excinfo.value.messages


# --- parsing (no database) -------------------------------------------------------------


def test_shipped_ark_2024_parses() -> None:
    spec = parse_framework(data=ARK.read_bytes(), filename=ARK.name)
    assert (spec.code, spec.version, spec.applies_to) == ("ark-2024", 1, "organisation")
    assert [(level.code, level.rank) for level in spec.scale] == [
        ("voldoet", 3),
        ("kleine-stap", 2),
        ("stap", 1),
        ("onbekend", 0),
    ]
    assert {group.code: [norm.code for norm in group.norms] for group in spec.groups} == {
        "preventie": [str(n) for n in range(1, 8)],
        "detectie": [str(n) for n in range(8, 13)],
        "respons": ["13", "14", "15"],
        "coordinatie": [f"BZK-{n}" for n in range(1, 6)],
    }
    assert [group.applies_to for group in spec.groups] == [
        "organisation",
        "organisation",
        "organisation",
        "coordinator",
    ]
    assert len(spec.norms) == 20
    assert spec.norms[9].sources == ("3.7.1", "3.7.2")
    assert spec.norms[0].guidance.startswith("Kwetsbare werkgebieden")


def test_numbers_are_kept_as_written_and_defaults_apply() -> None:
    spec = parse_framework(data=GEMEENTE.read_bytes(), filename=GEMEENTE.name)
    assert [norm.code for norm in spec.norms] == ["101", "B-2", "201"]
    # ``4.4`` is a float to YAML; a section number must stay as written.
    assert spec.norms[0].sources == ("4.4", "Gemeentewet art. 170")
    assert (spec.norms[0].guidance, spec.norms[2].sources) == ("", ())
    # A group without applies_to takes the framework's; one with its own keeps it.
    assert [group.applies_to for group in spec.groups] == ["coordinator", "organisation"]
    assert spec.scale[0].color == "#1a7f37"


def test_applies_to_defaults_to_organisation() -> None:
    spec = parse_framework(data=_mini(), filename="mini.yaml")
    assert spec.applies_to == AppliesTo.ORGANISATION
    assert spec.groups[0].applies_to == AppliesTo.ORGANISATION
    assert spec.source == ""


# --- loading ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_shipped_writes_the_framework_in_order_with_one_audit_event() -> None:
    [kader] = normenkader_load_shipped()
    assert (kader.code, kader.versie, kader.bestandsnaam) == ("ark-2024", 1, "ark-2024.yaml")
    assert list(kader.niveaus.values_list("code", "rang", "kleur")) == [
        ("voldoet", 3, "#39870c"),
        ("kleine-stap", 2, "#ffb612"),
        ("stap", 1, "#d52b1e"),
        ("onbekend", 0, "#b4b4b4"),
    ]
    assert list(kader.groepen.values_list("code", "volgorde", "applies_to")) == [
        ("preventie", 1, "organisation"),
        ("detectie", 2, "organisation"),
        ("respons", 3, "organisation"),
        ("coordinatie", 4, "coordinator"),
    ]
    norms = list(kader.normen.values_list("code", "volgorde", "groep__code"))
    assert [volgorde for _code, volgorde, _groep in norms] == list(range(1, 21))
    assert norms[7] == ("8", 8, "detectie")
    assert norms[19] == ("BZK-5", 20, "coordinatie")
    norm = kader.normen.get(code="10")
    assert norm.bronnen == ["3.7.1", "3.7.2"]
    assert norm.toelichting.startswith("Medewerkers kunnen kiezen")
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id) == (
        "normenkader.geladen",
        "normenkader",
        "ark-2024 v1",
    )
    assert event.details["normen"] == 20
    assert (event.details["niveaus"], event.details["groepen"]) == (4, 4)
    assert event.details["sha256"] == kader.sha256


@pytest.mark.django_db
def test_loading_twice_changes_nothing() -> None:
    [first] = normenkader_load_shipped()
    before = _counts()
    [again] = normenkader_load_shipped()
    kader, created = normenkader_load(acting_user=None, data=ARK.read_bytes(), filename="x.yaml")
    assert (again.pk, kader.pk, created) == (first.pk, first.pk, False)
    assert _counts() == before
    assert Normenkader.objects.count() == 1
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
def test_changed_file_with_the_same_version_is_refused() -> None:
    normenkader_load_shipped()
    changed = ARK.read_bytes().replace(b"Is er een goede meldprocedure?", b"Meldprocedure?")
    assert _refused(changed, filename="ark-2024.yaml") == [
        "ark-2024.yaml: ‘ark-2024’ versie 1 is al geladen met andere inhoud; verhoog "
        "‘version’ om een nieuwe versie te laden."
    ]
    assert Norm.objects.get(code="8").tekst == "Is er een goede meldprocedure?"


@pytest.mark.django_db
def test_a_new_version_loads_beside_the_old_one() -> None:
    normenkader_load_shipped()
    changed = ARK.read_bytes().replace(b"\nversion: 1\n", b"\nversion: 2\n")
    kader, created = normenkader_load(acting_user=None, data=changed, filename="ark-2024-v2.yaml")
    assert created
    assert list(Normenkader.objects.values_list("code", "versie")) == [
        ("ark-2024", 2),
        ("ark-2024", 1),
    ]
    assert kader.normen.count() == 20


@pytest.mark.django_db
def test_a_user_framework_with_five_levels_loads_the_same_way() -> None:
    kader, created = normenkader_load(
        acting_user=None, data=GEMEENTE.read_bytes(), filename=str(GEMEENTE)
    )
    assert created
    # Only the file's name is kept, not where it was on the loading machine.
    assert kader.bestandsnaam == "gemeente-2025.yaml"
    assert (kader.code, kader.versie, kader.applies_to) == (
        "gemeente-integriteit",
        3,
        "coordinator",
    )
    assert list(kader.niveaus.values_list("code", flat=True)) == ["5", "4", "3", "2", "1"]
    assert list(kader.normen.values_list("code", "volgorde", "groep__applies_to")) == [
        ("101", 1, "coordinator"),
        ("B-2", 2, "coordinator"),
        ("201", 3, "organisation"),
    ]
    assert AuditEvent.objects.get().object_id == "gemeente-integriteit v3"


# --- bad input: a Dutch message naming file, line and field; nothing saved -------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            _mini("title: Klein kader\n", "title: [Klein kader\n"),
            "mini.yaml, regel 4: dit is geen geldige YAML (let op inspringing, dubbele punten "
            "en aanhalingstekens): while parsing a flow sequence; expected ',' or ']', but "
            "got ':'.",
            id="yaml-syntax",
        ),
        pytest.param(
            _mini("      - code: 2\n", "      - guidance: zonder code\n"),
            "mini.yaml, regel 13, veld groups[0].norms[1].code: ontbreekt.",
            id="missing-field",
        ),
        pytest.param(
            _mini("      - code: 2\n", "      - code: '1'\n"),
            "mini.yaml, regel 13, veld groups[0].norms[1].code: ‘1’ komt al voor op regel 11.",
            id="duplicate-norm-code",
        ),
        pytest.param(
            _mini('color: "#ff0000"', "color: rood"),
            "mini.yaml, regel 6, veld scale[1].color: ‘rood’ is geen kleur als #rrggbb.",
            id="bad-colour",
        ),
        pytest.param(
            _mini(
                '  - {code: nee, label: Nee, rank: 0, color: "#ff0000"}\n',
                "  - code: nee\n    label: Nee\n    rank: 0\n    color: #ff0000\n",
            ),
            "mini.yaml, regel 9, veld scale[1].color: is leeg; zet de kleur tussen "
            'aanhalingstekens, bv. "#39870c".',
            id="colour-read-as-comment",
        ),
        pytest.param(
            _mini("version: 1\n", 'version: "1"\n'),
            "mini.yaml, regel 2, veld version: moet een heel getal zijn, maar is ‘1’.",
            id="wrong-type",
        ),
        pytest.param(
            b"- code: mini\n- version: 1\n",
            "mini.yaml, regel 1: het bestand moet een object met velden zijn (code, version, "
            "title, scale, groups, …), maar is een lijst.",
            id="root-not-a-mapping",
        ),
        pytest.param(
            _mini("Eerste norm", "Eerste norm").replace(b"Tweede", "Tweede é".encode("latin-1")),
            "mini.yaml, regel 14: het bestand is geen UTF-8; sla het op met de codering UTF-8.",
            id="not-utf-8",
        ),
        pytest.param(
            _mini("  - code: basis\n", "  - code: &g basis\n").replace(
                b"text: Tweede norm", b"text: *g"
            ),
            "mini.yaml, regel 14: verwijzingen (*naam) worden niet ondersteund; schrijf de "
            "waarde voluit.",
            id="alias",
        ),
        pytest.param(
            b"# alleen commentaar\n", "mini.yaml, regel 1: het bestand is leeg.", id="empty"
        ),
        pytest.param(
            _mini() + b"#" * MAX_BYTES,
            "mini.yaml: het bestand is groter dan 1 MB.",
            id="too-big",
        ),
    ],
)
def test_bad_input_is_refused_with_file_line_and_field(data: bytes, expected: str) -> None:
    assert expected in _refused(data)


@pytest.mark.django_db
def test_unknown_key_names_the_closest_known_one() -> None:
    messages = _refused(_mini("    title: Basis\n", "    titel: Basis\n"))
    assert messages == [
        "mini.yaml, regel 8, veld groups[0].title: ontbreekt.",
        "mini.yaml, regel 9, veld groups[0].titel: onbekend veld ‘titel’ (bedoelt u ‘title’?).",
    ]
    [message] = _refused(_mini("version: 1\n", "version: 1\nbronnen: [a]\n"))
    assert (
        message
        == "mini.yaml, regel 3, veld bronnen: onbekend veld ‘bronnen’ (bedoelt u ‘source’?)."
    )


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_framework(data=MANY_PROBLEMS, filename="kader.yaml")
    assert excinfo.value.messages == [
        "kader.yaml, regel 1, veld code: ‘Mini kader’ is geen geldige code: 2 tot 60 tekens, "
        "kleine letters, cijfers, punt, liggend streepje of koppelteken, beginnend met een "
        "letter of cijfer.",
        "kader.yaml, regel 2, veld version: 0 ligt niet tussen 1 en 2147483647.",
        "kader.yaml, regel 3, veld title: is leeg.",
        "kader.yaml, regel 4, veld applies_to: ‘iedereen’ is geen geldige waarde; kies uit: "
        "organisation, coordinator.",
        "kader.yaml, regel 7, veld scale[1].kleur: onbekend veld ‘kleur’ (bedoelt u ‘color’?).",
        "kader.yaml, regel 7, veld scale[1].code: ‘ja’ komt al voor op regel 6.",
        "kader.yaml, regel 7, veld scale[1].rank: ‘1’ komt al voor op regel 6.",
        "kader.yaml, regel 10, veld groups[0].title: moet tekst zijn, maar is ‘5’. Zet de "
        "waarde tussen aanhalingstekens als het tekst is.",
        "kader.yaml, regel 11, veld groups[0].norms: moet minstens 1 onderdeel bevatten, maar "
        "heeft er 0.",
        "kader.yaml, regel 12, veld groups[1].code: ‘basis’ komt al voor op regel 9.",
        "kader.yaml, regel 15, veld groups[1].norms[0].code: moet tekst zijn, maar is ‘yes’. "
        "Zet de waarde tussen aanhalingstekens als het tekst is.",
        'kader.yaml, regel 15, veld groups[1].norms[0].sources[0]: moet tekst zijn, bv. "3.5.2".',
        "kader.yaml, regel 16, veld groups[1].norms[1]: moet een object met velden zijn "
        "(naam: waarde), maar is ‘just text’.",
    ]


def test_a_field_given_twice_is_refused() -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_framework(data=_mini("version: 1\n", "version: 1\nversion: 2\n"), filename="m.yaml")
    assert excinfo.value.messages == [
        "m.yaml, regel 3, veld version: komt twee keer voor (eerder op regel 2)."
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            _mini("Eerste norm", "Eerste \x07norm"),
            "m.yaml, regel 12: dit is geen geldige YAML (let op inspringing, dubbele punten en "
            "aanhalingstekens): teken dat niet in YAML mag staan.",
            id="control-character",
        ),
        pytest.param(
            b"code: mini\n---\ncode: nog een\n",
            "m.yaml, regel 2: dit is geen geldige YAML (let op inspringing, dubbele punten en "
            "aanhalingstekens): expected a single document in the stream; but found another "
            "document.",
            id="two-documents",
        ),
        pytest.param(
            b"groups: " + b"[" * 5_000,
            "m.yaml, regel 1: het bestand is te diep genest.",
            id="deep-nesting",
        ),
        pytest.param(
            _mini("scale:\n", "? [scale]\n: 1\nscale:\n"),
            "m.yaml, regel 4: een veldnaam moet tekst zijn, maar is een lijst.",
            id="key-not-text",
        ),
        pytest.param(
            _mini("title: Klein kader", "title:"),
            "m.yaml, regel 3, veld title: is leeg.",
            id="empty-value",
        ),
        pytest.param(
            _mini("groups:\n", "groups: geen\nx:\n"),
            "m.yaml, regel 7, veld groups: moet een lijst zijn, maar is ‘geen’.",
            id="not-a-list",
        ),
        pytest.param(
            _mini("Basis", "B" * 201),
            "m.yaml, regel 9, veld groups[0].title: is langer dan 200 tekens.",
            id="too-long",
        ),
    ],
)
def test_other_shapes_and_limits(data: bytes, expected: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_framework(data=data, filename="m.yaml")
    assert expected in excinfo.value.messages


# --- the command -----------------------------------------------------------------------


@pytest.mark.django_db
def test_command_loads_and_reports_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_framework", str(ARK), str(GEMEENTE))
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("geladen: Normenkader integriteitsbeleid (Algemene Rekenkamer, 2024)")
    assert out[1].startswith("geladen: Normenkader integriteit gemeenten")
    call_command("load_framework", str(ARK))
    assert capsys.readouterr().out.startswith("al aanwezig: ")
    assert Normenkader.objects.count() == 2


@pytest.mark.django_db
def test_command_exits_1_with_every_message_on_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "kapot.yaml"
    bad.write_bytes(_mini('color: "#ff0000"', "color: rood").replace(b"title: Basis", b"titel: B"))
    before = _counts()
    with pytest.raises(SystemExit) as exit_info:
        call_command("load_framework", str(bad), str(tmp_path / "bestaat-niet.yaml"))
    assert exit_info.value.code == 1
    assert _counts() == before
    err = capsys.readouterr().err.splitlines()
    assert err[:3] == [
        f"{bad}, regel 6, veld scale[1].color: ‘rood’ is geen kleur als #rrggbb.",
        f"{bad}, regel 8, veld groups[0].title: ontbreekt.",
        f"{bad}, regel 9, veld groups[0].titel: onbekend veld ‘titel’ (bedoelt u ‘title’?).",
    ]
    assert err[3].startswith(f"{tmp_path / 'bestaat-niet.yaml'}: kan het bestand niet lezen")
