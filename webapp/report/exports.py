"""Download everything (JSON, or CSV in a zip) and import a JSON export into this account."""
import json

from flask import Blueprint, Response, current_app, g, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from ..i18n import html_lang, language
from ..models import utcnow
from ..security import csrf
from ..translatable import N_, Text, translated
from . import archive, fhir, restore, terminology, validation
from .build import default_range
from .fhir.language import localised

bp = Blueprint("exports", __name__)

IMPORT_MAX_BYTES = 16 * 1024 * 1024      # three years of a busy log is about 5 MB


def _download(body, mimetype, filename):
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    })


@bp.get("/export.json")
def export_json():
    """Everything the person owns, as one JSON file that can be imported again."""
    now = utcnow()
    return _download(archive.export_json(g.user, now), "application/json",
                     f"sciatica-companion-{now:%Y-%m-%d}.json")


@bp.get("/export.zip")
def export_csv():
    """One CSV per table, in a zip, for spreadsheets."""
    now = utcnow()
    return _download(archive.export_csv_zip(g.user, now, gettext), "application/zip",
                     f"sciatica-companion-{now:%Y-%m-%d}-csv.zip")


def fhir_response(user, start, end, filename):
    """The person's records in the range as a FHIR R4 Bundle (application/fhir+json)."""
    content = current_app.extensions["content"]
    # In the reader's language (a practitioner's own, when they download it): codes stay the same.
    bundle = fhir.for_person(user, start, end, content.exercise_names(language()), utcnow(), terminology.base_url(),
                             content.program)
    bundle = localised(bundle, gettext, html_lang())
    return Response(json.dumps(bundle, ensure_ascii=False), mimetype="application/fhir+json", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.get("/fhir")
def export_fhir():
    """The report's dates (since the last visit, else 28 days; or ?from=&to=) as a FHIR Bundle."""
    today = g.user.local_today()
    chosen, errors = validation.parse_range(request.args, today, default_range(g.user, today))
    if errors:
        return {"error": "range", "message": " ".join(translated(e, gettext) for e in errors.values())}, 400
    return fhir_response(g.user, *chosen, f"sciatica-companion-{today:%Y-%m-%d}.fhir.json")


@bp.route("/import", methods=("GET", "POST"))
@csrf.exempt
def import_data():
    """Restore a JSON export into this account (moving phone or server). Safe to repeat."""
    if request.method == "GET":
        return render_template("report/import.html", errors=[], outcome=None)
    # Raise the app's 2 MB request limit for this form only, before anything reads the body;
    # that is why CSRF is checked here rather than by CSRFProtect (which would read it first).
    request.max_content_length = IMPORT_MAX_BYTES + 64 * 1024
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError as error:
            raise CSRFError(str(error)) from None
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return render_template("report/import.html", errors=[N_("Choose the .json file to import.")],
                               outcome=None), 400
    raw = upload.read(IMPORT_MAX_BYTES + 1)
    if len(raw) > IMPORT_MAX_BYTES:
        return render_template("report/import.html", outcome=None, errors=[
            Text(N_("This file is larger than %(num)d MB."), num=IMPORT_MAX_BYTES // (1024 * 1024))]), 413
    try:
        tables, profile = restore.validate(restore.parse(raw), current_app.extensions["content"].exercises,
                                           utcnow(), g.user.local_today())
    except restore.RestoreError as error:
        return render_template("report/import.html", errors=error.problems, outcome=None), 422
    outcome = restore.restore(g.user, tables, profile, current_app.extensions["program"], g.user.local_today())
    return render_template("report/import.html", errors=[], outcome=outcome,
                           table_names=TABLE_NAMES)


TABLE_NAMES = {"checkins": N_("Check-ins"), "redflag_checks": N_("Red-flag checks"),
               "redflag_corrections": N_("Red-flag answers ticked by mistake"),
               "completions": N_("Exercises done"), "stage_changes": N_("Stage changes"),
               "dismissed_suggestions": N_("Dismissed suggestions"), "visits": N_("Visits"),
               "psfs_ratings": N_("Weekly function ratings"), "tombstones": N_("Deleted-record markers")}
