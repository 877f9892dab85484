"""The daily log: check in, look back, edit or delete. Every write goes through sync.apply, so the
plain HTML form, htmx and the phone's offline outbox all store records the same way."""
import uuid as uuidlib

from babel.dates import format_skeleton
from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import inputs, pagecache, sync
from ..htmx import is_fragment_request
from ..i18n.drawn import translated, translated_values
from ..models import CheckIn, RedFlagCheck, RedFlagCorrection, logged_day_count, logged_days, utcnow
from ..safety import answers, redflags
from ..safety.views import LOOK_IT_UP, check_context, emergency_context, screen_url, takes_ticks
from ..translatable import N_
from . import signs
from .validation import EXTENT_LABELS, FOLLOW_UPS, LEG_SIDES, WEAKNESS_SIDES

bp = Blueprint("log", __name__, url_prefix="/log")
DAYS_PER_PAGE = 14
TIER_WORDS = {"now": N_("Go-now warning sign"), "today": N_("Contact-a-doctor-today sign"),
              "soon": N_("See-a-GP-within-days sign")}
# Which leg, as the history says it.
SIDE_WORDS = {"left": N_("Left leg"), "right": N_("Right leg"), "both": N_("Both legs")}
PAGES_MAX = 10_000          # more than 380 years of days: a larger ?page= is a typing slip


@bp.app_template_global("format_day")
def format_day(day, skeleton="MMMMd"):
    """A day as the reader's language writes it from a CLDR skeleton: "6 December" and "6 de
    diciembre" ("MMMMd"), "Sunday 6 December" ("MMMMEEEEd"); never strftime's English names."""
    return format_skeleton(skeleton, day, locale=get_locale())


def _page(template, status=200, **context):
    context.setdefault("values", {})
    context.setdefault("errors", {})
    context.setdefault("redflag_uuid", str(uuidlib.uuid4()))
    return render_template(template, **{**checkin_context(g.user), **context}), status


def checkin_context(user, latest=LOOK_IT_UP):
    """What the check-in forms need: the warning-sign check, and the follow-up questions with
    where each answer leads for this person (so the phone can route at once, offline)."""
    return {**check_context(user, latest), "extents": translated_values(EXTENT_LABELS),
            "leg_sides": translated_values(LEG_SIDES), "weakness_sides": translated_values(WEAKNESS_SIDES),
            "usual_side": user.side, "follow_ups": translated_values(FOLLOW_UPS),
            "routes": answers.checkin_routes(user.side, user.background_codes)}


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def store_first():
    """Before every request: the warning signs ticked in any form post by a signed-in person are
    stored before the view runs (g.alarm, webapp/log/signs.py), whichever button was pressed. A
    view marked @takes_ticks does its own work too and leads to their screen itself; any other
    view is skipped, and the person goes straight to the screen."""
    g.alarm = None
    user = g.get("user")
    if request.method != "POST" or user is None or request.mimetype not in FORM_TYPES:
        return None
    g.alarm = signs.store(user, request.form, new_checkin=request.endpoint == "log.save")
    view = current_app.view_functions.get(request.endpoint)
    if g.alarm is None or getattr(view, "takes_ticks", False):
        return None
    return to_screen(g.alarm)


def screen_of(alarm):
    return screen_url(alarm.tier, alarm.go_now, alarm.contact_today)


def to_screen(alarm, response=None):
    """The response that leads to the alarm's screen (`response` when there is no alarm); an
    htmx request is told to load the screen as a page, never to swap it into a row."""
    if alarm is None:
        return response
    if is_fragment_request():
        return "", 200, {"HX-Redirect": screen_of(alarm)}
    return redirect(screen_of(alarm), 303)


@bp.get("/")
def index():
    """Check in: leg and back pain, how far down the leg, tolerance, sleep, medication, notes.
    Kept until the person's data changes (webapp/pagecache.py), with new ids on every copy."""
    def draw():
        ids = [str(uuidlib.uuid4()), str(uuidlib.uuid4())]
        return _page("log/index.html", new_uuid=ids[0], redflag_uuid=ids[1])[0], ids
    return pagecache.serve(draw)


@bp.post("/")
@takes_ticks
def save():
    """Save a check-in and/or the warning-sign check from the plain form (no JavaScript). Any
    ticked sign was stored before this view ran (g.alarm, webapp/log/signs.py)."""
    form, alarm = request.form, g.get("alarm")
    if alarm and alarm.problem:
        return _safety_answer_not_saved(form, alarm)
    answered = alarm is not None or form.get("redflag") == "none"
    if alarm is None and form.get("redflag") == "none":
        envelope = inputs.form_envelope(form, g.user, uuid=form.get("redflag_uuid") or str(uuidlib.uuid4()))
        answer = sync.apply(g.user, {"kind": "redflag", "op": "upsert", **envelope,
                                     "data": {"go_now": [], "contact_today": []}})
        if answer["status"] not in ("stored", "unchanged"):
            why = " ".join(translated_values(answer.get("errors")).values()) or _(signs.DELETED)
            return _page("log/index.html", 422, values=form,
                         errors={"redflag": _("Your safety answer was not saved: %(why)s", why=why)},
                         new_uuid=form.get("uuid") or str(uuidlib.uuid4()))
    only_redflag = answered and form.get("leg_pain", "") == ""
    if not only_redflag:
        answer = sync.apply(g.user, {"kind": "checkin", "op": "upsert", **inputs.form_envelope(form, g.user),
                                     "data": form.to_dict()})
        if answer["status"] == "rejected":
            # Shown again with everything typed, under the same ids (a second Save updates the
            # same answer), and with the advice for a sign already kept.
            extra = emergency_context(alarm.go_now) if alarm and alarm.tier == "now" else {}
            return _page("log/index.html", 422, values=form, errors=translated_values(answer["errors"]),
                         new_uuid=form.get("uuid") or str(uuidlib.uuid4()),
                         redflag_uuid=(alarm and alarm.uuid) or form.get("redflag_uuid") or str(uuidlib.uuid4()),
                         alarm=alarm.tier if alarm else None, screen=screen_of(alarm) if alarm else None,
                         **extra)
    if alarm:
        return redirect(screen_of(alarm))
    if form.get("return_to") == "today":
        flash(_("Safety check saved. Thank you.") if only_redflag else _("Saved. Thank you."))
        return redirect(url_for("program.today"), 303)
    return redirect(url_for("log.history", saved=1))


