"""Pages of the norm framework, split by purpose: ``overzicht`` (heatmap, organisation,
norm, rating, comparison and framework pages: read only), ``beoordelen`` (writing
assessments, ratings, evidence and improvement actions) and ``uitwisseling`` (export,
import, loading frameworks and managing cycles)."""
