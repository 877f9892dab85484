"""One linked person, for their practitioner: the live report (the same figures as the person's own
report, built by report/build.py), their visits, recording a visit, and the FHIR export. Every
page goes through views.linked: 404 unless linked, 410 once the link has ended; each response
that shows the person's data records one look they see (views.look)."""
import uuid as uuidlib

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import pagecache
from ..db import database
from ..i18n import language
from ..models import CareVisit, RedFlagCheck, Visit, row_of, utcnow
from ..report import build, tr, validation
from ..report.exports import fhir_response
from ..translatable import N_
from .ending import end_link
from .views import linked, look

bp = Blueprint("person", __name__, url_prefix="/people/<int:link_id>")
PRIVATE = {"Cache-Control": "no-store"}


def _report(person, values):
    """(Report, page context, range errors) for the dates asked for (default: since the last
    visit, else 28 days), exactly as the person's own report builds it."""
    today = person.local_today()
    default = build.default_range(person, today)
    chosen, errors = validation.parse_range(values, today, default)
    content = current_app.extensions["content"]
    report = build.build(person, *(chosen or default), content.program, content.exercise_names(language()), today)
    report.shared = True            # never the email address
    return report, build.page_context(report, content.program, content.exercise_names(language())), errors, \
        chosen == default


def _page(link, person, status=200, visit_values=None, visit_errors=None):
    """The live report and visits: a look, whether shown at once or again with a refused visit."""
    look(person, N_("report and visits"))
    return _drawn(link, person, status, visit_values, visit_errors)


def _drawn(link, person, status=200, visit_values=None, visit_errors=None):
    report, context, errors, is_default = _report(person, request.args)
    visits = list(Visit.newest_first(person))
    return render_template(
        "practice/person.html", link=link, person=person, errors=errors, is_default=is_default,
        range_values={"from": report.start.isoformat(), "to": report.end.isoformat()},
        visits=visits, marks=CareVisit.marks(person), visit_errors=visit_errors or {},
        paused=RedFlagCheck.program_paused(person),
        visit_values=visit_values or {"visit_date": person.local_today().isoformat()},
        **context), (400 if errors else status), PRIVATE


@bp.get("/")
def show(link_id):
    """The person's live report and visits, kept until the person's data changes (webapp/pagecache.py:
    their row's data_version moves with every record, visit and rating). The look is recorded on
    every response all the same."""
    link, person = linked(link_id)
    # Only the errors are wanted here, and they never depend on the default range (no query for
    # it); with no dates asked for there are none, and the person's day is not worked out twice.
    if request.args and validation.parse_range(request.args, person.local_today(), None)[1]:
        return _page(link, person)          # dates that cannot be read: the page says why
    look(person, N_("report and visits"))

    def draw():
        return _drawn(link, person)[0], []
    html = pagecache.serve(draw, about=person, args=("from", "to"),
                           extra=(row_of(link), row_of(g.practitioner)))
    return html, 200, PRIVATE


@bp.post("/visits")
def add_visit(link_id):
    """Record a visit with notes: the person's own Visit (their report starts from it), marked as
    recorded by this practitioner."""
    link, person = linked(link_id)
    form = {**request.form, "practitioner": g.practitioner.label[:validation.PRACTITIONER_MAX]}
    clean, errors = validation.validate_visit(form, person.local_today())
    if errors:
        return _page(link, person, 422, request.form, errors)
    with database.atomic():
        visit = Visit.create(user=person, uuid=str(uuidlib.uuid4()), **clean)
        CareVisit.create(user=person, visit=visit, practitioner=g.practitioner,
                         practitioner_name=g.practitioner.label)
    flash(_("Visit saved. Their report now starts from it."))
    return redirect(url_for("practice.person.show", link_id=link.id, _anchor="visits-heading"), 303)


@bp.get("/fhir")
def fhir(link_id):
    """The person's records for the report's dates as a FHIR R4 Bundle."""
    link, person = linked(link_id)
    today = person.local_today()
    chosen, errors = validation.parse_range(request.args, today, build.default_range(person, today))
    if errors:
        return {"error": "range", "message": " ".join(tr(e) for e in errors.values())}, 400
    look(person, N_("records, exported as FHIR"))
    return fhir_response(person, *chosen, f"care-link-{link.id}-{today:%Y-%m-%d}.fhir.json")


@bp.post("/end")
def end(link_id):
    """The practitioner ends the link from their side (the person sees that they did)."""
    link, _person = linked(link_id)
    end_link(link, "practitioner", utcnow())
    flash(_("The link has ended. This person is no longer in your caseload, and every change you made "
            "to their program has stopped."))
    return redirect(url_for("practice.caseload"), 303)
