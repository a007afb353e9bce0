from django.apps import AppConfig


class TakenConfig(AppConfig):
    """Background jobs (imports, PDFs, analyses): one model, one runner, one progress page."""

    name = "integriteit.taken"
    verbose_name = "Achtergrondtaken"
