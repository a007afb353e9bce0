"""Importing survey responses from CSV, XLSX, SPSS ``.sav`` and LimeSurvey exports, with a
column-mapping file: ``readers`` (one per format), ``mapping`` (the YAML mapping),
``validation`` (every row against the questionnaire) and ``writing`` (all or nothing)."""

from integriteit.medewerkersonderzoek.imports.fouten import ImportFout
from integriteit.medewerkersonderzoek.imports.readers import FORMATEN
from integriteit.medewerkersonderzoek.imports.writing import ImportUitkomst, responses_import

__all__ = ["FORMATEN", "ImportFout", "ImportUitkomst", "responses_import"]
