"""Reminder times and the iCalendar feed built from them. No Flask here.

The feed's address is a link token (webapp/tokens.py): shown once, kept only as a hash.
"""
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from ..inputs import clock_time

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


def session_times(user):
    """{session: "HH:MM"} for the reminders the person set (a time that isn't one is skipped, so
    the feed never breaks on it)."""
    return {s: getattr(user, f) for s, f in SESSION_FIELDS.items()
            if getattr(user, f) and not clock_time(getattr(user, f))[1]}


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
        event.add("dtstamp", now or dt.datetime.now(dt.UTC))
        event.add("dtstart", dt.datetime.combine(start, dt.time(hour, minute), tzinfo=zone))
        event.add("duration", dt.timedelta(minutes=15))
        event.add("rrule", {"freq": "daily"})
        event.add("summary", f"{session.capitalize()} exercises")
        if today_url:
            event.add("description", f"Time for your {session} exercises. Open Today: {today_url}")
            event.add("url", today_url)
        else:
            event.add("description", f"Time for your {session} exercises.")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{session.capitalize()} exercises")
        alarm.add("trigger", dt.timedelta(0))
        event.add_component(alarm)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
