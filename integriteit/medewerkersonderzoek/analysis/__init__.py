"""Analysis engine of the employee survey: pure numpy functions over response arrays.

No Django and no database: :func:`report.survey_analyze` turns a
:class:`~integriteit.medewerkersonderzoek.spec.Questionnaire` and the response columns read by
:func:`data.responses_read_csv` into the JSON-ready dict of ``analyze_survey``. Conventions
follow R's ``psych::alpha`` (and pingouin's defaults) so that results can be checked there.
"""
