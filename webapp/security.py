"""CSRF, the answer to a throttled form, trusted proxies, security headers, friendly error pages
(503, never 500, when the database cannot be written), the @public marker, public links and the
person key that labels the phone's outbox."""
import hashlib
import hmac
import ipaddress
from urllib.parse import urlsplit

from flask import current_app, render_template, request, url_for
from flask.json.provider import DefaultJSONProvider
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFError, CSRFProtect
from peewee import DatabaseError, InterfaceError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from . import csrf as csrf_tokens
from . import db, inputs
from .htmx import is_fragment_request
from .translatable import N_

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
# Coarse limits per address on what anyone can call without an account, beside the database-backed
# throttle on guesses (webapp/throttle.py): opening a share link, and every passkey ceremony.
LIMITS = {"shared report": "60 per minute", "passkey": "30 per minute"}

def content_security_policy(script_hashes=()):
    """The policy: our own files only, plus the inline scripts whose SHA-256 hashes are given."""
    scripts = "".join(f" 'sha256-{digest}'" for digest in script_hashes)
    return CSP.replace("script-src 'self'", f"script-src 'self'{scripts}")


CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",          # the page's own icon (templates/base.html)
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

# Headers that only mean something on a document (or a worker): left off our scripts, styles and
# images, where they cost bytes on every first visit and protect nothing.
DOCUMENT_ONLY = ("Content-Security-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options")
SUBRESOURCE_TYPES = {"text/javascript", "application/javascript", "text/css", "image/png"}

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

MESSAGES = {
    400: (N_("That request didn't look right"),
          N_("Something in what was sent could not be read. Please go back and try again.")),
    403: (N_("Not allowed"),
          N_("This page can't be reached from here. If you were filling in a form, reload the page and try again.")),
    404: (N_("Page not found"),
          N_("We couldn't find that page. It may have moved, or the link may be wrong.")),
    405: (N_("Not allowed"),
          N_("That action isn't available on this page.")),
    413: (N_("Too much at once"),
          N_("What was sent was too large. Please shorten it and try again.")),
    429: (N_("Too many tries"),
          N_("Too many attempts in a short time. Please wait a minute, then try again.")),
    500: (N_("Something went wrong on our side"),
          N_("Your data is safe. Please try again in a moment.")),
    503: (N_("Not set up yet"),
          N_("This server is not fully set up. Please try again later.")),
}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class SafeJSONProvider(DefaultJSONProvider):
    """request.get_json() through inputs.json_loads: too deep a document is a 400, not a 500."""

    def loads(self, s, **kwargs):
        return inputs.json_loads(s)


class NoPublicAddress(RuntimeError):
    """PUBLIC_BASE_URL is not set, and this request does not come from a development address."""


class TrustedProxies:
    """werkzeug's ProxyFix, for requests from the proxies named in TRUSTED_PROXIES only: anyone
    else's X-Forwarded-For is ignored, so nobody can pick the address the throttle counts."""

    def __init__(self, wsgi_app, networks):
        self.direct, self.networks = wsgi_app, networks
        self.fixed = ProxyFix(wsgi_app, x_for=1, x_proto=1)

    def __call__(self, environ, start_response):
        try:
            peer = ipaddress.ip_address(environ.get("REMOTE_ADDR", ""))
        except ValueError:
            peer = None
        trusted = peer is not None and any(peer in network for network in self.networks)
        return (self.fixed if trusted else self.direct)(environ, start_response)


def proxy_networks(setting):
    """TRUSTED_PROXIES ("127.0.0.1, 10.0.0.0/8") as networks; a wrong entry stops the app."""
    if isinstance(setting, str):
        setting = [part for part in setting.replace(",", " ").split() if part]
    try:
        return [ipaddress.ip_network(part, strict=False) for part in setting or ()]
    except ValueError as error:
        raise ValueError(f"TRUSTED_PROXIES: {error}") from None


PUBLIC_NOTICE = ("Note: PUBLIC_BASE_URL is not set, so share links and calendar feeds can only be made "
                 "from this machine (127.0.0.1 or localhost). Set it to the app's public address when "
                 "you deploy (README: Configuration).")


