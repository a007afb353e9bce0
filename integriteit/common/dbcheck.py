"""Exit 0 when DATABASE_URL names a reachable PostgreSQL server (used by ``make test``)."""

from __future__ import annotations

import os
import sys

import dj_database_url


def main(argv: list[str]) -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return 1
    config = dj_database_url.parse(url)
    if "--describe" in argv:
        print(f"{config.get('HOST')}:{config.get('PORT')}/{config.get('NAME')}")
        return 0
    import psycopg

    try:
        with psycopg.connect(
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            dbname=config.get("NAME") or "postgres",
            connect_timeout=3,
        ):
            return 0
    except psycopg.OperationalError:
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
