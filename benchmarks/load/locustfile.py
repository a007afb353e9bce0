"""The load client: respondents filling in the survey and reporters using the intake form.

Run by ``proof_load.py`` / ``proof_faults.py`` as a separate process (``locust --headless``);
configured through the environment:

``LOAD_TOKENS``          file with one invitation token per line (written by ``seed.py``)
``LOAD_OUT``             directory for this process's acknowledgements (``acks-<pid>.json``)
``LOAD_RUN``             run id, part of every marker
``LOAD_MELDPUNT``        organisation code of the public reporting page
``LOAD_RESPONDENT_PACING``  seconds between the starts of one respondent's submissions
``LOAD_MELDER_PACING``   the same for a reporter
``LOAD_MELDERS``         number of reporter users (the rest of ``--users`` are respondents)

**One submission** is the whole path a respondent takes with the link from the invitation:
GET the start page (``?code=`` filled in, as the link does), POST the code, then for every
block GET the page and POST it ("Volgende"), the last POST submits, and GET the thank-you
page. Acknowledged = that page came back with 200 after the 302 of the submit. Every
respondent writes a fresh random marker in the one free-text question (``opmerkingen``), so
afterwards each acknowledged submission can be found back exactly once without any link
between an invitation and a response (ADR 0022). **One intake**: GET the organisation's
reporting page, POST the form (anonymous), GET the receipt page; acknowledged = the receipt
code was shown. The marker goes in the report's text (encrypted in its vault); the receipt
code is what the checker uses.

TLS is terminated by a proxy in production; the client plays that proxy's part with
``X-Forwarded-Proto: https`` (the settings trust it) and an https ``Referer`` (Django's CSRF
check for secure requests). Locust's fast client keeps ``Secure`` cookies on plain HTTP.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from http.cookiejar import Cookie, DefaultCookiePolicy
from pathlib import Path
from typing import Any

from locust import FastHttpUser, constant_pacing, events, task
from locust.env import Environment

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODE_RE = re.compile(r'class="igt-mono">([0-9 ]{19})<')
TEXT_FIELD = "opmerkingen"
MAX_BLOKKEN = 20


class _Tokens:
    """Hands out each invitation token once, over all users of this process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._iter: Iterator[str] | None = None

    def next(self) -> str | None:
        with self._lock:
            if self._iter is None:
                path = Path(os.environ["LOAD_TOKENS"])
                tokens = path.read_text(encoding="utf-8").split()
                start = int(os.environ.get("LOAD_TOKEN_OFFSET", "0"))
                self._iter = iter(tokens[start:])
            return next(self._iter, None)


TOKENS = _Tokens()
RUN = os.environ.get("LOAD_RUN", "run")


class _Acks:
    """What this process saw acknowledged, and what it saw refused, with times."""

    def __init__(self) -> None:
        self.survey: list[tuple[float, str]] = []
        self.intake: list[tuple[float, str, str]] = []
        self.failures: dict[str, int] = {}
        self.lock = threading.Lock()

    def fail(self, kind: str) -> None:
        with self.lock:
            self.failures[kind] = self.failures.get(kind, 0) + 1

    def dump(self) -> None:
        out = Path(os.environ.get("LOAD_OUT", "."))
        out.mkdir(parents=True, exist_ok=True)
        data = {"survey": self.survey, "intake": self.intake, "failures": self.failures}
        (out / f"acks-{os.getpid()}.json").write_text(json.dumps(data), encoding="utf-8")


ACKS = _Acks()


def _on_quitting(environment: Environment, **_kwargs: Any) -> None:
    ACKS.dump()


events.quitting.add_listener(_on_quitting)  # type: ignore[no-untyped-call]


def _kind(status: int, body: str) -> str:
    """A short label of what a refused client got back (for the fault proof's table)."""
    if status == 0:
        return "geen verbinding"
    title = re.search(r"<title>([^<]{0,80})</title>", body)
    return f"HTTP {status}" + (f" ({title.group(1).strip()})" if title else "")


class _BehindProxy(DefaultCookiePolicy):
    """Send ``Secure`` cookies over the plain-HTTP hop, as the TLS proxy would."""

    def return_ok_secure(self, cookie: Cookie, request: Any) -> bool:
        return True


