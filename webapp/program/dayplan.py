"""The day's plan for one person: the exercises for their stage, pattern and weekday with caps,
their own walking time and the plan's notes, and which are left off and why. Model queries and
plain functions, no Flask: the views pass the program rules and the exercise catalogue in."""
import datetime as dt
from dataclasses import dataclass, replace

from ..content.plans import SESSION_NAMES
from ..content.pregnancy import swap_plan
from ..models import NOT_DONE, CheckIn, Completion, StageChange
from ..translatable import N_, Own, Said
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
    reminder: str = ""                  # in pregnancy, for one done in a choice of positions
    last: object = None                 # the last round today in this session (a Completion), if any

    @property
    def id(self):
        return f"ex-{self.session or 'extra'}-{self.exercise.slug}"

    @property
    def dose(self):
        return dose_words(self.exercise, self.walk)

    @property
    def session_name(self):
        return SESSION_NAMES[self.session] if self.session else N_("Optional extra")

    @property
    def awaiting(self):
        """The last round today, while nobody has said how it felt: Today asks (one tap)."""
        return self.last if self.last is not None and self.last.response is None else None

    @property
    def answers(self):
        """The "how did that feel?" answers Today offers after a round, value -> label."""
        return completions.today_answers(self.leg_check)

    @property
    def timer(self):
        return dosing.timer_data(replace(self.exercise.dose, minutes=self.walk.minutes) if self.walk
                                 else self.exercise.dose)


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


def make_row(exercise, session, counts, today, rules, walk=None, note="", adjusted=adjustments.NONE,
             avoided=frozenset(), last=None):
    """One row, with the exercise's caps after a practitioner's changes (`adjusted`), the
    positions pregnancy rules out (`avoided`) and the last round done in its session today."""
    slug = exercise.slug
    caps = adjusted.caps.get(slug, exercise.caps)
    cap = dosing.CapStatus.of(exercise, counts.get(slug, NOT_DONE), today, caps)
    is_walk = slug in rules.walking.exercises
    reminder = withheld.position_reminder(avoided) if exercise.position == "varied" else ""
    return Row(exercise, session, cap, completions.new_uuid(), walk if is_walk else None, is_walk, note,
               slug in rules.engine.leg_check, adjusted.for_exercise(slug), reminder, last)


def last_rounds(user, today):
    """{(exercise, session): the last round done today in that session}."""
    return {(r.exercise, r.session): r for r in Completion.rounds_on(user, today)}


def next_of(planned):
    """The day's next exercise: the first planned row not yet done in its session and not at its
    limit (None when every one is done)."""
    return next((r for _, rows in planned for r in rows if r.last is None and not r.cap.reached), None)


def without(planned, row):
    """The planned sessions with `row` left out (it is drawn on its own), empty sessions dropped."""
    kept = [(s, [r for r in rows if r is not row]) for s, rows in planned]
    return [(s, rows) for s, rows in kept if rows]


def plan_pages(user, rules, catalogue, today, adjusted):
    """(exercise, session) for every exercise in the person's current plan, whatever the weekday
    (the phone keeps their pages for offline use; an optional extra has no session)."""
    plan, _caps = adjustments.apply(person_plan(user, rules, catalogue, today)[0], {}, adjusted)
    pairs = {(e.exercise, s) for s, entries in plan.sessions.items() for e in entries}
    pairs |= {(e.exercise, None) for e in plan.optional}
    return tuple(sorted(pairs, key=lambda p: (p[0], p[1] or "")))


def avoided_positions(user, rules, today):
    """The positions pregnancy rules out for the person today (empty when not pregnant)."""
    return rules.pregnancy.avoided(withheld.pregnancy_week(user.pregnant_from, today))


def pregnancy_words(user, rules, exercise, today):
    """What pregnancy means for one exercise, for its own page ("" when nothing)."""
    avoided = avoided_positions(user, rules, today)
    if exercise.position == "varied":
        return withheld.position_reminder(avoided)
    if exercise.position not in avoided:
        return ""
    week = withheld.pregnancy_week(user.pregnant_from, today)
    return withheld.in_pregnancy({exercise.slug: None}, {exercise.slug: exercise}, week,
                                 rules.pregnancy, on_page=True)[exercise.slug]


