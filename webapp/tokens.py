"""Link tokens (share links, calendar feeds): 256 random bits, stored only as a SHA-256 hash.
No Flask.

A copy of the database cannot be turned back into working links. A row is found by the hash of
the token presented, and the hashes are then compared in constant time.
"""
import hashlib
import hmac
import secrets

TOKEN_BYTES = 32
TOKEN_MIN_CHARS, TOKEN_MAX_CHARS = 20, 64     # token_urlsafe(32) is 43 characters


def new_token():
    """A fresh token in URL-safe base64; show it once, keep only hash_token(token)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find(model, token):
    """The row of `model` (with a `token_hash` column and a `by_hash` query) for `token`, or None."""
    if not isinstance(token, str) or not TOKEN_MIN_CHARS <= len(token) <= TOKEN_MAX_CHARS:
        return None
    wanted = hash_token(token)
    row = model.by_hash(wanted)
    if row is None or not hmac.compare_digest(row.token_hash, wanted):
        return None
    return row
