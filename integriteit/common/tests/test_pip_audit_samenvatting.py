"""The summary of ``make security`` says what pip-audit really checked."""

from __future__ import annotations

from integriteit.common.pip_audit_samenvatting import samenvatting


def test_nothing_checked_is_said_out_loud() -> None:
    rapport = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found"}]}
    regel, code = samenvatting(rapport)
    assert code == 0
    assert regel.startswith("pip-audit: 0 van 1 pakketten gecontroleerd")
    assert "niets gecontroleerd" in regel


def test_a_vulnerability_fails_and_is_named() -> None:
    rapport = {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-1"}]},
            {"name": "pynacl", "version": "1.5.0", "vulns": []},
        ]
    }
    regel, code = samenvatting(rapport)
    assert code == 1
    assert "2 van 2 pakketten gecontroleerd, 1 bekende kwetsbaarheden" in regel
    assert "django 5.2.0" in regel


def test_all_checked_and_clean() -> None:
    rapport = {"dependencies": [{"name": "pynacl", "version": "1.5.0", "vulns": []}]}
    assert samenvatting(rapport) == (
        "pip-audit: 1 van 1 pakketten gecontroleerd, 0 bekende kwetsbaarheden.",
        0,
    )
