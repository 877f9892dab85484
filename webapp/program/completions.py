"""Ticking an exercise done: the record kind the outbox syncs, the cap flag, and how it felt.
No Flask: the exercise catalogue is passed in (webapp/program/__init__.py registers the kind).

Every completion, from a plain form, htmx or the phone's outbox, is stored through sync.apply,
so a replay never duplicates and an over-cap tick is kept and flagged, never dropped.
"""
import datetime as dt
import uuid as uuidlib

from .. import sync
from ..content.plans import SESSIONS
from ..models import NOT_DONE, Completion, RedFlagCheck, utcnow
from ..translatable import N_
from . import adjustments, dosing

# How an exercise felt afterwards. "spread" (further down the leg) is the key stop signal;
# "eased" (the leg eased, or the pain moved up towards the back) is the good sign to follow.
RESPONSES = ("better", "eased", "same", "worse", "spread")
RESPONSE_LABELS = {"better": N_("Better"), "eased": N_("Leg eased or moved up"), "same": N_("About the same"),
                   "worse": N_("Worse"), "spread": N_("Spread down my leg")}
# Exercises kept only while the leg eases (program.yaml) ask about the leg alone.
LEG_LABELS = {"eased": N_("Leg eased or moved up"), "same": N_("No change in my leg"), "worse": N_("Leg felt worse"),
              "spread": N_("Spread down my leg")}


# On Today, after Done, one tap: the four that matter most ("spread" is the main stop signal).
TODAY_LABELS = {"better": N_("Easier"), "same": N_("Same"), "worse": N_("Worse"), "spread": N_("Spread down my leg")}


# What Today says once a feeling is kept.
FELT = {"spread": N_("Saved. Stop this one for now: it is left off Today for 7 days."),
        "worse": N_("Saved. Take it gently: a smaller range next time."),
        "better": N_("Saved. Good: keep going."), "eased": N_("Saved. Good: keep going."),
        "same": N_("Saved.")}


def answers_for(slug, leg_check):
    """The "how did that feel?" answers offered for one exercise, value -> label."""
    return LEG_LABELS if slug in leg_check else RESPONSE_LABELS


def today_answers(leg_check):
    """Today's one-tap answers after a round: the leg's own for an exercise kept only while the
    leg eases (`leg_check` true), else easier / same / worse / spread."""
    return LEG_LABELS if leg_check else TODAY_LABELS


def validate(data, exercises):
    """(fields, errors) for {"exercise", "session", "response"} sent by a form or the outbox."""
    errors = {}
    slug = data.get("exercise")
    if not isinstance(slug, str) or slug not in exercises:
        errors["exercise"] = "Unknown exercise."
    session = data.get("session") or None
    if session is not None and session not in SESSIONS:
        errors["session"] = "Must be morning, midday or evening."
    response = data.get("response") or None
    if response is not None and response not in RESPONSES:
        errors["response"] = "Must be better, eased, same, worse or spread."
    return {"exercise": slug, "session": session, "response": response}, errors


def flag_over_cap(user, record, exercises, limits=None):
    """Mark the record over_cap when it goes past the exercise's day or week cap (the person's
    own, after a practitioner's changes on that day, within `limits`), or comes too soon after
    (or before) another day it was done, for an exercise that needs rest days.
    Only records stored before it count, so editing an earlier one never flags it."""
    exercise = exercises.get(record.exercise)
    if exercise is None or record.local_date is None:
        return
    day = record.local_date
    caps = exercise.caps
    if limits is not None:
        caps = adjustments.load(user, exercises, limits, day).caps.get(record.exercise, caps)
    done = Completion.done_counts(user, dosing.rolling_week_start(day), day, exclude=record.id)
    done = done.get(record.exercise, NOT_DONE)
    gap = None
    if caps.rest_days:
        near = dt.timedelta(days=caps.rest_days)
        days = Completion.days_done(user, record.exercise, day - near, day + near, exclude=record.id)
        gap = min((abs((d - day).days) for d in days if d != day), default=None)
    record.over_cap = dosing.over_cap(caps, done.today, done.week, gap)


PAUSED = N_("Not counted: your exercises are paused after an emergency answer, until you tell us "
            "a doctor has checked you.")


def refuse_when_paused(user, envelope, fields, existing):
    """A new tick made at or after an unconfirmed go-now answer is refused (and kept on the
    phone, shown as not counted). Ticks made before it, and answers about them, still count."""
    answer = RedFlagCheck.pausing_answer(user) if existing is None else None
    if answer is not None and not made_before(envelope, answer):
        return {"paused": PAUSED}
    return None


def made_before(envelope, answer):
    """True only when every clock says a tick was made before the go-now `answer`: its time of
    writing as the server judges it (sync: the phone's clock, corrected, never after it arrived),
    against the answer's (never after the answer arrived); and its own date and time on the phone,
    against the answer's. A tick dated today on a slow or wrong clock is not slipped into the
    time before a pause."""
    answered = min(answer.client_updated_at, answer.created_at or answer.client_updated_at)
    return envelope["client_updated_at"] < answered and _on_the_phone(
        envelope["local_date"], envelope["local_time"], envelope["tz_offset_minutes"]) < _on_the_phone(
        answer.local_date, answer.local_time, answer.tz_offset_minutes)


def _on_the_phone(day, time, offset_minutes):
    """The moment a record's own local date and time name, in UTC (to the minute)."""
    hours, minutes = (int(part) for part in time.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes)) - dt.timedelta(minutes=offset_minutes or 0)


def describe(record):
    return {"exercise": record.exercise, "over_cap": record.over_cap, "response": record.response}


def new_uuid():
    return str(uuidlib.uuid4())


def save(user, uuid, exercise, session=None, response=None):
    """Store a tick (or how it felt) from a server-rendered form; returns sync's answer.
    The same UUID updates the same completion; blank fields keep what it had."""
    now = user.local_now()
    existing = Completion.by_uuid(user, uuid) if uuid else None
    if existing:
        response, session = response or existing.response, session or existing.session
    stamp = utcnow()
    if existing and existing.client_updated_at >= stamp:
        # The phone's clock may run ahead of ours: this later answer must still win.
        stamp = existing.client_updated_at + dt.timedelta(milliseconds=1)
    record = {
        "kind": "completion", "op": "upsert", "uuid": uuid or new_uuid(),
        "client_updated_at": stamp.isoformat() + "Z",
        "local_date": (existing.local_date if existing else now.date()).isoformat(),
        "local_time": existing.local_time if existing else now.strftime("%H:%M"),
        "tz_offset_minutes": int(now.utcoffset().total_seconds() // 60),
        "data": {"exercise": exercise, "session": session, "response": response},
    }
    return sync.apply(user, record)


def tick_of(form):
    """(exercise, session, record id, feeling) of a press on Today: the button's value ("exercise
    session id", and after a round "exercise session id feeling" for that round's id,
    templates/program/_row.html: it posts the warning-sign check's form), else the fields of the
    exercise's own form (older copies of Today, the exercise page)."""
    if "done" in form:
        parts = form.get("done", "").split(" ")
        slug, session, uuid, response = (parts + ["", "", "", ""])[:4] if len(parts) <= 4 else ("", "", "", "")
        return slug, session or None, uuid or None, response or None
    return form.get("exercise", ""), form.get("session") or None, form.get("uuid") or None, None
