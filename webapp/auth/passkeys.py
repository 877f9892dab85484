"""Passkeys: add one from the Account page, sign in with one, confirm it's you with one, remove
one (never the last way in). The browser side is static/js/auth.js; the checks are
webapp/auth/ceremonies.py. Every challenge is random, good once and for five minutes."""
import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, request, session, url_for
from flask_babel import gettext, ngettext
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from .. import tokens
from ..db import database
from ..models import Challenge, Passkey, User, lock_account, utcnow, ways_in
from ..security import LIMITS, limiter, public
from ..translatable import N_
from . import ceremonies
from .attempts import Attempt
from .confirm import mark_proved, proof_required, relying_party
from .session import device_label, safe_next, start_session
from .ways import record

bp = Blueprint("passkeys", __name__)
CHALLENGE_LIFETIME = dt.timedelta(minutes=5)
# Every ceremony (a challenge asked for, a passkey added, a signature checked) has a limit per
# address and endpoint, counted where every server counts it (webapp/security.py: init_limits).
ceremony_limit = limiter.limit(LIMITS["passkey"])
NOT_USED = N_("That passkey didn't work here. Try again, or sign in with your password.")


def _relying_party_or_404():
    rp = relying_party()
    if rp is None:
        abort(404)
    return rp


def _new_challenge(challenge, purpose, user=None):
    """Remember a challenge for this browser (its session) and for one use (a row)."""
    now = utcnow()
    Challenge.forget_older_than(now)
    value = bytes_to_base64url(challenge)
    Challenge.create(challenge_hash=tokens.hash_token(value), purpose=purpose, user=user,
                     expires_at=now + CHALLENGE_LIFETIME)
    session["passkey_challenge"] = value


def _take_challenge(purpose, user=None):
    """This browser's challenge, if it is still good (it is spent either way), else None."""
    value = session.pop("passkey_challenge", None)
    if not isinstance(value, str) or not Challenge.take(tokens.hash_token(value), purpose, user, utcnow()):
        return None
    return base64url_to_bytes(value)


def _credential():
    body = request.get_json(silent=True)
    credential = body.get("credential") if isinstance(body, dict) else None
    if not isinstance(credential, dict):
        abort(400)
    return credential


def _refused(message, status=400):
    return {"error": "passkey", "message": message}, status


# ---- adding and removing (signed in) ----

@bp.post("/passkeys/new/options")
@ceremony_limit
@proof_required()
def add_options():
    rp = _relying_party_or_404()
    if not g.user.passkey_user_id:
        g.user.passkey_user_id = ceremonies.new_user_handle()
        g.user.save(only=[User.passkey_user_id])
    existing = [(p.credential_id, p.transports) for p in Passkey.oldest_first(g.user)]
    options, challenge = ceremonies.registration_options(
        rp, g.user.passkey_user_id, g.user.email, g.user.display_name or g.user.email, existing)
    _new_challenge(challenge, "register", g.user)
    return {"options": options}


@bp.post("/passkeys/new")
@ceremony_limit
@proof_required()
def add():
    rp = _relying_party_or_404()
    credential = _credential()
    challenge = _take_challenge("register", g.user)
    if challenge is None:
        return _refused(gettext("That took too long. Please try again."))
    try:
        new = ceremonies.verify_registration(rp, credential, challenge)
    except ceremonies.PasskeyError:
        return _refused(gettext("That passkey could not be added. Please try again."))
    if Passkey.by_credential_id(new.credential_id) is not None:
        return _refused(gettext("That passkey is already added."), 409)
    name = device_label(request.user_agent.string)
    Passkey.create(user=g.user, credential_id=new.credential_id, public_key=new.public_key,
                   sign_count=new.sign_count, transports=new.transports, name=name)
    record(g.user, "passkey_added", name)
    flash(gettext("Your passkey is added. Next time, sign in with it: no password to type."))
    return {"redirect": url_for("auth.settings", _anchor="ways-heading")}


@bp.post("/passkeys/<int:passkey_id>/remove")
@proof_required()
def remove(passkey_id):
    with database.atomic():
        lock_account(g.user)
        passkey = Passkey.for_user(g.user).where(Passkey.id == passkey_id).first()
        if passkey is None:
            abort(404)
        refused = ways_in(g.user) < 2
        if not refused:
            passkey.delete_instance()
    if refused:
        flash(gettext("This passkey is your only way in, so it stays. Set a password or add another passkey first."))
    else:
        record(g.user, "passkey_removed", passkey.name)
        flash(gettext("The passkey from %(name)s is removed. It can no longer sign in.", name=passkey.name))
    return redirect(url_for("auth.settings", _anchor="ways-heading"), 303)


# ---- signing in, and confirming it's you ----

@bp.post("/passkey/options")
@public
@ceremony_limit
def sign_in_options():
    """A challenge for any of this site's passkeys: to sign in, or, signed in, to confirm."""
    rp = _relying_party_or_404()
    body = request.get_json(silent=True)
    purpose = body.get("purpose") if isinstance(body, dict) else None
    if purpose not in ("signin", "confirm") or (purpose == "confirm" and g.user is None):
        abort(400)
    options, challenge = ceremonies.authentication_options(rp)
    _new_challenge(challenge, purpose, g.user if purpose == "confirm" else None)
    return {"options": options}


def _checked_passkey(purpose, user=None):
    """(the Passkey the browser signed with, None) or (None, a refusal)."""
    rp = _relying_party_or_404()
    credential = _credential()
    challenge = _take_challenge(purpose, user)
    if challenge is None:
        return None, _refused(gettext("That took too long. Please try again."))
    passkey = Passkey.by_credential_id(ceremonies.credential_id_of(credential) or "")
    handle = ceremonies.user_handle_of(credential)
    try:
        if passkey is None or (handle and handle != passkey.user.passkey_user_id):
            raise ceremonies.PasskeyError("unknown passkey")
        count = ceremonies.verify_authentication(rp, credential, challenge, passkey.public_key,
                                                 passkey.sign_count)
    except ceremonies.PasskeyError:
        # A signature that fails counts against the address; nobody can guess one, so it never
        # counts against the account, and a valid one is never kept waiting by wrong passwords.
        attempt = Attempt("", account=False)
        if attempt.wait:
            minutes = max(1, -(-attempt.wait // 60))
            return None, _refused(ngettext("Too many attempts. Please wait %(num)d minute, then try again.",
                                           "Too many attempts. Please wait %(num)d minutes, then try again.",
                                           minutes), 429)
        attempt.failed(account=False)
        return None, _refused(gettext(NOT_USED), 401)
    passkey.used(count, utcnow())
    return passkey, None


@bp.post("/passkey/signin")
@public
@ceremony_limit
def sign_in():
    passkey, refusal = _checked_passkey("signin")
    if refusal:
        return refusal
    start_session(passkey.user)
    return {"redirect": safe_next(url_for("program.today"))}


@bp.post("/passkey/confirm")
@ceremony_limit
def confirm():
    passkey, refusal = _checked_passkey("confirm", g.user)
    if refusal:
        return refusal
    if passkey.user_id != g.user.id:
        return _refused(gettext("That passkey belongs to another account."), 403)
    mark_proved()
    return {"redirect": safe_next(url_for("auth.settings"))}
