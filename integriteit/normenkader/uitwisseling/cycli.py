"""The overview of cycles: per cycle how many organisations have an assessment of each kind,
and in which status. Counts only (no levels, no findings), so the administrator, who
manages cycles, may see them too (ADR 0006)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from integriteit.normenkader.constants import Soort, Status
from integriteit.normenkader.models import Beoordeling, Cyclus
from integriteit.normenkader.selectors import cyclus_list


@dataclass(frozen=True)
class SoortTelling:
    soort: str
    label: str
    #: (status label, number) for each status that occurs, in workflow order.
    per_status: list[tuple[str, int]]

    @property
    def totaal(self) -> int:
        return sum(n for _label, n in self.per_status)


@dataclass
class CyclusRegel:
    cyclus: Cyclus
    per_soort: list[SoortTelling] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return sum(telling.totaal for telling in self.per_soort)


def cyclus_overview() -> list[CyclusRegel]:
    """Every cycle, newest first, with the number of current assessments (the newest
    version of each organisation: a correction does not count twice) per kind and status."""
    counts: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    current = Beoordeling.objects.filter(vervangen_door__isnull=True)
    for item in current.values("cyclus_id", "soort", "status").annotate(n=Count("id")).order_by():
        counts[item["cyclus_id"]][(item["soort"], item["status"])] = item["n"]
    regels = []
    for cyclus in cyclus_list():
        found = counts.get(cyclus.pk, {})
        per_soort = [
            SoortTelling(
                soort=soort,
                label=str(label),
                per_status=[
                    (str(status_label).lower(), found[(soort, status)])
                    for status, status_label in Status.choices
                    if (soort, status) in found
                ],
            )
            for soort, label in Soort.choices
        ]
        regels.append(CyclusRegel(cyclus=cyclus, per_soort=per_soort))
    return regels
