"""The protocol files (issue 6): the shipped baseline, malformed files refused with a Dutch
message naming file, line and field, the tightening rules (every loosening of the baseline
needs a recorded deviation) and the shipped example of a tightened protocol.

No database: parsing and comparing are plain functions; the gate on a case with the tightened
example is in ``test_poort_aangescherpt.py``.
"""

from __future__ import annotations

import textwrap

import pytest
from django.core.exceptions import ValidationError

from integriteit.common.yaml_lines import MAX_BYTES
from integriteit.onderzoeken import poort
from integriteit.onderzoeken.constants import Soort
from integriteit.onderzoeken.models import Registratie
from integriteit.onderzoeken.protocol import (
    SHIPPED_DIR,
    basis_spec,
    check_tightening,
    parse_protocol,
)
from integriteit.onderzoeken.spec import Afwijking, ProtocolSpec, Sprong, Voorwaarde

BASIS_FASEN = [
    "vooronderzoek",
    "besluit_onderzoek",
    "opdracht",
    "informeren_betrokkene",
    "onderzoek",
    "conceptrapport",
    "wederhoor",
    "eindrapport",
    "besluit",
    "afsluiting",
]

# A small valid protocol; the bad inputs below change one or two of its lines. The line
# numbers in the expected messages are those on the left.
MINI = textwrap.dedent(
    """\
    code: mini
    version: "1"
    title: Klein protocol
    phases:
      - code: begin
        title: Begin
        actors: [coordinator]
        requires:
          - code: keuze
            title: Keuze
            kind: choice
            options:
              - {code: ja, label: Ja}
              - {code: nee, label: Nee}
          - {code: notitie, title: Notitie, kind: text}
        skip_to:
          - when: {requirement: keuze, equals: nee}
            phase: einde
      - code: midden
        title: Midden
        deadline_days: 10
        actors: [onderzoeker]
        requires:
          - {code: verhoren, title: Verhoren, kind: interviews, min: 2}
          - code: datum
            title: Datum
            kind: date
            when: {requirement: keuze, equals: ja}
          - code: vervolg
            title: Vervolg
            kind: choice
            options:
              - {code: a, label: A}
              - {code: b, label: B}
      - code: einde
        title: Einde
        actors: [coordinator]
        requires:
          - {code: lessen, title: Lessen, kind: text}
    """
)


def _mini(old: str, new: str) -> bytes:
    assert MINI.count(old) == 1, old
    return MINI.replace(old, new, 1).encode()


def _refused(data: bytes, filename: str = "mini.yaml") -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        parse_protocol(data=data, filename=filename)
    return excinfo.value.messages


def _keuzes(betrokkenen: int = 0, **keuzes: str) -> poort.Stand:
    """What the gate reads of a case with these choices registered (and nothing counted)."""
    return poort.Stand(
        registraties={code: Registratie(vereiste=code, keuze=k) for code, k in keuzes.items()},
        onderzoekers=0,
        onderzoekers_onafhankelijk=0,
        betrokkenen=betrokkenen,
        verhoren=0,
        verhoren_open=(),
        bewijsstukken=0,
        maatregelen=0,
    )


# --- the shipped baseline ---------------------------------------------------------------------


def test_shipped_baseline_has_the_ten_phases_of_the_issue_in_order() -> None:
    spec = basis_spec()
    assert (spec.code, spec.versie, spec.basis, spec.afwijkingen) == (
        "bipo-basis",
        "2020.1",
        "",
        (),
    )
    assert [fase.code for fase in spec.fasen] == BASIS_FASEN
    assert [fase.termijn_dagen for fase in spec.fasen] == [28, 14, 14, 14, 90, 21, 14, 14, 28, 28]
    assert spec.fase("besluit_onderzoek").actoren == ("bevoegd_gezag",)
    assert spec.fase("besluit").actoren == ("bevoegd_gezag",)
    assert spec.fase("onderzoek").actoren == ("onderzoeker",)
    # Every phase but the last asks for something before the next may start.
    assert all(fase.vereisten for fase in spec.fasen)
    _fase, onafhankelijkheid = spec.vereiste("onafhankelijkheid")
    assert (onafhankelijkheid.soort, onafhankelijkheid.door) == (
        Soort.ONAFHANKELIJKHEID,
        ("onderzoeker",),
    )
    _fase, verhoren = spec.vereiste("verhoren")
    assert (verhoren.soort, verhoren.minimum) == (Soort.VERHOREN, 1)