class _Proxied(FastHttpUser):
    abstract = True
    connection_timeout = 10.0
    network_timeout = 30.0

    def on_start(self) -> None:
        self.client.cookiejar.set_policy(_BehindProxy())

    def headers(self, path: str) -> dict[str, str]:
        host = self.host or ""
        origin = "https://" + host.split("://", 1)[-1].rstrip("/")
        return {"X-Forwarded-Proto": "https", "Referer": origin + path}

    def _get(self, path: str, name: str) -> tuple[int, str]:
        with self.client.get(
            path, name=name, headers=self.headers(path), catch_response=True
        ) as response:
            body = response.text or ""
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            return int(response.status_code or 0), body

    def _post(self, path: str, name: str, data: dict[str, str]) -> tuple[int, str, str]:
        with self.client.post(
            path,
            name=name,
            data=data,
            headers=self.headers(path),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = str(response.headers.get("Location", "") if response.headers else "")
            body = response.text or ""
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")
            return int(response.status_code or 0), location, body


class Respondent(_Proxied):
    """One employee answering the survey with the code from the invitation."""

    weight = 10
    wait_time = constant_pacing(float(os.environ.get("LOAD_RESPONDENT_PACING", "5")))

    @task
    def indienen(self) -> None:
        token = TOKENS.next()
        if token is None:
            self.stop()
            return
        started = time.perf_counter()
        begun = time.time()
        ok, error = self._flow(token)
        elapsed = (time.perf_counter() - started) * 1000
        self.environment.events.request.fire(
            request_type="FLOW",
            name="indiening (geheel)",
            response_time=elapsed,
            response_length=0,
            exception=None if ok else RuntimeError(error),
            context={},
            start_time=begun,
            url="",
        )
        if not ok:
            ACKS.fail(error)

    def _flow(self, token: str) -> tuple[bool, str]:
        marker = f"belasting-{RUN}-{secrets.token_hex(12)}"
        status, body = self._get(f"/enquete/invullen/?code={token}", "GET start")
        found = CSRF_RE.search(body)
        if status != 200 or found is None:
            return False, _kind(status, body)
        csrf = found.group(1)
        status, location, body = self._post(
            "/enquete/invullen/", "POST code", {"csrfmiddlewaretoken": csrf, "code": token}
        )
        if status != 302:
            return False, _kind(status, body)
        for _i in range(MAX_BLOKKEN):
            if location.endswith("/klaar/"):
                status, body = self._get(location, "GET klaar")
                if status != 200:
                    return False, _kind(status, body)
                with ACKS.lock:
                    ACKS.survey.append((time.time(), marker))
                return True, ""
            status, body = self._get(location, "GET blok")
            if status != 200:
                return False, _kind(status, body)
            data = {"csrfmiddlewaretoken": csrf, "actie": "volgende"}
            last = f'name="{TEXT_FIELD}"' in body
            if last:
                data[TEXT_FIELD] = marker
            status, location, body = self._post(
                location, "POST indienen" if last else "POST blok", data
            )
            if status != 302:
                return False, _kind(status, body)
        return False, "te veel blokken"


class Melder(_Proxied):
    """Someone reporting a suspicion anonymously through the public form."""

    weight = 1
    fixed_count = int(os.environ.get("LOAD_MELDERS", "0"))
    wait_time = constant_pacing(float(os.environ.get("LOAD_MELDER_PACING", "5")))

    @task
    def melden(self) -> None:
        started = time.perf_counter()
        begun = time.time()
        ok, error = self._flow()
        self.environment.events.request.fire(
            request_type="FLOW",
            name="melding (geheel)",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=None if ok else RuntimeError(error),
            context={},
            start_time=begun,
            url="",
        )
        if not ok:
            ACKS.fail("melding: " + error)

    def _flow(self) -> tuple[bool, str]:
        path = f"/melden/{os.environ.get('LOAD_MELDPUNT', 'LOAD')}/"
        marker = f"belasting-{RUN}-{secrets.token_hex(12)}"
        status, body = self._get(path, "GET meldformulier")
        found = CSRF_RE.search(body)
        if status != 200 or found is None:
            return False, _kind(status, body)
        data = {
            "csrfmiddlewaretoken": found.group(1),
            "soort": "weet_niet",
            "wat": f"Proefmelding onder belasting ({marker}).",
        }
        status, location, body = self._post(path, "POST melding", data)
        if status != 302:
            return False, _kind(status, body)
        status, body = self._get(location, "GET ontvangstbewijs")
        code = CODE_RE.search(body)
        if status != 200 or code is None:
            return False, _kind(status, body)
        with ACKS.lock:
            ACKS.intake.append((time.time(), marker, code.group(1).replace(" ", "")))
        return True, ""
