"""Reminder times and the iCalendar feed built from them. No Flask here.

The feed's address is a link token (webapp/tokens.py): shown once, kept only as a hash.
"""
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from ..inputs import clock_time
from ..translatable import N_, Said

SESSION_FIELDS = {"morning": "morning_time", "midday": "midday_time", "evening": "evening_time"}
DEFAULT_TIMES = {"morning": "08:00", "midday": "13:00", "evening": "19:00"}
# A reminder's title and words for each session (also the Web Push reminders', webapp/push/due.py).
TITLES = {"morning": N_("Morning exercises"), "midday": N_("Midday exercises"), "evening": N_("Evening exercises")}
TEXTS = {"morning": N_("Time for your morning exercises."), "midday": N_("Time for your midday exercises."),
         "evening": N_("Time for your evening exercises.")}


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


def build_calendar(times, zone_name, today_url, feed_id, start, now=None, say=str):
    """One daily event per session at the person's local time, each with an alarm; `say` puts
    its words in the person's language (webapp/i18n/said.py)."""
    zone = ZoneInfo(zone_name)
    cal = Calendar()
    cal.add("prodid", "-//Sciatica Companion//Exercise reminders//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", say(N_("Exercise reminders")))
    cal.add("x-wr-timezone", zone_name)
    for session, hhmm in times.items():
        hour, minute = map(int, hhmm.split(":"))
        event = Event()
        event.add("uid", f"session-{session}-{feed_id}@sciatica-companion")
        event.add("dtstamp", now or dt.datetime.now(dt.UTC))
        event.add("dtstart", dt.datetime.combine(start, dt.time(hour, minute), tzinfo=zone))
        event.add("duration", dt.timedelta(minutes=15))
        event.add("rrule", {"freq": "daily"})
        event.add("summary", say(TITLES[session]))
        if today_url:
            event.add("description", f"{say(TEXTS[session])} {say(Said('Open Today: %(url)s', url=today_url))}")
            event.add("url", today_url)
        else:
            event.add("description", say(TEXTS[session]))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", say(TITLES[session]))
        alarm.add("trigger", dt.timedelta(0))
        event.add_component(alarm)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
