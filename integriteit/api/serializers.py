"""The shapes of the API's requests and responses. Responses are built as plain dicts by
``presenters.py`` and rendered through these serializers, which also document them in the
OpenAPI schema; request serializers validate input (Dutch messages naming the field).

Field names are Dutch, as in the rest of the code; descriptions are what a client developer
reads in the schema.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from integriteit.api.constants import MAX_PK
from integriteit.normenkader.constants import AppliesTo, Soort, Status

Serializer = serializers.Serializer[Any]


# --- errors ----------------------------------------------------------------------------------


class FoutSerializer(Serializer):
    fout = serializers.CharField(help_text=_("Wat er mis is, in het Nederlands."))
    velden = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Bij ongeldige invoer: per veld (of parameter) de meldingen."),
    )


# --- query parameters ------------------------------------------------------------------------


class PaginaQuery(Serializer):
    limit = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=500,
        help_text=_("Hoeveel resultaten per pagina (1–500, standaard 100)."),
    )
    offset = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=10**9,
        help_text=_("Vanaf welk resultaat (0 = het eerste)."),
    )


class BeoordelingenQuery(PaginaQuery):
    cyclus = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PK,
        help_text=_("Alleen beoordelingen van deze cyclus (id, zie /api/v1/cycli/)."),
    )
    organisatie = serializers.CharField(
        required=False,
        max_length=40,
        help_text=_("Alleen beoordelingen van deze organisatie (code, bv. OCW)."),
    )
    soort = serializers.ChoiceField(
        choices=Soort.choices, required=False, help_text=_("Soort beoordeling.")
    )
    status = serializers.ChoiceField(
        choices=Status.choices, required=False, help_text=_("Status van de beoordeling.")
    )


class HeatmapQuery(Serializer):
    cyclus = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PK,
        help_text=_("De cyclus (id); standaard de nieuwste cyclus met beoordelingen."),
    )
    soort = serializers.ChoiceField(
        choices=Soort.choices,
        required=False,
        help_text=_("Soort beoordeling; standaard de soort met de meeste organisaties."),
    )
    rol = serializers.ChoiceField(
        choices=AppliesTo.choices,
        required=False,
        help_text=_("Normen voor ministeries (organisation, standaard) of het Rijk (coordinator)."),
    )


class ResultatenQuery(Serializer):
    eenheid = serializers.CharField(
        required=False,
        max_length=40,
        help_text=_("Alleen dit knooppunt (organisatiecode); standaard alle knooppunten."),
    )


class StatistiekQuery(Serializer):
    jaar = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=9999,
        help_text=_("Het jaar van ontvangst; standaard dit jaar."),
    )
    organisatie = serializers.CharField(
        required=False,
        max_length=40,
        help_text=_("De organisatie (code); standaard de eerste die u mag zien."),
    )


# --- assessments -----------------------------------------------------------------------------


class OrganisatieKortSerializer(Serializer):
    code = serializers.CharField(help_text=_("Code van de organisatie, bv. OCW."))
    naam = serializers.CharField(help_text=_("Volledige naam."))


class NormenkaderKortSerializer(Serializer):
    code = serializers.CharField(help_text=_("Vaste code, bv. ark-2024."))
    versie = serializers.IntegerField(help_text=_("Versie van het normenkader."))
    titel = serializers.CharField(help_text=_("Naam van het normenkader."))


class CyclusSerializer(Serializer):
    id = serializers.IntegerField(help_text=_("Id van de cyclus."))
    jaar = serializers.IntegerField(help_text=_("Het jaar waarover beoordeeld wordt."))
    titel = serializers.CharField(help_text=_("Naam van de cyclus."))
    normenkader = NormenkaderKortSerializer(help_text=_("Het normenkader van de cyclus."))
    vorige = serializers.IntegerField(
        allow_null=True, help_text=_("Id van de vorige cyclus, of null.")
    )


class BeoordelingSerializer(Serializer):
    id = serializers.IntegerField(help_text=_("Id van de beoordeling."))
    cyclus = serializers.IntegerField(help_text=_("Id van de cyclus."))
    jaar = serializers.IntegerField(help_text=_("Jaar van de cyclus."))
    organisatie = OrganisatieKortSerializer(help_text=_("De beoordeelde organisatie."))
    soort = serializers.ChoiceField(choices=Soort.choices, help_text=_("Wie beoordeelt."))
    status = serializers.ChoiceField(choices=Status.choices, help_text=_("Status."))
    versie = serializers.IntegerField(help_text=_("1, of hoger na een correctie."))
    vervangt = serializers.IntegerField(
        allow_null=True, help_text=_("Id van de versie die deze correctie vervangt, of null.")
    )
    beoordelaar = serializers.CharField(help_text=_("Beoordelende instantie of persoon."))
    aangemaakt_op = serializers.DateTimeField(help_text=_("Moment van aanmaken."))
    ingediend_op = serializers.DateTimeField(allow_null=True, help_text=_("Moment van indienen."))
    definitief_op = serializers.DateTimeField(
        allow_null=True, help_text=_("Moment van vaststellen.")
    )


class BeoordelingPaginaSerializer(Serializer):
    aantal = serializers.IntegerField(help_text=_("Aantal resultaten op alle pagina's samen."))
    volgende = serializers.URLField(allow_null=True, help_text=_("De volgende pagina, of null."))
    vorige = serializers.URLField(allow_null=True, help_text=_("De vorige pagina, of null."))
    resultaten = BeoordelingSerializer(many=True)


class OordeelSerializer(Serializer):
    id = serializers.IntegerField(help_text=_("Id van het oordeel (voor PUT /oordelen/{id}/)."))
    norm = serializers.CharField(help_text=_("Code van de norm, bv. 9."))
    groep = serializers.CharField(help_text=_("Code van de normgroep, bv. detectie."))
    niveau = serializers.CharField(
        allow_null=True, help_text=_("Code van het niveau, bv. voldoet; null = nog geen oordeel.")
    )
    bevinding = serializers.CharField(allow_blank=True, help_text=_("Waarop het oordeel steunt."))
    bron = serializers.CharField(allow_blank=True, help_text=_("Vindplaats."))
    gewijzigd_op = serializers.DateTimeField(
        allow_null=True, help_text=_("Laatste wijziging van het oordeel.")
    )


class BeoordelingDetailSerializer(BeoordelingSerializer):
    oordelen = OordeelSerializer(many=True, help_text=_("Het oordeel per norm, in normvolgorde."))


class OordeelInvoerSerializer(Serializer):
    """Set the level and finding of one norm; validated like the rating form of the page."""

    niveau = serializers.CharField(
        max_length=40,
        help_text=_("Code van het niveau uit de schaal van het normenkader, bv. voldoet."),
        error_messages={
            "required": _("Kies een oordeel (niveau)."),
            "blank": _("Kies een oordeel (niveau)."),
        },
    )
    bevinding = serializers.CharField(
        max_length=10000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Waarop het oordeel steunt. Verplicht, behalve bij ‘onbekend’."),
    )
    bron = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Vindplaats, bijvoorbeeld een document of rapport met paragraaf."),
    )


class NiveauSerializer(Serializer):
    code = serializers.CharField(help_text=_("Code van het niveau."))
    label = serializers.CharField(help_text=_("Tekst in de legenda."))  # type: ignore[assignment]
    rang = serializers.IntegerField(help_text=_("Hoger is beter; 0 = onbekend."))
    kleur = serializers.CharField(help_text=_("Kleur als #rrggbb."))


class HeatmapNormSerializer(Serializer):
    code = serializers.CharField(help_text=_("Code van de norm."))
    groep = serializers.CharField(help_text=_("Code van de normgroep."))
    voldoet = serializers.IntegerField(help_text=_("Organisaties die aan de norm voldoen."))
    beoordeeld = serializers.IntegerField(
        help_text=_("Organisaties met een oordeel anders dan ‘onbekend’.")
    )
    totaal = serializers.IntegerField(help_text=_("Organisaties in de heatmap."))
    per_niveau = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Aantal organisaties per niveaucode.")
    )


class HeatmapRijSerializer(Serializer):
    organisatie = OrganisatieKortSerializer()
    in_bereik = serializers.BooleanField(
        help_text=_(
            "Binnen uw leesbereik: nieuwste versie, elke status. Daarbuiten alleen de nieuwste "
            "definitieve versie."
        )
    )
    beoordeling = serializers.IntegerField(
        allow_null=True, help_text=_("Id van de beoordeling (alleen binnen uw bereik).")
    )
    status = serializers.CharField(
        allow_blank=True, help_text=_("Status; leeg zonder beoordeling.")
    )
    niveaus = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        help_text=_("Per normcode de niveaucode (null = geen oordeel)."),
    )


class HeatmapSerializer(Serializer):
    cyclus = CyclusSerializer()
    soort = serializers.ChoiceField(choices=Soort.choices)
    rol = serializers.ChoiceField(choices=AppliesTo.choices)
    niveaus = NiveauSerializer(many=True, help_text=_("De schaal, hoogste eerst."))
    normen = HeatmapNormSerializer(many=True, help_text=_("Per norm de aantallen."))
    organisaties = HeatmapRijSerializer(many=True, help_text=_("Per organisatie de niveaus."))


# --- survey ------------------------------------------------------------------------------------


class GolfSerializer(Serializer):
    id = serializers.IntegerField(help_text=_("Id van de golf."))
    titel = serializers.CharField()
    organisatie = OrganisatieKortSerializer(help_text=_("De organisatie die de golf houdt."))
    vragenlijst = serializers.CharField(help_text=_("Code van de vragenlijst."))
    start = serializers.DateField()
    eind = serializers.DateField()
    status = serializers.CharField(help_text=_("voorbereiding, open of gesloten."))
    min_groepsgrootte = serializers.IntegerField(
        help_text=_("Onder dit aantal antwoorden worden geen uitkomsten getoond.")
    )
    synthetisch = serializers.BooleanField(help_text=_("Synthetische (demo)gegevens."))


class ItemResultaatSerializer(Serializer):
    n = serializers.IntegerField(help_text=_("Geldige antwoorden."))
    gemiddelde = serializers.FloatField(allow_null=True)
    percentage_eens = serializers.FloatField(
        allow_null=True, help_text=_("Aandeel (volledig) eens, in procenten.")
    )
    percentages = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text=_("Per antwoordcode het aandeel in procenten."),
    )


class SchaalResultaatSerializer(Serializer):
    n = serializers.IntegerField(help_text=_("Respondenten met een volledige schaalscore."))
    gemiddelde = serializers.FloatField(allow_null=True)
    sd = serializers.FloatField(allow_null=True, help_text=_("Standaarddeviatie."))
    alpha = serializers.FloatField(allow_null=True, help_text=_("Cronbachs alfa."))
    omega = serializers.FloatField(allow_null=True, help_text=_("McDonalds omega."))


class KnoopResultaatSerializer(Serializer):
    code = serializers.CharField(help_text=_("Code van de eenheid of organisatie."))
    naam = serializers.CharField()
    bovenliggend = serializers.CharField(
        allow_null=True, help_text=_("Code van het bovenliggende knooppunt, of null.")
    )
    diepte = serializers.IntegerField(help_text=_("0 = de organisatie van de golf."))
    onderdrukt = serializers.BooleanField(
        help_text=_(
            "Te weinig respons (onder de minimale groepsgrootte, of afgeschermd zodat een "
            "kleine groep niet af te leiden is): dan staan er geen cijfers bij."
        )
    )
    n = serializers.IntegerField(allow_null=True, help_text=_("Antwoorden; null als onderdrukt."))
    items = serializers.DictField(
        child=ItemResultaatSerializer(),
        allow_null=True,
        help_text=_("Per vraagcode de uitkomsten (nooit open antwoorden); null als onderdrukt."),
    )
    schalen = serializers.DictField(
        child=SchaalResultaatSerializer(),
        allow_null=True,
        help_text=_("Per schaalcode de uitkomsten; null als onderdrukt."),
    )


class GolfResultatenSerializer(Serializer):
    golf = GolfSerializer()
    aantal_antwoorden = serializers.IntegerField(
        allow_null=True, help_text=_("Alle antwoorden van de golf; null onder de drempel.")
    )
    knopen = KnoopResultaatSerializer(many=True, help_text=_("De knooppunten die u mag zien."))


class ImportInvoerSerializer(Serializer):
    bestand = serializers.FileField(
        help_text=_("CSV, XLSX, SPSS (.sav) of LimeSurvey-export; één rij per respondent.")
    )
    formaat = serializers.ChoiceField(
        choices=[
            ("auto", _("Automatisch")),
            ("csv", "CSV"),
            ("xlsx", "XLSX"),
            ("sav", "SPSS"),
            ("limesurvey", "LimeSurvey"),
        ],
        required=False,
        default="auto",
        help_text=_("Formaat van het bestand; standaard automatisch."),
    )
    koppeling = serializers.FileField(
        required=False, help_text=_("Koppelbestand (YAML) als de kolommen anders heten.")
    )


class ImportUitkomstSerializer(Serializer):
    aantal = serializers.IntegerField(help_text=_("Aantal geïmporteerde antwoorden."))
    formaat = serializers.CharField(help_text=_("Het herkende formaat."))
    samenvatting = serializers.CharField()
    waarschuwingen = serializers.ListField(child=serializers.CharField())


class ImportFoutSerializer(FoutSerializer):
    """A 400 of the import: either the upload itself is wrong (``velden``, as every 400 of
    the API) or the file was read and refused (``fouten``, ``waarschuwingen``)."""

    fouten = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("Bij een geweigerd bestand: elke fout met regel en kolom."),
    )
    waarschuwingen = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("Bij een geweigerd bestand: wat verder opviel."),
    )


# --- reports statistics ------------------------------------------------------------------------


class AantalSerializer(Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    waarde = serializers.IntegerField(
        allow_null=True, help_text=_("Het aantal; null als het ‘<5’ of ‘afgeschermd’ is.")
    )
    tekst = serializers.CharField(
        help_text=_("Zoals de pagina het toont: 12, ‘<5’, ‘afgeschermd’.")
    )
    stand = serializers.ChoiceField(
        choices=[("getoond", "getoond"), ("klein", "klein"), ("afgeschermd", "afgeschermd")]
    )


class VerdelingSerializer(Serializer):
    titel = serializers.CharField()
    aantallen = AantalSerializer(many=True)


class KengetalSerializer(Serializer):
    waarde = serializers.FloatField(
        allow_null=True, help_text=_("Procent of dagen; null als niet getoond of niet te bepalen.")
    )
    n = serializers.IntegerField(
        allow_null=True, help_text=_("Aantal meldingen waarop het rust; null als ‘<5’.")
    )
    tekst = serializers.CharField()
    verborgen = serializers.BooleanField(help_text=_("Niet getoond: op minder dan 5 meldingen."))


class OnderdeelSerializer(Serializer):
    organisatie = OrganisatieKortSerializer()
    totaal = AantalSerializer()


class StatistiekKeuzeSerializer(Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    exact = serializers.BooleanField(help_text=_("Exacte aantallen (eigen organisatie)."))


class StatistiekSerializer(Serializer):
    organisatie = OrganisatieKortSerializer()
    jaar = serializers.IntegerField()
    afgeschermd = serializers.BooleanField(
        help_text=_("Kleine aantallen afgeschermd (rijksbreed publiek: BZK, auditor).")
    )
    drempel = serializers.IntegerField(help_text=_("Aantallen onder deze drempel staan als ‘<5’."))
    totaal = AantalSerializer()
    verdelingen = VerdelingSerializer(many=True)
    kengetallen = serializers.DictField(
        child=KengetalSerializer(),
        help_text=_(
            "per_100_fte, bevestigd_op_tijd, teruggekoppeld_op_tijd, mediaan_bevestigen, "
            "mediaan_terugkoppelen, mediaan_afsluiten."
        ),
    )
    per_ministerie = OnderdeelSerializer(
        many=True, help_text=_("Alleen voor het afgeschermde publiek: per ministerie het totaal.")
    )
    keuzes = StatistiekKeuzeSerializer(many=True, help_text=_("Organisaties die u mag kiezen."))


# --- index -------------------------------------------------------------------------------------


class TokenInfoSerializer(Serializer):
    gebruiker = serializers.CharField()
    rollen = serializers.ListField(child=serializers.CharField())
    token = serializers.CharField(help_text=_("Naam en prefix van het gebruikte token."))
    verloopt_op = serializers.DateTimeField()
