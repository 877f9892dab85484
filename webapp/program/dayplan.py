"""The day's plan for one person: the exercises for their stage, pattern and weekday with caps,
their own walking time and the plan's notes, and which are left off and why. Model queries and
plain functions, no Flask: the views pass the program rules and the exercise catalogue in."""
import datetime as dt
from dataclasses import dataclass, replace

from ..models import NOT_DONE, CheckIn, Completion, StageChange
from . import adjustments, completions, dosing, engine, walking, withheld


@dataclass
class Row:
    exercise: object
    session: str | None
    cap: dosing.CapStatus
    uuid: str
    walk: walking.Walk | None = None    # the person's own walking time, for a walk
    is_walk: bool = False               # a walk (its minutes become the person's own once logged)
    note: str = ""                      # how to do it in this plan (program.yaml)
    leg_check: bool = False             # kept only while the leg eases or moves up
    changes: tuple = ()                 # a practitioner's changes to it, for "Set by ..." lines

    @property
    def id(self):
        return f"ex-{self.session or 'extra'}-{self.exercise.slug}"

    @property
    def dose(self):
        return dose_words(self.exercise, self.walk)


def dose_words(exercise, walk):
    """The dose in words, with the person's own minutes for a walk."""
    return dosing.dose_text(replace(exercise.dose, minutes=walk.minutes) if walk else exercise.dose)


def walk_of(user, rules, today):
    """The person's own walking time today (walking.walk_for), or None with nothing logged."""
    w = rules.walking
    log = CheckIn.walking_log(user, today - dt.timedelta(days=w.look_back_days - 1))
    return walking.walk_for(log, user.stage, today, w)


def plan_note(user, rules, slug):
    """The note on `slug` in the person's current plan ("in bouts of 3 to 5 minutes"), or ""."""
    if user.stage is None or user.pattern is None:
        return ""
    plan = rules.plan(user.stage, user.pattern)
    entries = [e for entries in plan.sessions.values() for e in entries] + list(plan.optional)
    return next((e.note for e in entries if e.exercise == slug and e.note), "")


def make_row(exercise, session, counts, today, rules, walk=None, note="", adjusted=adjustments.NONE):
    """One row, with the exercise's caps after a practitioner's changes (`adjusted`)."""
    slug = exercise.slug
    caps = adjusted.caps.get(slug, exercise.caps)
    cap = dosing.CapStatus.of(exercise, counts.get(slug, NOT_DONE), today, caps)
    is_walk = slug in rules.walking.exercises
    return Row(exercise, session, cap, completions.new_uuid(), walk if is_walk else None, is_walk, note,
               slug in rules.engine.leg_check, adjusted.for_exercise(slug))


def adjusted_for(user, rules, catalogue, today):
    """The practitioner's changes in effect for the person today (adjustments.py)."""
    return adjustments.load(user, catalogue, rules.limits, today)


def person_of(user):
    """The engine's view of the person: stage and pattern, since when, and the episode's start."""
    change = StageChange.history(user).first()
    return engine.Person(user.stage, user.pattern,
                         user.local_date_of(change.changed_at) if change else None, user.episode_start)


def held_back(user, rules, catalogue, today):
    """{slug: reason} for exercises left off Today: spread recently; the leg did not ease with one
    kept only while it does; tensioners not unlocked."""
    t = rules.engine
    since = today - dt.timedelta(days=max(t.hide_days_after_spread, t.window_days,
                                          t.hide_days_without_easing) - 1)
    recent = list(Completion.recent(user, since))
    held = withheld.after_spread(recent, t, today)
    for slug, reason in withheld.without_easing(recent, t, today).items():
        held.setdefault(slug, reason)
    tensioners = [slug for slug, e in catalogue.items() if e.kind == "tensioner" and slug not in held]
    if tensioners:
        locked = withheld.tensioners_locked(person_of(user), list(CheckIn.recent(user, since)), t, today)
        if locked:
            held.update({slug: locked for slug in tensioners})
    return held


