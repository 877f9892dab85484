"""CSRF, login throttling, security headers, friendly error pages, the @public marker and the
person key that labels the phone's outbox."""
import hashlib
import hmac

from flask import current_app, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from .htmx import is_fragment_request

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

MESSAGES = {
    400: ("That request didn't look right", "Something in what was sent could not be read. Please go back and try again."),
    403: ("Not allowed", "This page can't be reached from here. If you were filling in a form, reload the page and try again."),
    404: ("Page not found", "We couldn't find that page. It may have moved, or the link may be wrong."),
    405: ("Not allowed", "That action isn't available on this page."),
    413: ("Too much at once", "What was sent was too large. Please shorten it and try again."),
    429: ("Too many tries", "Too many attempts in a short time. Please wait a minute, then try again."),
    500: ("Something went wrong on our side", "Your data is safe. Please try again in a moment."),
}


def init_app(app):
    csrf.init_app(app)
    limiter.init_app(app)

    @app.after_request
    def _security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return error_page(400, "Your form had expired or came from elsewhere. "
                               "Please reload the page and try again.")

    @app.errorhandler(HTTPException)
    def _http_error(error):
        if error.code == 429:
            return error_page(429)
        return error_page(error.code or 500)

    @app.errorhandler(Exception)
    def _server_error(error):
        app.logger.exception("unhandled error")
        return error_page(500)


def error_page(code, detail=None):
    """A calm error page, or only its message for htmx requests and JSON for API calls."""
    title, text = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    text = detail or text
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return {"error": title, "message": text}, code
    template = "errors/_message.html" if is_fragment_request() else "errors/error.html"
    return render_template(template, code=code, title=title, text=text), code


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
