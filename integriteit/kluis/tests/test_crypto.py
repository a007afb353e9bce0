"""The vault's primitives: round trips, refusal of wrong keys, contexts and tampering,
receipt codes, and Shamir m-of-n (m restore, m - 1 do not)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integriteit.kluis import crypto
from integriteit.kluis.crypto import Argon2Kosten, OntsleutelFout

SNEL = Argon2Kosten(ops=crypto.ARGON2_MIN_OPS, mem=crypto.ARGON2_MIN_MEM)


@given(data=st.binary(max_size=4096), context=st.binary(max_size=64))
@settings(max_examples=50, deadline=None)
def test_envelope_round_trip(data: bytes, context: bytes) -> None:
    paar = crypto.sleutelpaar_nieuw()
    blob = crypto.envelop(paar.public, data, context)
    assert crypto.envelop_open(paar.private, blob, context) == data
    if len(data) >= 16:  # shorter strings can occur in random bytes by chance
        assert data not in blob


def test_envelope_refuses_other_key_other_context_and_tampering() -> None:
    paar, ander = crypto.sleutelpaar_nieuw(), crypto.sleutelpaar_nieuw()
    blob = crypto.envelop(paar.public, b"MARKER vermoeden van fraude", b"melding:1:omschrijving")
    with pytest.raises(OntsleutelFout):
        crypto.envelop_open(ander.private, blob, b"melding:1:omschrijving")
    with pytest.raises(OntsleutelFout):  # moved to another case or field
        crypto.envelop_open(paar.private, blob, b"melding:2:omschrijving")
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(OntsleutelFout):
        crypto.envelop_open(paar.private, tampered, b"melding:1:omschrijving")
    with pytest.raises(OntsleutelFout):
        crypto.envelop_open(paar.private, b"\x00", b"")


def test_two_envelopes_of_the_same_text_differ() -> None:
    paar = crypto.sleutelpaar_nieuw()
    assert crypto.envelop(paar.public, b"zelfde", b"") != crypto.envelop(
        paar.public, b"zelfde", b""
    )


def test_sealed_box_only_opens_with_its_private_key() -> None:
    paar, ander = crypto.sleutelpaar_nieuw(), crypto.sleutelpaar_nieuw()
    blob = crypto.verzegel(paar.public, b"zaaksleutel")
    assert crypto.ontzegel(paar.private, blob) == b"zaaksleutel"
    with pytest.raises(OntsleutelFout):
        crypto.ontzegel(ander.private, blob)
    assert crypto.publiek_van(paar.private) == paar.public


def test_password_wrapping() -> None:
    geheim = crypto.sleutelpaar_nieuw().private
    verpakt = crypto.verpak_met_wachtwoord(geheim, "juist-paard-batterij", SNEL)
    assert (verpakt.ops, verpakt.mem) == (SNEL.ops, SNEL.mem)
    assert crypto.pak_uit_met_wachtwoord(verpakt, "juist-paard-batterij") == geheim
    with pytest.raises(OntsleutelFout):
        crypto.pak_uit_met_wachtwoord(verpakt, "juist-paard-batterij!")


def test_receipt_codes() -> None:
    codes = {crypto.ontvangstcode_nieuw() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 16 and c.isdigit() for c in codes)
    code = "0123456789012345"
    assert crypto.ontvangstcode_opmaak(code) == "0123 4567 8901 2345"
    assert crypto.ontvangstcode_normaliseer(" 0123-4567 8901 2345 ") == code
    for bad in ("012345678901234", "01234567890123456", "0123456789o12345", "٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥"):
        assert crypto.ontvangstcode_normaliseer(bad) is None


def test_receipt_index_and_key_pair_are_deterministic_per_salt() -> None:
    code, salt, ander_salt = "1111222233334444", b"s" * 16, b"t" * 16
    index = crypto.ontvangstcode_index(code, salt, SNEL)
    assert index == crypto.ontvangstcode_index(code, salt, SNEL)
    assert index != crypto.ontvangstcode_index("1111222233334445", salt, SNEL)
    assert code not in index and len(index) == 64
    paar = crypto.ontvangstcode_sleutelpaar(code, salt, SNEL)
    assert paar == crypto.ontvangstcode_sleutelpaar(code, salt, SNEL)
    assert paar != crypto.ontvangstcode_sleutelpaar(code, ander_salt, SNEL)


@pytest.mark.parametrize(("m", "n"), [(2, 3), (3, 5), (5, 5)])
def test_shamir_m_shares_restore_and_fewer_do_not(m: int, n: int) -> None:
    geheim = crypto.sleutelpaar_nieuw().private
    delen = crypto.geheim_delen(geheim, m, n)
    assert len(delen) == n and all(len(share) == 32 for _, share in delen)
    for subset in itertools.combinations(delen, m):
        assert crypto.geheim_samenvoegen(list(subset)) == geheim
    for subset in itertools.combinations(delen, m - 1):
        if len(subset) >= 1:
            assert crypto.geheim_samenvoegen(list(subset)) != geheim


def test_shamir_refuses_bad_parameters_and_duplicate_shares() -> None:
    geheim = crypto.sleutelpaar_nieuw().private
    with pytest.raises(ValueError, match="32 bytes"):
        crypto.geheim_delen(b"kort", 2, 3)
    with pytest.raises(ValueError, match="m ≤ n"):
        crypto.geheim_delen(geheim, 4, 3)
    with pytest.raises(ValueError, match="m ≤ n"):
        crypto.geheim_delen(geheim, 1, 3)
    delen = crypto.geheim_delen(geheim, 2, 3)
    with pytest.raises(ValueError, match="één keer"):
        crypto.geheim_samenvoegen([delen[0], delen[0]])


def test_split_sealing_needs_both_halves_and_the_same_context() -> None:
    blob, geheim = crypto.gesplitst_verzegelen(b"sleutel", b"ctx:1")
    assert b"sleutel" not in blob.encode() and b"sleutel" not in geheim.encode()
    assert crypto.gesplitst_openen(blob, geheim, b"ctx:1") == b"sleutel"
    _, ander_geheim = crypto.gesplitst_verzegelen(b"sleutel", b"ctx:1")
    assert crypto.gesplitst_openen(blob, ander_geheim, b"ctx:1") is None
    assert crypto.gesplitst_openen(blob, geheim, b"ctx:2") is None
    assert crypto.gesplitst_openen("%%%", geheim, b"ctx:1") is None
    assert crypto.gesplitst_openen(blob, "kort", b"ctx:1") is None
