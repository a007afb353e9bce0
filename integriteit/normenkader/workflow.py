"""The assessment workflow as an explicit allowed-transition map (Signalen).

concept → ingediend     all norms rated
ingediend → concept     sent back, with a reason
ingediend → definitief  fixed; from then on immutable (a correction is a new version)
"""

from __future__ import annotations

from integriteit.normenkader.constants import Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.CONCEPT: frozenset({Status.INGEDIEND}),
    Status.INGEDIEND: frozenset({Status.CONCEPT, Status.DEFINITIEF}),
    Status.DEFINITIEF: frozenset(),
}

#: Transitions that need a written reason.
NEEDS_REASON: frozenset[tuple[str, str]] = frozenset({(Status.INGEDIEND, Status.CONCEPT)})
