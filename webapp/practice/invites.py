"""Care-link invitation codes: short enough to read out or type, one use, seven days, kept only as a
keyed hash; and the throttle on typing them. No Flask.

A code is 8 characters from 31 that cannot be mistaken for each other (no 0/O, 1/I/L): about 40
bits. Guessing is slowed per practitioner and per address (webapp/throttle.py), and a code is
gone after one use or seven days, so guessing one is hopeless. The hash is keyed with the app's
secret, so a copy of the database alone cannot be searched for codes either.
"""
import hashlib
import hmac
import secrets

from .. import throttle

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
DAYS = 7
SEPARATORS = str.maketrans("", "", " -\u2010\u2011\u2012\u2013\u2014\t")


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code):
    """ "K7QM-4XPT": two halves, easier to read out."""
    return f"{code[:LENGTH // 2]}-{code[LENGTH // 2:]}"


def normalise(text):
    """The code in `text` however it was typed (spaces, dashes, lower case), or None when it
    cannot be one."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    code = text.translate(SEPARATORS).upper()
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def hash_code(code, secret):
    return hmac.new(secret.encode(), f"care-invite:{code}".encode(), hashlib.sha256).hexdigest()


def _key(kind, value, secret):
    mac = hmac.new(secret.encode(), f"{kind}:{value}".encode("utf-8", "replace"), hashlib.sha256)
    return f"{kind}:{mac.hexdigest()[:48]}"


def policies(practitioner_id, address, secret, free_practitioner, free_address, longest_wait):
    """{key: Policy} for one try at a code: the practitioner typing it and the address it comes
    from (an IPv6 address counts with its /64, as sign-in does)."""
    return {
        _key("care-code", practitioner_id, secret): throttle.Policy(
            free=free_practitioner, longest_wait=longest_wait, forget_after=24 * 3600),
        "care-" + throttle.address_key(address, secret): throttle.Policy(
            free=free_address, longest_wait=longest_wait, forget_after=3600),
    }


class CodeAttempt:
    """One try at a code, throttled like a sign-in (auth.attempts.Attempt) but counted apart from it:
    mistyped codes never slow down signing in."""

    def __init__(self, policies_):
        self.policies = policies_
        self.wait = throttle.wait_seconds(policies_)

    def failed(self):
        return throttle.failed(self.policies)

    def succeeded(self):
        throttle.succeeded([key for key in self.policies if key.startswith("care-code:")])
