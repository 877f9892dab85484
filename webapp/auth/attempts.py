"""Guesses at a secret, throttled per account and per address (the counting itself is
webapp/throttle.py): sign-in, sign-up, a password to confirm, a recovery code."""
from flask import current_app, request

from .. import throttle


class Attempt:
    """One guess at a secret (a password at sign-in, sign-up or "Confirm it's you", or a recovery
    code), throttled per account and per address:

        attempt = Attempt(email)                      # or Attempt(email, secret="recovery code")
        if attempt.wait:
            return too_many(attempt.wait)
        ... check the secret ...
        attempt.succeeded() or attempt.failed()

    Each kind of secret has its own count per account, so a stranger's wrong passwords never hold
    up the owner's recovery codes (nor the other way round). What is not a guess, a valid reset
    link or a valid passkey signature, is never asked to wait: it counts a failure only when it
    fails, against the address."""

    def __init__(self, email, account=True, secret="password"):
        accounts, self.addresses = attempt_policies(email, secret)
        self.accounts = accounts if account else {}     # asking for a reset mail guesses nothing
        self.wait = throttle.wait_seconds({**self.accounts, **self.addresses})

    def failed(self, account=True):
        """Count a failure (`account=False`: against the address only, as a new sign-up is)."""
        return throttle.failed({**(self.accounts if account else {}), **self.addresses})

    def succeeded(self):
        throttle.succeeded(list(self.accounts))


# Each secret's count per account: "account" is the password's (its name from before there were others).
ACCOUNT_COUNTS = {"password": "account", "recovery code": "recovery"}


def attempt_policies(email, secret="password"):
    """({key: Policy} for the account `email` names and this kind of secret, {key: Policy} for
    the address the attempt comes from)."""
    config, key = current_app.config, current_app.config["SECRET_KEY"]
    longest = config["THROTTLE_LONGEST_WAIT"]
    account = throttle.account_key(email, key, ACCOUNT_COUNTS[secret])
    address = throttle.address_key(request.remote_addr, key)
    return ({account: throttle.Policy(free=config["THROTTLE_ACCOUNT_FREE"], longest_wait=longest,
                                      forget_after=24 * 3600)},
            {address: throttle.Policy(free=config["THROTTLE_ADDRESS_FREE"], longest_wait=longest,
                                      forget_after=3600)})
