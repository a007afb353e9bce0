"""What is in the database after a run, set against what the clients saw acknowledged.

Run inside the stack's environment (a Django process of its own):

    python -m benchmarks.load.check verify ACK_DIR RUN GOLF     → one JSON line
    python -m benchmarks.load.check taak-start GOLF USER        → the job's id
    python -m benchmarks.load.check taak TAAK_ID                → the job's row as JSON
    python -m benchmarks.load.check argon2 [ROUNDS]             → cost of one derivation

**Survey, exactly once** without linking anyone: every load respondent wrote a fresh random
marker (``belasting-<run>-<hex>``) in the free-text question. A response stores no token
(ADR 0008), so the marker is the respondent's own text; it is unique per submission and made
by the client, never by the server. For each acknowledged marker the number of stored
responses carrying it must be exactly 1. Markers stored but never acknowledged (the client
gave up or its connection died after the commit) are counted, not errors. And the one
transaction of ``respons_submit`` must hold as a whole: the number of used invitations
equals the number of responses (no half-written submission: a used invitation without a
response, or the reverse).

**Intake, exactly once**: every acknowledged receipt code is looked up the way the mailbox
does it (its Argon2id index, the production cost — so this takes about a second per code)
and must match exactly one report; every report must have its vault and its sealed content.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def _acks(ack_dir: Path) -> tuple[list[str], list[str], dict[str, int]]:
    survey: list[str] = []
    intake: list[str] = []
    failures: Counter[str] = Counter()
    for path in sorted(ack_dir.glob("acks-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        survey += [marker for _t, marker in data["survey"]]
        intake += [code for _t, _marker, code in data["intake"]]
        failures.update(data["failures"])
    return survey, intake, dict(failures)


def verify(ack_dir: Path, run: str, golf_id: int) -> dict[str, Any]:
    from integriteit.kluis import crypto
    from integriteit.kluis import services as kluis
    from integriteit.medewerkersonderzoek.models import Respons, Uitnodiging
    from integriteit.meldingen.models import Melding
    from integriteit.meldingen.services import ONTVANGSTCODE_SALT

    survey, intake, failures = _acks(ack_dir)
    prefix = f"belasting-{run}-"
    stored = Counter(
        str(marker)
        for marker in Respons.objects.filter(
            golf_id=golf_id, antwoorden__opmerkingen__startswith=prefix
        ).values_list("antwoorden__opmerkingen", flat=True)
    )
    acked = Counter(survey)
    ontbreekt = [m for m in acked if stored[m] == 0]
    dubbel = [m for m in acked if stored[m] > 1] + [m for m, n in acked.items() if n > 1]
    responses = Respons.objects.filter(golf_id=golf_id).count()
    used = Uitnodiging.objects.filter(golf_id=golf_id, gebruikt=True).count()

    salt = kluis.instelling_bytes(ONTVANGSTCODE_SALT)
    kosten = kluis.argon2_kosten()
    melding_ontbreekt = melding_dubbel = 0
    for code in intake:
        index = crypto.ontvangstcode_index(code, salt, kosten)
        found = Melding.objects.filter(ontvangstcode_index=index).count()
        melding_ontbreekt += found == 0
        melding_dubbel += found > 1
    half = (
        Melding.objects.filter(kluis__isnull=True).count()
        + Melding.objects.filter(inhoud__isnull=True).count()
    )
    return {
        "enquete_bevestigd": len(survey),
        "enquete_opgeslagen_met_marker": sum(stored.values()),
        "enquete_ontbreekt": len(ontbreekt),
        "enquete_dubbel": len(dubbel),
        "enquete_opgeslagen_niet_bevestigd": sum(1 for m in stored if m not in acked),
        "respons_totaal": responses,
        "uitnodigingen_gebruikt": used,
        "meldingen_bevestigd": len(intake),
        "meldingen_totaal": Melding.objects.count(),
        "meldingen_ontbreekt": melding_ontbreekt,
        "meldingen_dubbel": melding_dubbel,
        "meldingen_half": half,
        "fouten_bij_clients": failures,
    }


def taak_start(golf_id: int, user_id: int) -> str:
    from integriteit.accounts.models import Gebruiker
    from integriteit.medewerkersonderzoek.jobs.praatplaten import SOORT
    from integriteit.medewerkersonderzoek.models import Golf
    from integriteit.taken.services import taak_start as start

    golf = Golf.objects.get(pk=golf_id)
    taak = start(
        soort=SOORT,
        titel="Alle praatplaten (proef)",
        gebruiker=Gebruiker.objects.get(pk=user_id),
        organisatie=golf.organisatie,
        parameters={"golf": golf.pk},
    )
    return str(taak.pk)


def taak(taak_id: str) -> dict[str, Any]:
    from integriteit.taken.models import Taak

    row = Taak.objects.get(pk=taak_id)
    return {
        "status": row.status,
        "gedaan": row.gedaan,
        "totaal": row.totaal,
        "stap": row.stap,
        "fouten": row.fouten,
        "bestand": bool(row.bestand),
    }


def argon2(rounds: int) -> dict[str, Any]:
    """The production cost of one Argon2id derivation (a web intake does two)."""
    import time

    from integriteit.kluis import crypto
    from integriteit.kluis import services as kluis

    kosten = kluis.argon2_kosten()
    cpu, wall = [], []
    for _i in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        crypto.afgeleide_sleutel("0000111122223333", crypto.random_bytes(crypto.SALT_BYTES), kosten)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return {
        "ops": kosten.ops,
        "mem_mib": kosten.mem // (1024 * 1024),
        "cpu_ms": round(1000 * min(cpu), 1),
        "wall_ms": round(1000 * min(wall), 1),
    }


def main(argv: list[str]) -> None:
    import django

    django.setup()
    command, *args = argv
    if command == "verify":
        print(json.dumps(verify(Path(args[0]), args[1], int(args[2]))))
    elif command == "taak-start":
        print(taak_start(int(args[0]), int(args[1])))
    elif command == "argon2":
        print(json.dumps(argon2(int(args[0]) if args else 3)))
    elif command == "taak":
        print(json.dumps(taak(args[0])))
    else:
        raise SystemExit(f"onbekende opdracht: {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
