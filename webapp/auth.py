"""Accounts: sign up, sign in, sign out, change password, delete everything."""
import functools
import hashlib
import hmac

from flask import (Blueprint, current_app, flash, g, redirect, render_template, request,
                   session, url_for)

from .db import NO_DATABASE_ENDPOINTS
from .forms import ChangePasswordForm, DeleteAccountForm, SignInForm, SignUpForm
from .models import User
from .security import limiter

bp = Blueprint("auth", __name__, url_prefix="/account")

# Reachable without signing in; everything else needs a session.
PUBLIC_ENDPOINTS = {"auth.signin", "auth.signup", "static", "safety.red_flags", "safety.emergency",
                    "safety.urgent", "pwa.offline",
                    "pwa.manifest", "pwa.service_worker", "pwa.healthz", "pwa.session_state",
                    "program.exercise", "reminders.calendar_feed", "shared.view"}
PUBLIC_BLUEPRINTS = {"library"}


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("auth.signin", next=request.full_path))
        return view(**kwargs)
    return wrapped


@bp.before_app_request
def load_signed_in_person():
    g.user = None
    if request.endpoint in NO_DATABASE_ENDPOINTS:
        return None
    user_id = session.get("user_id")
    if user_id is not None:
        user = User.get_or_none(User.id == user_id)
        if user and session.get("sv") == user.session_version:
            g.user = user
        else:
            session.clear()
    if g.user is None and not _is_public(request.endpoint):
        if request.endpoint is None:
            return None  # let the 404 handler answer
        if request.is_json or request.accept_mimetypes.best == "application/json":
            return {"error": "signed-out", "message": "Please sign in again."}, 401
        return redirect(url_for("auth.signin", next=request.full_path.rstrip("?")))
    return None


def person_key(user):
    """A stable, unguessable tag for the signed-in person. The phone's outbox labels each write
    with it, so writes queued under one account are never sent under another's session."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"person:{user.id}".encode(), hashlib.sha256).hexdigest()[:24]


@bp.app_context_processor
def _person_context():
    user = g.get("user")
    return {"person_key": person_key(user) if user else ""}


def _is_public(endpoint):
    if endpoint is None:
        return False
    return endpoint in PUBLIC_ENDPOINTS or endpoint.split(".")[0] in PUBLIC_BLUEPRINTS


def _start_session(user):
    session.clear()
    session.permanent = True
    session["user_id"] = user.id
    session["sv"] = user.session_version


def _safe_next(default):
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def _login_limit():
    return current_app.config["LOGIN_LIMITS"]


def _failed(response):
    return response.status_code in (400, 401)


@bp.route("/signup", methods=("GET", "POST"))
@limiter.limit(lambda: current_app.config["SIGNUP_LIMITS"], methods=["POST"])
def signup():
    """Create an account with an email and a password."""
    form = SignUpForm()
    status = 200
    if form.validate_on_submit():
        if User.by_email(form.email.data):
            form.email.errors.append("An account with this email already exists. Sign in instead.")
            status = 409
        else:
            user = User.register(form.email.data, form.password.data)
            _start_session(user)
            return redirect(url_for("program.today"))
    elif request.method == "POST":
        status = 400
    return render_template("auth/signup.html", form=form), status


@bp.route("/signin", methods=("GET", "POST"))
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed,
               key_func=lambda: f"{request.remote_addr}|{request.form.get('email', '')[:254].lower()}")
def signin():
    """Sign in; repeated wrong passwords are throttled."""
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user and user.check_password(form.password.data):
            _start_session(user)
            return redirect(_safe_next(url_for("program.today")))
        form.password.errors.append("That email and password don't match. Check them and try again.")
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("auth/signin.html", form=form), status


@bp.post("/signout")
def signout():
    """Sign out; the page asks the service worker to forget cached pages."""
    session.clear()
    return redirect(url_for("auth.signin", signed_out=1))


@bp.route("/", methods=("GET", "POST"))
@login_required
def settings():
    """Account page: change password."""
    form = ChangePasswordForm(prefix="pw")
    status = 200
    if form.validate_on_submit():
        if g.user.check_password(form.current.data):
            g.user.set_password(form.password.data)
            _start_session(g.user)
            flash("Your password has been changed. Other devices have been signed out.")
            return redirect(url_for("auth.settings"))
        form.current.errors.append("That isn't your current password.")
        status = 400
    elif request.method == "POST":
        status = 400
    return render_template("auth/settings.html", form=form, delete_form=DeleteAccountForm(prefix="del")), status


@bp.route("/delete", methods=("GET", "POST"))
@login_required
def delete():
    """Delete the account and every row it owns, after the password is confirmed."""
    form = DeleteAccountForm(prefix="del")
    if form.validate_on_submit():
        if g.user.check_password(form.password.data):
            g.user.delete_everything()
            session.clear()
            return redirect(url_for("auth.signup", deleted=1))
        form.password.errors.append("That isn't your password.")
    if request.method == "POST":
        return render_template("auth/delete.html", form=form), 400
    return render_template("auth/delete.html", form=form)
