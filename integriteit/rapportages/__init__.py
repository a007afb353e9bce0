"""App rapportages: government-wide insight and the annual integrity report (issue 8)."""
