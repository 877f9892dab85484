"""Reminders: session times and time zone, and a private calendar feed the phone subscribes to.

The feed's token is 256 random bits, shown once and kept only as a SHA-256 hash. The feed is
public (calendar apps fetch it without a session), so a revoked or unknown token is a 404.
"""
import datetime as dt
import hashlib
import hmac
import re
import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from icalendar import Alarm, Calendar, Event

from .models import CalendarFeed, User

bp = Blueprint("reminders", __name__)
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
SESSION_FIELDS = {"morning": "morning_time", "midday": "midday_time", "evening": "evening_time"}
DEFAULT_TIMES = {"morning": "08:00", "midday": "13:00", "evening": "19:00"}


def valid_zone(name):
    """A ZoneInfo for an IANA name like "Europe/London", or None."""
    if not isinstance(name, str) or not name or len(name) > 64 or name.startswith("/"):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def session_times(user):
    return {s: getattr(user, f) for s, f in SESSION_FIELDS.items() if getattr(user, f)}


def build_calendar(times, zone_name, today_url, feed_id, start, now=None):
    """One daily event per session at the person's local time, each with an alarm."""
    zone = ZoneInfo(zone_name)
    cal = Calendar()
    cal.add("prodid", "-//Sciatica Companion//Exercise reminders//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Exercise reminders")
    cal.add("x-wr-timezone", zone_name)
    for session, hhmm in times.items():
        hour, minute = map(int, hhmm.split(":"))
        event = Event()
        event.add("uid", f"session-{session}-{feed_id}@sciatica-companion")
        event.add("dtstamp", now or dt.datetime.now(dt.timezone.utc))
        event.add("dtstart", dt.datetime.combine(start, dt.time(hour, minute), tzinfo=zone))
        event.add("duration", dt.timedelta(minutes=15))
        event.add("rrule", {"freq": "daily"})
        event.add("summary", f"{session.capitalize()} exercises")
        event.add("description", f"Time for your {session} exercises. Open Today: {today_url}")
        event.add("url", today_url)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{session.capitalize()} exercises")
        alarm.add("trigger", dt.timedelta(0))
        event.add_component(alarm)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _page(status=200, errors=None, new_url=None, values=None):
    user = g.user
    if values is None:
        # Never set: offer the usual times, ready to save or change.
        times = session_times(user) or DEFAULT_TIMES
        values = {**{f: times.get(s, "") for s, f in SESSION_FIELDS.items()}, "timezone": user.timezone or ""}
    return render_template("reminders/index.html", values=values, errors=errors or {},
                           feed=CalendarFeed.active_for(user), new_url=new_url,
                           defaults=DEFAULT_TIMES, fields=SESSION_FIELDS), status, {
        "Cache-Control": "no-store"}


@bp.get("/reminders")
def index():
    """Session times, time zone, and the calendar feed."""
    return _page()


@bp.post("/reminders")
def save():
    """Keep the session times (blank means no reminder) and the time zone."""
    form, errors = request.form, {}
    times = {}
    for field in SESSION_FIELDS.values():
        value = form.get(field, "").strip()
        if value and not TIME.match(value):
            errors[field] = "Enter a time like 08:00, or leave it empty for no reminder."
        times[field] = value or None
    zone_name = form.get("timezone", "").strip() or form.get("browser_timezone", "").strip()
    if not valid_zone(zone_name):
        errors["timezone"] = "Enter a time zone like Europe/London or America/New_York."
    if errors:
        return _page(422, errors, values={**times, "timezone": zone_name})
    for field, value in times.items():
        setattr(g.user, field, value)
    g.user.timezone = zone_name
    g.user.save(only=[User.morning_time, User.midday_time, User.evening_time, User.timezone])
    flash("Your reminder times are saved. A calendar you have added will update by itself.")
    return redirect(url_for("reminders.index"), 303)


@bp.post("/reminders/feed")
def new_feed():
    """Make a new private calendar address (any old one stops working) and show it once."""
    user = g.user
    if not session_times(user):
        for session, field in SESSION_FIELDS.items():
            setattr(user, field, DEFAULT_TIMES[session])
        user.save(only=[getattr(User, f) for f in SESSION_FIELDS.values()])
        flash("We used 08:00, 13:00 and 19:00 for now. Change them above at any time.")
    CalendarFeed.revoke_all(user)
    token = secrets.token_urlsafe(32)
    CalendarFeed.create(user=user, token_hash=hash_token(token))
    return _page(new_url=url_for("reminders.calendar_feed", token=token, _external=True))


@bp.post("/reminders/feed/revoke")
def revoke_feed():
    """Stop the calendar address working."""
    CalendarFeed.revoke_all(g.user)
    flash("The calendar address has been turned off. Your calendar will stop showing reminders.")
    return redirect(url_for("reminders.index"), 303)


@bp.get("/calendar/<token>.ics")
def calendar_feed(token):
    """The private calendar feed (public: calendar apps have no session)."""
    wanted = hash_token(token)
    feed = CalendarFeed.by_hash(wanted)
    if feed is None or not hmac.compare_digest(feed.token_hash, wanted):
        abort(404)
    user = feed.user
    zone_name = user.timezone if valid_zone(user.timezone) else "UTC"
    body = build_calendar(session_times(user), zone_name, url_for("program.today", _external=True),
                          feed.id, feed.created_at.date())
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="exercise-reminders.ics"',
        "Cache-Control": "no-cache, private", "X-Robots-Tag": "noindex"})
