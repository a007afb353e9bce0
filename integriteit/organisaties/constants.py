from django.db import models
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    RIJK = "rijk", _("Rijk")
    MINISTERIE = "ministerie", _("Ministerie")
    ONDERDEEL = "onderdeel", _("Organisatieonderdeel")


#: The twelve ministries of 2023 (the report's scope), in the report's order.
MINISTERIES_2023: tuple[tuple[str, str], ...] = (
    ("AZ", "Ministerie van Algemene Zaken"),
    ("BZ", "Ministerie van Buitenlandse Zaken"),
    ("BZK", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"),
    ("DEF", "Ministerie van Defensie"),
    ("EZK", "Ministerie van Economische Zaken en Klimaat"),
    ("FIN", "Ministerie van Financiën"),
    ("IenW", "Ministerie van Infrastructuur en Waterstaat"),
    ("JenV", "Ministerie van Justitie en Veiligheid"),
    ("LNV", "Ministerie van Landbouw, Natuur en Voedselkwaliteit"),
    ("OCW", "Ministerie van Onderwijs, Cultuur en Wetenschap"),
    ("SZW", "Ministerie van Sociale Zaken en Werkgelegenheid"),
    ("VWS", "Ministerie van Volksgezondheid, Welzijn en Sport"),
)
RIJK_CODE = "RIJK"
