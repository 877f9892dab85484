"""The program rules in content/program.yaml: plans per stage and pattern, starting-stage rules
and the stage engine's thresholds. Loaded and checked once at start-up. No Flask here.

This module owns the program's vocabulary (stages, patterns, sessions, weekdays); everything
else imports it from here. Every problem raises ProgramError naming program.yaml and the field,
e.g. "content/program.yaml: field 'stages.2.plans.disc.midday[1]' names an unknown exercise".
"""
from dataclasses import dataclass, field
from pathlib import Path

from .fields import ContentError, Fields, read_yaml
from .limits import Limits, load_limits
from .pregnancy import PregnancyRules, load_pregnancy
from .thresholds import Thresholds, load_thresholds

STAGES = (1, 2, 3)
PATTERNS = ("disc", "stenosis")
SESSIONS = ("morning", "midday", "evening")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PATTERN_NAMES = {"disc": "Disc type", "stenosis": "Stenosis type"}
PATTERN_HINTS = {"disc": "leg pain often worse sitting or bending",
                 "stenosis": "worse standing or walking, eased by bending forward or sitting"}
SESSION_NAMES = {"morning": "Morning", "midday": "Midday", "evening": "Evening"}
NOTE_MAX = 200


class ProgramError(ContentError):
    """program.yaml is missing a field or has a wrong one."""


@dataclass(frozen=True)
class Entry:
    exercise: str
    days: tuple = WEEKDAYS
    note: str = ""          # how to do it in this plan, e.g. "in bouts of 3 to 5 minutes"

    def on(self, date):
        return WEEKDAYS[date.weekday()] in self.days


@dataclass(frozen=True)
class Plan:
    sessions: dict          # session name -> tuple of Entry, in the stage's session order
    optional: tuple

    def for_day(self, date):
        """The day's sessions and optional extras, leaving out entries meant for other days."""
        sessions = {s: tuple(e for e in entries if e.on(date)) for s, entries in self.sessions.items()}
        return sessions, tuple(e for e in self.optional if e.on(date))


@dataclass(frozen=True)
class Stage:
    number: int
    name: str
    label: str
    purpose: str
    sessions: tuple
    plans: dict             # pattern -> Plan


@dataclass(frozen=True)
class StartRules:
    subacute_from_weeks: int
    chronic_after_weeks: int
    high_leg_pain: int          # at or above: start at stage 1
    stage_3_max_leg_pain: int   # above (or any numbness or weakness): stage 2 at most
    # After the start, a stage chosen by hand is judged on the last `logged_days` logged days
    # within the last `within_days` days (webapp/program/guardrails.py).
    logged_days: int = 7
    within_days: int = 28


@dataclass(frozen=True)
class WalkingRules:
    """The person's own walking time (webapp/program/walking.py)."""

    exercises: tuple                # the walks whose minutes are the person's own
    start_percent: int              # of the walking time they logged
    weekly_increase_percent: int
    look_back_days: int
    stage_3_aim: tuple              # (fewest, most) minutes a day; the walk never goes past `most`


@dataclass(frozen=True)
class ProgramRules:
    stages: dict
    start: StartRules
    engine: Thresholds
    walking: WalkingRules
    limits: Limits = field(default_factory=Limits)      # what a practitioner may change
    pregnancy: PregnancyRules = field(default_factory=PregnancyRules)

    def plan(self, stage, pattern):
        return self.stages[stage].plans[pattern]


def load(path, exercises):
    """Read and check program.yaml against the exercise catalogue (slug -> Exercise)."""
    path = Path(path)
    r = Fields(path, error=ProgramError)
    data = read_yaml(path, ProgramError)
    r.mapping(data, "", ("stages", "starting_stage", "engine", "walking", "pregnancy"),
              optional=("practitioner_limits",))
    stages_data = r.mapping(data["stages"], "stages", STAGES)
    stages = {n: _stage(r, n, stages_data[n], exercises) for n in STAGES}
    s = r.mapping(data["starting_stage"], "starting_stage",
                  ("subacute_from_weeks", "chronic_after_weeks", "high_leg_pain", "stage_3_max_leg_pain",
                   "logged_days", "within_days"))
    start = StartRules(r.number(s["subacute_from_weeks"], "starting_stage.subacute_from_weeks", 1, 52),
                       r.number(s["chronic_after_weeks"], "starting_stage.chronic_after_weeks", 1, 104),
                       r.number(s["high_leg_pain"], "starting_stage.high_leg_pain", 0, 10),
                       r.number(s["stage_3_max_leg_pain"], "starting_stage.stage_3_max_leg_pain", 0, 10),
                       r.number(s["logged_days"], "starting_stage.logged_days", 1, 28),
                       r.number(s["within_days"], "starting_stage.within_days", 7, 365))
    if start.within_days < start.logged_days:
        r.fail("starting_stage.within_days", "must be at least logged_days")
    if start.chronic_after_weeks <= start.subacute_from_weeks:
        r.fail("starting_stage.chronic_after_weeks", "must be more than subacute_from_weeks")
    if start.stage_3_max_leg_pain >= start.high_leg_pain:
        r.fail("starting_stage.stage_3_max_leg_pain", "must be less than high_leg_pain")
    def check_caps(where, entries):
        _check_caps(r, where, entries, exercises)
    return ProgramRules(stages, start, load_thresholds(r, data["engine"], exercises),
                        _walking(r, data["walking"], exercises),
                        load_limits(r, data.get("practitioner_limits"), exercises),
                        load_pregnancy(r, data["pregnancy"], exercises, stages, check_caps))


