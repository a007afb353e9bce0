"""The stack the proofs run against, all of it private to one run: a PostgreSQL cluster in a
temporary directory (never the shared server on 5432), a Redis on its own port (cache and
Celery broker), gunicorn with the production settings, and optionally a Celery worker.

Every process is started by this module and stopped by it, by its own process id.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = REPO / ".venv" / "bin"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SECRET_KEY = "bewijs-onder-belasting-" + "x" * 40  # noqa: S105 - a throw-away cluster


def free_port(preferred: int) -> int:
    """``preferred`` when nothing listens there, otherwise a port the kernel picks."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise RuntimeError("geen vrije poort")


def wait_for(check: str, probe: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(probe) and probe():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{check} kwam niet op binnen {timeout:.0f} s")


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Stack:
    """One run's private services. Use as a context manager: ``with Stack() as stack:``."""

    workers: int = 3
    threads: int = 4
    keep: bool = False
    wsgi: str = "integriteit.wsgi:application"
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="integriteit-load-")))
    pg_port: int = 0
    redis_port: int = 0
    app_port: int = 0
    gunicorn: subprocess.Popen[bytes] | None = None
    redis: subprocess.Popen[bytes] | None = None
    celery: subprocess.Popen[bytes] | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> Stack:
        self.pg_port = free_port(55432)
        self.redis_port = free_port(56379)
        self.app_port = free_port(58000)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for name in ("celery", "gunicorn", "redis"):
            proc = getattr(self, name)
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            setattr(self, name, None)
        if (self.pgdata / "postmaster.pid").exists():
            self.pg_stop()
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)

    @property
    def pgdata(self) -> Path:
        return self.root / "pgdata"

    @property
    def logs(self) -> Path:
        path = self.root / "logs"
        path.mkdir(exist_ok=True)
        return path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.app_port}"

    def env(self) -> dict[str, str]:
        """The production settings, pointed at this run's own services only: every variable
        that could name the shared PostgreSQL or Redis is set here, whatever the caller's
        environment holds."""
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "integriteit.settings.production",
                "DATABASE_URL": f"postgres://integriteit@127.0.0.1:{self.pg_port}/integriteit",
                "SECRET_KEY": SECRET_KEY,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_HSTS_SECONDS": "0",
                "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/1",
                "CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/1",
                "TAKEN_UITVOERING": "celery",
                "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
                "INTEGRITEIT_VAR_DIR": str(self.root / "var"),
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    # --- PostgreSQL ----------------------------------------------------------------------------

    def _as_pg_user(self, args: list[str]) -> list[str]:
        """PostgreSQL refuses to run as root: as root, run its programs as ``postgres``."""
        if os.geteuid() == 0:
            return ["runuser", "-u", os.environ.get("PG_USER", "postgres"), "--", *args]
        return args

    def pg_init(self) -> None:
        self.pgdata.mkdir(mode=0o700)
        pglogs = self.root / "pglog"
        pglogs.mkdir()
        if os.geteuid() == 0:
            user = os.environ.get("PG_USER", "postgres")
            self.root.chmod(0o755)
            shutil.chown(self.pgdata, user, user)
            shutil.chown(pglogs, user, user)
        subprocess.run(  # noqa: S603
            self._as_pg_user(
                [str(PG_BIN / "initdb"), "-D", str(self.pgdata), "-U", "integriteit", "-A", "trust"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
        conf = self.pgdata / "postgresql.conf"
        with conf.open("a", encoding="utf-8") as handle:
            # Sized for a 2-core box; durability settings stay at their (safe) defaults.
            handle.write(
                "\nmax_connections = 100\nshared_buffers = 256MB\n"
                "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
            )
        self.pg_start()
        subprocess.run(  # noqa: S603
            [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port)]
            + ["-U", "integriteit", "integriteit"],
            check=True,
            env=os.environ | {"PATH": f"{PG_BIN}:{os.environ.get('PATH', '')}"},
        )

    def pg_start(self) -> None:
        subprocess.run(  # noqa: S603
            self._as_pg_user(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-w", "-l"]
                + [str(self.root / "pglog" / "postgres.log"), "-o", f"-p {self.pg_port}", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def pg_stop(self, mode: str = "fast") -> None:
        subprocess.run(  # noqa: S603
            self._as_pg_user(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-w", "-m", mode, "stop"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def psql(self, sql: str) -> str:
        """One query's rows, tab-separated, through psql (no Django in the checking process)."""
        result = subprocess.run(  # noqa: S603
            [str(PG_BIN.parent / "bin" / "psql"), "-h", "127.0.0.1", "-p", str(self.pg_port)]
            + ["-U", "integriteit", "-d", "integriteit", "-AtX", "-F", "\t", "-c", sql],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.rstrip("\n")

    # --- Redis, Django, gunicorn, Celery -------------------------------------------------------

    def redis_start(self) -> None:
        self.redis = subprocess.Popen(  # noqa: S603
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.root)],
            stdout=(self.logs / "redis.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        wait_for("redis", lambda: _port_open(self.redis_port))

    def manage(self, *args: str) -> None:
        subprocess.run(  # noqa: S603
            [str(VENV_BIN / "integriteit"), *args], check=True, env=self.env(), cwd=REPO
        )

    def run_python(self, module: str, *args: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", module, *args],
            check=True,
            env=self.env(),
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        return result.stdout

    def gunicorn_start(self) -> None:
        self.gunicorn = subprocess.Popen(  # noqa: S603
            [str(VENV_BIN / "gunicorn"), self.wsgi]
            + ["--bind", f"127.0.0.1:{self.app_port}", "--workers", str(self.workers)]
            + ["--worker-class", "gthread", "--threads", str(self.threads)]
            + ["--backlog", "2048", "--timeout", "60", "--graceful-timeout", "10"]
            + ["--keep-alive", "5", "--pid", str(self.root / "gunicorn.pid")],
            env=self.env(),
            cwd=REPO,
            stdout=(self.logs / "gunicorn.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        wait_for("gunicorn", self._app_ready, timeout=60)

    def _app_ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base_url}/gezond/", timeout=2) as response:  # noqa: S310
                return int(response.status) == 200
        except (urllib.error.URLError, OSError):
            return False

    def gunicorn_workers(self) -> list[int]:
        """The worker processes' ids (the children of the gunicorn master)."""
        if self.gunicorn is None:
            return []
        children = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def celery_start(self, concurrency: int = 1) -> None:
        self.celery = subprocess.Popen(  # noqa: S603
            [str(VENV_BIN / "celery"), "-A", "integriteit.celery_app", "worker"]
            + ["--concurrency", str(concurrency), "--pool", "prefork", "--loglevel", "INFO"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
            env=self.env(),
            cwd=REPO,
            stdout=(self.logs / "celery.log").open("ab"),
            stderr=subprocess.STDOUT,
        )

    def celery_children(self) -> list[int]:
        if self.celery is None:
            return []
        children = Path(f"/proc/{self.celery.pid}/task/{self.celery.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except FileNotFoundError:
            return []
