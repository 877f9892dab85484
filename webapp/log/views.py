"""The daily log: check in, look back, edit or delete. Every write goes through sync.apply, so the
plain HTML form, htmx and the phone's offline outbox all store records the same way."""
import uuid as uuidlib

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from .. import sync
from ..models import CheckIn, RedFlagCheck, RedFlagCorrection, logged_day_count, logged_days, utcnow
from ..safety import answers, redflags
from ..safety.views import LOOK_IT_UP, check_context, emergency_context
from .validation import EXTENT_LABELS, LEG_SIDES, WEAKNESS_SIDES, validate_checkin

bp = Blueprint("log", __name__, url_prefix="/log")
DAYS_PER_PAGE = 14
TIER_WORDS = {"now": "Go-now warning sign", "today": "Contact-a-doctor-today sign",
              "soon": "See-a-GP-within-days sign"}
PAGES_MAX = 10_000          # more than 380 years of days: a larger ?page= is a typing slip


def _form_envelope(form, user, uuid=None):
    """The record's envelope from the form; JS fills it from the phone's clock, and without JS
    we use the person's own local time (their time zone, else their phone's last offset)."""
    now = utcnow()
    local = user.local_now()
    offset = form.get("tz_offset_minutes", "")
    try:
        offset = int(offset)
    except ValueError:
        offset = int(local.utcoffset().total_seconds() // 60) if offset == "" else offset
    return {
        "uuid": uuid or form.get("uuid") or str(uuidlib.uuid4()),
        "client_updated_at": form.get("client_updated_at") or now.isoformat() + "Z",
        "local_date": form.get("local_date") or local.date().isoformat(),
        "local_time": form.get("local_time") or local.strftime("%H:%M"),
        "tz_offset_minutes": offset,
    }


def _page(template, status=200, **context):
    context.setdefault("values", {})
    context.setdefault("errors", {})
    context.setdefault("redflag_uuid", str(uuidlib.uuid4()))
    return render_template(template, **{**checkin_context(g.user), **context}), status


def checkin_context(user, latest=LOOK_IT_UP):
    """What the check-in forms need: the warning-sign check, and the follow-up questions with
    where each answer leads for this person (so the phone can route at once, offline)."""
    return {**check_context(user, latest), "extents": EXTENT_LABELS, "leg_sides": LEG_SIDES,
            "weakness_sides": WEAKNESS_SIDES, "usual_side": user.side,
            "routes": answers.checkin_routes(user.side, user.background_codes)}


def _signs(form):
    """(go_now, contact_today, answered): the ticked signs plus those the check-in implies.
    A ticked box always counts, whichever button was pressed."""
    go_now, contact = set(form.getlist("go_now")), set(form.getlist("contact_today"))
    fields, _ = validate_checkin(form.to_dict())
    implied = answers.checkin_signs(fields, g.user.side, g.user.background_codes)
    go_now.update(implied[0])
    contact.update(implied[1])
    return sorted(go_now), sorted(contact), bool(go_now or contact or form.get("redflag") == "none")


def _screen(tier, go_now, contact):
    """Where a stored answer sends the person: the emergency or urgent screen, or None."""
    if tier == "now":
        return url_for("safety.emergency", signs=",".join(go_now))
    if tier in ("today", "soon"):
        return url_for("safety.urgent", signs=",".join(contact), when=tier)
    return None


@bp.get("/")
def index():
    """Check in: leg and back pain, how far down the leg, tolerance, sleep, medication, notes."""
    return _page("log/index.html", new_uuid=str(uuidlib.uuid4()))


@bp.post("/")
def save():
    """Save a check-in and/or the red-flag quick check from the plain form (no JavaScript)."""
    form = request.form
    tier = None
    go_now, contact, answered = _signs(form)
    if answered:
        envelope = _form_envelope(form, g.user, uuid=form.get("redflag_uuid") or str(uuidlib.uuid4()))
        data = {"go_now": go_now, "contact_today": contact}
        answer = sync.apply(g.user, {"kind": "redflag", "op": "upsert", **envelope, "data": data})
        if answer["status"] not in ("stored", "unchanged"):
            return _safety_answer_not_saved(form, data, answer)
        tier = answer.get("tier")
    only_redflag = answered and form.get("leg_pain", "") == ""
    if not only_redflag:
        answer = sync.apply(g.user, {"kind": "checkin", "op": "upsert", **_form_envelope(form, g.user),
                                     "data": form.to_dict()})
        if answer["status"] == "rejected":
            extra = emergency_context(go_now) if tier == "now" else {}
            return _page("log/index.html", 422, values=form, errors=answer["errors"],
                         new_uuid=form.get("uuid") or str(uuidlib.uuid4()), alarm=tier, **extra)
    screen = _screen(tier, go_now, contact)
    if screen:
        return redirect(screen)
    if form.get("return_to") == "today":
        flash("Safety check saved. Thank you." if only_redflag else "Saved. Thank you.")
        return redirect(url_for("program.today"), 303)
    return redirect(url_for("log.history", saved=1))


def _safety_answer_not_saved(form, data, answer):
    """The safety answer as sent was refused (say, a stale or foreign id): say so, never "saved".
    A ticked go-now sign still pauses the program: it is kept again under a new id and this
    server's clock, and the emergency advice is shown. The check-in waits for the next Save."""
    go_now = [c for c in data["go_now"] if c in redflags.GO_NOW_CODES]
    why = " ".join((answer.get("errors") or {}).values()) or "It had been deleted."
    message = f"Your safety answer was not saved: {why}"
    if go_now:
        contact = [c for c in data["contact_today"] if c in redflags.CONTACT_TODAY_CODES]
        kept = sync.apply(g.user, {"kind": "redflag", "op": "upsert", **_form_envelope({}, g.user),
                                   "data": {"go_now": go_now, "contact_today": contact}})
        if kept["status"] == "stored":
            message += (" We have kept your go-now answer again, so your exercises are paused until "
                        "you tell us a doctor has seen you.")
    message += " Your check-in has not been saved yet: press Save to send it."
    extra = emergency_context(go_now) if go_now else {}
    return _page("log/index.html", 422, values=form, errors={"redflag": message},
                 new_uuid=form.get("uuid") or str(uuidlib.uuid4()), alarm="now" if go_now else None,
                 **extra)


@bp.get("/history")
def history():
    """Days newest first, each with its check-ins and safety answers, and a small trend."""
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
                           trend=trend_points(by_day), extents=EXTENT_LABELS, leg_sides=LEG_SIDES,
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
    envelope = _form_envelope(request.form, g.user, uuid=checkin.uuid)
    answer = sync.apply(g.user, {"kind": "checkin", "op": "upsert", **envelope,
                                 "data": request.form.to_dict()})
    if answer["status"] == "rejected":
        return _page("log/edit.html", 422, checkin=checkin, values=request.form, errors=answer["errors"])
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
