"""The results of a wave: every statistic of the analysis engine for the whole wave and for
every node of its unit tree (unit → directorate → ministry), with suppression over the tree.

This is the one bridge between the stored responses and the engine (``analysis/``): the
results pages, the talk sheets and the dashboard read :class:`GolfResultaten` and never the
responses themselves. Suppression is decided here for the whole wave, before any viewer's
scope is applied, so every viewer sees the same cells hidden (ADR 0008). A hidden node has no
entry in ``per_knoop`` at all, so a template cannot show it by mistake.

Results are cached per wave and number of responses (responses are only ever added).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.cache import cache

from integriteit.accounts.selectors import lidmaatschappen_actief
from integriteit.common.permissions import Capability, role_has
from integriteit.common.roles import Rol
from integriteit.medewerkersonderzoek.analysis.data import column_codes, responses_from_arrays
from integriteit.medewerkersonderzoek.analysis.groups import grouping_by, groups_suppress_tree
from integriteit.medewerkersonderzoek.analysis.report import (
    analysis_json,
    analysis_run,
    survey_analyze,
)
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.medewerkersonderzoek.spec import Questionnaire
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie

Json = dict[str, Any]
CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Knoop:
    """A node of the wave's unit tree: a unit of the wave or an organisation above it."""

    code: str
    naam: str
    parent: str | None  # None for the wave's own organisation (the top)
    diepte: int  # 0 = the wave's organisation
    is_eenheid: bool  # a unit of the wave (a leaf: responses are attached to it)
    pad: str
    soort: str  # Organisatie.soort: rijk, ministerie, onderdeel
    n: int  # responses in this node (never shown when suppressed)
    onderdrukt: bool


@dataclass(frozen=True)
class GolfResultaten:
    golf_id: int
    synthetisch: bool
    min_group_size: int
    n_responses: int
    top: str  # code of the wave's organisation
    knopen: dict[str, Knoop]
    #: Engine results (items, scales, correlations, n_responses) of every *visible* node,
    #: the top included when the wave has at least the minimum number of responses.
    per_knoop: dict[str, Json] = field(default_factory=dict)

    def resultaat(self, code: str) -> Json | None:
        return self.per_knoop.get(code)

    def kinderen(self, code: str) -> list[Knoop]:
        return sorted(
            (k for k in self.knopen.values() if k.parent == code), key=lambda k: k.naam.lower()
        )

    def voorouders(self, code: str) -> list[Knoop]:
        """From the node's parent up to the top."""
        chain: list[Knoop] = []
        parent = self.knopen[code].parent
        while parent is not None:
            chain.append(self.knopen[parent])
            parent = self.knopen[parent].parent
        return chain


def _tree(golf: Golf) -> tuple[dict[int, Organisatie], dict[int, int | None], set[int]]:
    """The organisations from the wave's organisation down to its units, by id."""
    units = {e.organisatie_id: e.organisatie for e in golf.eenheden.select_related("organisatie")}
    top = golf.organisatie
    ids: set[int] = set()
    for org in units.values():
        ids.update(org.ancestor_ids)
    ids.add(top.pk)
    orgs = {
        o.pk: o
        for o in Organisatie.objects.filter(pk__in=ids, pad__startswith=top.pad)
        | Organisatie.objects.filter(pk__in=units)
    }
    parent = {pk: (None if pk == top.pk else o.parent_id) for pk, o in orgs.items()}
    return orgs, parent, set(units)


def _columns(golf: Golf, questionnaire: Questionnaire) -> tuple[dict[str, Any], list[int]]:
    """The responses as engine columns (NaN = missing) and each row's unit organisation id."""
    codes = column_codes(questionnaire)
    rows = list(
        Respons.objects.filter(golf=golf)
        .order_by("pk")
        .values_list("golf_eenheid__organisatie_id", "antwoorden")
    )
    columns = {column: np.full(len(rows), math.nan) for column in codes}
    for i, (_unit, antwoorden) in enumerate(rows):
        for column, value in antwoorden.items():
            if column in columns and isinstance(value, int | float) and value is not None:
                columns[column][i] = float(value)
    return columns, [unit for unit, _ in rows]