def test_shipped_baseline_skips_from_the_decision_to_closing() -> None:
    spec = basis_spec()
    assert spec.fase("besluit_onderzoek").sprongen == (
        Sprong(voorwaarde=Voorwaarde("besluit", ("niet_onderzoeken",)), naar="afsluiting"),
    )
    assert [fase.code for fase in spec.fasen if fase.sprongen] == ["besluit_onderzoek"]

    assert poort.volgende(spec, "besluit_onderzoek", _keuzes(besluit="niet_onderzoeken")) == (
        "afsluiting"
    )
    assert poort.volgende(spec, "besluit_onderzoek", _keuzes(besluit="onderzoeken")) == "opdracht"
    assert poort.volgende(spec, "besluit", _keuzes(besluit="niet_onderzoeken")) == "afsluiting"
    assert poort.volgende(spec, "afsluiting", _keuzes()) is None


def test_shipped_baseline_conditional_requirements() -> None:
    spec = basis_spec()
    conditions = {
        vereiste.code: (fase.code, vereiste.voorwaarde.vereiste, vereiste.voorwaarde.is_gelijk)
        for fase in spec.fasen
        for vereiste in fase.vereisten
        if vereiste.voorwaarde is not None
    }
    assert conditions == {
        "geinformeerd_op": ("informeren_betrokkene", "informeren", ("geinformeerd",)),
        "uitstel_reden": ("informeren_betrokkene", "informeren", ("uitgesteld",)),
        "alsnog_geinformeerd_op": ("onderzoek", "informeren", ("uitgesteld",)),
        "reactie_verwerking": ("wederhoor", "reactie_betrokkene", ("gereageerd",)),
        "afzien_op": ("wederhoor", "reactie_betrokkene", ("afgezien",)),
        "maatregelen": ("besluit", "uitkomst", ("vastgesteld",)),
        "melder_geinformeerd_op": ("afsluiting", "melder_informeren", ("geinformeerd",)),
        "betrokkene_geinformeerd_op": ("afsluiting", "besluit", ("onderzoeken",)),
    }
    # A condition holds only when the choice has the value: postponing informing the subject
    # asks for a reason, not a date.
    fase = spec.fase("informeren_betrokkene")
    huidig = _keuzes(informeren="uitgesteld", betrokkenen=1)
    assert [o.vereiste.code for o in poort.ontbrekend_in(fase, huidig)] == ["uitstel_reden"]


def test_mini_parses() -> None:
    spec = parse_protocol(data=MINI.encode(), filename="mini.yaml")
    assert [fase.code for fase in spec.fasen] == ["begin", "midden", "einde"]
    assert spec.fase("midden").termijn_dagen == 10
    assert spec.fase("begin").termijn_dagen is None
    assert spec.vereiste("verhoren")[1].minimum == 2
    assert spec.vereiste("keuze")[1].opties == (("ja", "Ja"), ("nee", "Nee"))


# --- malformed files --------------------------------------------------------------------------


def test_yaml_syntax_error_names_the_line() -> None:
    assert _refused(_mini("title: Klein protocol", "title: [Klein")) == [
        "mini.yaml, regel 4: dit is geen geldige YAML (let op inspringing, dubbele punten en "
        "aanhalingstekens): while parsing a flow sequence; expected ',' or ']', but got ':'."
    ]


