from django.apps import AppConfig


class KluisConfig(AppConfig):
    """The vault: per-user key pairs, per-case keys sealed to each person with access, and the
    organisation's recovery key split among custodians (ADR 0010)."""

    name = "integriteit.kluis"
    verbose_name = "Kluis"
