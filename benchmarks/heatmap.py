"""Benchmark: the government-wide heatmap page, as the rijkscoördinator sees it.

Builds a throw-away database (a fresh SQLite file in a temporary folder, or Django's test
database on PostgreSQL when ``DATABASE_URL`` is set) with a 20-norm framework, ten cycles and
a final assessment per ministry per cycle, then requests the heatmap of the newest cycle
through Django's test client, logged in as a rijkscoördinator with a verified second factor.
It does so first with 10 ministries and then with 50, and prints for each the server time
per page (p50, p95, max; ``time.perf_counter`` around ``client.get``) and the number of SQL
queries per page, to show the query count does not grow with the number of organisations.
Issue 3's target: p95 < 100 ms. Not a test: figures vary with the machine.

    .venv/bin/python benchmarks/heatmap.py [--requests 200] [--sizes 10,50]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NORMS = 20
CYCLES = 10
FIRST_YEAR = 2015
TARGET_P95_MS = 100.0
LEVELS = ("voldoet", "kleine-stap", "stap", "onbekend")


def _setup(var_dir: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["INTEGRITEIT_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integriteit.settings.test")
    import django

    django.setup()


def framework_yaml(norms: int = NORMS) -> bytes:
    """A framework like ark-2024 (same scale) with ``norms`` organisation norms in 4 groups."""
    lines = [
        "code: bench-20",
        "version: 1",
        "title: Benchmarkkader met twintig normen",
        "source: benchmarks/heatmap.py",
        "applies_to: organisation",
        "scale:",
        '  - {code: voldoet, label: "Voldoet", rank: 3, color: "#39870c"}',
        '  - {code: kleine-stap, label: "In mindere mate nog een stap", rank: 2, color: "#ffb612"}',
        '  - {code: stap, label: "Nog een stap te zetten", rank: 1, color: "#d52b1e"}',
        '  - {code: onbekend, label: "Onbekend", rank: 0, color: "#b4b4b4"}',
        "groups:",
    ]
    per_group = norms // 4
    for group in range(4):
        lines += [f"  - code: groep-{group + 1}", f"    title: Groep {group + 1}", "    norms:"]
        for n in range(group * per_group + 1, (group + 1) * per_group + 1):
            lines += [f'      - code: "{n}"', f"        text: Norm {n} van het benchmarkkader?"]
    return ("\n".join(lines) + "\n").encode()


@dataclass
class World:
    rijk: Any
    cycli: list[Any]
    ministries: list[Any]


def build_framework_and_cycles() -> World:
    from integriteit.normenkader.loader import normenkader_load
    from integriteit.normenkader.services import cyclus_create
    from integriteit.organisaties.constants import Soort as OrgSoort
    from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create

    rijk = organisatie_create(
        acting_user=None,
        gegevens=OrganisatieGegevens(
            code="RIJK", naam="Rijksoverheid", soort=OrgSoort.RIJK, parent=None
        ),
    )
    kader, _created = normenkader_load(
        acting_user=None, data=framework_yaml(), filename="bench-20.yaml"
    )
    cycli: list[Any] = []
    for year in range(FIRST_YEAR, FIRST_YEAR + CYCLES):
        vorige = cycli[-1] if cycli else None
        cycli.append(cyclus_create(acting_user=None, jaar=year, normenkader=kader, vorige=vorige))
    return World(rijk=rijk, cycli=cycli, ministries=[])


def _final_assessments(world: World, organisaties: list[Any], rng: random.Random) -> None:
    """A final self-assessment per organisation per cycle, every norm rated (bulk, fast)."""
    from django.db import transaction
    from django.utils import timezone

    from integriteit.normenkader.constants import Soort, Status
    from integriteit.normenkader.models import Beoordeling, Niveau, Norm, Oordeel

    kader = world.cycli[0].normenkader
    norms = list(Norm.objects.filter(normenkader=kader))
    niveaus = [Niveau.objects.get(normenkader=kader, code=code) for code in LEVELS]
    now = timezone.now()
    with transaction.atomic():
        beoordelingen = Beoordeling.objects.bulk_create(
            Beoordeling(
                cyclus=cyclus,
                organisatie=org,
                soort=Soort.ZELFEVALUATIE,
                status=Status.DEFINITIEF,
                ingediend_op=now,
                definitief_op=now,
            )
            for cyclus in world.cycli
            for org in organisaties
        )
        Oordeel.objects.bulk_create(
            Oordeel(beoordeling=b, norm=norm, niveau=rng.choice(niveaus), bevinding="Bevinding.")
            for b in beoordelingen
            for norm in norms
        )


def add_ministries(world: World, total: int, rng: random.Random) -> None:
    """Ministries up to ``total``, each with a final self-assessment in every cycle."""
    from integriteit.organisaties.constants import Soort as OrgSoort
    from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create

    new = [
        organisatie_create(
            acting_user=None,
            gegevens=OrganisatieGegevens(
                code=f"M{n:02d}",
                naam=f"Ministerie {n}",
                soort=OrgSoort.MINISTERIE,
                parent=world.rijk,
            ),
        )
        for n in range(len(world.ministries) + 1, total + 1)
    ]
    _final_assessments(world, new, rng)
    world.ministries += new


def rijkscoordinator_client(world: World) -> Any:
    """A test client logged in as after password + TOTP (as ``conftest.login_verified``)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from integriteit.accounts.middleware import LOGIN_TIME_KEY
    from integriteit.accounts.models import Gebruiker
    from integriteit.accounts.services import lidmaatschap_create
    from integriteit.common.roles import Rol

    gebruiker = Gebruiker.objects.create_user(username="rijkscoordinator.bench")
    lidmaatschap_create(
        acting_user=None, gebruiker=gebruiker, organisatie=world.rijk, rol=Rol.RIJKSCOORDINATOR
    )
    device = TOTPDevice.objects.create(user=gebruiker, name="bench", confirmed=True)
    client = Client()
    client.force_login(gebruiker)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LOGIN_TIME_KEY] = time.time()
    session.save()
    return client


