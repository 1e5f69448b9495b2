"""Sealed bids: everything a bidder sends is encrypted with its tender's own key.

The tender key is generated when the tender is published and stored only wrapped (encrypted) by the
installation's sealing key, which lives in the settings, not in the database: a copy of the database alone opens
nothing. The application unwraps a tender key only to seal a new bid, and to read one only after the opening
(`rules.check_bids_readable`: the deadline has passed and two different officers have confirmed). Every read is
written to the audit trail by the caller's service (`bid_content_read`).
"""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from procure.core.errors import BusinessRuleViolation
from procure.sourcing.models import Tender


def _installation_key() -> Fernet:
    secret = (settings.PROCURE_SEALING_KEY or settings.SECRET_KEY).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"procure-sealed-bids", info=b"tender-key-wrapping")
    return Fernet(base64.urlsafe_b64encode(key.derive(secret)))


def tender_key_issue(tender: Tender) -> None:
    """Give the tender its own key (once; publishing again keeps the first). The caller saves the tender."""
    if not tender.sealed_key:
        tender.sealed_key = _installation_key().encrypt(Fernet.generate_key())


def _tender_cipher(tender: Tender) -> Fernet:
    if not tender.sealed_key:
        raise BusinessRuleViolation(code="SEAL-1", message="This tender has not been published, so it takes no bids")
    try:
        return Fernet(_installation_key().decrypt(bytes(tender.sealed_key)))
    except InvalidToken:
        raise BusinessRuleViolation(
            code="SEAL-2", message="The sealing key of this installation does not match the one the tender was "
                                   "published with: restore PROCURE_SEALING_KEY") from None


def seal(tender: Tender, data: bytes) -> bytes:
    return _tender_cipher(tender).encrypt(data)


def unseal(tender: Tender, token: bytes) -> bytes:
    """Decrypt. Callers check `rules.check_bids_readable` first and record the read in the audit trail."""
    return _tender_cipher(tender).decrypt(bytes(token))


def content_bytes(content: dict) -> bytes:
    """A bid's content as canonical JSON, the form that is sealed and hashed for the receipt."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
