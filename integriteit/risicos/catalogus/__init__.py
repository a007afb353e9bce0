"""The starter catalogue of integrity risks (``starter.yaml``), written by us from the Court
of Audit report and public guidance, and its loader with line-numbered checks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from yaml.nodes import ScalarNode

from integriteit.common.schendingen import Schending
from integriteit.common.yaml_lines import (
    STR_TAG,
    Fields,
    Problems,
    Unique,
    describe,
    line_of,
    read_code,
    read_fields,
    read_list,
    read_text,
    read_tree,
)
from integriteit.risicos.constants import KwetsbaarGebied

STARTER = Path(__file__).with_name("starter.yaml")

_TOP = ("code", "titel", "versie", "toelichting", "risicos")
_ITEM = ("code", "titel", "omschrijving", "schending", "gebied", "beheersmaatregelen", "bron")


@dataclass(frozen=True)
class CatalogusRisico:
    code: str
    titel: str
    omschrijving: str
    schending: str
    gebied: str
    beheersmaatregelen: tuple[str, ...]
    bron: str

    @property
    def schending_label(self) -> str:
        return str(Schending(self.schending).label)

    @property
    def gebied_label(self) -> str:
        return str(KwetsbaarGebied(self.gebied).label)


def _keuze(fields: Fields, key: str, keuzes: list[str]) -> str:
    node = fields.present(key, required=True)
    if node is None:
        return ""
    if isinstance(node, ScalarNode) and node.tag == STR_TAG and node.value in keuzes:
        return str(node.value)
    tekst = _("%(gevonden)s is geen geldige waarde; kies uit: %(keuzes)s.")
    fields.add(node, key, tekst % {"gevonden": describe(node), "keuzes": ", ".join(keuzes)})
    return ""


def _maatregelen(fields: Fields) -> tuple[str, ...]:
    uit: list[str] = []
    for path, node in read_list(fields, "beheersmaatregelen", min_items=1):
        if isinstance(node, ScalarNode) and node.tag == STR_TAG and str(node.value).strip():
            uit.append(str(node.value))
        else:
            tekst = _("moet tekst zijn, maar is %(gevonden)s.") % {"gevonden": describe(node)}
            fields.problems.add(line_of(node), path, tekst)
    return tuple(uit)


def _item(problems: Problems, path: str, node: object, codes: Unique) -> CatalogusRisico | None:
    fields = read_fields(problems, node, path, _ITEM)  # type: ignore[arg-type]
    if fields is None:
        return None
    code = read_code(fields, "code", max_length=20)
    codes.check(code, line=fields.line, path=fields.at("code"))
    return CatalogusRisico(
        code=code,
        titel=read_text(fields, "titel", max_length=200),
        omschrijving=read_text(fields, "omschrijving", max_length=2000),
        schending=_keuze(fields, "schending", list(Schending.values)),
        gebied=_keuze(fields, "gebied", list(KwetsbaarGebied.values)),
        beheersmaatregelen=_maatregelen(fields),
        bron=read_text(fields, "bron", max_length=300),
    )


def catalogus_lezen(*, data: bytes, filename: str) -> list[CatalogusRisico]:
    """The entries of a catalogue file; a ``ValidationError`` listing every problem with file,
    line and field when the file is not right (nothing is read half)."""
    problems = Problems(filename)
    root = read_tree(data, problems)
    top = read_fields(problems, root, "", _TOP)
    if top is None:
        problems.raise_if_any()
        return []
    read_code(top, "code", max_length=60)
    read_text(top, "titel", max_length=200)
    codes = Unique(problems)
    items = [
        _item(problems, path, node, codes) for path, node in read_list(top, "risicos", min_items=1)
    ]
    problems.raise_if_any()
    return [item for item in items if item is not None]


@cache
def catalogus_starter() -> tuple[CatalogusRisico, ...]:
    """The shipped starter catalogue (read once per process)."""
    return tuple(catalogus_lezen(data=STARTER.read_bytes(), filename=STARTER.name))
