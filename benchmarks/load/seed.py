"""Seed the proof's database through the app's own services (no raw SQL).

Run inside the stack's environment (``python -m benchmarks.load.seed OUT_DIR N``): creates the
Rijk root and one ministry ``LOAD`` with ten units, loads the shipped ``ark-2023``
questionnaire, opens a wave on ``LOAD`` and creates ``N`` invitations with
``uitnodigingen_create`` (bulk insert, one audit event). The plain tokens exist only in that
service's return value, so they are written to ``OUT_DIR/tokens.txt`` for the load client —
as a wave's administrator would export them for the mailing. Prints one JSON line.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from integriteit.organisaties.models import Organisatie

UNITS = 10
MINISTERIE = "LOAD"


def main(out_dir: Path, aantal: int) -> dict[str, object]:
    import django

    django.setup()
    from django.utils import timezone

    from integriteit.medewerkersonderzoek import services as survey
    from integriteit.medewerkersonderzoek.constants import GolfStatus
    from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
    from integriteit.organisaties.constants import RIJK_CODE, Soort
    from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create

    started = time.perf_counter()
    today = timezone.localdate()

    def node(
        code: str, naam: str, soort: str, parent: Organisatie | None, n: int | None = None
    ) -> Organisatie:
        return organisatie_create(
            acting_user=None,
            gegevens=OrganisatieGegevens(
                code=code,
                naam=naam,
                soort=soort,
                parent=parent,
                aantal_medewerkers=n,
                geldig_van=today - timedelta(days=365),
            ),
        )

    rijk = node(RIJK_CODE, "Rijksoverheid", Soort.RIJK, None)
    ministerie = node(MINISTERIE, "Ministerie van Belasting en Proef", Soort.MINISTERIE, rijk)
    per_unit = -(-aantal // UNITS)
    for index in range(UNITS):
        node(f"LOAD-{index:02d}", f"Directie {index + 1}", Soort.ONDERDEEL, ministerie, per_unit)

    path = SHIPPED_DIR / "ark-2023.yaml"
    vragenlijst = survey.vragenlijst_load(
        acting_user=None, data=path.read_bytes(), filename=path.name
    )
    golf = survey.golf_create(
        acting_user=None,
        vragenlijst=vragenlijst,
        organisatie=ministerie,
        titel="Proef onder belasting",
        start=today,
        eind=today + timedelta(days=30),
    )
    survey.golf_transition(acting_user=None, golf=golf, naar=GolfStatus.OPEN)
    nieuw = survey.uitnodigingen_create(acting_user=None, golf=golf)
    tokens = [n.token for n in nieuw]
    random.SystemRandom().shuffle(tokens)  # spread the respondents over the units
    (out_dir / "tokens.txt").write_text("".join(f"{t}\n" for t in tokens), encoding="utf-8")

    # The coordinator who starts the batch PDF job in the fault proof.
    from integriteit.accounts.models import Gebruiker, Lidmaatschap
    from integriteit.common.roles import Rol

    coordinator = Gebruiker.objects.create(
        username="proef-coordinator", first_name="Proef", last_name="Coordinator"
    )
    Lidmaatschap.objects.create(
        gebruiker=coordinator, organisatie=ministerie, rol=Rol.INTEGRITEITSCOORDINATOR
    )
    return {
        "golf": golf.pk,
        "coordinator": coordinator.pk,
        "uitnodigingen": len(nieuw),
        "meldpunt": MINISTERIE,
        "seconden": round(time.perf_counter() - started, 1),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]))))
