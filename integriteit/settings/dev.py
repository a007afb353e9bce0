"""Local development and the demo (``make run``): defaults only, nothing weakened."""

from integriteit.settings.base import *  # noqa: F403