@dataclass
class Figures:
    ministries: int
    assessments: int
    ratings: int
    p50: float
    p95: float
    worst: float
    queries: int


def measure(world: World, client: Any, n: int) -> Figures:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from integriteit.normenkader.models import Beoordeling, Oordeel

    newest = world.cycli[-1]
    url = f"{reverse('normenkader:heatmap')}?cyclus={newest.pk}&soort=zelfevaluatie"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Counted now: the next request empties the connection's query log.
    query_count = len(queries.captured_queries)
    html = response.content.decode()
    last = world.ministries[-1].code
    assert response.status_code == 200 and last in html, (response.status_code, url)
    for _warm_up in range(5):
        client.get(url)
    times = []
    for _request in range(n):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return Figures(
        ministries=len(world.ministries),
        assessments=Beoordeling.objects.count(),
        ratings=Oordeel.objects.count(),
        p50=statistics.median(times),
        p95=times[max(0, int(round(0.95 * n)) - 1)],
        worst=times[-1],
        queries=query_count,
    )


def _bench(sizes: list[int], n: int) -> list[Figures]:
    from django.conf import settings

    # Not setup_test_environment(): it instruments every template render for the test
    # client's assertions, which would double the time measured. Only the host is needed.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    rng = random.Random(2024)  # noqa: S311 - synthetic levels, not security
    world = build_framework_and_cycles()
    client = rijkscoordinator_client(world)
    results = []
    for size in sizes:
        add_ministries(world, size, rng)
        results.append(measure(world, client, n))
    return results


def _print(vendor: str, n: int, results: list[Figures]) -> None:
    print(
        f"database: {vendor}; heatmap of the newest of {CYCLES} cycles, {NORMS} norms; "
        f"{n} requests per size, as rijkscoördinator"
    )
    header = (
        f"{'ministries':>10} {'assessments':>11} {'ratings':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries/page':>12}"
    )
    print(header)
    print("-" * len(header))
    for f in results:
        print(
            f"{f.ministries:>10} {f.assessments:>11} {f.ratings:>8} "
            f"{f.p50:>8.1f} {f.p95:>8.1f} {f.worst:>8.1f} {f.queries:>12}"
        )
    worst_p95 = max(f.p95 for f in results)
    verdict = "met" if worst_p95 < TARGET_P95_MS else "NOT met"
    print(f"target p95 < {TARGET_P95_MS:.0f} ms: {verdict} (worst p95 {worst_p95:.1f} ms)")
    counts = {f.queries for f in results}
    growth = "constant" if len(counts) == 1 else "GROWS with the organisations"
    print(f"queries per page: {growth} ({', '.join(str(f.queries) for f in results)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--sizes", default="10,50", help="numbers of ministries, ascending")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as var_dir:
        _setup(var_dir)
        from django.conf import settings
        from django.test.utils import setup_databases, teardown_databases

        database = settings.DATABASES["default"]
        if database["ENGINE"].endswith("sqlite3"):
            # A file on disk, as in the embedded default, not the test runner's in-memory DB.
            database["TEST"]["NAME"] = str(Path(var_dir) / "bench.sqlite3")
        else:
            # Its own name, so a test run on the same server is not disturbed.
            database["TEST"]["NAME"] = f"bench_heatmap_{os.getpid()}"
        old = setup_databases(verbosity=0, interactive=False)
        try:
            results = _bench(sizes, args.requests)
        finally:
            teardown_databases(old, verbosity=0)
        vendor = database["ENGINE"].rsplit(".", 1)[-1]
    _print(vendor, args.requests, results)


if __name__ == "__main__":
    main()
