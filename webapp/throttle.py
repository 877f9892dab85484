"""Slowing down password guessing: failures are counted per account (whatever address they come
from, however the email is padded or capitalised) and per address (whatever accounts it tries),
in the database, so every worker and every server counts together and a restart forgets nothing.
Past a few free failures each new one doubles the wait, up to a ceiling: a person is slowed down,
never locked out for good. No Flask: sign-in, sign-up and any later sign-in-like form (recovery
codes, a reset link) pass in their keys.
"""
import datetime as dt
import hashlib
import hmac
import ipaddress
import math
from dataclasses import dataclass

from .db import database
from .models import Throttle, normalise_email, utcnow

clock = utcnow                  # tests move time forward by replacing this


@dataclass(frozen=True)
class Policy:
    free: int                   # failures allowed before a wait
    first_wait: int = 60        # seconds to wait after the `free`th failure; doubles with each more
    longest_wait: int = 15 * 60
    forget_after: int = 24 * 3600   # no failure for this long and the count starts again

    def wait_after(self, failures):
        """Seconds to wait after `failures` failures in a row."""
        over = failures - self.free
        if over < 0:
            return 0
        return min(self.longest_wait, self.first_wait * 2 ** min(over, 30))


def _digest(kind, value, secret):
    # Keys are keyed hashes: the table never holds the emails people typed or their addresses.
    mac = hmac.new(secret.encode(), f"{kind}:{value}".encode("utf-8", "replace"), hashlib.sha256)
    return f"{kind}:{mac.hexdigest()[:48]}"


def account_key(email, secret, kind="account"):
    """One key per account, however the email is typed (case, spaces around it); `kind` keeps
    a separate count for each secret that can be guessed ("account": the password)."""
    return _digest(kind, normalise_email(email), secret)


def address_key(address, secret):
    """One key per address; an IPv6 address counts with its whole /64 (one household or phone)."""
    try:
        ip = ipaddress.ip_address(address or "")
        address = str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)
    except ValueError:
        address = "unknown"
    return _digest("address", address, secret)


def wait_seconds(keys, now=None):
    """Whole seconds until every key in `keys` may try again (0: try now)."""
    now = now or clock()
    until = Throttle.blocked_until_for(list(keys), now)
    return math.ceil((until - now).total_seconds()) if until else 0


def failed(policies, now=None):
    """Count one failure under each key of `policies` ({key: Policy}); returns the seconds to
    wait before the next try."""
    now = now or clock()
    wait = 0
    with database.atomic():
        for key, policy in policies.items():
            forget_before = now - dt.timedelta(seconds=policy.forget_after)
            failures = Throttle.add_failure(key, now, forget_before)
            seconds = policy.wait_after(failures)
            if seconds:
                Throttle.block(key, now + dt.timedelta(seconds=seconds))
            wait = max(wait, seconds)
        longest = max(p.forget_after for p in policies.values())
        Throttle.forget_older_than(now - dt.timedelta(seconds=longest))
    return wait


def succeeded(keys):
    """Start the count again for `keys` (an account after its right password; never an address,
    or guessing at many accounts could be hidden among sign-ins to one's own)."""
    Throttle.clear(list(keys))
