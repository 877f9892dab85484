"""The installable shell: manifest, service worker, offline page, install help, and the health
(liveness) and readiness checks.
Each area adds the URLs its pages need offline with contribute_precache(), called from the area's
__init__.py. Every page says who it was made for in an X-Person header (the person key, or empty
for nobody): the service worker keeps that to show cached pages with the right navigation, and
forgets the person's pages when the server says they are no longer signed in."""
import json
import socket
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Blueprint, Response, current_app, g, jsonify, render_template, request, url_for
from flask_babel import gettext

from . import db
from .assets import SHELL_FILES
from .i18n import html_dir, html_lang, in_language, language
from .i18n.script import catalogue_url
from .models import ReadinessCheck, utcnow
from .security import person_key, public
from .translatable import N_

bp = Blueprint("pwa", __name__)

THEME_COLOUR = "#1f5f8b"
START_URL = "/?source=home-screen"   # the worker matches cached pages without tracking-only queries
BACKGROUND_COLOUR = "#f7f5f0"
# The richer install dialog's pictures: real screens of the app (scripts/screenshots.py makes
# them); sizes in CSS pixels, as taken. (file, size, form factor, what it shows)
SCREENSHOTS = (
    ("screenshots/today-narrow.jpg", "390x844", "narrow",
     N_("Today: your stage, the daily safety check and your exercises")),
    ("screenshots/report-wide.jpg", "1280x800", "wide",
     N_("The report for your physio or doctor: pain, how far down the leg, and exercises done")),
)
SERVER = socket.gethostname() or "server"      # whose row /readyz writes


def contribute_precache(app, endpoints=(), assets=(), urls=None):
    """Add to the precached shell: pages by endpoint, static files by name, and/or `urls`, a
    function returning more URLs (called in a request, so it can use url_for)."""
    def provider():
        asset = current_app.jinja_env.globals["asset"]
        return ([url_for(e) for e in endpoints] + [asset(name) for name in assets]
                + (list(urls()) if urls else []))
    app.extensions.setdefault("precache", []).append(provider)


@bp.get("/manifest.webmanifest")
@public
def manifest():
    """The web app manifest: name, icons, colours and shortcuts, in the page's language (the page
    links it with ?lang=: the browser fetches it without cookies)."""
    asset = current_app.jinja_env.globals["asset"]
    data = {
        "id": "/",
        "name": "Sciatica Companion",
        "short_name": "Sciatica",
        "description": gettext("Your sciatica day at a glance: exercises for your stage, a quick daily log "
                               "that works offline, plain-language articles, and when to get urgent help."),
        "lang": html_lang(),
        "dir": html_dir(),
        "start_url": START_URL,
        "scope": "/",
        "display": "standalone",
        # No "orientation": the app works either way round, and a lock would keep someone with a
        # phone fixed in landscape (on a wheelchair mount, say) out of it (WCAG 1.3.4).
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["health", "medical"],
        "icons": [
            {"src": asset("icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": asset("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": asset("icons/maskable-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
        ],
        "screenshots": [{"src": asset(src), "sizes": sizes, "type": "image/jpeg", "form_factor": form,
                         "label": gettext(label)} for src, sizes, form, label in SCREENSHOTS],
        "shortcuts": [
            {"name": gettext("Log how I am"), "short_name": gettext("Log"), "url": "/log/",
             "icons": [{"src": asset("icons/icon-192.png"), "sizes": "192x192"}]},
            {"name": gettext("Today's exercises"), "short_name": gettext("Today"), "url": "/",
             "icons": [{"src": asset("icons/icon-192.png"), "sizes": "192x192"}]},
        ],
    }
    return Response(json.dumps(data, indent=1), mimetype="application/manifest+json",
                    headers={"Cache-Control": "no-cache"})


def precache_urls():
    """The shell every installed copy keeps: assets, the offline page, and what each area
    contributes (the safety pages, the library's articles, the program's scripts...), in this
    request's language: the worker fetches them without cookies, so each page names its language
    (?lang=), and the language's JavaScript catalogue comes along."""
    asset = current_app.jinja_env.globals["asset"]
    urls = [asset(name) for name in SHELL_FILES] + [url_for("pwa.offline")]
    for provider in current_app.extensions.get("precache", []):
        urls += provider()
    code = language()
    catalogue = catalogue_url(code)
    return [_in_language(url, code) for url in urls] + ([catalogue] if catalogue else [])


def _in_language(url, code):
    """A page's URL with ?lang= (files named by their hash are the same in every language)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query)
    if parts.path.startswith("/static/") or any(name == "v" for name, _ in query):
        return url
    return urlunsplit(parts._replace(query=urlencode(query + [("lang", code)])))


@bp.get("/sw.js")
@public
def service_worker():
    """The service worker, from the site root so its scope is the whole app."""
    body = Path(current_app.static_folder, "sw.js").read_text()
    asset = current_app.jinja_env.globals["asset"]
    # The page registers /sw.js?lang=<its language>: the copies it keeps are in that language.
    asked = request.args.get("lang")
    code = asked if asked in current_app.config["LANGUAGES"] else language()
    with in_language(code):
        precache = precache_urls()
        words = {"offline": gettext("You are offline."), "name": "Sciatica Companion"}
    header = (f"const VERSION = {json.dumps(current_app.extensions['build_version'])};\n"
              f"const LANG = {json.dumps(code)};\n"
              f"const PRECACHE = {json.dumps(precache)};\n"
              f"const WORDS = {json.dumps(words, ensure_ascii=False)};\n"
              f"importScripts({json.dumps(asset('js/outbox-core.js'))});\n")
    return Response(header + body, mimetype="text/javascript",
                    headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})


@bp.get("/offline")
@public
def offline():
    """Shown by the service worker when a page was never visited and there is no network."""
    return render_template("pwa/offline.html")


@bp.get("/install")
@public
def install():
    """Add to home screen: the browser's Install button, or the steps for iPhone and iPad."""
    return render_template("pwa/install.html")


@bp.after_app_request
def _say_who_the_page_is_for(response):
    # Only a page that worked says so: an error page (say, the database is down) knows nobody.
    if (response.status_code < 300 and response.mimetype == "text/html"
            and request.endpoint not in db.NO_DATABASE_ENDPOINTS):
        user = g.get("user")
        response.headers["X-Person"] = person_key(user) if user else ""
    return response


@bp.get("/healthz")
@public
def healthz():
    """Liveness: 200 when the database answers a read (SELECT 1), 503 otherwise. A read-only or
    full database still answers it: a load balancer should ask /readyz."""
    if db.is_reachable():
        return jsonify(status="ok"), 200
    return jsonify(status="database unreachable"), 503


@bp.get("/readyz")
@public
def readyz():
    """Readiness, for a load balancer: 200 once this server has written to the database (its own
    row in readiness_check), 503 with Retry-After when it cannot (down, read-only, disk full)."""
    try:
        db.database.connect(reuse_if_open=True)
        with db.database.atomic():
            ReadinessCheck.prove(SERVER, utcnow())
    except Exception:           # any driver error means "cannot take writes now"
        current_app.logger.warning("readiness: the database cannot be written", exc_info=True)
        return jsonify(status="database cannot be written"), 503, {"Retry-After": "30",
                                                                   "Cache-Control": "no-store"}
    return jsonify(status="ready"), 200, {"Cache-Control": "no-store"}
