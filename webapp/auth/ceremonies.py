"""Passkeys (WebAuthn): the options a browser is given and the checks on what it sends back, done by
the `webauthn` package. No Flask: the relying party (this site's id and origin) is passed in.

A passkey must be discoverable (the phone offers it without an email typed) and must check the
person (Face ID, fingerprint, screen lock): it is a whole way in on its own, not a second factor.
"""
import base64
import binascii
import json
import secrets
from dataclasses import dataclass

from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

TIMEOUT_MS = 120_000
CREDENTIAL_ID_MAX = 1400            # base64url of the longest id WebAuthn allows (1023 bytes)
KNOWN_TRANSPORTS = {t.value for t in AuthenticatorTransport}


@dataclass(frozen=True)
class RelyingParty:
    id: str                         # the host name: "sciatica.example.org", "localhost"
    origin: str                     # "https://sciatica.example.org", "http://localhost:8000"
    name: str = "Sciatica Companion"


@dataclass(frozen=True)
class NewPasskey:
    credential_id: str
    public_key: str
    sign_count: int
    transports: str


class PasskeyError(ValueError):
    """What the browser sent is not a valid answer to our challenge."""


def new_user_handle():
    """The random id a passkey knows a person by (WebAuthn's user.id; never the email)."""
    return bytes_to_base64url(secrets.token_bytes(32))


def registration_options(rp, user_handle, name, display_name, existing=()):
    """({options for navigator.credentials.create}, challenge). `existing`: (id, transports) of
    the person's passkeys, so the same authenticator is not added twice."""
    options = generate_registration_options(
        rp_id=rp.id, rp_name=rp.name, user_id=base64url_to_bytes(user_handle), user_name=name,
        user_display_name=display_name, timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(cid), transports=_transports(t))
            for cid, t in existing])
    return json.loads(options_to_json(options)), options.challenge


def verify_registration(rp, credential, challenge):
    """The new passkey from a navigator.credentials.create() answer, or PasskeyError."""
    try:
        checked = verify_registration_response(credential=credential, expected_challenge=challenge,
                                               expected_rp_id=rp.id, expected_origin=rp.origin,
                                               require_user_verification=True)
        transports = credential.get("response", {}).get("transports") or []
    except (WebAuthnException, ValueError, TypeError, KeyError, AttributeError, binascii.Error) as error:
        raise PasskeyError(str(error)) from None
    return NewPasskey(credential_id=bytes_to_base64url(checked.credential_id),
                      public_key=bytes_to_base64url(checked.credential_public_key),
                      sign_count=checked.sign_count,
                      transports=",".join(t for t in transports if t in KNOWN_TRANSPORTS)[:120])


def authentication_options(rp):
    """({options for navigator.credentials.get}, challenge): any of this site's passkeys."""
    options = generate_authentication_options(rp_id=rp.id, timeout=TIMEOUT_MS,
                                              user_verification=UserVerificationRequirement.REQUIRED)
    return json.loads(options_to_json(options)), options.challenge


def credential_id_of(credential):
    """The credential id a navigator.credentials.get() answer names (base64url), or None."""
    cid = credential.get("id") if isinstance(credential, dict) else None
    if not isinstance(cid, str) or not 0 < len(cid) <= CREDENTIAL_ID_MAX or not _is_base64url(cid):
        return None
    return cid


def user_handle_of(credential):
    response = credential.get("response") if isinstance(credential, dict) else None
    handle = response.get("userHandle") if isinstance(response, dict) else None
    return handle if isinstance(handle, str) and handle else None


def verify_authentication(rp, credential, challenge, public_key, sign_count):
    """The authenticator's new signature count, or PasskeyError."""
    try:
        checked = verify_authentication_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=rp.id,
            expected_origin=rp.origin, credential_public_key=base64url_to_bytes(public_key),
            credential_current_sign_count=sign_count, require_user_verification=True)
    except (WebAuthnException, ValueError, TypeError, KeyError, AttributeError, binascii.Error) as error:
        raise PasskeyError(str(error)) from None
    return checked.new_sign_count


def _transports(stored):
    return [AuthenticatorTransport(t) for t in (stored or "").split(",") if t in KNOWN_TRANSPORTS] or None


def _is_base64url(text):
    try:
        base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return False
    return all(c.isalnum() or c in "-_" for c in text) and text.isascii()
