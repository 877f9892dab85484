"""Recovery codes: offered once after sign-up (and once to every older account), shown once,
each good for one new password. Wrong codes are throttled like passwords, on a count of their own
(a stranger's wrong passwords never hold up the owner's codes); using one does the same work
whether or not the email has an account, and signs every other device out."""
import secrets

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext, ngettext

from ..models import RecoveryCode, ResetToken, User, utcnow
from ..security import public, too_many
from . import codes
from .attempts import Attempt
from .confirm import ask_for_proof, recently_proved
from .forms import RecoverForm
from .session import password_changed, safe_next, start_session
from .ways import record

bp = Blueprint("recovery", __name__)
OFFER_ON = {"program.today", "auth.settings"}     # where an older account is asked, once
FEW_LEFT = 2
NO_STORE = {"Cache-Control": "no-store"}          # never kept by any cache, the phone's included


def offer_context():
    """`offer_recovery`: show the "save your recovery codes" card on this page (base.html)."""
    user = g.get("user")
    wanted = user is not None and user.recovery_offered_at is None and request.endpoint in OFFER_ON
    return {"offer_recovery": wanted, "codes_press": lambda: secrets.token_hex(8)}


def _offered(user):
    if user.recovery_offered_at is None:
        user.recovery_offered_at = utcnow()
        user.save(only=[User.recovery_offered_at])


@bp.get("/recovery/start")
def start():
    """The step after sign-up: why recovery codes matter, and one tap to see them."""
    return render_template("auth/recovery_start.html", next=safe_next(url_for("program.today")))


@bp.post("/recovery/later")
def later():
    """Not now: the Account page can make them at any time."""
    _offered(g.user)
    flash(gettext("You can make recovery codes at any time on the Account page."))
    return redirect(safe_next(url_for("program.today")), 303)


@bp.post("/recovery/codes")
def make():
    """Make a set and show it, this once. Any set, the first included, is a way to set a new
    password, so making one needs a recent sign-in or confirmation (a session left open, or a
    copied cookie, cannot make its own way in)."""
    if not recently_proved():
        return ask_for_proof()
    # A reload of the codes page sends the same press again (the browser re-posts the form):
    # that must not quietly make a new set and void the one just written down.
    press = request.form.get("press", "")[:32]
    if press and session.get("codes_press") == press:
        return shown()
    fresh = codes.new_codes()
    now = utcnow()
    RecoveryCode.replace_set(g.user, codes.hash_set(fresh), now)
    record(g.user, "codes_made")
    _offered(g.user)
    if press:
        session["codes_press"] = press
    return render_template("auth/recovery_codes.html", codes=fresh,
                           next=safe_next(url_for("program.today")), made=now), 201, NO_STORE


@bp.get("/recovery/codes")
def shown():
    """The codes page again (a reload, the back button, a bookmark): the codes were shown once and
    only their hashes are kept, so say so and offer a new set, rather than "405 Method Not Allowed"
    to a person who may not have saved them yet."""
    return render_template("auth/recovery_shown.html", next=safe_next(url_for("program.today")),
                           has_codes=bool(RecoveryCode.unused(g.user))), 200, NO_STORE


@bp.route("/recover", methods=("GET", "POST"))
@public
def recover():
    """Set a new password with one recovery code."""
    form = RecoverForm()
    status = 200
    if form.validate_on_submit():
        attempt = Attempt(form.email.data, secret="recovery code")     # its own count, not the password's
        if attempt.wait:
            return too_many(attempt.wait)
        user = User.by_email(form.email.data)
        rows = RecoveryCode.unused(user) if user else []
        index = codes.find([row.code_hash for row in rows], form.code.data)
        if index is not None and RecoveryCode.use(rows[index].id, utcnow()):
            attempt.succeeded()
            Attempt(user.email).succeeded()     # a new password: the old one's wrong guesses are moot
            return _recovered(user, len(rows) - 1, form.password.data)
        attempt.failed()
        form.code.errors.append(gettext("That email and recovery code don't match. Check them and try again."))
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("auth/recover.html", form=form), status, NO_STORE


def _recovered(user, left, password):
    user.set_password(password)
    ResetToken.end_all(user)
    start_session(user)
    ended = password_changed(user)
    record(user, "code_used", f"{left} left")
    messages = [gettext("Your new password is set and you are signed in.")]
    if ended:
        messages.append(gettext("Every other device has been signed out."))
    if left <= FEW_LEFT:
        messages.append(ngettext("You have %(num)d recovery code left: make a new set below and keep it safe.",
                                 "You have %(num)d recovery codes left: make a new set below and keep it safe.",
                                 left))
    flash(" ".join(messages))
    return redirect(url_for("auth.settings", _anchor="recovery-heading"), 303)
