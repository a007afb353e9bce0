"""The API's views: the JSON endpoints under /api/v1/ (classes, as DRF and the schema
generator need them) and the two HTML pages (index, tokens) as function views."""
