"""Employee survey (issue 4): questionnaires, waves, anonymous answering, the analysis engine
and talk sheets. The questionnaire spec and the analysis engine are plain Python (no
Django models), so ``integriteit analyze_survey`` runs without a database."""
