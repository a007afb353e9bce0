"""Stored protocols: the baseline row made once, a ministry's tightened protocol loaded with
the management command (and refused, nothing saved, when it loosens the baseline), the
active protocol per organisation and ancestor, and a tightened requirement enforced by the
gate like any other. Also the seeded list of measures."""

from __future__ import annotations

import importlib
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.onderzoeken import services
from integriteit.onderzoeken.models import Maatregelsoort, Protocol
from integriteit.onderzoeken.protocol import SHIPPED_DIR
from integriteit.onderzoeken.protocollen import actief_protocol, basis_protocol, protocol_laden
from integriteit.onderzoeken.tests.helpers import Team, fase_vervullen, openen

BASIS = (SHIPPED_DIR / "bipo-basis.yaml").read_text(encoding="utf-8")
ANKER = (
    "        guidance: Wel of geen onderzoek, en waarom; welke vragen een onderzoek moet "
    "beantwoorden.\n"
)
EXTRA = "      - {code: ocw_toets, title: Toets door de landsadvocaat, kind: text}\n"


def _aangescherpt(versie: str = "2026.1", extra: str = EXTRA) -> str:
    assert ANKER in BASIS
    tekst = BASIS.replace("code: bipo-basis\n", "code: ocw-onderzoek\nbase: bipo-basis\n", 1)
    tekst = tekst.replace('version: "2020.1"', f'version: "{versie}"', 1)
    return tekst.replace(ANKER, ANKER + extra, 1)


def _bestand(tmp_path: Path, tekst: str, naam: str = "ocw.yaml") -> Path:
    path = tmp_path / naam
    path.write_text(tekst, encoding="utf-8")
    return path