def test_unknown_field_with_dutch_suggestion() -> None:
    assert _refused(_mini("title: Klein protocol", "titel: Klein protocol")) == [
        "mini.yaml, regel 1, veld title: ontbreekt.",
        "mini.yaml, regel 3, veld titel: onbekend veld ‘titel’ (bedoelt u ‘title’?).",
    ]
    assert _refused(_mini("    deadline_days: 10", "    termijn: 10")) == [
        "mini.yaml, regel 21, veld phases[1].termijn: onbekend veld ‘termijn’.",
    ]


def test_missing_and_unknown_kind() -> None:
    line = "      - {code: notitie, title: Notitie, kind: text}"
    assert _refused(_mini(line, "      - {code: notitie, title: Notitie}")) == [
        "mini.yaml, regel 15, veld phases[0].requires[1].kind: ontbreekt."
    ]
    assert _refused(_mini(line, "      - {code: notitie, title: Notitie, kind: tekst}")) == [
        "mini.yaml, regel 15, veld phases[0].requires[1].kind: ‘tekst’ is geen geldige waarde; "
        "kies uit: text, date, choice, document, investigators, independence, interviews, "
        "evidence, sanctions, subject."
    ]


def test_choice_needs_two_options() -> None:
    messages = _refused(_mini("          - {code: b, label: B}\n", ""))
    assert messages == [
        "mini.yaml, regel 33, veld phases[1].requires[2].options: moet minstens 2 onderdelen "
        "bevatten, maar heeft er 1."
    ]
    messages = _refused(
        _mini(
            "{code: lessen, title: Lessen, kind: text}",
            "{code: lessen, title: Lessen, kind: choice}",
        )
    )
    assert messages == ["mini.yaml, regel 39, veld phases[2].requires[0].options: ontbreekt."]


def test_min_only_on_a_count() -> None:
    old = "{code: notitie, title: Notitie, kind: text}"
    assert _refused(_mini(old, "{code: notitie, title: Notitie, kind: text, min: 2}")) == [
        "mini.yaml, regel 15, veld phases[0].requires[1].min: hoort alleen bij een telling "
        "(evidence, interviews, investigators, sanctions, subject)."
    ]
    old = "{code: verhoren, title: Verhoren, kind: interviews, min: 2}"
    assert _refused(_mini(old, "{code: verhoren, title: Verhoren, kind: interviews, min: 0}")) == [
        "mini.yaml, regel 24, veld phases[1].requires[0].min: 0 ligt niet tussen 1 en 100."
    ]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (
            "{requirement: onbekend, equals: ja}",
            "veld phases[1].requires[1].when.requirement: ‘onbekend’ is geen keuze in deze of "
            "een eerdere fase.",
        ),
        (
            "{requirement: notitie, equals: ja}",
            "veld phases[1].requires[1].when.requirement: ‘notitie’ is geen keuze in deze of "
            "een eerdere fase.",
        ),
        (
            "{requirement: keuze, equals: misschien}",
            "veld phases[1].requires[1].when.equals: ‘misschien’ is geen optie van ‘keuze’ "
            "(ja, nee).",
        ),
        (
            "{requirement: keuze, equals: [ja, nooit]}",
            "veld phases[1].requires[1].when.equals: ‘nooit’ is geen optie van ‘keuze’ (ja, nee).",
        ),
    ],
)
def test_when_names_an_earlier_choice_and_one_of_its_options(when: str, message: str) -> None:
    data = _mini("        when: {requirement: keuze, equals: ja}", f"        when: {when}")
    assert _refused(data) == [f"mini.yaml, regel 28, {message}"]


def test_when_may_not_name_a_later_phases_choice() -> None:
    old = "      - {code: notitie, title: Notitie, kind: text}"
    new = (
        "      - {code: notitie, title: Notitie, kind: text,"
        " when: {requirement: vervolg, equals: a}}"
    )
    assert _refused(_mini(old, new)) == [
        "mini.yaml, regel 15, veld phases[0].requires[1].when.requirement: ‘vervolg’ is geen "
        "keuze in deze of een eerdere fase."
    ]


