"""Forgot your password: when SMTP is set up (MAIL_SERVER, MAIL_DEFAULT_SENDER), a link that works
once, for an hour, sent by e-mail and kept only as a hash. The answer on screen is the same
whatever the email, after the same work: the request never looks the email up; the worker thread
does, and stores and sends the link, once the answer has been sent. Without SMTP the link is not offered and recovery codes are the way back in."""
import datetime as dt
from concurrent.futures import ThreadPoolExecutor

from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_mailman import EmailMessage, Mail

from .. import tokens
from ..db import database
from ..i18n import in_language, language
from ..models import ResetToken, User, utcnow
from ..security import NoPublicAddress, public, public_url, too_many
from .attempts import Attempt
from .forms import ForgotForm, NewPasswordForm
from .session import password_changed, start_session
from .ways import record

bp = Blueprint("reset", __name__)
mail = Mail()
clock = utcnow                      # tests move time forward by replacing this
LINK_LIFETIME = dt.timedelta(hours=1)
LINKS_PER_HOUR = 3                  # per account: nobody's inbox is filled by someone else
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def init_app(app):
    config = app.config
    if config.get("MAIL_USE_SSL"):
        config["MAIL_USE_TLS"] = False      # TLS from the start (465) replaces STARTTLS (587)
    if bool(config.get("MAIL_SERVER")) != bool(config.get("MAIL_DEFAULT_SENDER")):
        app.logger.warning("Reset links by email need both MAIL_SERVER and MAIL_DEFAULT_SENDER; "
                           "until then, recovery codes are the way back in.")
    mail.init_app(app)
    app.extensions["reset_mail"] = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reset-mail")


def offered():
    """True when a reset link can be sent: SMTP is set up and links can name this site."""
    config = current_app.config
    if not (config.get("MAIL_SERVER") and config.get("MAIL_DEFAULT_SENDER")):
        return False
    try:
        public_url("auth.signin")
    except NoPublicAddress:
        return False
    return True


@bp.route("/forgot", methods=("GET", "POST"))
@public
def forgot():
    if not offered():
        return redirect(url_for("auth.recovery.recover"))
    form = ForgotForm()
    if form.validate_on_submit():
        attempt = Attempt(form.email.data, account=False)
        if attempt.wait:
            return too_many(attempt.wait)
        attempt.failed(account=False)       # every request counts against the address
        # The same work for every email, and nothing here asks whether it has an account: a
        # token, its link, the answer; the job goes to the worker once the answer has been sent.
        token = tokens.new_token()
        link = public_url("auth.reset.reset", token=token)
        response = make_response(render_template("auth/forgot_sent.html", email=form.email.data.strip()),
                                 200, PRIVATE)
        queue(response, current_app._get_current_object(), form.email.data, token, link, language())
        return response
    status = 400 if request.method == "POST" else 200
    return render_template("auth/forgot.html", form=form), status, PRIVATE


def queue(response, app, email, token, link, asked_in="en"):
    """Hand the reset job to the worker thread when the server has sent `response` (closed its
    body): whether or not the email has an account, and however long the mail takes, the answer
    was the same work and has already gone."""
    worker = app.extensions["reset_mail"]
    response.call_on_close(lambda: worker.submit(_store_and_send, app, email, token, link, asked_in))


def _store_and_send(app, email, token, link, asked_in="en"):
    """On the worker thread: keep the link's hash and send it, for an account that exists."""
    with app.app_context():
        try:
            with database.connection_context():
                user = User.by_email(email)
                now = clock()
                if user is None or ResetToken.made_since(user, now - dt.timedelta(hours=1)) >= LINKS_PER_HOUR:
                    return
                ResetToken.forget_older_than(now - dt.timedelta(days=1))
                ResetToken.create(user=user, token_hash=tokens.hash_token(token), created_at=now,
                                  expires_at=now + LINK_LIFETIME)
            # In the person's language when they have chosen one, else the language they asked in.
            with in_language(user.language or asked_in):
                body = render_template("auth/reset_email.txt", link=link)
                subject = gettext("Reset your Sciatica Companion password")
            EmailMessage(subject, body, to=[user.email]).send()
        except Exception:
            app.logger.exception("the password reset mail was not sent")


def _valid(token):
    row = tokens.find(ResetToken, token)
    if row is None or row.used_at is not None or row.expires_at <= clock():
        return None
    return row


@bp.route("/reset/<token>", methods=("GET", "POST"))
@public
def reset(token):
    """Choose a new password from the e-mailed link; every other device is signed out."""
    row = _valid(token)
    if row is None:
        # Only a wrong link is a guess (at 256 bits, a hopeless one): it counts against the address.
        attempt = Attempt("", account=False)
        if attempt.wait:
            return too_many(attempt.wait)
        if request.method == "POST":
            attempt.failed(account=False)
        return render_template("auth/reset_gone.html", mail=offered()), 410, PRIVATE
    # A valid link is no guess: nobody's wrong passwords make its owner wait.
    form = NewPasswordForm()
    if form.validate_on_submit():
        if not ResetToken.use(row.id, clock()):
            return render_template("auth/reset_gone.html", mail=offered()), 410, PRIVATE
        user = row.user
        user.set_password(form.password.data)
        ResetToken.end_all(user)
        Attempt(user.email).succeeded()         # a new password: the old one's wrong guesses are moot
        start_session(user)
        ended = password_changed(user)
        record(user, "reset_by_email")
        flash(gettext("Your new password is set and you are signed in. Every other device has been signed out.")
              if ended else gettext("Your new password is set and you are signed in."))
        return redirect(url_for("program.today"), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("auth/reset.html", form=form, email=row.user.email), status, PRIVATE
