"""The talk sheet (praatplaat) of a unit of a survey wave: the unit against its parent and
the government-wide total, three strengths, three points of attention and questions to
discuss with the team (issue 4; the Court of Audit's report, 4.3, IenW's praatplaten).

``inhoud.py`` builds the content from the engine results (pure), ``vragen.yaml`` holds the
discussion questions, ``selectors.py`` assembles a sheet from a wave's results."""