def test_skip_condition_is_a_choice_of_this_or_an_earlier_phase() -> None:
    # The skip is taken when leaving "begin": a choice of the next phase is not known yet.
    data = _mini(
        "      - when: {requirement: keuze, equals: nee}",
        "      - when: {requirement: vervolg, equals: a}",
    )
    assert _refused(data) == [
        "mini.yaml, regel 17, veld phases[0].skip_to[0].when.requirement: ‘vervolg’ is geen "
        "keuze in deze of een eerdere fase."
    ]


@pytest.mark.parametrize("target", ["begin", "nergens"])
def test_skip_goes_to_a_later_phase(target: str) -> None:
    assert _refused(_mini("        phase: einde", f"        phase: {target}")) == [
        f"mini.yaml, regel 18, veld phases[0].skip_to[0].phase: ‘{target}’ is geen latere fase "
        "van dit protocol."
    ]


def test_duplicate_codes_name_the_first_line() -> None:
    assert _refused(_mini("  - code: midden", "  - code: begin")) == [
        "mini.yaml, regel 19, veld phases[1].code: ‘begin’ komt al voor op regel 5."
    ]
    assert _refused(_mini("{code: lessen,", "{code: notitie,")) == [
        "mini.yaml, regel 39, veld phases[2].requires[0].code: ‘notitie’ komt al voor op regel 15."
    ]


def test_actor_must_be_a_staff_role() -> None:
    assert _refused(_mini("actors: [onderzoeker]", "actors: [directeur]")) == [
        "mini.yaml, regel 22, veld phases[1].actors: ‘directeur’ is geen rol; kies uit: "
        "bevoegd_gezag, coordinator, onderzoeker."
    ]
    # The subject is described in a case, not a user: it cannot act in a phase.
    assert _refused(_mini("actors: [onderzoeker]", "actors: [onderzoeker, betrokkene]")) == [
        "mini.yaml, regel 22, veld phases[1].actors: ‘betrokkene’ is geen rol; kies uit: "
        "bevoegd_gezag, coordinator, onderzoeker."
    ]


def test_deviations_only_in_a_tightened_protocol() -> None:
    data = _mini("phases:\n", "deviations:\n  - {what: 'termijn:midden', reason: Omdat}\nphases:\n")
    assert _refused(data) == [
        "mini.yaml, regel 5, veld deviations: alleen een aangescherpt protocol (met base) kan "
        "afwijken."
    ]


def test_deviation_names_a_kind_and_a_code() -> None:
    data = _mini(
        "phases:\n",
        "base: bipo-basis\ndeviations:\n  - {what: 'deadline:midden', reason: Omdat}\nphases:\n",
    )
    assert _refused(data) == [
        "mini.yaml, regel 6, veld deviations[0].what: ‘deadline:midden’: schrijf soort:code, met "
        "als soort een van fase, vereiste, minimum, termijn, voorwaarde, actoren, opties, sprong."
    ]


def test_too_large_file_refused() -> None:
    data = MINI.encode() + b"#" * MAX_BYTES
    assert _refused(data) == ["mini.yaml: het bestand is groter dan 1 MB."]


def test_aliases_refused() -> None:
    old = "      - {code: notitie, title: Notitie, kind: text}"
    new = (
        "      - {code: notitie, title: &titel Notitie, kind: text}\n"
        "      - {code: notitie2, title: *titel, kind: text}"
    )
    assert _refused(_mini(old, new)) == [
        "mini.yaml, regel 16: verwijzingen (*naam) worden niet ondersteund; schrijf de waarde "
        "voluit."
    ]


