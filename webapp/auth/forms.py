"""Account forms. Validation messages are written for a person in a hurry."""
import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PASSWORD_MIN, PASSWORD_MAX = 10, 256


def email_address(form, field):
    value = (field.data or "").strip()
    if len(value) > 254 or not EMAIL_PATTERN.match(value):
        raise ValidationError("Enter an email address like name@example.com.")


def email_field():
    return EmailField("Email", validators=[DataRequired("Enter your email address."), email_address],
                      render_kw={"autocomplete": "email", "inputmode": "email",
                                 "autocapitalize": "none", "spellcheck": "false"})


def new_password_field(label):
    return PasswordField(label, validators=[
        DataRequired("Choose a password."),
        Length(PASSWORD_MIN, PASSWORD_MAX,
               f"Use between {PASSWORD_MIN} and {PASSWORD_MAX} characters."),
    ], render_kw={"autocomplete": "new-password"})


class SignUpForm(FlaskForm):
    email = email_field()
    password = new_password_field("Password")
    privacy = BooleanField("I have read how my data is kept",
                           validators=[DataRequired("Please read the privacy note and tick the box.")])


class SignInForm(FlaskForm):
    email = email_field()
    password = PasswordField("Password", validators=[DataRequired("Enter your password."),
                                                     Length(max=PASSWORD_MAX, message="That password is too long.")],
                             render_kw={"autocomplete": "current-password"})


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired("Enter your current password.")],
                            render_kw={"autocomplete": "current-password"})
    password = new_password_field("New password")
    confirm = PasswordField("New password again", validators=[
        DataRequired("Type the new password again."),
        EqualTo("password", "The two new passwords don't match."),
    ], render_kw={"autocomplete": "new-password"})


class DeleteAccountForm(FlaskForm):
    password = PasswordField("Your password", validators=[DataRequired("Enter your password to confirm.")],
                             render_kw={"autocomplete": "current-password"})
    confirm = BooleanField("Delete my account and everything in it",
                           validators=[DataRequired("Tick the box to confirm.")])


# ---- ways back in (webapp/auth/recovery.py, reset.py, confirm.py, ways.py) ----

def confirm_password_field():
    return PasswordField("New password again", validators=[
        DataRequired("Type the new password again."),
        EqualTo("password", "The two new passwords don't match."),
    ], render_kw={"autocomplete": "new-password"})


class NewPasswordForm(FlaskForm):
    """A new password, from a reset link, or for an account that signs in with a passkey only."""
    password = new_password_field("New password")
    confirm = confirm_password_field()


class RecoverForm(FlaskForm):
    email = email_field()
    code = StringField("Recovery code", validators=[
        DataRequired("Enter one of your recovery codes."),
        Length(max=64, message="That is longer than a recovery code."),
    ], render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"})
    password = new_password_field("New password")
    confirm = confirm_password_field()


class ForgotForm(FlaskForm):
    email = email_field()


class ConfirmForm(FlaskForm):
    password = PasswordField("Your password", validators=[
        DataRequired("Enter your password."), Length(max=PASSWORD_MAX, message="That password is too long.")],
        render_kw={"autocomplete": "current-password"})
