"""Share-link tokens and their QR code. No Flask.

A token is 32 random bytes (256 bits) in URL-safe base64. Only its SHA-256 hash is stored, so a
copy of the database cannot be turned back into working links. A link is found by its hash, and
the hashes are then compared in constant time.
"""
import datetime as dt
import hashlib
import hmac
import secrets

import segno

from .models import ShareLink

TOKEN_BYTES = 32
TOKEN_MAX_CHARS = 64                     # token_urlsafe(32) is 43 characters


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(user, days, range_from=None, range_to=None, now=None):
    """A new link for `user` lasting `days`; returns (link, token). The token is never stored."""
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    token = new_token()
    link = ShareLink.create(user=user, token_hash=token_hash(token), created_at=now,
                            expires_at=now + dt.timedelta(days=days), range_from=range_from,
                            range_to=range_to)
    return link, token


def find(token):
    """The ShareLink for `token` (active or not), or None."""
    if not isinstance(token, str) or not 20 <= len(token) <= TOKEN_MAX_CHARS:
        return None
    wanted = token_hash(token)
    link = ShareLink.by_hash(wanted)
    if link is None or not hmac.compare_digest(link.token_hash, wanted):
        return None
    return link


def status(link, now):
    """ "active", "revoked" or "expired"."""
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= now:
        return "expired"
    return "active"


def qr_svg(url, title):
    """The link as an inline SVG QR code: black on white whatever the theme, with its quiet zone,
    scaling to its container."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True,
                          svgclass="qr-code", lineclass=None, title=title)
    return svg.replace("<svg ", '<svg role="img" ', 1)