def test_all_problems_at_once_ordered_by_line() -> None:
    data = _mini("title: Klein protocol", "titel: Klein protocol")
    data = data.replace(b"actors: [onderzoeker]", b"actors: [directeur]")
    data = data.replace(b"phase: einde", b"phase: begin")
    assert _refused(data) == [
        "mini.yaml, regel 1, veld title: ontbreekt.",
        "mini.yaml, regel 3, veld titel: onbekend veld ‘titel’ (bedoelt u ‘title’?).",
        "mini.yaml, regel 18, veld phases[0].skip_to[0].phase: ‘begin’ is geen latere fase van "
        "dit protocol.",
        "mini.yaml, regel 22, veld phases[1].actors: ‘directeur’ is geen rol; kies uit: "
        "bevoegd_gezag, coordinator, onderzoeker.",
    ]


# --- tightening -------------------------------------------------------------------------------

BASIS_TEKST = (SHIPPED_DIR / "bipo-basis.yaml").read_text(encoding="utf-8")
# Without the comment block on top, so that the ministry's file starts on line 1.
BASIS_KERN = BASIS_TEKST[BASIS_TEKST.index("code: bipo-basis") :]


def _eigen(*wijzigingen: tuple[str, str], afwijkingen: dict[str, str] | None = None) -> str:
    """The baseline as a ministry's file (``base: bipo-basis``) with text replaced, and
    deviations added at the end."""
    tekst = BASIS_KERN.replace("code: bipo-basis\n", "code: ministerie-x\nbase: bipo-basis\n", 1)
    for oud, nieuw in wijzigingen:
        assert tekst.count(oud) == 1, oud
        tekst = tekst.replace(oud, nieuw)
    if afwijkingen:
        tekst += "\ndeviations:\n" + "".join(
            f"  - what: {wat}\n    reason: {reden}\n" for wat, reden in afwijkingen.items()
        )
    return tekst


def _fase_blok(code: str) -> str:
    """The text of one phase of the baseline, from its ``- code:`` line to the next phase."""
    start = BASIS_KERN.index(f"\n  - code: {code}\n") + 1
    einde = BASIS_KERN.find("\n  - code: ", start + 1)
    return BASIS_KERN[start : einde + 1 if einde != -1 else len(BASIS_KERN)]


def _check(tekst: str, basis: ProtocolSpec | None = None) -> ProtocolSpec:
    return check_tightening(
        data=tekst.encode(), filename="ministerie-x.yaml", basis=basis or basis_spec()
    )


def _check_refused(tekst: str, basis: ProtocolSpec | None = None) -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        _check(tekst, basis)
    return excinfo.value.messages


def _regel(tekst: str, fragment: str) -> int:
    assert tekst.count(fragment) == 1, fragment
    return tekst[: tekst.index(fragment)].count("\n") + 1


def test_the_baseline_itself_passes() -> None:
    spec = _check(_eigen())
    assert [fase.code for fase in spec.fasen] == BASIS_FASEN
    assert (spec.code, spec.basis, spec.afwijkingen) == ("ministerie-x", "bipo-basis", ())


def test_tightening_without_deviations_is_accepted() -> None:
    tekst = _eigen(
        # a requirement added
        (
            "      - {code: planning, title: Verwachte einddatum, kind: date, future: true}\n",
            "      - {code: planning, title: Verwachte einddatum, kind: date, future: true}\n"
            "      - {code: geheimhouding, title: Geheimhoudingsverklaringen, kind: document}\n",
        ),
        # a minimum raised
        (
            "{code: bewijslog, title: Bewijslog, kind: evidence, min: 1}",
            "{code: bewijslog, title: Bewijslog, kind: evidence, min: 3}",
        ),
        # a deadline shortened
        ("    deadline_days: 90\n", "    deadline_days: 60\n"),
        # a phase added
        (
            "\n  - code: besluit\n",
            "\n  - code: juridische_toets\n"
            "    title: Juridische toets\n"
            "    deadline_days: 7\n"
            "    actors: [coordinator]\n"
            "    requires:\n"
            "      - {code: toets, title: Advies van de juridische afdeling, kind: document}\n"
            "\n"
            "  - code: besluit\n",
        ),
    )
    spec = _check(tekst)
    assert [f.code for f in spec.fasen] == [*BASIS_FASEN[:8], "juridische_toets", *BASIS_FASEN[8:]]
    assert spec.fase("onderzoek").termijn_dagen == 60
    assert spec.vereiste("bewijslog")[1].minimum == 3
    assert spec.vereiste("geheimhouding")[0].code == "opdracht"
    assert spec.afwijkingen == ()


