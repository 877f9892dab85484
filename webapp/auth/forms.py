"""Account forms. Validation messages are written for a person in a hurry."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PASSWORD_MIN, PASSWORD_MAX = 10, 256


def email_address(form, field):
    value = (field.data or "").strip()
    if len(value) > 254 or not EMAIL_PATTERN.match(value):
        raise ValidationError(_l("Enter an email address like name@example.com."))


def email_field():
    return EmailField(_l("Email"), validators=[DataRequired(_l("Enter your email address.")), email_address],
                      render_kw={"autocomplete": "email", "inputmode": "email",
                                 "autocapitalize": "none", "spellcheck": "false"})


def new_password_field(label):
    return PasswordField(label, validators=[
        DataRequired(_l("Choose a password.")),
        Length(PASSWORD_MIN, PASSWORD_MAX,
               _l("Use between %(min)d and %(max)d characters.", min=PASSWORD_MIN, max=PASSWORD_MAX)),
    ], render_kw={"autocomplete": "new-password"})


class SignUpForm(FlaskForm):
    email = email_field()
    password = new_password_field(_l("Password"))
    privacy = BooleanField(_l("I have read how my data is kept"),
                           validators=[DataRequired(_l("Please read the privacy note and tick the box."))])


class SignInForm(FlaskForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password.")),
                                                     Length(max=PASSWORD_MAX, message=_l("That password is too long."))],
                             render_kw={"autocomplete": "current-password"})


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))],
                            render_kw={"autocomplete": "current-password"})
    password = new_password_field(_l("New password"))
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(_l("Type the new password again.")),
        EqualTo("password", _l("The two new passwords don't match.")),
    ], render_kw={"autocomplete": "new-password"})


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(_l("Enter your password to confirm."))],
                             render_kw={"autocomplete": "current-password"})
    confirm = BooleanField(_l("Delete my account and everything in it"),
                           validators=[DataRequired(_l("Tick the box to confirm."))])


# ---- ways back in (webapp/auth/recovery.py, reset.py, confirm.py, ways.py) ----

def confirm_password_field():
    return PasswordField(_l("New password again"), validators=[
        DataRequired(_l("Type the new password again.")),
        EqualTo("password", _l("The two new passwords don't match.")),
    ], render_kw={"autocomplete": "new-password"})


class NewPasswordForm(FlaskForm):
    """A new password, from a reset link, or for an account that signs in with a passkey only."""
    password = new_password_field(_l("New password"))
    confirm = confirm_password_field()


class RecoverForm(FlaskForm):
    email = email_field()
    code = StringField(_l("Recovery code"), validators=[
        DataRequired(_l("Enter one of your recovery codes.")),
        Length(max=64, message=_l("That is longer than a recovery code.")),
    ], render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"})
    password = new_password_field(_l("New password"))
    confirm = confirm_password_field()


class ForgotForm(FlaskForm):
    email = email_field()


class ConfirmForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[
        DataRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX, message=_l("That password is too long."))],
        render_kw={"autocomplete": "current-password"})
