"""An experiment, not the app: the WSGI application with the questionnaire's parsed spec
cached per process (keyed by the questionnaire's SHA-256).

``Vragenlijst.spec()`` caches per *instance*, and every survey request loads a new instance,
so each block page re-parses the YAML (about two thirds of a block request's CPU). This
module applies the fix proposed to the lead (ADR 0022, "Findings") from outside, so
``proof_load.py --variant spec-cache`` can show what it is worth. The proof itself always
runs the app as it is (``--variant app``).
"""

from __future__ import annotations

import functools

from integriteit.wsgi import application

from integriteit.medewerkersonderzoek.models import Vragenlijst  # isort: skip
from integriteit.medewerkersonderzoek.questionnaire import questionnaire_parse  # isort: skip
from integriteit.medewerkersonderzoek.spec import Questionnaire  # isort: skip


@functools.lru_cache(maxsize=32)
def _parsed(sha256: str, bron: str, bestandsnaam: str) -> Questionnaire:
    return questionnaire_parse(data=bron.encode(), filename=bestandsnaam)


def _spec(self: Vragenlijst) -> Questionnaire:
    return _parsed(self.sha256, self.bron, self.bestandsnaam)


Vragenlijst.spec = _spec  # type: ignore[method-assign]

__all__ = ["application"]
