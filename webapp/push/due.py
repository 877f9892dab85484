"""Which reminders are due for a person at a moment, and what each one says. Plain functions, no
Flask: the queue's periodic task (webapp/push/tasks.py) gathers the facts and sends what this finds.

Times are the person's own, in their time zone: a reminder set for 08:00 is due from the moment
08:00 happens there until `window` later (a consumer that was briefly down still sends it; one
that was down all morning does not send a stale one). A time the clocks skip when they go
forward (01:30 in London on that morning) comes an hour later by the clock; a time that happens
twice when they go back comes once, the first time. Nothing is sent in the person's quiet
hours, nothing beyond the daily cap (but for the warning-sign reminders, which it never holds
back), and while the program is paused after a go-now answer only one reminder a day, saying to
get checked.

What a reminder says is deliberately generic: a push service run by a phone maker carries it, and
a locked phone may show it to anyone nearby. It names no symptom, score or answer."""
import datetime as dt
from dataclasses import dataclass, field

from ..inputs import clock_time
from ..models.push import TEST
from ..program.calendar import TEXTS, TITLES, session_times, valid_zone
from ..safety.answers import both_legs_due
from ..translatable import N_

PAUSED, CONTACT, SESSION, RECHECK, RATINGS, NUDGE = "paused", "contact", "session", "recheck", "ratings", "nudge"
RECHECK_EVERY_DAYS = 7
# The warning-sign reminders: the daily cap never holds them back (they still count towards it).
SAFETY = (PAUSED, CONTACT, RECHECK)


@dataclass(frozen=True)
class Settings:
    """The app's reminder settings (config PUSH_*): when the non-session reminders come, the
    default quiet hours, how many a day at most, and how late a reminder may still go."""

    times: dict = field(default_factory=lambda: {CONTACT: "10:00", RECHECK: "11:00", RATINGS: "11:00",
                                                 NUDGE: "20:00"})
    quiet: tuple = ("21:00", "08:00")
    cap: int = 4
    window: dt.timedelta = dt.timedelta(minutes=30)
    ratings_weekday: int = 5            # Saturday: the week's ratings, while there is still time


@dataclass(frozen=True)
class Facts:
    """What the person's records say, for their yesterday and today (local dates)."""

    paused: bool = False
    awaiting_contact: bool = False
    checked_in_on: frozenset = frozenset()          # local dates with a check-in
    sessions_done: frozenset = frozenset()          # (local date, session) with an exercise ticked
    rated_weeks: frozenset = frozenset()            # Mondays of weeks with ratings
    sent: frozenset = frozenset()                   # (kind, local date, slot) already sent
    sent_count: dict = field(default_factory=dict)  # local date -> reminders sent (tests left out)
    last_recheck: dt.date | None = None             # when the 12-week check reminder last went
    offset_minutes: int = 0                         # the phone's offset, if no time zone is set


@dataclass(frozen=True)
class Reminder:
    kind: str
    local_date: dt.date
    slot: str
    title: str
    body: str
    endpoint: str           # the page a tap opens (a Flask endpoint), and its #part
    anchor: str = ""

    @property
    def tag(self):
        """One notification per kind and slot on the phone: a newer one replaces an older one."""
        return f"{self.kind}-{self.slot}"


def words(kind, slot):
    """(title, body, endpoint, anchor) for a reminder. Generic on purpose (see the module). The
    words are English, marked: the delivery says them in the person's language (finding.message)."""
    if kind == SESSION:
        return TITLES[slot], TEXTS[slot], "program.today", f"session-{slot}"
    return {
        PAUSED: (N_("Please get checked"), N_("Your exercises are on hold until a doctor has checked you. "
                                              "Open the app when you have been seen."), "program.today", ""),
        CONTACT: (N_("A question is waiting"), N_("Please open the app and answer the card on Today."),
                  "program.today", ""),
        RECHECK: (N_("Time for a quick check"), N_("It is time for your 12-week check. It takes a minute."),
                  "program.reviews.both_legs", ""),
        RATINGS: (N_("Rate your week"), N_("How did this week's activities go? Rating them takes a minute."),
                  "report.ratings.index", ""),
        NUDGE: (N_("How was today?"), N_("A quick check-in takes a minute, if you have one to spare."),
                "log.index", ""),
        TEST: (N_("Reminders are on"), N_("This is how your reminders will look."), "program.reminders.index", ""),
    }[kind]


