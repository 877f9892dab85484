"""Checking a password without saying whether the account exists. No Flask.

An unknown email is checked against a dummy hash made with the same method and cost as real
ones, so the answer takes the same time either way (a scrypt check is most of a sign-in's work).
"""
import functools
import secrets

from ..models import User, hash_password


@functools.cache
def dummy_hash():
    return hash_password(secrets.token_urlsafe(16))


def check_sign_in(email, password):
    """(the User, True) when `password` is theirs; (None, True) for a wrong password;
    (None, False) for an email with no account, after the same work."""
    user = User.by_email(email)
    if user is None or not user.has_password:      # passkeys only: no password can match
        User.check_hash(dummy_hash(), password)
        return None, user is not None
    if user.check_password(password):
        return user, True
    return None, True