def _compute(golf: Golf) -> GolfResultaten:
    questionnaire = golf.vragenlijst.spec()
    orgs, parent, units = _tree(golf)
    columns, row_units = _columns(golf, questionnaire)
    top = golf.organisatie

    def chain(pk: int) -> list[int]:  # the node and its ancestors up to the top
        out = [pk]
        while (up := parent.get(out[-1])) is not None:
            out.append(up)
        return out

    chains = {pk: list(reversed(chain(pk))) for pk in units}
    depth = max((len(c) for c in chains.values()), default=1)
    sizes = dict.fromkeys(orgs, 0)
    for unit in row_units:
        for pk in chains[unit]:
            sizes[pk] += 1
    codes = {pk: orgs[pk].code for pk in orgs}
    hidden = groups_suppress_tree(
        {codes[pk]: n for pk, n in sizes.items()},
        {codes[pk]: (codes[up] if up is not None else None) for pk, up in parent.items()},
        golf.min_group_size,
    )
    data = responses_from_arrays(columns, groups=None)
    per_knoop: dict[str, Json] = {}
    if row_units and codes[top.pk] not in hidden:
        overall = survey_analyze(questionnaire, data, min_group_size=golf.min_group_size)
        overall.pop("groups", None)
        per_knoop[codes[top.pk]] = overall
    for level in range(1, depth):
        labels = np.array([codes[chains[u][min(level, len(chains[u]) - 1)]] for u in row_units])
        if not len(labels):
            break
        analysis = analysis_run(questionnaire, data, grouping_by(labels))
        for g, label in enumerate(analysis.grouping.labels):
            if label in hidden or label in per_knoop:
                continue
            n = int(analysis.grouping.sizes[g])
            per_knoop[label] = {"n_responses": n, **analysis_json(analysis, g)}
    knopen = {
        codes[pk]: Knoop(
            code=codes[pk],
            naam=o.naam,
            parent=codes[parent[pk]] if parent[pk] is not None else None,  # type: ignore[index]
            diepte=len(chain(pk)) - 1,
            is_eenheid=pk in units,
            pad=o.pad,
            soort=o.soort,
            n=sizes[pk],
            onderdrukt=codes[pk] in hidden,
        )
        for pk, o in orgs.items()
    }
    return GolfResultaten(
        golf_id=golf.pk,
        synthetisch=golf.synthetisch,
        min_group_size=golf.min_group_size,
        n_responses=len(row_units),
        top=codes[top.pk],
        knopen=knopen,
        per_knoop=per_knoop,
    )


def golf_resultaten(*, golf: Golf) -> GolfResultaten:
    """The wave's results (cached until a response is added)."""
    count = Respons.objects.filter(golf=golf).count()
    key = f"enquete:resultaten:v2:{golf.pk}:{count}:{golf.min_group_size}:{golf.vragenlijst_id}"
    cached: GolfResultaten | None = cache.get(key)
    if cached is None:
        cached = _compute(golf)
        cache.set(key, cached, CACHE_SECONDS)
    return cached


#: What the rijkscoordinator reads: the government and the ministries, never units below.
AGGREGATE_SOORTEN = frozenset({Soort.RIJK, Soort.MINISTERIE})


def _allowed(knoop: Knoop, rol: str, node: Organisatie, recursief: bool) -> bool:
    if rol == Rol.LEIDINGGEVENDE:
        return knoop.code == node.code  # the own unit only
    in_scope = knoop.pad.startswith(node.pad) if recursief else knoop.code == node.code
    if rol == Rol.RIJKSCOORDINATOR:
        return in_scope and knoop.soort in AGGREGATE_SOORTEN
    return in_scope


def toegestane_knopen(
    *, resultaten: GolfResultaten, gebruiker: Any, capability: Capability
) -> set[str]:
    """The nodes the role rules of :func:`zichtbare_knopen` allow ``gebruiker``, suppressed
    ones included (a page lists those as "te weinig respons", never with a number)."""
    allowed: set[str] = set()
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        if role_has(lid.rol, capability):
            allowed |= {
                k.code
                for k in resultaten.knopen.values()
                if _allowed(k, lid.rol, lid.organisatie, lid.recursief)
            }
    return allowed


def zichtbare_knopen(
    *, resultaten: GolfResultaten, gebruiker: Any, capability: Capability
) -> set[str]:
    """The nodes whose results ``gebruiker`` may read with ``capability``: not suppressed,
    and within what the role allows — a manager the own unit, the rijkscoordinator the
    government and ministries (aggregates), a coordinator or competent authority the own
    organisation's subtree (issue 4, roles)."""
    allowed: set[str] = set()
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        if not role_has(lid.rol, capability):
            continue
        allowed |= {
            k.code
            for k in resultaten.knopen.values()
            if _allowed(k, lid.rol, lid.organisatie, lid.recursief)
        }
    return {code for code in allowed if code in resultaten.per_knoop}


def knopen_in_bereik(
    *, resultaten: GolfResultaten, gebruiker: Any, capability: Capability
) -> set[str]:
    """The nodes the role lets ``gebruiker`` ask for with ``capability``, suppressed ones
    included (a page can then say why it shows no numbers); the same role rules as
    :func:`zichtbare_knopen`, which is this set minus the suppressed nodes."""
    allowed: set[str] = set()
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        if role_has(lid.rol, capability):
            allowed |= {
                k.code
                for k in resultaten.knopen.values()
                if _allowed(k, lid.rol, lid.organisatie, lid.recursief)
            }
    return allowed


def rijksbreed(*, golf: Golf) -> tuple[Golf, Json] | None:
    """The government-wide comparison for ``golf``: its own total when it is a government-wide
    wave, else the total of the latest government-wide wave with the same questionnaire code
    that is open or closed; ``None`` when there is none (or it is suppressed)."""
    if golf.organisatie.soort == Soort.RIJK:
        candidate: Golf | None = golf
    else:
        candidate = (
            Golf.objects.filter(
                organisatie__soort=Soort.RIJK,
                vragenlijst__code=golf.vragenlijst.code,
                status__in=[GolfStatus.OPEN, GolfStatus.GESLOTEN],
            )
            .select_related("vragenlijst", "organisatie")
            .order_by("-start")
            .first()
        )
    if candidate is None:
        return None
    result = golf_resultaten(golf=candidate)
    top = result.resultaat(result.top)
    return (candidate, top) if top is not None else None