# (description, deviation key, replacements)
LOOSENINGS: list[tuple[str, str, tuple[tuple[str, str], ...]]] = [
    (
        "De fase ‘conceptrapport’ van de basis ontbreekt.",
        "fase:conceptrapport",
        ((_fase_blok("conceptrapport"), ""),),
    ),
    (
        "De vereiste ‘lessen’ van de basis ontbreekt in ‘afsluiting’.",
        "vereiste:lessen",
        (("      - {code: lessen, title: Lessen voor beleid en beheersing, kind: text}", ""),),
    ),
    (
        "De termijn van ‘wederhoor’ is langer dan 14 dagen.",
        "termijn:wederhoor",
        (
            (
                "daarvan af.\n    deadline_days: 14\n",
                "daarvan af.\n    deadline_days: 21\n",
            ),
        ),
    ),
    (
        "De termijn van ‘vooronderzoek’ is langer dan 28 dagen.",
        "termijn:vooronderzoek",
        (
            (
                "Nog geen verhoren van de betrokkene.\n    deadline_days: 28\n",
                "Nog geen verhoren van de betrokkene.\n",
            ),
        ),
    ),
    (
        "Andere rollen handelen in ‘afsluiting’ dan in de basis.",
        "actoren:afsluiting",
        (
            (
                "integriteitscoördinator.\n    deadline_days: 28\n    actors: [coordinator]",
                "integriteitscoördinator.\n    deadline_days: 28\n"
                "    actors: [coordinator, onderzoeker]",
            ),
        ),
    ),
    (
        "Andere rollen registreren ‘onafhankelijkheid’ dan in de basis.",
        "actoren:onafhankelijkheid",
        (("        by: [onderzoeker]\n", ""),),
    ),
    (
        "De opties van ‘informeren’ wijken af van de basis.",
        "opties:informeren",
        (
            (
                "          - {code: uitgesteld, label: Informeren is uitgesteld}\n",
                "          - {code: uitgesteld, label: Informeren is uitgesteld}\n"
                "          - {code: niet_nodig, label: Informeren is niet nodig}\n",
            ),
        ),
    ),
    (
        "‘wederhoor’ kan fasen overslaan die de basis niet overslaat.",
        "sprong:wederhoor",
        (
            (
                "        when: {requirement: reactie_betrokkene, equals: afgezien}\n",
                "        when: {requirement: reactie_betrokkene, equals: afgezien}\n"
                "    skip_to:\n"
                "      - when: {requirement: reactie_betrokkene, equals: afgezien}\n"
                "        phase: besluit\n",
            ),
        ),
    ),
    (
        "‘lessen’ geldt minder vaak dan in de basis.",
        "voorwaarde:lessen",
        (
            (
                "      - {code: lessen, title: Lessen voor beleid en beheersing, kind: text}",
                "      - code: lessen\n"
                "        title: Lessen voor beleid en beheersing\n"
                "        kind: text\n"
                "        when: {requirement: besluit, equals: onderzoeken}",
            ),
        ),
    ),
    (
        # A phase of the ministry's own that jumps over phases of the baseline.
        "‘snelle_toets’ kan fasen overslaan die de basis niet overslaat.",
        "sprong:snelle_toets",
        (
            (
                "\n  - code: opdracht\n",
                "\n  - code: snelle_toets\n"
                "    title: Snelle toets\n"
                "    actors: [coordinator]\n"
                "    requires:\n"
                "      - code: uitkomst_toets\n"
                "        title: Uitkomst van de toets\n"
                "        kind: choice\n"
                "        options:\n"
                "          - {code: verder, label: Verder onderzoeken}\n"
                "          - {code: klaar, label: Klaar}\n"
                "    skip_to:\n"
                "      - when: {requirement: uitkomst_toets, equals: klaar}\n"
                "        phase: besluit\n"
                "\n"
                "  - code: opdracht\n",
            ),
        ),
    ),
]