def person_plan(user, rules, catalogue, today):
    """(the person's Plan for their stage and pattern, in pregnancy without the exercises done in
    a position to avoid or with the one offered instead, {slug left off: reason})."""
    base = rules.plan(user.stage, user.pattern)
    avoided = avoided_positions(user, rules, today)
    plan, left_off = swap_plan(base, avoided, rules.pregnancy.swap, catalogue, user.stage, user.pattern)
    week = withheld.pregnancy_week(user.pregnant_from, today)
    return plan, (withheld.in_pregnancy(left_off, catalogue, week, rules.pregnancy) if left_off else {})


def adjusted_for(user, rules, catalogue, today):
    """The practitioner's changes in effect for the person today (adjustments.py)."""
    return adjustments.load(user, catalogue, rules.limits, today)


def person_of(user):
    """The engine's view of the person: stage and pattern, since when, the episode's start and
    any "stage 1 only"."""
    change = StageChange.history(user).first()
    down = change is not None and change.from_stage is not None and change.to_stage < change.from_stage
    return engine.Person(user.stage, user.pattern, user.local_date_of(change.changed_at) if change else None,
                         user.episode_start, user.stage_1_only_since, down)


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
        values = {"title": Own(exercise.title), "stage": user.stage,
                  "stages": Said.listed([str(s) for s in exercise.stages], joined=" and ".join)}
        if len(exercise.stages) > 1:
            return Said("%(title)s is not in your program: it is for stages %(stages)s, and you are at stage %(stage)s.",
                        **values)
        return Said("%(title)s is not in your program: it is for stage %(stages)s, and you are at stage %(stage)s.",
                    **values)
    if exercise.practitioner_only and slug in adjusted_for(user, rules, catalogue, day).locked:
        return Said("%(title)s is only with your practitioner's agreement: they can allow it through a care link.",
                    title=Own(exercise.title))
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
    return {"locked": Said("Not counted: %(why)s", why=reason)} if reason else None


def day_plan(user, rules, catalogue, today, adjusted=None):
    """[(session, [Row])], the optional [Row] and {title: reason} left off, for the person's stage,
    pattern and weekday, with a practitioner's changes (`adjusted`) applied."""
    adjusted = adjusted or adjusted_for(user, rules, catalogue, today)
    base, pregnancy = person_plan(user, rules, catalogue, today)
    all_sessions, all_optional = base.for_day(today)
    in_plan = {e.exercise for entries in (*all_sessions.values(), all_optional) for e in entries}
    plan, _caps = adjustments.apply(base, {}, adjusted)
    sessions, optional = plan.for_day(today)
    counts = Completion.done_counts(user, dosing.rolling_week_start(today), today)
    held = adjustments.merge_reasons(held_back(user, rules, catalogue, today),
                                     adjustments.left_off(adjusted, in_plan))
    walk = walk_of(user, rules, today)
    avoided = avoided_positions(user, rules, today)
    todays = rules.plan(user.stage, user.pattern).for_day(today)
    on_today = {e.exercise for entries in (*todays[0].values(), todays[1]) for e in entries}
    last = last_rounds(user, today)

    def row(entry, session):
        return make_row(catalogue[entry.exercise], session, counts, today, rules, walk, entry.note, adjusted,
                        avoided, last.get((entry.exercise, session)))
    planned = [(s, [row(e, s) for e in entries if e.exercise not in held]) for s, entries in sessions.items()]
    extras = [row(e, None) for e in optional if e.exercise not in held]
    notes = {catalogue[slug].title: reason for slug, reason in held.items() if slug in in_plan}
    notes.update({catalogue[slug].title: reason for slug, reason in pregnancy.items() if slug in on_today})
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
                       adjusted=adjusted, avoided=avoided_positions(user, rules, today),
                       last=last_rounds(user, today).get((slug, session)))
    return row, [r for r in rows if r.id != row.id]
