"""Who is signed in: the session cookie checked before every request, and the rule that every
page needs a session unless its view is marked @public (webapp.security.public)."""
from flask import g, redirect, request, session, url_for

from ..db import NO_DATABASE_ENDPOINTS
from ..models import User
from ..security import is_public, person_key


def init_app(app):
    app.before_request(load_signed_in_person)

    @app.context_processor
    def _person_context():
        user = g.get("user")
        return {"person_key": person_key(user) if user else ""}


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
    if g.user is None and not is_public(request.endpoint):
        if request.endpoint is None:
            return None  # let the 404 handler answer
        if request.is_json or request.accept_mimetypes.best == "application/json":
            return {"error": "signed-out", "message": "Please sign in again."}, 401
        return redirect(url_for("auth.signin", next=request.full_path.rstrip("?")))
    return None


def start_session(user):
    session.clear()
    session.permanent = True
    session["user_id"] = user.id
    session["sv"] = user.session_version


def safe_next(default):
    """The ?next= path to return to after signing in, if it stays on this site."""
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default
