"""Benchmark: the reports registry (issue 5) with 100,000 reports.

Builds the demo organisation tree and 100,000 reports (half of them of OCW, spread over three
years, every status and type; metadata rows written in bulk — content encryption is not what
this measures), then requests the coordinator's registry through Django's test client: the
first page, a type filter, "overdue only", a period filter, a deep page, and a competent
authority's page (only reports they handle). Prints the median and p95 of the server time per
page over ``--repeats`` requests (after warm-up), and the number of queries per page at 1,000
and at 100,000 reports (it must be the same). Issue 5's target: p95 under 100 ms and a
constant query count. The page and its count each walk an index of their own (migration
``meldingen/0003_register_indexen``; ``selectors_register.Registerlijst``). On a fresh SQLite
file in a temporary folder, or on PostgreSQL when ``DATABASE_URL`` is set (Django's
throw-away test database). Not a test: figures vary.

    .venv/bin/python benchmarks/registry.py [--reports 100000] [--repeats 40]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

PAGES = {
    "eerste pagina": {},
    "filter soort": {"soort": "belangen"},
    "alleen verlopen": {"verlopen": "on"},
    "periode (1 jaar)": {"van": "2025-01-01", "tot": "2025-12-31"},
    "pagina 20": {"pagina": "20"},
}


def _setup(var_dir: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["INTEGRITEIT_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integriteit.settings.test")
    import django

    django.setup()


def _world() -> tuple[Any, Any]:
    from integriteit.accounts.demo import _ensure_tree
    from integriteit.accounts.tests.factories import GebruikerFactory, LidmaatschapFactory
    from integriteit.common.roles import Rol
    from integriteit.organisaties.models import Organisatie

    _ensure_tree()
    ocw = Organisatie.objects.get(code="OCW")
    coordinator = GebruikerFactory.create(username="bench.coordinator")
    LidmaatschapFactory.create(
        gebruiker=coordinator, organisatie=ocw, rol=Rol.INTEGRITEITSCOORDINATOR
    )
    gezag = GebruikerFactory.create(username="bench.gezag")
    LidmaatschapFactory.create(gebruiker=gezag, organisatie=ocw, rol=Rol.BEVOEGD_GEZAG)
    return coordinator, gezag


def _fill(target: int, start: int, coordinator: Any, gezag: Any, rng: random.Random) -> None:
    """Grow the report table to ``target`` rows (bulk; metadata and dummy ciphertext)."""
    from integriteit.kluis.models import Kluis, KluisDoel
    from integriteit.meldingen.constants import Afloop, Kanaal, Meldingsoort, Status
    from integriteit.meldingen.models import Melding
    from integriteit.organisaties.constants import Soort
    from integriteit.organisaties.models import Organisatie

    ministeries = list(Organisatie.objects.filter(soort=Soort.MINISTERIE))
    ocw = next(m for m in ministeries if m.code == "OCW")
    andere = [m for m in ministeries if m.pk != ocw.pk]
    soorten, kanalen = Meldingsoort.values, Kanaal.values
    through = Melding.behandelaars.through
    batch = 5000
    for first in range(start, target, batch):
        n = min(batch, target - first)
        kluizen = Kluis.objects.bulk_create(
            Kluis(doel=KluisDoel.MELDING, organisatie=ocw, publiek=os.urandom(32)) for _ in range(n)
        )
        rows = []
        for i, kluis in zip(range(first, first + n), kluizen, strict=True):
            org = ocw if i % 2 == 0 else rng.choice(andere)
            ontvangen = date(2024, 1, 1) + timedelta(days=rng.randrange(3 * 365))
            status = rng.choice(Status.values)
            dicht = status == Status.AFGESLOTEN
            rows.append(
                Melding(
                    organisatie=org,
                    nummer=f"{org.code}-B-{i:07d}",
                    soort=rng.choice(soorten),
                    kanaal=rng.choice(kanalen),
                    status=status,
                    ontvangen_op=ontvangen,
                    bevestiging_uiterlijk=ontvangen + timedelta(days=7),
                    bevestigd_op=None
                    if status == Status.ONTVANGEN
                    else ontvangen + timedelta(days=rng.randrange(10)),
                    terugkoppeling_uiterlijk=ontvangen + timedelta(days=91),
                    teruggekoppeld_op=ontvangen + timedelta(days=rng.randrange(120))
                    if dicht
                    else None,
                    afloop=rng.choice(Afloop.values) if dicht else "",
                    afgesloten_op=ontvangen + timedelta(days=120) if dicht else None,
                    kluis=kluis,
                    inhoud=os.urandom(64),
                )
            )
        created = Melding.objects.bulk_create(rows)
        links = [
            through(melding_id=m.pk, gebruiker_id=coordinator.pk)
            for m in created
            if m.organisatie_id == ocw.pk
        ]
        links += [
            through(melding_id=m.pk, gebruiker_id=gezag.pk)
            for m in created[::20]
            if m.organisatie_id == ocw.pk
        ]
        through.objects.bulk_create(links)


def _client(gebruiker: Any) -> Any:
    from django.test import Client

    from integriteit.conftest import login_verified

    return login_verified(Client(), gebruiker)


def _queries(client: Any, params: dict[str, str]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("meldingen:register"), params)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def _times(client: Any, params: dict[str, str], repeats: int) -> tuple[float, float]:
    from django.urls import reverse

    url = reverse("meldingen:register")
    for _ in range(3):
        client.get(url, params)
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(url, params)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    samples.sort()
    return statistics.median(samples), samples[max(0, int(round(0.95 * len(samples))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        _setup(var_dir)
        from django.conf import settings
        from django.test.utils import setup_databases, teardown_databases

        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            settings.DATABASES["default"]["TEST"]["NAME"] = str(Path(var_dir) / "bench.sqlite3")
        # No setup_test_environment(): its instrumented template rendering is test-only
        # overhead, not server time.
        settings.ALLOWED_HOSTS = ["testserver"]
        old = setup_databases(verbosity=0, interactive=False)
        try:
            rng = random.Random(1)
            coordinator, gezag = _world()
            small = min(1000, args.reports)
            _fill(small, 0, coordinator, gezag, rng)
            client, client_gezag = _client(coordinator), _client(gezag)
            klein = {name: _queries(client, params) for name, params in PAGES.items()}
            klein["bevoegd gezag"] = _queries(client_gezag, {})
            start = time.perf_counter()
            _fill(args.reports, small, coordinator, gezag, rng)
            fill = time.perf_counter() - start
            from django.db import connection

            if connection.vendor == "postgresql":
                # What autovacuum does after a bulk load (also for inserts, since PostgreSQL
                # 13): statistics, and the visibility map that lets the count read the index
                # alone. SQLite gets no ANALYZE: its plans must hold without statistics.
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            rows = []
            for name, params in PAGES.items():
                median, p95 = _times(client, params, args.repeats)
                rows.append((name, median, p95, klein[name], _queries(client, params)))
            median, p95 = _times(client_gezag, {}, args.repeats)
            rows.append(
                ("bevoegd gezag", median, p95, klein["bevoegd gezag"], _queries(client_gezag, {}))
            )
        finally:
            teardown_databases(old, verbosity=0)
        vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"database: {vendor}; reports: {args.reports} (half of OCW); built in {fill:.0f} s; "
        f"{args.repeats} requests per page after 3 warm-up requests"
    )
    groot = f"@{args.reports}"
    print(f"{'page':<18} {'median ms':>10} {'p95 ms':>8} {'queries @1k':>12} {groot:>10}")
    for name, median, p95, q_small, q_big in rows:
        print(f"{name:<18} {median:>10.1f} {p95:>8.1f} {q_small:>12} {q_big:>10}")
    worst = max(r[2] for r in rows)
    constant = all(r[3] == r[4] for r in rows)
    print(
        f"target p95 < 100 ms: {'met' if worst < 100 else 'NOT met'} (worst {worst:.1f} ms); "
        f"constant query count: {'yes' if constant else 'NO'}"
    )


if __name__ == "__main__":
    main()
