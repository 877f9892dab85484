"""Signing up as a practitioner: the same email, password, throttling and sessions as everyone,
plus a name, a profession and a registration number kept as given (this app does not check it,
and says so wherever it is shown). A practitioner account is not a person's account: it lands on
its caseload. Someone who is both uses two accounts, with two emails."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, Optional

from ..db import database
from ..i18n import language
from ..models import Practitioner, User
from ..security import public, too_many
from .attempts import Attempt
from .forms import email_field, new_password_field
from .session import start_session

bp = Blueprint("practitioners", __name__)


class PractitionerSignUpForm(FlaskForm):
    name = StringField(_l("Your name, as people will see it"), validators=[
        DataRequired(_l("Enter your name.")), Length(max=80, message=_l("Keep it under 80 characters."))],
        render_kw={"autocomplete": "name"})
    profession = StringField(_l("Your profession"), validators=[
        DataRequired(_l("Enter your profession, for example physiotherapist.")),
        Length(max=36, message=_l("Keep it under 36 characters."))], render_kw={"autocomplete": "organization-title"})
    registration = StringField(_l("Registration number"), validators=[
        Optional(), Length(max=60, message=_l("Keep it under 60 characters."))],
        render_kw={"autocomplete": "off", "spellcheck": "false"})
    email = email_field()
    password = new_password_field(_l("Password"))
    privacy = BooleanField(_l("I will only look at the records of people who link me, for their care"),
                           validators=[DataRequired(_l("Please tick the box to agree."))])


def _clean(text):
    return " ".join((text or "").split())


@bp.route("/signup/practitioner", methods=("GET", "POST"))
@public
def signup():
    """Create a practitioner account. An email that already has an account is refused (a person's
    account never becomes a practitioner's), counted like a wrong password."""
    form = PractitionerSignUpForm()
    status = 200
    if form.validate_on_submit():
        attempt = Attempt(form.email.data)
        if attempt.wait:
            return too_many(attempt.wait)
        existing = User.by_email(form.email.data)
        if existing is None:
            attempt.failed(account=False)
            with database.atomic():
                user = User.register(form.email.data, form.password.data, language())
                Practitioner.create(user=user, name=_clean(form.name.data),
                                    profession=_clean(form.profession.data),
                                    registration=_clean(form.registration.data))
            start_session(user)
            return redirect(url_for("practice.caseload"), 303)
        existing.check_password(form.password.data)     # the same work as making an account
        attempt.failed()
        form.email.errors.append(gettext("We couldn't make an account with this email. A practitioner "
                                 "account needs an email of its own; if this one is yours, sign in."))
        status = 409
    elif request.method == "POST":
        status = 400
    return render_template("auth/signup_practitioner.html", form=form), status
