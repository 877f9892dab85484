"""Ways in, on the Account page: a password, passkeys, or both. A person who has a passkey may
remove their password (and set one again later); the last way in is never removed."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext

from ..db import database
from ..models import AccountEvent, Passkey, RecoveryCode, ResetToken, User, lock_account, ways_in
from ..translatable import N_
from .confirm import proof_required, relying_party
from .forms import NewPasswordForm
from .session import device_label, password_changed

bp = Blueprint("ways", __name__)

# What the Account page says about each change to how the person signs in.
EVENTS = {
    "codes_made": N_("New recovery codes made (any older ones stopped working)"),
    "code_used": N_("A recovery code was used to set a new password"),
    "reset_by_email": N_("Password reset with a link sent by email"),
    "password_changed": N_("Password changed"),
    "password_set": N_("Password set"),
    "password_removed": N_("Password removed: you sign in with a passkey"),
    "passkey_added": N_("Passkey added"),
    "passkey_removed": N_("Passkey removed"),
}


def record(user, kind, detail=""):
    """Note a change to how `user` signs in, made from this device."""
    AccountEvent.create(user=user, kind=kind, detail=detail[:120],
                        device=device_label(request.user_agent.string))


def account_context(user):
    """What the Account page's "Ways in" section shows (templates/auth/_ways_in.html)."""
    passkeys = list(Passkey.oldest_first(user))
    return {"passkeys": passkeys, "passkeys_here": relying_party() is not None,
            "recovery": RecoveryCode.summary(user), "events": AccountEvent.newest_first(user),
            "event_labels": EVENTS, "only_way_in": (1 if user.has_password else 0) + len(passkeys) <= 1}


@bp.post("/password/remove")
@proof_required()
def remove_password():
    """Sign in with passkeys only. Refused while the password is the only way in."""
    with database.atomic():
        lock_account(g.user)
        if ways_in(g.user) < 2:
            refused = True
        else:
            refused = False
            g.user.password_hash = ""
            g.user.save(only=[User.password_hash])
            ResetToken.end_all(g.user)
    if refused:
        flash(gettext("Your password is your only way in, so it stays. Add a passkey first."))
        return redirect(url_for("auth.settings", _anchor="ways-heading"), 303)
    password_changed(g.user)
    record(g.user, "password_removed")
    flash(gettext("Your password is removed: you sign in with your passkey. Other devices have been signed out."))
    return redirect(url_for("auth.settings", _anchor="ways-heading"), 303)


@bp.route("/password/new", methods=("GET", "POST"))
@proof_required(back="auth.ways.set_password")
def set_password():
    """A password for a person who signs in with passkeys only."""
    if g.user.has_password:
        return redirect(url_for("auth.settings", _anchor="pw-heading"), 303)
    form = NewPasswordForm()
    if form.validate_on_submit():
        g.user.set_password(form.password.data)
        password_changed(g.user)
        record(g.user, "password_set")
        flash(gettext("Your password is set. You can sign in with it or with your passkey."))
        return redirect(url_for("auth.settings", _anchor="ways-heading"), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("auth/set_password.html", form=form), status
