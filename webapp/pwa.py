"""The installable shell: manifest, service worker, offline page, health and session state."""
import json
from pathlib import Path

from flask import (Blueprint, Response, current_app, g, jsonify, render_template, url_for)
from flask_wtf.csrf import generate_csrf

from . import db
from .assets import SHELL_FILES
from .auth import person_key

bp = Blueprint("pwa", __name__)

THEME_COLOUR = "#1f5f8b"
BACKGROUND_COLOUR = "#f7f5f0"


@bp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest: name, icons, colours and shortcuts."""
    asset = current_app.jinja_env.globals["asset"]
    data = {
        "id": "/",
        "name": "Sciatica Companion",
        "short_name": "Sciatica",
        "description": "Your sciatica day at a glance: exercises for your stage, a quick daily log "
                       "that works offline, plain-language articles, and when to get urgent help.",
        "lang": "en",
        "start_url": "/?source=home-screen",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["health", "medical"],
        "icons": [
            {"src": asset("icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": asset("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": asset("icons/maskable-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
        ],
        "shortcuts": [
            {"name": "Log how I am", "short_name": "Log", "url": "/log/",
             "icons": [{"src": asset("icons/icon-192.png"), "sizes": "192x192"}]},
            {"name": "Today's exercises", "short_name": "Today", "url": "/",
             "icons": [{"src": asset("icons/icon-192.png"), "sizes": "192x192"}]},
        ],
    }
    return Response(json.dumps(data, indent=1), mimetype="application/manifest+json",
                    headers={"Cache-Control": "no-cache"})


def precache_urls():
    """The shell every installed copy keeps: assets, the offline page, the red-flag page, and
    whatever other parts register (the library adds its articles)."""
    asset = current_app.jinja_env.globals["asset"]
    urls = [asset(name) for name in SHELL_FILES]
    urls += [url_for("pwa.offline"), url_for("safety.red_flags"), url_for("safety.emergency"),
             url_for("safety.urgent")]
    for provider in current_app.extensions.get("precache", []):
        urls += provider()
    return urls


@bp.get("/sw.js")
def service_worker():
    """The service worker, from the site root so its scope is the whole app."""
    body = Path(current_app.static_folder, "sw.js").read_text()
    asset = current_app.jinja_env.globals["asset"]
    header = (f"const VERSION = {json.dumps(current_app.extensions['build_version'])};\n"
              f"const PRECACHE = {json.dumps(precache_urls())};\n"
              f"importScripts({json.dumps(asset('js/outbox-core.js'))});\n")
    return Response(header + body, mimetype="text/javascript",
                    headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})


@bp.get("/offline")
def offline():
    """Shown by the service worker when a page was never visited and there is no network."""
    return render_template("pwa/offline.html")


@bp.get("/healthz")
def healthz():
    """200 when the database answers, 503 otherwise."""
    if db.is_reachable():
        return jsonify(status="ok"), 200
    return jsonify(status="database unreachable"), 503


@bp.get("/api/session")
def session_state():
    """Whether this browser is signed in, and a CSRF token for the outbox to send with.

    Signed out, it answers without touching the session: a token would start a new session
    cookie, and an outbox flush racing a sign-up page would overwrite that page's session."""
    if g.user is None:
        return jsonify(signed_in=False, csrf_token=None, person=None), 200, {"Cache-Control": "no-store"}
    return jsonify(signed_in=True, csrf_token=generate_csrf(),
                   person=person_key(g.user)), 200, {"Cache-Control": "no-store"}
