"""The JavaScript catalogue: the `js` domain's messages for one language as JSON, at a URL named
by its hash (kept by the service worker like any other versioned file). static/js/i18n.js loads
the one <html data-i18n> names; English, the source language, needs none."""
import hashlib
import json

from flask import Blueprint, Response, abort, current_app, url_for

from ..security import public
from . import catalogues, language

bp = Blueprint("i18n_script", __name__)


def _built(app, code):
    """(JSON bytes, hash) for one language, made once per start."""
    kept = app.extensions.setdefault("js_catalogues", {})
    if code not in kept:
        directories = app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")
        messages = catalogues.messages_of(catalogues.load(directories, catalogues.locale_of(code), "js"))
        data = json.dumps(messages, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        kept[code] = (data, hashlib.sha256(data).hexdigest()[:12])
    return kept[code]


def catalogue_url(code=None):
    """The catalogue for this page's language, or "" for the default language (nothing to load)."""
    code = code or language()
    if code == current_app.config["LANGUAGES"][0]:
        return ""
    return url_for("i18n_script.catalogue", code=code, v=_built(current_app, code)[1])


@bp.get("/i18n/<code>.json")
@public
def catalogue(code):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    data, _ = _built(current_app, code)
    return Response(data, mimetype="application/json",
                    headers={"Cache-Control": "public, max-age=31536000, immutable"})


def init_app(app):
    app.register_blueprint(bp)
    app.jinja_env.globals["catalogue_url"] = catalogue_url
