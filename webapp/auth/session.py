"""Who is signed in. A signed-in browser's cookie carries only a random session id; the row it
names (webapp/models/access.py: the person, the device, when it was last seen and the rest of
the session) is checked on every request, so signing out, "sign out everywhere" or a password
change ends a session at once, wherever its cookie has been copied. A visitor who is not signed
in keeps Flask's signed cookie (a CSRF secret, no identity), and no row is made for them.

Every page needs a session unless its view is marked @public (webapp.security.public).
"""
import datetime as dt
import re
from urllib.parse import urlsplit

from flask import current_app, g, redirect, request, session, url_for
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, session_json_serializer
from flask_babel import gettext
from peewee import OperationalError
from ua_parser import parse as parse_user_agent

from .. import tokens
from ..db import NO_DATABASE_ENDPOINTS
from ..models import DeviceSession, utcnow
from ..security import is_public, person_key
from ..translatable import N_

# Stored with the session; translated where the Account page shows it (the names are proper names).
UNKNOWN_DEVICE = N_("Unknown browser")

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{43}$")        # tokens.new_token(): 256 random bits
TOUCH_EVERY = dt.timedelta(minutes=5)                  # how often "last seen" is written
SESSION_ENDED = '"cache"'     # Clear-Site-Data: drop cached copies; never "storage" (the outbox)
NEXT_MAX = 2000
UNSAFE_IN_NEXT = re.compile(r"[\x00-\x20\x7f\\]")    # spaces, tabs, newlines, backslashes


class DeviceCookieSession(SecureCookieSession):
    """The session: a signed cookie for a visitor, or the data of a DeviceSession row."""

    row = None          # the DeviceSession when signed in
    token = None        # the session id from (or for) the cookie
    fresh = False       # made on this request: the cookie must be set
    stale = False       # a session id came that no longer has a row: this device was signed out


class DeviceSessionInterface(SecureCookieSessionInterface):
    session_class = DeviceCookieSession

    def open_session(self, app, request):
        raw = request.cookies.get(self.get_cookie_name(app), "")
        if not SESSION_ID.match(raw):
            return super().open_session(app, request)
        if request.path.startswith(f"{app.static_url_path}/"):
            return self.session_class()          # static files never need to know who asks
        try:
            row = DeviceSession.by_hash(tokens.hash_token(raw))
        except OperationalError:
            return self.session_class()          # database down: /healthz answers for it
        if row is None or row.last_seen_at < utcnow() - app.permanent_session_lifetime:
            ended = self.session_class()
            ended.stale = True
            return ended
        try:
            data = session_json_serializer.loads(row.data)
        except ValueError:
            data = {}
        opened = self.session_class(data if isinstance(data, dict) else {})
        opened.row, opened.token = row, raw
        return opened

    def save_session(self, app, session, response):
        if g.get("database_unwritable"):
            return None         # answering 503: nothing can be saved (webapp.application.App)
        row = session.row
        if request.headers.get("X-Warm"):
            # The service worker keeping a page in the background (static/sw.js, warmPages): its
            # answer may arrive after the person signed out or in, and must not overwrite the
            # cookie (and CSRF secret) the page they are looking at has just been given.
            if row is not None and session.modified:
                row.store(session_json_serializer.dumps(dict(session)))
            return None
        if row is None:
            return super().save_session(app, session, response)
        response.vary.add("Cookie")
        now = utcnow()
        if session.modified:
            row.store(session_json_serializer.dumps(dict(session)))
        if session.fresh or now - row.last_seen_at > TOUCH_EVERY:
            if not session.fresh:
                row.touch(now)
            response.set_cookie(
                self.get_cookie_name(app), session.token, expires=now + app.permanent_session_lifetime,
                httponly=self.get_cookie_httponly(app), domain=self.get_cookie_domain(app),
                path=self.get_cookie_path(app), secure=self.get_cookie_secure(app),
                samesite=self.get_cookie_samesite(app))
        return None


