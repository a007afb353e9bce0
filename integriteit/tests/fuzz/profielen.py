"""The hypothesis profiles of the fuzz tests: ``snel`` (default, part of ``make test``) and
``fuzz`` (``HYPOTHESIS_PROFILE=fuzz``, ``make fuzz``).

The profile is applied per test with :data:`PROFIEL` (a decorator) rather than loaded
globally, so that the other property tests of the project keep their own settings.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# One database per test, examples rolled back one by one (see helpers.teruggedraaid); a
# workbook or a whole import per example is slow, and files are large data.
_SUPPRESS = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
]

settings.register_profile(
    "snel",
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is reproducible
    database=None,
    print_blob=True,
    suppress_health_check=_SUPPRESS,
)
settings.register_profile(
    "fuzz",
    max_examples=1500,
    deadline=None,
    print_blob=True,  # random; failures are stored in .hypothesis/ and replayed first
    suppress_health_check=_SUPPRESS,
)

#: The profile chosen by HYPOTHESIS_PROFILE: ``fuzz`` or, for anything else, ``snel``.
NAAM = "fuzz" if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else "snel"
PROFIEL = settings(settings.get_profile(NAAM))


def examples(snel: int) -> settings:
    """The profile with ``snel`` examples in the default run (a slow parser: fewer); the
    fuzz profile keeps its own, scaled by the same ratio to 40."""
    if NAAM == "fuzz":
        scaled = max(50, settings.get_profile("fuzz").max_examples * snel // 40)
        return settings(PROFIEL, max_examples=scaled)
    return settings(PROFIEL, max_examples=snel)
