"""The app's own FHIR CodeSystems at their canonical URLs (/fhir/CodeSystem/<id>), public: they
name questions and exercises, nothing about anyone. The URLs are under the app's address
(PUBLIC_BASE_URL, else the address this request came to), so the codes in an export resolve."""
import json

from flask import Blueprint, Response, abort, current_app, request
from flask_babel import gettext

from ..i18n import html_lang, language
from ..security import public
from .fhir import codes
from .fhir.language import localised

bp = Blueprint("terminology", __name__, url_prefix="/fhir")


def base_url():
    """Where the app's canonical URLs live: its public address."""
    return (current_app.config.get("PUBLIC_BASE_URL") or request.url_root).rstrip("/")


@bp.get("/CodeSystem/<system_id>")
@public
def code_system(system_id):
    """One of the app's CodeSystems, as application/fhir+json."""
    if system_id == codes.CODE_SYSTEM_ID:
        resource = codes.code_system(base_url())
    elif system_id == codes.EXERCISES_ID:
        resource = codes.exercise_system(base_url(), current_app.extensions["content"].exercise_names(language()))
    else:
        abort(404)
    resource = localised(resource, gettext, html_lang())
    # Public and cacheable, but in the reader's language: a cache keeps one copy per language.
    return Response(json.dumps(resource, ensure_ascii=False), mimetype="application/fhir+json",
                    headers={"Cache-Control": "public, max-age=3600", "Vary": "Accept-Language, Cookie",
                             "Content-Language": html_lang()})
