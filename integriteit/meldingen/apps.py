from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    """Reports: the public intake, the reporter's mailbox, the registry with the legal clock."""

    name = "integriteit.meldingen"
    verbose_name = "Meldingen"
