"""Accounts: sign up, sign in, sign out, the account page (password, devices, links), delete
everything. Sign-in and sign-up are throttled per account and per address (webapp/throttle.py),
and answer in the same time whether or not an account exists."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext

from ..i18n import language
from ..models import CalendarFeed, DeviceSession, ResetToken, ShareLink, User, delete_account, utcnow
from ..security import public, too_many
from . import ways
from .attempts import Attempt
from .confirm import ask_for_proof, recently_proved
from .forms import ChangePasswordForm, DeleteAccountForm, SignInForm, SignUpForm
from .passwords import check_sign_in
from .session import end_session, ended_headers, password_changed, safe_next, start_session

bp = Blueprint("auth", __name__, url_prefix="/account")


@bp.route("/signup", methods=("GET", "POST"))
@public
def signup():
    """Create an account with an email and a password.

    Every sign-up counts against the address it comes from, and one for an email that already
    has an account counts against that account too, so sign-up tests emails no faster than
    sign-in guesses passwords. The right password for an existing account simply signs in."""
    form = SignUpForm()
    status = 200
    if form.validate_on_submit():
        attempt = Attempt(form.email.data)
        if attempt.wait:
            return too_many(attempt.wait)
        # One scrypt either way: hashing the new password, or checking the existing one.
        existing = User.by_email(form.email.data)
        if existing is None:
            attempt.failed(account=False)
            start_session(User.register(form.email.data, form.password.data, language()))
            return redirect(url_for("auth.recovery.start"))     # recovery codes, then Today
        if existing.check_password(form.password.data):
            attempt.succeeded()
            start_session(existing)
            return redirect(url_for("program.today"))
        attempt.failed()
        form.email.errors.append(gettext("We couldn't make an account with this email. If it is yours, "
                                 "sign in instead."))
        status = 409
    elif request.method == "POST":
        status = 400
    return render_template("auth/signup.html", form=form), status


@bp.route("/signin", methods=("GET", "POST"))
@public
def signin():
    """Sign in. Wrong passwords are counted per account and per address; past a few, each try
    waits longer (a back-off, never a lock-out for good), and a wait is kept even for the right
    password."""
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        attempt = Attempt(form.email.data)
        if attempt.wait:
            return too_many(attempt.wait)
        user, _known = check_sign_in(form.email.data, form.password.data)
        if user is not None:
            attempt.succeeded()
            start_session(user)
            return redirect(safe_next(url_for("program.today")))
        attempt.failed()
        form.password.errors.append(gettext("That email and password don't match. Check them and try again."))
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("auth/signin.html", form=form), status


@bp.post("/signout")
def signout():
    """Sign this device out: its session row goes, and the phone forgets the pages it kept."""
    end_session()
    return redirect(url_for("auth.signin", signed_out=1)), 302, ended_headers()


def _settings_page(form, status=200):
    now = utcnow()
    links = [link for link in ShareLink.newest_first(g.user)
             if link.revoked_at is None and link.expires_at > now]
    return render_template("auth/settings.html", form=form, delete_form=DeleteAccountForm(prefix="del"),
                           devices=list(DeviceSession.newest_first(g.user)), links=links,
                           feed=CalendarFeed.active_for(g.user), **ways.account_context(g.user)), status


@bp.route("/", methods=("GET", "POST"))
def settings():
    """Account page: where you are signed in, links that open your data, change password."""
    form = ChangePasswordForm(prefix="pw")
    if form.validate_on_submit():
        attempt = Attempt(g.user.email)         # a copied session can't guess the password either
        if attempt.wait:
            return too_many(attempt.wait)
        if g.user.check_password(form.current.data):
            g.user.set_password(form.password.data)
            ResetToken.end_all(g.user)
            password_changed(g.user)
            ways.record(g.user, "password_changed")
            flash(gettext("Your password has been changed. Other devices have been signed out."))
            return redirect(url_for("auth.settings"))
        attempt.failed()
        form.current.errors.append(gettext("That isn't your current password."))
        return _settings_page(form, 400)
    if request.method == "POST":
        return _settings_page(form, 400)
    return _settings_page(form)


@bp.route("/delete", methods=("GET", "POST"))
def delete():
    """Delete the account and every row it owns, after the password is confirmed (or, for a
    person with passkeys only, after a recent sign-in or confirmation)."""
    form = DeleteAccountForm(prefix="del")
    if not g.user.has_password:
        if not recently_proved():
            return ask_for_proof(back="auth.delete")
        del form.password
    if form.validate_on_submit():
        attempt = Attempt(g.user.email)
        if attempt.wait:
            return too_many(attempt.wait)
        if not g.user.has_password or g.user.check_password(form.password.data):
            delete_account(g.user)
            end_session()
            return redirect(url_for("auth.signup", deleted=1)), 302, ended_headers()
        attempt.failed()
        form.password.errors.append(gettext("That isn't your password."))
    if request.method == "POST":
        return render_template("auth/delete.html", form=form), 400
    return render_template("auth/delete.html", form=form)
