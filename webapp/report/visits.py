"""Practitioner visits: the person records them; the report starts from the last one."""
import uuid as uuidlib

from flask import Blueprint, abort, g, redirect, render_template, request, url_for

from ..models import CareVisit, Visit, utcnow
from . import validation

bp = Blueprint("visits", __name__)


def _page(status=200, **context):
    today = g.user.local_today()
    context.setdefault("values", {"visit_date": today.isoformat()})
    context.setdefault("errors", {})
    return render_template("report/visits.html", visits=list(Visit.newest_first(g.user)),
                           marks=CareVisit.marks(g.user), **context), status


@bp.get("/visits")
def index():
    """The person's visits, newest first, and a form to add one."""
    return _page()


@bp.post("/visits")
def add():
    """Record a visit."""
    clean, errors = validation.validate_visit(request.form, g.user.local_today())
    if errors:
        return _page(422, values=request.form, errors=errors)
    Visit.create(user=g.user, uuid=str(uuidlib.uuid4()), **clean)
    return redirect(url_for("report.visits.index", saved=1))


@bp.route("/visits/<uuid>/edit", methods=("GET", "POST"))
def edit(uuid):
    """Change a visit's date, who it was with, or its note."""
    visit = Visit.by_uuid(g.user, uuid) or abort(404)
    if request.method == "GET":
        return render_template("report/visit_edit.html", visit=visit, errors={},
                               values={**visit.__data__, "visit_date": visit.visit_date.isoformat()})
    clean, errors = validation.validate_visit(request.form, g.user.local_today())
    if errors:
        return render_template("report/visit_edit.html", visit=visit, errors=errors,
                               values=request.form), 422
    for name, value in clean.items():
        setattr(visit, name, value)
    visit.updated_at = utcnow()
    visit.save()
    return redirect(url_for("report.visits.index", saved=1))


@bp.post("/visits/<uuid>/delete")
def delete(uuid):
    """Delete a visit."""
    visit = Visit.by_uuid(g.user, uuid) or abort(404)
    visit.delete_instance()
    return redirect(url_for("report.visits.index", deleted=1))
