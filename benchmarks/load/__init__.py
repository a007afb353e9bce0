"""Proofs under load and faults (issue 8): ``proof_load.py``, ``proof_faults.py`` and the
``locustfile``. See docs/bewijs-onder-belasting.md and ADR 0022."""
