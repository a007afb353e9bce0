"""Background jobs of the survey app, registered with ``integriteit.taken`` on import."""

from integriteit.medewerkersonderzoek.jobs import importeren, praatplaten  # noqa: F401