def init_app(app):
    app.json = SafeJSONProvider(app)
    networks = proxy_networks(app.config.get("TRUSTED_PROXIES"))
    if networks:
        app.wsgi_app = TrustedProxies(app.wsgi_app, networks)
    if not app.config.get("PUBLIC_BASE_URL") and not (app.debug or app.testing):
        # Information, not a fault: every process (each worker, the queue, each command) builds
        # the app, so `make run` prints it once (`flask notices`) and the app logs it at INFO.
        app.logger.info(PUBLIC_NOTICE)
    app.before_request(_refuse_nul_in_forms)          # before CSRF reads the form
    csrf.init_app(app)
    csrf_tokens.init_app(app)         # after Flask-WTF: its template global is replaced
    init_limits(app)

    headers = []        # (lower-case name, name, value)

    @app.after_request
    def _security_headers(response):
        if not headers:         # the inline scripts' hashes are known once assets are read
            csp = content_security_policy(app.extensions.get("inline_script_hashes", ()))
            headers.extend((n.lower(), n, v) for n, v in {**HEADERS, "Content-Security-Policy": csp}.items())
        if subresource := request.endpoint == "static" and response.mimetype in SUBRESOURCE_TYPES:
            response.headers.pop("Content-Disposition", None)
        # Unless the view set its own; in one go (werkzeug searches every header for each one set).
        present = {name.lower() for name, _value in response.headers.items()}
        response.headers.extend([(name, value) for lower, name, value in headers
                                 if lower not in present and not (subresource and name in DOCUMENT_ONLY)])
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    @app.errorhandler(NoPublicAddress)
    def _no_public_address(error):
        app.logger.error("PUBLIC_BASE_URL is not set; refusing to build a link from the Host header")
        return error_page(503, _("This server has not been told its public address (%(setting)s), so it "
                                 "cannot make links yet. Please tell whoever runs it.", setting="PUBLIC_BASE_URL"))

    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        # "csrf" tells the phone's outbox to fetch a fresh token, not to blame its records.
        return error_page(400, _("Your form had expired or came from elsewhere. "
                                 "Please reload the page and try again."), name="csrf")

    @app.errorhandler(DatabaseError)
    @app.errorhandler(InterfaceError)
    def _database_error(error):
        if db.unavailable(error):
            app.logger.exception("database unavailable")
            return busy_page()
        app.logger.exception("unhandled error")
        return error_page(500)

    @app.errorhandler(HTTPException)
    def _http_error(error):
        if error.code == 429:
            return error_page(429)
        if db.unavailable(getattr(error, "original_exception", None)):
            return busy_page()
        return error_page(error.code or 500)

    @app.errorhandler(Exception)
    def _server_error(error):
        app.logger.exception("unhandled error")
        return error_page(500)


def init_limits(app):
    """Flask-Limiter on shared storage when there is one: RATELIMIT_STORAGE_URI, else REDIS_URL
    (the queue's Redis), so several servers count one address's requests together; else memory,
    per process. A moving window, so no burst at a minute's turn gets twice the limit. If Redis
    cannot be reached the limits go on counting in this process's memory rather than failing the
    request."""
    app.config["RATELIMIT_STORAGE_URI"] = (app.config.get("RATELIMIT_STORAGE_URI") or app.config.get("REDIS_URL")
                                           or "memory://")
    app.config.setdefault("RATELIMIT_STRATEGY", "moving-window")
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter.init_app(app)


def busy_page():
    """503 with Retry-After: the database is down, locked, restarting, read-only or full. Nothing
    sent was wrong, so the phone keeps what it sent and tries later."""
    body, status = error_page(503, _("The server is busy. Your data is safe: please try again "
                                     "in a moment."), name="busy")
    return body, status, {"Retry-After": "30"}


def error_page(code, detail=None, name=None):
    """A calm error page, or only its message for htmx requests and JSON for API calls (where
    `name` is a word a program can act on)."""
    title, text = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    text = detail or _(text)
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return {"error": name or title, "message": text}, code      # "error": a word for programs
    title = _(title)
    template = "errors/_message.html" if is_fragment_request() else "errors/error.html"
    return render_template(template, code=code, title=title, text=text), code


def _refuse_nul_in_forms():
    """No database keeps a NUL character in text (PostgreSQL refuses it outright), and nobody
    types one: a form carrying one is refused here, whatever field it is in. (Uploads are read by
    their own view, under their own size limit; JSON is checked record by record.)"""
    if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded" and any(
            "\x00" in key or "\x00" in value for key, value in request.form.items(multi=True)):
        return error_page(400, _("Something in the form could not be read. Please type it again."))
    return None


def public_url(endpoint, **values):
    """An absolute link that leaves this browser (a share link, its QR code, a calendar feed):
    built on PUBLIC_BASE_URL, never on the Host header a client sent, except on this machine."""
    path = url_for(endpoint, **values)
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base.rstrip("/") + path
    if current_app.debug or current_app.testing or _from_this_machine():
        return request.host_url.rstrip("/") + path
    raise NoPublicAddress()


def _from_this_machine():
    try:
        return urlsplit(f"//{request.host}").hostname in LOOPBACK_HOSTS
    except ValueError:
        return False


# ---- the answer to a throttled form (the counting is webapp/throttle.py, auth/attempts.py) ----

def too_many(wait):
    """The 429 page for a throttled form, saying how long to wait."""
    minutes = max(1, -(-wait // 60))
    text = ngettext("Too many attempts in a short time. Please wait %(num)d minute, then try again.",
                    "Too many attempts in a short time. Please wait %(num)d minutes, then try again.", minutes)
    body, status = error_page(429, text)
    return body, status, {"Retry-After": str(wait)}


def public(view):
    """Mark a view as reachable without signing in; every other view needs a session
    (webapp/auth/session.py checks the mark before each request)."""
    view.public = True
    return view


def is_public(endpoint):
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return bool(getattr(view, "public", False))


def person_key(user):
    """A stable, unguessable tag for the signed-in person. The phone's outbox labels each write
    with it, so writes queued under one account are never sent under another's session."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"person:{user.id}".encode(), hashlib.sha256).hexdigest()[:24]
