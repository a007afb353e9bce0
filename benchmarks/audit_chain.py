"""Benchmark: writing and verifying the audit hash chain.

Prints events per second for ``audit_log`` (each in its own transaction, as services do) and
for ``audit_verify``, on a fresh SQLite file in a temporary folder, or on PostgreSQL when
``DATABASE_URL`` is set (Django's throw-away test database).
Baseline in the same run: inserting the same rows *without* the chain (no lock, no hash), so
the figure shows what the chain costs. Not a test: figures vary with the machine.

    .venv/bin/python benchmarks/audit_chain.py [--events 5000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def _setup(var_dir: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["INTEGRITEIT_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integriteit.settings.test")
    import django

    django.setup()


def _bench(n: int) -> dict[str, float]:
    from django.db import transaction
    from django.utils import timezone

    from integriteit.common.audit import audit_log, audit_verify
    from integriteit.common.models import AuditEvent

    start = time.perf_counter()
    for i in range(n):
        audit_log(
            actor=None, action="bench.chain", object_type="bench", object_id=i, details={"i": i}
        )
    chained = time.perf_counter() - start
    start = time.perf_counter()
    result = audit_verify()
    verify = time.perf_counter() - start
    assert result.ok and result.checked == n
    # Baseline last: its rows are outside the chain and the database refuses deleting them.
    start = time.perf_counter()
    for i in range(n):
        with transaction.atomic():
            AuditEvent.objects.create(
                seq=10_000_000 + i,
                timestamp=timezone.now(),
                action="bench.plain",
                object_type="bench",
                object_id=str(i),
                details={"i": i},
                prev_hash="",
                hash="",
            )
    plain = time.perf_counter() - start
    return {"plain": n / plain, "chained": n / chained, "verify": n / verify}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        _setup(var_dir)
        from django.conf import settings
        from django.test.utils import setup_databases, teardown_databases

        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            # A file on disk, as in the embedded default, not the test runner's in-memory DB.
            settings.DATABASES["default"]["TEST"]["NAME"] = str(Path(var_dir) / "bench.sqlite3")
        old = setup_databases(verbosity=0, interactive=False)
        try:
            figures = _bench(args.events)
        finally:
            teardown_databases(old, verbosity=0)
        vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {vendor}; events: {args.events}")
    print(f"baseline insert without chain : {figures['plain']:8.0f} events/s")
    print(
        f"audit_log (lock + hash)       : {figures['chained']:8.0f} events/s "
        f"({figures['chained'] / figures['plain']:.0%} of baseline)"
    )
    print(f"audit_verify                  : {figures['verify']:8.0f} events/s")


if __name__ == "__main__":
    main()