def reminder(kind, local_date, slot):
    return Reminder(kind, local_date, slot, *words(kind, slot))


def quiet_hours(person, settings):
    """(start, end) as "HH:MM": the person's own when both are valid, else the app's default."""
    start, end = getattr(person, "quiet_start", None), getattr(person, "quiet_end", None)
    if start and end and not clock_time(start)[1] and not clock_time(end)[1]:
        return start, end
    return settings.quiet


def in_quiet_hours(hhmm, quiet):
    """True when a wall-clock time "HH:MM" falls in [start, end), which may wrap past midnight.
    Equal start and end means no quiet hours."""
    start, end = quiet
    if start == end:
        return False
    if start < end:
        return start <= hhmm < end
    return hhmm >= start or hhmm < end


def zone_of(person, facts):
    """The person's time zone; without one, the fixed offset of their phone's last check-in."""
    zone = valid_zone(person.timezone)
    if zone is None:
        offset = max(-14 * 60, min(14 * 60, facts.offset_minutes))
        zone = dt.timezone(dt.timedelta(minutes=offset))
    return zone


def at(day, hhmm, zone):
    """The moment (UTC) a wall-clock time happens on a local date. A skipped time (clocks going
    forward) is read with the offset before the change, so it comes an hour later by the clock;
    a repeated one (clocks going back) is its first occurrence (PEP 495, fold=0)."""
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone).astimezone(dt.UTC)


def planned(person, facts, day, settings):
    """Every reminder the person would get on local `day`, as (kind, slot, "HH:MM")."""
    times = settings.times
    if facts.paused:
        return [(PAUSED, "day", times[CONTACT])]
    out = []
    if facts.awaiting_contact:
        out.append((CONTACT, "day", times[CONTACT]))
    if both_legs_due(person, day) and (facts.last_recheck is None
                                       or (day - facts.last_recheck).days >= RECHECK_EVERY_DAYS):
        out.append((RECHECK, "week", times[RECHECK]))
    if person.stage is None:        # no program yet (or a practitioner's account): nothing else
        return out
    for session, hhmm in session_times(person).items():
        if (day, session) not in facts.sessions_done:
            out.append((SESSION, session, hhmm))
    monday = day - dt.timedelta(days=day.weekday())
    if day.weekday() == settings.ratings_weekday and monday not in facts.rated_weeks:
        out.append((RATINGS, monday.isoformat(), times[RATINGS]))
    if day not in facts.checked_in_on:
        out.append((NUDGE, "day", times[NUDGE]))
    return out


def local_days(person, facts, now):
    """The person's yesterday and today at `now` (an aware UTC datetime)."""
    today = now.astimezone(zone_of(person, facts)).date()
    return today - dt.timedelta(days=1), today


def due(person, facts, now, settings=Settings()):
    """The reminders to send the person at `now` (an aware datetime), earliest first."""
    zone = zone_of(person, facts)
    local = now.astimezone(zone)
    if in_quiet_hours(local.strftime("%H:%M"), quiet_hours(person, settings)):
        return []
    found, counts = [], dict(facts.sent_count)
    for day in local_days(person, facts, now):
        for kind, slot, hhmm in sorted(planned(person, facts, day, settings), key=lambda p: p[2]):
            if clock_time(hhmm)[1] or (kind, day, slot) in facts.sent:
                continue
            start = at(day, hhmm, zone)
            if not (start <= now < start + settings.window):
                continue
            if counts.get(day, 0) >= settings.cap and kind not in SAFETY:
                continue
            counts[day] = counts.get(day, 0) + 1
            found.append(reminder(kind, day, slot))
    return found
