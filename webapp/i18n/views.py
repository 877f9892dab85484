"""Choosing the language: one form (the visitor's control at the foot of every page and the
setting on the Account page), posted with CSRF, working with JavaScript off. A visitor's choice is
a cookie; a signed-in person's is kept on their account too, so every device follows it."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext

from ..models import User
from ..security import error_page, public
from . import COOKIE, in_language

bp = Blueprint("i18n", __name__)
YEAR = 365 * 24 * 3600


@bp.post("/language")
@public
def choose():
    code = request.form.get("language", "")
    if code not in current_app.config["LANGUAGES"]:
        return error_page(400, gettext("Choose one of the languages in the list."))
    user = g.get("user")
    if user is not None and user.language != code:
        user.language = code
        user.save(only=[User.language])
    with in_language(code):
        flash(gettext("The app is now in English."))
    response = redirect(_back(request.args.get("next", "")) or url_for("library.index"), 303)
    response.set_cookie(COOKIE, code, max_age=YEAR, samesite="Lax", httponly=True,
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


def _back(target):
    """?next= when it is a plain path on this site (never another site, never a scheme)."""
    parts = urlsplit(target)
    if (not target.startswith("/") or target.startswith("//") or "\\" in target or parts.scheme
            or parts.netloc or not target.isascii() or len(target) > 2000 or any(c < " " for c in target)):
        return None
    return target