def _laden(path: Path, organisatie: str = "OCW") -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("load_protocol", str(path), organisation=organisatie, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_basis_protocol_is_made_once(db: None) -> None:
    eerste = basis_protocol()
    assert basis_protocol().pk == eerste.pk
    assert Protocol.objects.count() == 1
    assert (eerste.code, eerste.versie, eerste.organisatie) == ("bipo-basis", "2020.1", None)
    assert eerste.yaml == BASIS and eerste.actief


def test_changed_baseline_under_the_same_version_is_refused(db: None) -> None:
    Protocol.objects.filter(pk=basis_protocol().pk).update(sha256="0" * 64)
    with pytest.raises(RuntimeError, match="verhoog version"):
        basis_protocol()


def test_load_protocol_command(world: World, tmp_path: Path) -> None:
    code, out, err = _laden(_bestand(tmp_path, _aangescherpt()))
    assert (code, err) == (0, "")
    assert "Geladen:" in out and "OCW" in out
    protocol = Protocol.objects.get(organisatie=world.ocw)
    assert protocol.actief and protocol.basis == basis_protocol()
    assert (protocol.code, protocol.versie) == ("ocw-onderzoek", "2026.1")
    assert AuditEvent.objects.filter(
        action="onderzoek.protocol_geladen", object_id=str(protocol.pk)
    ).exists()
    code, out, _err = _laden(_bestand(tmp_path, _aangescherpt()))
    assert code == 0 and "Al aanwezig" in out
    assert Protocol.objects.filter(organisatie=world.ocw).count() == 1


def test_load_protocol_refuses_a_loosening_and_saves_nothing(world: World, tmp_path: Path) -> None:
    losser = _aangescherpt().replace(
        "      - {code: planning, title: Verwachte einddatum, kind: date, future: true}\n", ""
    )
    code, out, err = _laden(_bestand(tmp_path, losser))
    assert code == 1 and out == ""
    assert "Niet geladen; niets is opgeslagen:" in err
    assert "De vereiste ‘planning’ van de basis ontbreekt in ‘opdracht’." in err
    assert "what: vereiste:planning" in err
    assert not Protocol.objects.filter(organisatie__isnull=False).exists()
    assert not AuditEvent.objects.filter(action="onderzoek.protocol_geladen").exists()


def test_load_protocol_other_errors(world: World, tmp_path: Path) -> None:
    code, _out, err = _laden(_bestand(tmp_path, _aangescherpt()), organisatie="XYZ")
    assert code == 1 and "Er is geen organisatie met de code XYZ." in err
    code, _out, err = _laden(tmp_path / "bestaat-niet.yaml")
    assert code == 1 and "kan het bestand niet lezen" in err
    code, _out, err = _laden(_bestand(tmp_path, "code: [x\n"))
    assert code == 1 and "regel" in err
    assert not Protocol.objects.filter(organisatie__isnull=False).exists()


def test_same_version_other_content_is_refused(world: World) -> None:
    protocol_laden(organisatie=world.ocw, data=_aangescherpt().encode(), filename="a.yaml")
    anders = _aangescherpt(extra=EXTRA.replace("landsadvocaat", "jurist"))
    with pytest.raises(ValidationError) as fout:
        protocol_laden(organisatie=world.ocw, data=anders.encode(), filename="b.yaml")
    assert set(fout.value.message_dict) == {"version"}


def test_active_protocol_per_organisation_and_ancestor(world: World, team: Team) -> None:
    assert actief_protocol(world.ocw_unit) == basis_protocol()
    oud = openen(world, team)
    v1, nieuw = protocol_laden(
        organisatie=world.ocw,
        data=_aangescherpt().encode(),
        filename="ocw.yaml",
        door=team.coordinator,
    )
    assert nieuw and v1.geladen_door == team.coordinator
    assert actief_protocol(world.ocw) == v1
    assert actief_protocol(world.ocw_unit) == v1  # from the nearest ancestor
    assert actief_protocol(world.fin) == basis_protocol()
    v2, _nieuw = protocol_laden(
        organisatie=world.ocw, data=_aangescherpt("2026.2").encode(), filename="ocw.yaml"
    )
    v1.refresh_from_db()
    assert not v1.actief and v2.actief and actief_protocol(world.ocw) == v2
    oud.refresh_from_db()
    assert oud.protocol == basis_protocol()  # a running case keeps its protocol
    assert openen(world, team).protocol == v2
    with pytest.raises(PermissionDenied):
        protocol_laden(
            organisatie=world.ocw, data=_aangescherpt("3").encode(), filename="x", door=team.fin
        )


def test_tightened_requirement_is_enforced(world: World, team: Team) -> None:
    protocol_laden(organisatie=world.ocw, data=_aangescherpt().encode(), filename="ocw.yaml")
    onderzoek = openen(world, team)
    fase_vervullen(team, onderzoek, {}, behalve="ocw_toets")
    with pytest.raises(ValidationError) as fout:
        services.fase_afronden(onderzoek=onderzoek, door=team.coordinator)
    assert fout.value.messages == ["Toets door de landsadvocaat: nog niet vastgelegd."]
    services.registreren(
        onderzoek=onderzoek, door=team.coordinator, vereiste_code="ocw_toets", waarde="Akkoord"
    )
    assert services.fase_afronden(onderzoek=onderzoek, door=team.coordinator).fase == (
        "besluit_onderzoek"
    )


def test_seeded_measures(db: None) -> None:
    migratie = importlib.import_module("integriteit.onderzoeken.migrations.0002_maatregelsoorten")
    migratie.seed(apps, None)
    migratie.seed(apps, None)  # idempotent
    soorten = Maatregelsoort.objects.all()
    assert soorten.count() == 14
    disciplinair = soorten.filter(disciplinair=True)
    assert disciplinair.count() == 8
    assert set(disciplinair.values_list("bron", flat=True)) == {"ARAR art. 81"}
    assert {"schriftelijke_berisping", "ontslag", "geen_maatregel", "aangifte"} <= set(
        soorten.values_list("code", flat=True)
    )