def _safety_answer_not_saved(form, alarm):
    """The safety answer as sent was refused (say, a stale or foreign id): say so, never "saved".
    The signs were kept again under a new id (so a go-now sign still pauses the program), and the
    emergency advice is shown. The check-in waits for the next Save."""
    why = " ".join(translated(problem) for problem in alarm.problem)
    # Whole sentences, each translated on its own (a translation may order them as it needs).
    if alarm.uuid and alarm.go_now:
        message = _("Your safety answer was not saved: %(why)s We have kept your go-now answer again, so "
                    "your exercises are paused until you tell us a doctor has seen you. Your check-in has "
                    "not been saved yet: press Save to send it.", why=why)
    elif alarm.uuid:
        message = _("Your safety answer was not saved: %(why)s We have kept your answer again. Your "
                    "check-in has not been saved yet: press Save to send it.", why=why)
    else:
        message = _("Your safety answer was not saved: %(why)s Your check-in has not been saved yet: "
                    "press Save to send it.", why=why)
    extra = emergency_context(alarm.go_now) if alarm.go_now else {}
    return _page("log/index.html", 422, values=form, errors={"redflag": message},
                 new_uuid=form.get("uuid") or str(uuidlib.uuid4()), alarm="now" if alarm.go_now else None,
                 **extra)


@bp.get("/history")
def history():
    """Days newest first, each with its check-ins and safety answers, and a small trend; kept
    until the person's data changes (webapp/pagecache.py)."""
    return pagecache.serve(lambda: (_history(), []), args=("page",))


def _history():
    page = min(max(1, request.args.get("page", 1, type=int)), PAGES_MAX)
    days = logged_days(g.user, DAYS_PER_PAGE, (page - 1) * DAYS_PER_PAGE)
    by_day = {day: {"checkins": [], "redflags": []} for day in days}
    for checkin in CheckIn.on_days(g.user, days):
        by_day[checkin.local_date]["checkins"].append(checkin)
    checks = list(RedFlagCheck.on_days(g.user, days))
    for check in checks:
        by_day[check.local_date]["redflags"].append(check)
    corrections = RedFlagCorrection.of_answers(g.user, [c.uuid for c in checks if c.tier != "none"])
    pages = max(1, -(-logged_day_count(g.user) // DAYS_PER_PAGE))
    return render_template("log/history.html", by_day=by_day, page=page, pages=pages,
                           trend=trend_points(by_day), extents=translated_values(EXTENT_LABELS),
                           leg_sides=translated_values(SIDE_WORDS),
                           flag_text=redflags.TEXT_BY_CODE, tier_words=TIER_WORDS, corrections=corrections)


def trend_points(by_day):
    """Daily average leg and back pain, oldest first, for the small trend chart."""
    points = []
    for day in sorted(by_day):
        checkins = by_day[day]["checkins"]
        if not checkins:
            continue
        backs = [c.back_pain for c in checkins if c.back_pain is not None]
        points.append((day, sum(c.leg_pain for c in checkins) / len(checkins),
                       sum(backs) / len(backs) if backs else None))
    return points


@bp.route("/<uuid>/edit", methods=("GET", "POST"))
def edit(uuid):
    """Change a check-in; the edit keeps its UUID, so a replay of the old version can't win."""
    checkin = CheckIn.by_uuid(g.user, uuid) or abort(404)
    if request.method == "GET":
        return _page("log/edit.html", checkin=checkin, values=checkin.__data__)
    # The day and time it was logged stay unless the form says otherwise: an edit never moves it.
    logged = {"local_date": checkin.local_date.isoformat(), "local_time": checkin.local_time,
              "tz_offset_minutes": str(checkin.tz_offset_minutes)}
    sent = {name: value for name, value in request.form.items() if value != ""}
    envelope = inputs.form_envelope({**logged, **sent}, g.user, uuid=checkin.uuid)
    answer = sync.apply(g.user, {"kind": "checkin", "op": "upsert", **envelope,
                                 "data": request.form.to_dict()})
    if answer["status"] == "rejected":
        return _page("log/edit.html", 422, checkin=checkin, values=request.form,
                     errors=translated_values(answer["errors"]))
    return redirect(url_for("log.history", saved=1))


@bp.post("/<uuid>/delete")
def delete(uuid):
    """Delete a check-in for good."""
    checkin = CheckIn.by_uuid(g.user, uuid) or abort(404)
    answer = sync.apply(g.user, {"kind": "checkin", "op": "delete", "uuid": checkin.uuid,
                                 "client_updated_at": utcnow().isoformat() + "Z"})
    if answer["status"] != "deleted" or CheckIn.by_uuid(g.user, uuid):
        return redirect(url_for("log.history", not_deleted=1))       # say what really happened
    return redirect(url_for("log.history", deleted=1))
