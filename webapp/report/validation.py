"""Checking what the person types on the report's forms: the date range, visits, weekly function
ratings, share links and the name on the report. Plain functions, no Flask: each returns
(clean values, {field: message}).
"""
import datetime as dt
from itertools import zip_longest

from .. import inputs
from ..translatable import N_, Text

DEFAULT_DAYS = 28
EARLIEST = inputs.EARLIEST
MAX_SPAN_DAYS = 5 * 365 + 1              # five years: the longest report, whatever the visit dates
VISIT_AHEAD_DAYS = 366                   # an appointment already booked may be recorded
PRACTITIONER_MAX, VISIT_NOTE_MAX, NAME_MAX = 120, 1000, 80
PSFS_ACTIVITIES, PSFS_NAME_MAX = 3, 80
SHARE_DAYS_MIN, SHARE_DAYS_MAX, SHARE_DAYS_DEFAULT = 1, 90, 14


def capped(start, end):
    """The range, shortened to its last MAX_SPAN_DAYS: no report spans more."""
    return max(start, end - dt.timedelta(days=MAX_SPAN_DAYS)), end


def default_range(today, last_visit=None):
    """From the day of the last visit up to today (at most five years), else the last 28 days."""
    if last_visit is not None and last_visit <= today:
        return capped(last_visit, today)
    return today - dt.timedelta(days=DEFAULT_DAYS - 1), today


def _date(value, name, errors, today, ahead=1):
    if not isinstance(value, str) or not value.strip():
        return None
    day, problem = inputs.local_date(value, today, ahead_days=ahead)
    if problem:
        errors[name] = problem
    return day


def parse_range(values, today, default):
    """(start, end) from "from" and "to"; a blank end means today, a blank start 28 days before
    the end; both blank means `default`."""
    raw_from, raw_to = values.get("from", ""), values.get("to", "")
    if not (raw_from or "").strip() and not (raw_to or "").strip():
        return default, {}
    errors = {}
    start, end = _date(raw_from, "from", errors, today), _date(raw_to, "to", errors, today)
    if errors:
        return None, errors
    end = end or today
    start = start or end - dt.timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        errors["from"] = N_("The start must be on or before the end.")
    elif (end - start).days > MAX_SPAN_DAYS:
        errors["from"] = N_("Choose a range of at most five years.")
    return (None, errors) if errors else ((start, end), {})


def _text(value, name, limit, errors, required=None, multiline=False):
    value, problem = inputs.text(value, limit, required=required, multiline=multiline)
    if problem:
        errors[name] = problem
    return value


def validate_visit(form, today):
    """A visit: its date, who it was with, and an optional note."""
    errors = {}
    day = _date(form.get("visit_date"), "visit_date", errors, today, ahead=VISIT_AHEAD_DAYS)
    if day is None and "visit_date" not in errors:
        errors["visit_date"] = N_("Enter the date of the visit.")
    clean = {"visit_date": day,
             "practitioner": _text(form.get("practitioner"), "practitioner", PRACTITIONER_MAX, errors,
                                   required=N_("Say who you saw, for example \u201cphysio\u201d.")),
             "note": _text(form.get("note"), "note", VISIT_NOTE_MAX, errors, multiline=True)}
    return clean, errors


def validate_psfs(names, scores):
    """Up to three (activity, score 0-10) pairs; a row left blank is skipped."""
    errors, pairs, seen = {}, [], set()
    rows = list(zip_longest(names, scores, fillvalue=""))
    for i, (name, score) in enumerate(rows, start=1):
        name, problem = inputs.text(name, PSFS_NAME_MAX, multiline=False)
        score = score.strip() if isinstance(score, str) else ""
        if not name and not score and not problem:
            continue
        if problem == inputs.BAD_CHARACTER:
            errors[f"activity-{i}"] = problem
        elif not name:
            errors[f"activity-{i}"] = N_("Name the activity for this score.")
        elif len(name) > PSFS_NAME_MAX:
            errors[f"activity-{i}"] = Text(N_("Keep the name under %(max)d characters (it has %(num)d)."),
                                            max=PSFS_NAME_MAX, num=len(name))
        elif name.casefold() in seen:
            errors[f"activity-{i}"] = N_("You have named this activity already.")
        seen.add(name.casefold())
        number = inputs.whole_number(score, 0, 10)
        if number is None:
            errors[f"score-{i}"] = N_("Choose a score from 0 to 10.")
        pairs.append((name, number))
    if len(rows) > PSFS_ACTIVITIES or len(pairs) > PSFS_ACTIVITIES:
        errors["activities"] = Text(N_("Rate up to %(num)d activities a week."), num=PSFS_ACTIVITIES)
    elif not pairs and not errors:
        errors["activities"] = N_("Name at least one activity and give it a score.")
    return pairs, errors


def validate_share(form, today):
    """How long a share link lasts (1-90 days), and an optional date range it is limited to."""
    errors = {}
    raw = (form.get("days") or "").strip()
    days = inputs.whole_number(raw, SHARE_DAYS_MIN, SHARE_DAYS_MAX)
    if raw == "":
        days = SHARE_DAYS_DEFAULT
    elif days is None:
        errors["days"] = Text(N_("Choose from %(low)d to %(high)d days."), low=SHARE_DAYS_MIN, high=SHARE_DAYS_MAX)
        days = None
    limited, range_errors = parse_range(form, today, None)
    errors.update(range_errors)
    start, end = limited if limited else (None, None)
    return {"days": days, "range_from": start, "range_to": end}, errors


def validate_name(value):
    errors = {}
    name = _text(value, "display_name", NAME_MAX, errors)
    return name or None, errors