@pytest.mark.parametrize(
    ("beschrijving", "sleutel", "wijzigingen"),
    LOOSENINGS,
    ids=[sleutel for _b, sleutel, _w in LOOSENINGS],
)
def test_each_loosening_needs_a_deviation(
    beschrijving: str, sleutel: str, wijzigingen: tuple[tuple[str, str], ...]
) -> None:
    assert _check_refused(_eigen(*wijzigingen)) == [
        f"ministerie-x.yaml, regel 1, veld deviations: {beschrijving} Dat mag alleen met een "
        f"reden: voeg onder deviations toe: what: {sleutel}, reason: …"
    ]
    reden = "Afgesproken met de ondernemingsraad."
    spec = _check(_eigen(*wijzigingen, afwijkingen={sleutel: reden}))
    assert spec.afwijkingen == (Afwijking(wat=sleutel, reden=reden),)


def test_a_lower_minimum_needs_a_deviation() -> None:
    # The shipped baseline asks for one of everything; compare with a stricter one.
    strenger = parse_protocol(
        data=BASIS_KERN.replace(
            "kind: interviews, min: 1}", "kind: interviews, min: 2}", 1
        ).encode(),
        filename="bipo-basis.yaml",
    )
    assert _check_refused(_eigen(), basis=strenger) == [
        "ministerie-x.yaml, regel 1, veld deviations: Het minimum van ‘verhoren’ is lager dan 2. "
        "Dat mag alleen met een reden: voeg onder deviations toe: what: minimum:verhoren, "
        "reason: …"
    ]
    spec = _check(_eigen(afwijkingen={"minimum:verhoren": "Eén verhoor volstaat."}), strenger)
    assert spec.vereiste("verhoren")[1].minimum == 1


def test_a_deviation_without_a_reason_is_refused() -> None:
    tekst = _eigen(
        ("daarvan af.\n    deadline_days: 14\n", "daarvan af.\n    deadline_days: 21\n"),
        afwijkingen={"termijn:wederhoor": '""'},
    )
    regel = _regel(tekst, 'reason: ""')
    assert _check_refused(tekst) == [
        f"ministerie-x.yaml, regel {regel}, veld deviations[0].reason: is leeg."
    ]


def test_a_deviation_that_loosens_nothing_is_refused() -> None:
    tekst = _eigen(afwijkingen={"termijn:onderzoek": "Voor de zekerheid."})
    assert _check_refused(tekst) == [
        f"ministerie-x.yaml, regel {_regel(tekst, '  - what: termijn:onderzoek')}, veld "
        "deviations: ‘termijn:onderzoek’ versoepelt niets ten opzichte van de basis; haal deze "
        "afwijking weg."
    ]


def test_reordered_phases_refused() -> None:
    concept, wederhoor = _fase_blok("conceptrapport"), _fase_blok("wederhoor")
    tekst = _eigen((concept + wederhoor, wederhoor + concept))
    assert _check_refused(tekst) == [
        "ministerie-x.yaml, regel 1, veld phases: de fasen van de basis moeten in dezelfde "
        "volgorde staan."
    ]


def test_changed_kind_refused() -> None:
    tekst = _eigen(
        (
            "{code: planning, title: Verwachte einddatum, kind: date, future: true}",
            "{code: planning, title: Verwachte einddatum, kind: text}",
        )
    )
    regel = _regel(tekst, "{code: planning,")
    assert _check_refused(tekst) == [
        f"ministerie-x.yaml, regel {regel}, veld planning.kind: moet kind: date blijven, zoals in "
        "de basis."
    ]


