"""App risicos: the risk analysis instrument (issue 7)."""
