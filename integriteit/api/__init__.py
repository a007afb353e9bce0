"""App api: the REST API (issue 8)."""