def test_base_must_name_the_baseline() -> None:
    tekst = _eigen(("base: bipo-basis\n", "base: iets-anders\n"))
    assert _check_refused(tekst) == [
        "ministerie-x.yaml, regel 1, veld base: moet ‘bipo-basis’ zijn."
    ]


def test_tightening_also_reports_the_files_own_problems() -> None:
    tekst = _eigen(("    deadline_days: 90\n", "    deadline_days: negentig\n"))
    regel = _regel(tekst, "deadline_days: negentig")
    assert _check_refused(tekst) == [
        f"ministerie-x.yaml, regel {regel}, veld phases[4].deadline_days: moet een heel getal "
        "zijn, maar is ‘negentig’."
    ]


# --- the shipped example of a tightened protocol ------------------------------------------------

VOORBEELD = SHIPPED_DIR / "voorbeeld-aangescherpt.yaml"


def test_shipped_example_is_a_valid_tightening() -> None:
    spec = check_tightening(
        data=VOORBEELD.read_bytes(), filename=VOORBEELD.name, basis=basis_spec()
    )
    assert (spec.code, spec.basis) == ("voorbeeld-aangescherpt", "bipo-basis")
    assert [fase.code for fase in spec.fasen] == BASIS_FASEN
    fase, rijksrecherche = spec.vereiste("rijksrecherche")
    assert (fase.code, rijksrecherche.soort) == ("vooronderzoek", Soort.KEUZE)
    assert rijksrecherche.titel == "Melding bij de Rijksrecherche overwogen"
    assert spec.vereiste("verhoren")[1].minimum == 2
    assert spec.fase("onderzoek").termijn_dagen == 60
    assert spec.fase("wederhoor").termijn_dagen == 21
    assert [a.wat for a in spec.afwijkingen] == ["termijn:wederhoor"]
    assert "ondernemingsraad" in spec.afwijkingen[0].reden


def test_shipped_example_without_its_deviation_is_refused() -> None:
    tekst = VOORBEELD.read_text(encoding="utf-8")
    zonder = tekst[: tekst.index("\ndeviations:")] + "\n"
    with pytest.raises(ValidationError) as excinfo:
        check_tightening(data=zonder.encode(), filename=VOORBEELD.name, basis=basis_spec())
    assert [m.split(": ", 1)[1] for m in excinfo.value.messages] == [
        "De termijn van ‘wederhoor’ is langer dan 14 dagen. Dat mag alleen met een reden: voeg "
        "onder deviations toe: what: termijn:wederhoor, reason: …"
    ]


def test_future_is_a_date_flag() -> None:
    spec = basis_spec()
    _fase, planning = spec.vereiste("planning")
    assert planning.toekomst
    assert not spec.vereiste("geinformeerd_op")[1].toekomst
    old = "      - {code: notitie, title: Notitie, kind: text}"
    assert _refused(
        _mini(old, "      - {code: notitie, title: Notitie, kind: text, future: true}")
    ) == ["mini.yaml, regel 15, veld phases[0].requires[1].future: hoort alleen bij kind: date."]
    assert _refused(
        _mini(old, "      - {code: notitie, title: Notitie, kind: date, future: ja}")
    ) == [
        "mini.yaml, regel 15, veld phases[0].requires[1].future: moet true of false zijn, "
        "maar is ‘ja’."
    ]


def test_the_registration_form_takes_a_planned_day_only_where_the_protocol_allows() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from integriteit.onderzoeken.forms import registratie_form

    morgen = (timezone.localdate() + timedelta(days=30)).isoformat()
    spec = basis_spec()
    planning = registratie_form(spec.vereiste("planning")[1], {"reg-planning-waarde": morgen})
    assert planning.is_valid(), planning.errors
    geweest = spec.vereiste("geinformeerd_op")[1]
    form = registratie_form(geweest, {"reg-geinformeerd_op-waarde": morgen})
    assert not form.is_valid()
    assert form.errors["waarde"] == ["Deze datum ligt in de toekomst."]