def init_app(app):
    app.session_interface = DeviceSessionInterface()
    app.before_request(load_signed_in_person)

    @app.context_processor
    def _person_context():
        user = g.get("user")
        return {"person_key": person_key(user) if user else ""}


def load_signed_in_person():
    g.user, g.device_session = None, None
    if request.endpoint in NO_DATABASE_ENDPOINTS:
        return None
    row = session.row
    if row is not None:
        g.user, g.device_session = row.user, row
        return None
    if session.stale:
        g.session_ended = True           # the page asks the service worker to forget (base.html)
        if request.endpoint != "sync.session_state":
            # Drop the dead cookie. Not on /api/session: a signed-out answer there never touches
            # the cookie, or an outbox flush could replace a sign-in page's new one.
            session.modified = True
    if g.user is None and not is_public(request.endpoint):
        if request.endpoint is None:
            return None  # let the 404 handler answer
        if request.is_json or request.accept_mimetypes.best == "application/json":
            response = {"error": "signed-out", "message": gettext("Please sign in again.")}, 401, ended_headers()
            return response
        params = {"next": request.full_path.rstrip("?")}
        if g.get("session_ended"):
            params["ended"] = 1
        return redirect(url_for("auth.signin", **params)), 302, ended_headers()
    return None


def ended_headers():
    """Clear-Site-Data for a response that ends (or finds ended) a session: the browser drops its
    HTTP cache of personal pages. The service worker's copies go with its own message."""
    return {"Clear-Site-Data": SESSION_ENDED} if g.get("session_ended") else {}


def device_label(user_agent):
    """A short name for a browser, like "Chrome Mobile on Android" or "Safari on Mac OS X"."""
    agent = parse_user_agent((user_agent or "")[:512])
    browser = agent.user_agent.family if agent.user_agent else ""
    system = agent.os.family if agent.os else ""
    if browser and system:
        return f"{browser} on {system}"[:80]
    return (browser or system or UNKNOWN_DEVICE)[:80]


def start_session(user):
    """Sign `user` in on this device: a new session row, and a cookie naming only it."""
    token = tokens.new_token()
    now = utcnow()
    DeviceSession.end_idle(now - current_app.permanent_session_lifetime)
    row = DeviceSession.create(user=user, token_hash=tokens.hash_token(token), created_at=now,
                               last_seen_at=now, device=device_label(request.user_agent.string))
    row.user = user
    session.clear()
    session.row, session.token, session.fresh = row, token, True
    g.user, g.device_session = user, row
    return row


def end_other_sessions(user):
    """Sign `user` out on every other device, keeping this one if it is theirs; returns how many
    ended."""
    here = session.row.id if session.row is not None and session.row.user_id == user.id else None
    return DeviceSession.end_all(user, keep=here)


def renew_session():
    """Give this device's session a new id, keeping the row (its device and data): a copy of the
    old cookie stops working at once (OWASP: renew the session id when privileges change)."""
    if session.row is None:
        return
    token = tokens.new_token()
    session.row.renew(tokens.hash_token(token))
    session.token, session.fresh = token, True


def password_changed(user):
    """After the password is changed, set, removed or recovered: this device gets a new session
    id and every other device is signed out; returns how many ended."""
    if session.row is not None and session.row.user_id == user.id and not session.fresh:
        renew_session()         # (a session started on this request already has a new id)
    return end_other_sessions(user)


def end_session():
    """Sign this device out: its row goes, and the cookie with it."""
    if session.row is not None:
        DeviceSession.end(session.row.user_id, session.row.id)
    session.row, session.token = None, None
    session.clear()
    g.session_ended = True


def safe_next(default):
    """The ?next= path to return to after signing in, if it is a plain path on this site."""
    target = request.args.get("next", "")
    if not target or len(target) > NEXT_MAX or not target.isascii() or UNSAFE_IN_NEXT.search(target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target
