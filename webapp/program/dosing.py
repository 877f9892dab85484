"""How much to do, and how many are left: dose wording and cap counting. No Flask here.

Caps count the person's local days. "Per week" means the 7 local days ending today (a rolling
week), so "twice a week" can never become four times across a Sunday night. "Rest days" means
days to leave between two days an exercise is done: 1 is "never two days in a row".
"""
import datetime as dt
from dataclasses import dataclass

from ..translatable import N_, Said

WEEK_DAYS = 7
# "the limit for this slider": the words are whole, so a language can give each its own gender.
KIND_WORDS = {"slider": N_("this slider"), "tensioner": N_("this exercise"), "stretch": N_("this stretch"),
              "mobility": N_("this exercise"), "strength": N_("this exercise"), "aerobic": N_("this activity"),
              "position-of-ease": N_("this position")}


def rolling_week_start(today):
    """First local day of the rolling week that ends today."""
    return today - dt.timedelta(days=WEEK_DAYS - 1)


def dose_text(dose):
    """The dose in a few words: "10 slow cycles, about 5 s each", "hold 20 s × 3", "10 minutes"."""
    sets = dose.sets if dose.sets and dose.sets > 1 else None
    if dose.minutes:
        return Said.ngettext("%(minutes)s minute", "%(minutes)s minutes", dose.minutes, minutes=f"{dose.minutes:g}")
    if dose.hold_seconds:
        if sets:
            return Said("hold %(hold)s s × %(reps)s, %(sets)s sets", hold=dose.hold_seconds, reps=dose.reps, sets=sets)
        return Said("hold %(hold)s s × %(reps)s", hold=dose.hold_seconds, reps=dose.reps)
    if dose.seconds_per_cycle:
        if sets:
            return Said("%(reps)s slow cycles, about %(seconds)s s each, %(sets)s sets", reps=dose.reps,
                        seconds=dose.seconds_per_cycle, sets=sets)
        return Said("%(reps)s slow cycles, about %(seconds)s s each", reps=dose.reps, seconds=dose.seconds_per_cycle)
    if sets:
        return Said.ngettext("%(num)d slow time, %(sets)s sets", "%(num)d slow times, %(sets)s sets", dose.reps, sets=sets)
    return Said.ngettext("%(num)d slow time", "%(num)d slow times", dose.reps)


REST_SECONDS = 5      # between holds (never longer than the hold itself)


def timer_data(dose):
    """What the exercise timer (static/js/timer.js) reads from its data attributes."""
    return {"reps": dose.reps or "", "sets": dose.sets or 1, "hold": dose.hold_seconds or "",
            "cycle": dose.seconds_per_cycle or "", "minutes": dose.minutes or "",
            "rest": min(REST_SECONDS, dose.hold_seconds) if dose.hold_seconds else REST_SECONDS}


@dataclass(frozen=True)
class CapStatus:
    """How often an exercise was done today and this week, against its caps."""

    today: int
    week: int
    per_day: int | None
    per_week: int | None
    kind: str = "exercise"
    rest_days: int | None = None
    days_since: int | None = None   # days since it was last done before today, within the week

    @classmethod
    def of(cls, exercise, done, today, caps=None):
        """The status of `exercise` from its DoneCount on local day `today`, against `caps` (the
        person's own, after a practitioner's changes) or the exercise's."""
        caps = caps or exercise.caps
        since = (today - done.last_before).days if done.last_before else None
        return cls(done.today, done.week, caps.per_day, caps.per_week, exercise.kind, caps.rest_days, since)

    @property
    def day_reached(self):
        return self.per_day is not None and self.today >= self.per_day

    @property
    def week_reached(self):
        return self.per_week is not None and self.week >= self.per_week

    @property
    def rest_reached(self):
        return (self.rest_days is not None and self.days_since is not None
                and self.days_since <= self.rest_days)

    @property
    def reached(self):
        return self.day_reached or self.week_reached or self.rest_reached

    @property
    def counters(self):
        """["2 of 3 today", "1 of 2 in the last 7 days"]; with no caps, "Done 2 times today"."""
        out = []
        if self.per_day is not None:
            out.append(Said("%(done)s of %(cap)s today", done=self.today, cap=self.per_day))
        if self.per_week is not None:
            out.append(Said("%(done)s of %(cap)s in the last %(days)s days", done=self.week, cap=self.per_week,
                            days=WEEK_DAYS))
        if not out:
            out.append(Said.ngettext("Done %(num)d time today", "Done %(num)d times today", self.today) if self.today
                       else N_("Not done yet today"))
        return out

    def ahead(self, steps=6, say=str):
        """The counter and reason after each of the next `steps` ticks, so a tick queued offline
        shows the same words the server would (static/js/program.js reads them), said by `say`
        in the reader's language."""
        states = []
        for n in range(1, steps + 1):
            later = CapStatus(self.today + n, self.week + n, self.per_day, self.per_week, self.kind,
                              self.rest_days, self.days_since)
            states.append({"counter": " · ".join(say(c) for c in later.counters), "reason": say(later.reason)})
        return states

    @property
    def reason(self):
        """Why the done button is off, or "" while it is on."""
        this = KIND_WORDS.get(self.kind, KIND_WORDS["strength"])
        if self.day_reached:
            return Said("Done %(done)s of %(cap)s today — the limit for %(this)s", done=self.today, cap=self.per_day,
                        this=this)
        if self.week_reached:
            return Said("Done %(done)s of %(cap)s in the last %(days)s days — the weekly limit for %(this)s",
                        done=self.week, cap=self.per_week, days=WEEK_DAYS, this=this)
        if self.rest_reached:
            if self.days_since == 1 and self.rest_days == 1:
                return Said("Done yesterday — never two days in a row for %(this)s", this=this)
            if self.days_since == 1:
                return Said("Done yesterday — leave %(rest)s days between for %(this)s", rest=self.rest_days, this=this)
            if self.rest_days == 1:
                return Said("Done %(ago)s days ago — never two days in a row for %(this)s", ago=self.days_since,
                            this=this)
            return Said("Done %(ago)s days ago — leave %(rest)s days between for %(this)s", ago=self.days_since,
                        rest=self.rest_days, this=this)
        return ""


def over_cap(caps, done_today_before, done_week_before, gap=None):
    """True when one more would go past the day or week cap, or come `gap` days (1 or more)
    from another day it was done when the exercise needs more rest days than that."""
    return ((caps.per_day is not None and done_today_before + 1 > caps.per_day)
            or (caps.per_week is not None and done_week_before + 1 > caps.per_week)
            or (caps.rest_days is not None and gap is not None and 0 < gap <= caps.rest_days))