def _walking(r, data, exercises):
    w = r.mapping(data, "walking", ("exercises", "start_percent", "weekly_increase_percent",
                                    "look_back_days", "stage_3_aim_minutes"))
    def timed_walk(e):
        return None if e.kind == "aerobic" and e.dose.minutes else "is not a walk timed in minutes"
    slugs = r.slugs(w["exercises"], "walking.exercises", exercises, timed_walk)
    aim = w["stage_3_aim_minutes"]
    if not isinstance(aim, list) or len(aim) != 2 \
            or not all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 240 for m in aim) \
            or aim[0] > aim[1]:
        r.fail("walking.stage_3_aim_minutes", "must be [fewest, most] whole minutes, like [30, 60]")
    return WalkingRules(slugs, r.number(w["start_percent"], "walking.start_percent", 10, 100),
                        r.number(w["weekly_increase_percent"], "walking.weekly_increase_percent", 0, 50),
                        r.number(w["look_back_days"], "walking.look_back_days", 7, 365), tuple(aim))


def _stage(r, number, data, exercises):
    field = f"stages.{number}"
    d = r.mapping(data, field, ("name", "label", "purpose", "sessions", "plans"))
    sessions = d["sessions"]
    if not isinstance(sessions, list) or not sessions or any(s not in SESSIONS for s in sessions) \
            or len(set(sessions)) != len(sessions):
        r.fail(f"{field}.sessions", f"must list sessions from: {', '.join(SESSIONS)}")
    sessions = tuple(s for s in SESSIONS if s in sessions)
    plans_data = r.mapping(d["plans"], f"{field}.plans", PATTERNS)
    plans = {p: _plan(r, f"{field}.plans.{p}", plans_data[p], number, p, sessions, exercises)
             for p in PATTERNS}
    return Stage(number, r.plain_text(d["name"], f"{field}.name"), r.plain_text(d["label"], f"{field}.label"),
                 r.plain_text(d["purpose"], f"{field}.purpose"), sessions, plans)


def _plan(r, field, data, stage, pattern, sessions, exercises):
    d = r.mapping(data, field, sessions, optional=("optional",))
    planned = {s: _entries(r, f"{field}.{s}", d[s], stage, pattern, exercises, False) for s in sessions}
    optional = _entries(r, f"{field}.optional", d.get("optional") or [], stage, pattern, exercises, True)
    default_slugs = {e.exercise for entries in planned.values() for e in entries}
    for i, entry in enumerate(optional):
        if entry.exercise in default_slugs:
            r.fail(f"{field}.optional[{i}]", f"'{entry.exercise}' is already in a session")
    _check_caps(r, field, [e for entries in planned.values() for e in entries] + list(optional), exercises)
    return Plan(planned, optional)


def _entries(r, field, items, stage, pattern, exercises, optional):
    if not isinstance(items, list) or (not items and not optional):
        r.fail(field, "must be a non-empty list of exercises")
    entries = []
    for i, item in enumerate(items):
        where = f"{field}[{i}]"
        note = ""
        if isinstance(item, dict):
            r.mapping(item, where, ("exercise",), optional=("days", "note"))
            slug, days = item["exercise"], item.get("days", list(WEEKDAYS))
            if not isinstance(days, list) or not days or any(d not in WEEKDAYS for d in days):
                r.fail(f"{where}.days", f"must list days from: {', '.join(WEEKDAYS)}")
            if "note" in item:
                note = r.plain_text(item["note"], f"{where}.note")
                if len(note) > NOTE_MAX:
                    r.fail(f"{where}.note", f"is longer than {NOTE_MAX} characters")
        else:
            slug, days = item, list(WEEKDAYS)
        exercise = exercises.get(slug) if isinstance(slug, str) else None
        if exercise is None:
            r.fail(where, f"names an unknown exercise: {slug!r}")
        if stage not in exercise.stages:
            r.fail(where, f"'{slug}' is not for stage {stage} (its file lists stages "
                          f"{', '.join(map(str, exercise.stages))})")
        if exercise.pattern not in ("both", pattern):
            r.fail(where, f"'{slug}' is for the {exercise.pattern} pattern, not {pattern}")
        if exercise.practitioner_only and not optional:
            r.fail(where, f"'{slug}' is practitioner-only, so it may only be listed under optional")
        entries.append(Entry(slug, tuple(d for d in WEEKDAYS if d in days), note))
    return tuple(entries)


def _check_caps(r, field, entries, exercises):
    """A plan must never prescribe more than an exercise's own caps allow."""
    for slug in {e.exercise for e in entries}:
        caps = exercises[slug].caps
        mine = [e for e in entries if e.exercise == slug]
        most_in_a_day = max(sum(day in e.days for e in mine) for day in WEEKDAYS)
        per_week = sum(len(e.days) for e in mine)
        if caps.per_day is not None and most_in_a_day > caps.per_day:
            r.fail(field, f"plans '{slug}' {most_in_a_day} times in a day; its cap is {caps.per_day}")
        if caps.per_week is not None and per_week > caps.per_week:
            r.fail(field, f"plans '{slug}' {per_week} times a week; its cap is {caps.per_week} "
                          "(give it days: [...])")
        if caps.rest_days:
            days = [i for i, day in enumerate(WEEKDAYS) if any(day in e.days for e in mine)]
            close = [(a, b) for a in days for b in days if 0 < (b - a) % 7 <= caps.rest_days]
            if close:
                a, b = close[0]
                r.fail(field, f"plans '{slug}' on {WEEKDAYS[a]} and {WEEKDAYS[b]}; it needs "
                              f"{caps.rest_days} rest day{'s' if caps.rest_days > 1 else ''} in between")
