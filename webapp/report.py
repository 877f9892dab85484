"""The practitioner report: a one-screen summary, charts with tables, print, and the name on it.
Visits, weekly function ratings, exports and share links add their own views to this blueprint
(webapp/visits.py, psfs.py, exports.py, sharing.py)."""
from flask import Blueprint, current_app, g, redirect, render_template, request, url_for

from . import adherence, reporting, reportrules, summary
from .logrules import EXTENTS
from .models import Visit
from .redflags import TEXT_BY_CODE

bp = Blueprint("report", __name__, url_prefix="/report")
PATTERN_NAMES = {"disc": "Disc type", "stenosis": "Stenosis type"}
MADE_BY = {"person": "The person", "practitioner": "A practitioner", "onboarding": "First set-up"}


@bp.record_once
def _precache(state):
    # app.js imports report.js without a version, so installed copies keep it for offline use.
    state.app.extensions.setdefault("precache", []).append(
        lambda: [current_app.jinja_env.globals["asset"]("js/report.js")])


def default_range(user, today):
    visit = Visit.last_on_or_before(user, today)
    return reportrules.default_range(today, visit.visit_date if visit else None)


def build(user, start, end, today):
    """The Report for `user`, with the app's program rules and exercise names."""
    content = current_app.extensions["content"]
    names = {slug: ex.title for slug, ex in content.exercises.items()}
    return reporting.build(user, start, end, current_app.extensions.get("program"), names, today)


def report_context(report):
    """What templates/report/_body.html needs besides the Report."""
    rules = current_app.extensions.get("program")
    user = report.user
    stage = rules.stages.get(user.stage) if rules and user.stage else None
    names = {slug: ex.title for slug, ex in current_app.extensions["content"].exercises.items()}
    return {"r": report, "h": report.headline, "stage": stage,
            "pattern_name": PATTERN_NAMES.get(user.pattern), "extents": EXTENTS,
            "flag_text": TEXT_BY_CODE, "exercise_names": names, "made_by": MADE_BY,
            "responses_order": adherence.RESPONSES, "number": summary.number,
            "signed": summary.signed}


@bp.get("/")
def index():
    """The report for the chosen range (default: since the last visit, else the last 28 days)."""
    user = g.user
    today = user.local_today()
    default = default_range(user, today)
    chosen, errors = reportrules.parse_range(request.args, today, default)
    if errors:
        return render_template("report/index.html", errors=errors, values=request.args,
                               default=default, r=None), 400
    report = build(user, *chosen, today)
    return render_template("report/index.html", errors={}, values={"from": chosen[0].isoformat(),
                           "to": chosen[1].isoformat()}, default=default,
                           is_default=chosen == default, **report_context(report))


@bp.post("/name")
def name():
    """Set (or clear) the name shown on the report instead of the email address."""
    display_name, errors = reportrules.validate_name(request.form.get("display_name"))
    if errors:
        today = g.user.local_today()
        default = default_range(g.user, today)
        report = build(g.user, *default, today)
        return render_template("report/index.html", errors=errors, values={}, default=default,
                               is_default=True, name_value=request.form.get("display_name", ""),
                               **report_context(report)), 400
    g.user.display_name = display_name
    g.user.save(only=[type(g.user).display_name])
    return redirect(url_for("report.index", saved="name"))


# The other report views attach themselves to `bp`.
from . import exports, psfs, sharing, visits  # noqa: E402,F401
