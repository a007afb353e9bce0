"""Fuzzing proofs (issue 8): hypothesis on every parser of user files, schemathesis on the
REST API. See docs/adr/0020-fuzzing.md."""
