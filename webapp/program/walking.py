"""The person's own walking time (content/program.yaml, `walking`). Plain functions, no Flask.

Worked out from the walking time the person logs in check-ins ("walking before it hurts") in the
last look_back_days; several check-ins on one day count as that day's average:
- The walk starts at about start_percent of the first time logged, and each full week since then
  adds about weekly_increase_percent, compounded: from 15 minutes logged, 12, then 13, then 15.
- A later time logged starts it again from that day when it is below the walk suggested by then
  (walking has got harder), or when start_percent of it is above that walk (a big step up).
- The walk is never longer than the latest time logged, nor than the top of stage 3's aim.
With nothing logged there is no personal walk, and the exercise file's own minutes stand.
"""
import datetime as dt
from dataclasses import dataclass
from statistics import fmean

from ..translatable import Said
from .words import num, on_day


@dataclass(frozen=True)
class Walk:
    minutes: int
    why: str            # where the minutes come from, in words


def daily_minutes(log):
    """{local date: that day's average walking minutes}, oldest first, from [(date, minutes)]."""
    by_day = {}
    for day, minutes in log:
        by_day.setdefault(day, []).append(minutes)
    return {day: fmean(values) for day, values in sorted(by_day.items())}


def minutes_words(value):
    return Said.ngettext("%(minutes)s minute", "%(minutes)s minutes", value, minutes=num(value))


def whole(value):
    """Rounded half up: 13.5 minutes is 14."""
    return int(value + 0.5)


def grown(start, start_day, day, w):
    """(minutes, full weeks): start_percent of `start`, plus weekly_increase_percent for each full
    week from `start_day` to `day`, compounded."""
    weeks = (day - start_day).days // 7
    return start * w.start_percent / 100 * (1 + w.weekly_increase_percent / 100) ** weeks, weeks


def walk_for(log, stage, today, w):
    """The person's Walk today from [(local date, minutes)], or None with nothing logged."""
    first = today - dt.timedelta(days=w.look_back_days - 1)
    days = daily_minutes((d, m) for d, m in log if first <= d <= today)
    if not days:
        return None
    logged = list(days.items())
    start_day, start = logged[0]
    latest_day, latest = logged[0]
    for day, value in logged[1:]:
        suggested = min(grown(start, start_day, day, w)[0], latest)
        if value < suggested or value * w.start_percent / 100 > suggested:
            start_day, start = day, value
        latest_day, latest = day, value

    fewest, most = w.stage_3_aim
    target, weeks = grown(start, start_day, today, w)
    minutes = whole(min(target, latest, most))
    if minutes < 1:
        return Walk(1, Said("You logged %(minutes)s of walking before it hurts %(when)s, so start with just 1 minute.",
                            minutes=minutes_words(latest), when=on_day(latest_day, today)))
    values = {"percent": w.start_percent, "minutes": minutes_words(start), "when": on_day(start_day, today)}
    if weeks:
        why = [Said.ngettext("About %(percent)s%% of the %(minutes)s you logged %(when)s, plus about %(weekly)s%% a "
                             "week for %(num)d week.",
                             "About %(percent)s%% of the %(minutes)s you logged %(when)s, plus about %(weekly)s%% a "
                             "week for %(num)d weeks.", weeks, weekly=w.weekly_increase_percent, **values)]
    else:
        why = [Said("About %(percent)s%% of the %(minutes)s you logged %(when)s.", **values)]
    if whole(latest) == minutes < whole(target) and minutes < most:
        why.append(Said("It stays at the %(minutes)s you last logged until you log a longer walk before it hurts.",
                        minutes=minutes_words(latest)))
    if minutes == most and whole(target) >= most:
        why.append(Said("That is the top of stage 3's aim of %(fewest)s to %(most)s minutes a day, so it goes no "
                        "higher.", fewest=fewest, most=most))
    elif stage == 3:
        why.append(Said("Stage 3 aims for %(fewest)s to %(most)s minutes a day, built up a little at a time.",
                        fewest=fewest, most=most))
    return Walk(minutes, Said.sentences(why))