def locked(user, rules, catalogue, slug, day):
    """Why the person may not tick `slug` on `day` (the program holds it off, not only Today), or
    None: an exercise for other stages than theirs, a practitioner-only one nobody has allowed, a
    tensioner before the tensioner rule lets it in. A rest after a spread, and a practitioner
    leaving one off Today, are advice about the day's plan: those can still be ticked."""
    exercise = catalogue.get(slug)
    if exercise is None:
        return None
    if user.stage is not None and user.stage not in exercise.stages:
        stages = " and ".join(str(s) for s in exercise.stages)
        return (f"{exercise.title} is not in your program: it is for stage{'s' if len(exercise.stages) > 1 else ''} "
                f"{stages}, and you are at stage {user.stage}.")
    if exercise.practitioner_only and slug in adjusted_for(user, rules, catalogue, day).locked:
        return (f"{exercise.title} is only with your practitioner's agreement: they can allow it "
                "through a care link.")
    if exercise.kind == "tensioner":
        t = rules.engine
        recent = list(CheckIn.recent(user, day - dt.timedelta(days=t.window_days - 1)))
        return withheld.tensioners_locked(person_of(user), recent, t, day)
    return None


def refuse_tick(user, envelope, fields, existing, rules, catalogue):
    """The completion kind's refusal (webapp/sync.py): a new tick while the program is paused, or
    of an exercise the program holds off (`locked`), is not counted; the phone keeps it and says
    why. Saying how an earlier tick felt is never refused."""
    paused = completions.refuse_when_paused(user, envelope, fields, existing)
    if paused or existing is not None:
        return paused
    reason = locked(user, rules, catalogue, fields["exercise"], envelope["local_date"])
    return {"locked": f"Not counted: {reason}"} if reason else None


def day_plan(user, rules, catalogue, today, adjusted=None):
    """[(session, [Row])], the optional [Row] and {title: reason} left off, for the person's stage,
    pattern and weekday, with a practitioner's changes (`adjusted`) applied."""
    adjusted = adjusted or adjusted_for(user, rules, catalogue, today)
    base = rules.plan(user.stage, user.pattern)
    all_sessions, all_optional = base.for_day(today)
    in_plan = {e.exercise for entries in (*all_sessions.values(), all_optional) for e in entries}
    plan, _caps = adjustments.apply(base, {}, adjusted)
    sessions, optional = plan.for_day(today)
    counts = Completion.done_counts(user, dosing.rolling_week_start(today), today)
    held = adjustments.merge_reasons(held_back(user, rules, catalogue, today),
                                     adjustments.left_off(adjusted, in_plan))
    walk = walk_of(user, rules, today)

    def row(entry, session):
        return make_row(catalogue[entry.exercise], session, counts, today, rules, walk, entry.note, adjusted)
    planned = [(s, [row(e, s) for e in entries if e.exercise not in held]) for s, entries in sessions.items()]
    extras = [row(e, None) for e in optional if e.exercise not in held]
    notes = {catalogue[slug].title: reason for slug, reason in held.items() if slug in in_plan}
    return [(s, rows) for s, rows in planned if rows], extras, notes


def row_with_twins(user, rules, catalogue, slug, session, today):
    """The row for `slug` in `session` (built on its own when it is not on today's plan), and its
    twins: the same exercise's rows in the day's other sessions, whose counters move with it."""
    adjusted = adjusted_for(user, rules, catalogue, today)
    planned, optional, _held = day_plan(user, rules, catalogue, today, adjusted)
    rows = [r for r in [r for _, rows in planned for r in rows] + optional if r.exercise.slug == slug]
    wanted = f"ex-{session or 'extra'}-{slug}"
    row = next((r for r in rows if r.id == wanted), None)
    if row is None:
        counts = Completion.done_counts(user, dosing.rolling_week_start(today), today)
        row = make_row(catalogue[slug], session, counts, today, rules, walk_of(user, rules, today),
                       adjusted=adjusted)
    return row, [r for r in rows if r.id != row.id]
