"""The CSRF token a page carries: Flask-WTF's, signed once per session and handed out again.

Flask-WTF signs the session's raw token afresh for every response it goes in (a serializer built,
the value put in JSON, an HMAC, base64): a tenth of a kept page's time. Our tokens never expire
(WTF_CSRF_TIME_LIMIT is None: the token is bound to the session, not to a clock), so every signing
of one raw token with the app's key is as good as any other: the first a signed-in session gets is
kept, per process, and given to each of its later pages (forms built by Flask-WTF included, since
it is put where generate_csrf looks first). Checking a token sent back is Flask-WTF's own,
unchanged; a new session, with a new raw token, gets a signing of its own."""
from flask import current_app, g, session
from flask_wtf.csrf import generate_csrf

FIELD = "csrf_token"            # Flask-WTF's default name, both in the session and in g
KEPT = 20_000                   # signed tokens kept per process (some 150 bytes each)


def _kept():
    """{raw token: its signing} while tokens never expire, else None (never keep a token with a clock)."""
    return current_app.extensions["csrf_signed"] if current_app.config.get("WTF_CSRF_TIME_LIMIT") is None else None


def hold():
    """Before each request of a signed-in session: its kept signing, where generate_csrf looks first.
    (A visitor's cookie session is left unread: reading it would make every public page vary by cookie.)"""
    signed = _kept()
    if signed and session.row is not None:
        token = signed.get(session.get(FIELD))
        if token is not None:
            setattr(g, FIELD, token)
            g.csrf_kept = True


def csrf_token():
    """The signed token for this request's session (Flask-WTF's generate_csrf), kept for the
    session's later pages."""
    token = g.get(FIELD)
    if token is not None and g.get("csrf_kept"):
        return token
    token = token or generate_csrf()        # Flask-WTF may have signed one already, for a form
    signed = _kept()
    if signed is not None and session.row is not None:
        if len(signed) >= KEPT:
            signed.clear()
        signed[session[FIELD]] = token
    g.csrf_kept = True
    return token


def init_app(app):
    """After Flask-WTF's init_app: templates get this csrf_token, in place of the global and the
    context processor Flask-WTF registers (a later context processor wins)."""
    app.extensions["csrf_signed"] = {}
    app.before_request(hold)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
