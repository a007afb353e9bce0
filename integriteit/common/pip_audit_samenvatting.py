"""One line on what ``pip-audit`` really checked (``make security``).

Where the vulnerability data of PyPI cannot be reached (a package mirror that serves only the
simple index), pip-audit skips every package and still exits 0. This summary says how many
packages were checked, so a run that checked nothing is not read as "no vulnerabilities".
It fails on any vulnerability found; pip-audit itself already exits 1 then.

Usage: ``python -m integriteit.common.pip_audit_samenvatting RAPPORT.json``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def samenvatting(rapport: dict[str, Any]) -> tuple[str, int]:
    """The line to print and the exit code for a pip-audit JSON report."""
    pakketten = rapport.get("dependencies", [])
    overgeslagen = [p for p in pakketten if "skip_reason" in p]
    kwetsbaar = [p for p in pakketten if p.get("vulns")]
    gecontroleerd = len(pakketten) - len(overgeslagen)
    regel = (
        f"pip-audit: {gecontroleerd} van {len(pakketten)} pakketten gecontroleerd, "
        f"{sum(len(p['vulns']) for p in kwetsbaar)} bekende kwetsbaarheden"
    )
    if kwetsbaar:
        namen = ", ".join(f"{p['name']} {p['version']}" for p in kwetsbaar)
        return f"{regel}: {namen}.", 1
    if pakketten and not gecontroleerd:
        return (
            f"{regel}. LET OP: niets gecontroleerd — de kwetsbaarhedendatabase van PyPI is "
            "vanaf deze machine niet bereikbaar; draai `make security` waar die wel bereikbaar "
            "is (zoals in de CI van een organisatie met internettoegang).",
            0,
        )
    return f"{regel}.", 0


def main(argv: list[str]) -> int:
    rapport = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    regel, code = samenvatting(rapport)
    print(regel)  # noqa: T201 - the point of this command
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
