"""The practitioner report: a one-screen summary, charts with tables, print, and the name on it.
Visits, weekly function ratings, exports and share links are child blueprints beside this one
(visits.py, ratings.py, exports.py, sharing.py)."""
from flask import Blueprint, current_app, g, redirect, render_template, request, url_for

from .. import pagecache
from ..i18n import language
from ..models import CareLook
from . import build as report_build
from . import validation

bp = Blueprint("report", __name__, url_prefix="/report")


def build(user, start, end, today):
    """The Report for `user`, with the app's program rules and exercise names."""
    content = current_app.extensions["content"]
    return report_build.build(user, start, end, content.program, content.exercise_names(language()), today)


def page_context(report):
    content = current_app.extensions["content"]
    return report_build.page_context(report, content.program, content.exercise_names(language()))


@bp.get("/")
def index():
    """The report for the chosen range (default: since the last visit, else the last 28 days)."""
    user = g.user
    today = user.local_today()
    default = report_build.default_range(user, today)
    chosen, errors = validation.parse_range(request.args, today, default)
    if errors:
        return render_template("report/index.html", errors=errors, values=request.args,
                               default=default, r=None), 400

    def draw():
        report = build(user, *chosen, today)
        return render_template("report/index.html", errors={}, values={"from": chosen[0].isoformat(),
                               "to": chosen[1].isoformat()}, default=default, seen=CareLook.latest_by_each(user),
                               is_default=chosen == default, **page_context(report)), []
    # Kept until the person's data changes (webapp/pagecache.py) or a practitioner looks again.
    return pagecache.serve(draw, args=("from", "to"), extra=(CareLook.newest_id(user),))


@bp.post("/name")
def name():
    """Set (or clear) the name shown on the report instead of the email address."""
    display_name, errors = validation.validate_name(request.form.get("display_name"))
    if errors:
        today = g.user.local_today()
        default = report_build.default_range(g.user, today)
        report = build(g.user, *default, today)
        return render_template("report/index.html", errors=errors, values={}, default=default,
                               is_default=True, name_value=request.form.get("display_name", ""),
                               **page_context(report)), 400
    g.user.display_name = display_name
    g.user.save(only=[type(g.user).display_name])
    return redirect(url_for("report.index", saved="name"))
