"""Weekly function ratings in the style of the Patient-Specific Functional Scale (Stratford et al.,
1995): the person names up to three activities their sciatica makes hard and rates each from
0 (can't do it) to 10 (as well as before). One set of ratings per week (Monday to Sunday);
saving again in the same week changes that week's ratings."""
import uuid as uuidlib

from flask import Blueprint, g, redirect, render_template, request, url_for

from ..db import database
from ..models import PsfsRating, utcnow
from . import validation
from .figures import monday_of

bp = Blueprint("ratings", __name__)     # /report/function: the URL predates the module's name
SLOTS = validation.PSFS_ACTIVITIES


def _prefill(user, week):
    """This week's ratings, else last rated week's activity names with the scores left blank."""
    rows = list(PsfsRating.in_week(user, week))
    if rows:
        return [(r.activity, str(r.score)) for r in rows], True
    previous = PsfsRating.latest_week(user, week)
    if previous is None:
        return [], False
    return [(r.activity, "") for r in PsfsRating.in_week(user, previous)], False


def _page(status=200, pairs=None, errors=None, rated=False):
    week = monday_of(g.user.local_today())
    if pairs is None:
        pairs, rated = _prefill(g.user, week)
    pairs = list(pairs) + [("", "")] * (SLOTS - len(pairs))
    recent = list(PsfsRating.for_user(g.user).order_by(PsfsRating.week_start.desc(), PsfsRating.id)
                  .limit(SLOTS * 8))
    return render_template("report/psfs.html", pairs=pairs[:SLOTS], errors=errors or {}, week=week,
                           rated=rated, recent=recent), status


@bp.get("/function")
def index():
    """This week's ratings: up to three activities, each 0 to 10."""
    return _page()


def save_week(user, week, day, pairs):
    """Store a week's ratings: keep each activity's record (and UUID), drop ones not named."""
    now = utcnow()
    with database.atomic():
        existing = {r.activity.casefold(): r for r in PsfsRating.in_week(user, week)}
        for name, score in pairs:
            row = existing.pop(name.casefold(), None) or PsfsRating(
                user=user, uuid=str(uuidlib.uuid4()), week_start=week, created_at=now)
            row.activity, row.score, row.local_date, row.updated_at = name, score, day, now
            row.save()
        for row in existing.values():
            row.delete_instance()


@bp.post("/function")
def save():
    """Save this week's ratings."""
    names = request.form.getlist("activity")
    # One 0-10 control per row (radios named score-1, score-2, ...); a plain list of scores in
    # the rows' order (name="score") is taken too.
    scores = [request.form.get(f"score-{i}", "") for i in range(1, SLOTS + 1)] \
        if any(f"score-{i}" in request.form for i in range(1, SLOTS + 1)) else request.form.getlist("score")
    pairs, errors = validation.validate_psfs(names, scores)
    if errors:
        shown = list(zip(names, scores))[:SLOTS]
        return _page(422, pairs=shown, errors=errors)
    today = g.user.local_today()
    save_week(g.user, monday_of(today), today, pairs)
    return redirect(url_for("report.ratings.index", saved=1))
