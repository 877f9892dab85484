"""Accounts: sign up, sign in, sign out, change password, delete everything."""
from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for

from ..models import User, delete_account
from ..security import limiter, public
from .forms import ChangePasswordForm, DeleteAccountForm, SignInForm, SignUpForm
from .session import safe_next, start_session

bp = Blueprint("auth", __name__, url_prefix="/account")


def _login_limit():
    return current_app.config["LOGIN_LIMITS"]


def _failed(response):
    return response.status_code in (400, 401)


@bp.route("/signup", methods=("GET", "POST"))
@limiter.limit(lambda: current_app.config["SIGNUP_LIMITS"], methods=["POST"])
@public
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
            start_session(user)
            return redirect(url_for("program.today"))
    elif request.method == "POST":
        status = 400
    return render_template("auth/signup.html", form=form), status


@bp.route("/signin", methods=("GET", "POST"))
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed,
               key_func=lambda: f"{request.remote_addr}|{request.form.get('email', '')[:254].lower()}")
@public
def signin():
    """Sign in; repeated wrong passwords are throttled."""
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user and user.check_password(form.password.data):
            start_session(user)
            return redirect(safe_next(url_for("program.today")))
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
def settings():
    """Account page: change password."""
    form = ChangePasswordForm(prefix="pw")
    status = 200
    if form.validate_on_submit():
        if g.user.check_password(form.current.data):
            g.user.set_password(form.password.data)
            start_session(g.user)
            flash("Your password has been changed. Other devices have been signed out.")
            return redirect(url_for("auth.settings"))
        form.current.errors.append("That isn't your current password.")
        status = 400
    elif request.method == "POST":
        status = 400
    return render_template("auth/settings.html", form=form, delete_form=DeleteAccountForm(prefix="del")), status


@bp.route("/delete", methods=("GET", "POST"))
def delete():
    """Delete the account and every row it owns, after the password is confirmed."""
    form = DeleteAccountForm(prefix="del")
    if form.validate_on_submit():
        if g.user.check_password(form.password.data):
            delete_account(g.user)
            session.clear()
            return redirect(url_for("auth.signup", deleted=1))
        form.password.errors.append("That isn't your password.")
    if request.method == "POST":
        return render_template("auth/delete.html", form=form), 400
    return render_template("auth/delete.html", form=form)
