"""Program changes a practitioner made for one person, applied to the day's plan and caps. No Flask.

The day plan and the caps are worked out in one place (dayplan.day_plan, completions.flag_over_cap
and the exercise page all call `apply`): (plan, caps, Adjustments) -> (adjusted plan, caps).
`in_effect` turns stored changes (ProgramChange rows, or anything with their fields) into
Adjustments, checked against content/program.yaml's practitioner_limits:

- A cap is never raised past its limit there (a stored value above it, after the file changed,
  is cut back to it). Lowering a cap, hiding an exercise and adding a note are always allowed.
- A practitioner-only exercise stays off Today unless a practitioner allowed it and the file
  lists it under `allow`; allowing it lifts nothing else (a spread, the tensioner rule).
- Positions of ease are never left off Today: a hide of one is ignored (and refused when asked).
- A stage hold quiets the engine's suggestions to move up until the day it ends; a suggestion to
  step back, and the warnings, always show.
- Nothing here touches a warning-sign pause: while paused, Today shows no plan and every tick
  is refused before any of this is looked at.
"""
from dataclasses import dataclass, field, replace

from ..content.plans import Plan
from ..models import ProgramChange
from ..translatable import N_, Dated, Own, Said

TOUCHES_EXERCISE = ("cap", "allow", "hide", "note")


@dataclass(frozen=True)
class Adjustments:
    """The changes in effect for one person on one day, within the limits file."""

    changes: tuple = ()             # every change in effect, newest first
    caps: dict = field(default_factory=dict)          # slug -> Caps, only where changed
    allowed: frozenset = frozenset()
    locked: frozenset = frozenset()   # practitioner-only exercises nobody has allowed
    hidden: dict = field(default_factory=dict)        # slug -> change
    hold: object = None             # the stage change holding the engine, while it does

    def for_exercise(self, slug):
        """The changes that touch one exercise (for its "Set by ..." lines), newest first."""
        return tuple(c for c in self.changes if c.kind in TOUCHES_EXERCISE and c.exercise == slug)

    def stage_changes(self, stage):
        """The stage changes to show beside the stage: a hold that lasts, or the stage they set."""
        return tuple(c for c in self.changes if c.kind == "stage" and (c is self.hold or c.stage == stage))


def in_effect(changes, exercises, limits, today):
    """Adjustments from the changes in effect (newest first; an older one of the same kind and
    exercise is ignored), for `exercises` (slug -> Exercise) and `limits` (content.limits.Limits)."""
    kept, seen = [], set()
    for change in changes:
        key = (change.kind, change.exercise if change.kind in TOUCHES_EXERCISE else None)
        if key in seen or (change.kind in TOUCHES_EXERCISE and change.exercise not in exercises):
            continue
        seen.add(key)
        kept.append(change)
    caps, allowed, hidden, hold = {}, set(), {}, None
    for change in kept:
        if change.kind == "cap":
            caps[change.exercise] = capped(exercises[change.exercise], change, limits)
        elif change.kind == "allow" and change.exercise in limits.allow \
                and exercises[change.exercise].practitioner_only:
            allowed.add(change.exercise)
        elif change.kind == "hide" and not never_hidden(exercises[change.exercise]):
            hidden[change.exercise] = change
        elif change.kind == "stage" and change.hold_until is not None and change.hold_until >= today:
            hold = change
    locked = frozenset(slug for slug, e in exercises.items() if e.practitioner_only and slug not in allowed)
    return Adjustments(tuple(kept), caps, frozenset(allowed), locked, hidden, hold)


def never_hidden(exercise):
    """Positions of ease stay on Today whatever is asked, so a flare always has somewhere to go."""
    return exercise.kind == "position-of-ease"


def capped(exercise, change, limits):
    """The exercise's caps after `change`, never above the limits file's highest."""
    def one(name):
        own, wanted = getattr(exercise.caps, name), getattr(change, name)
        highest = limits.highest(exercise.slug, name, own)
        if wanted is None or own is None:
            return own          # no change asked, or a cap the exercise does not have
        return max(1, min(wanted, highest))
    return replace(exercise.caps, per_day=one("per_day"), per_week=one("per_week"))   # rest days kept


def apply(plan, caps, adjustments):
    """(the plan without hidden or locked exercises, the caps with the person's own) for a Plan
    and {slug: Caps}. The plan's days and order are kept."""
    gone = set(adjustments.hidden) | adjustments.locked
    sessions = {s: tuple(e for e in entries if e.exercise not in gone)
                for s, entries in plan.sessions.items()}
    optional = tuple(e for e in plan.optional if e.exercise not in gone)
    return Plan(sessions, optional), {**caps, **adjustments.caps}


def left_off(adjustments, slugs):
    """{slug: reason} for exercises in today's plan (`slugs`) that the changes leave off Today."""
    reasons = {}
    for slug in slugs:
        if slug in adjustments.hidden:
            reasons[slug] = Said("Left off by your practitioner. %(set_by)s", set_by=set_by(adjustments.hidden[slug]))
        elif slug in adjustments.locked:
            reasons[slug] = N_("Only with your practitioner's agreement: they can allow it through a care link.")
    return reasons


def merge_reasons(first, second):
    """Two {slug: reason} maps as one; an exercise in both gets both reasons, first's first."""
    merged = dict(first)
    for slug, reason in second.items():
        merged[slug] = Said.sentences([merged[slug], reason]) if slug in merged else reason
    return merged


def hold_suggestion(suggestion, adjustments, today):
    """The engine's suggestion under a stage hold: no move up until the hold ends. A suggestion to
    step back is never hidden (the hold is named beside it), a paused program stays paused, and
    warnings still show."""
    hold = adjustments.hold
    if hold is None or suggestion.direction == "paused":
        return suggestion
    if suggestion.direction == "down":
        return replace(suggestion, reasons=tuple(suggestion.reasons) + (
            Said("Your stage is held until %(until)s, but a hold never stops a suggestion to step back. %(set_by)s",
                 until=hold.hold_until, set_by=set_by(hold)),))
    why = Said("Your stage is held at %(stage)s until %(until)s, so the app suggests no move up until then. "
               "%(set_by)s", stage=suggestion.from_stage, until=hold.hold_until, set_by=set_by(hold))
    return replace(suggestion, direction="stay", to_stage=suggestion.from_stage,
                   reasons=(why,) + tuple(suggestion.reasons if suggestion.direction == "stay" else ()))


def set_by(change):
    """ "Set by Jo Smith (physiotherapist) on 3 Nov 2026: keep it gentle." """
    return Said("Set by %(name)s on %(date)s: %(reason)s", name=Own(change.by_name), date=Dated(change.set_on),
                reason=Own(change.reason))


def line(change):
    """What the person reads on the exercise itself: what changed, then who set it, when and why."""
    words = {"cap": lambda c: Said("Your limit: %(limit)s", limit=limit_words(c)),
             "allow": lambda c: N_("Allowed for you"),
             "hide": lambda c: N_("Left off Today"),
             "note": lambda c: Said("A note for you: \u201c%(note)s\u201d", note=Own(c.note))}[change.kind](change)
    # Translators: what a practitioner changed, then who set it: "Your limit: up to 2 a day. Set by ..."
    return Said("%(what)s. %(set_by)s", what=words, set_by=set_by(change))


def limit_words(change):
    if change.per_day and change.per_week:
        return Said("up to %(day)s a day and up to %(week)s in any 7 days", day=change.per_day, week=change.per_week)
    if change.per_day:
        return Said("up to %(day)s a day", day=change.per_day)
    return Said("up to %(week)s in any 7 days", week=change.per_week) if change.per_week else ""


def describe(change, names):
    """What a change does, in a few words ("Curl downs: up to 4 a day")."""
    title = Own(names.get(change.exercise, change.exercise or ""))
    if change.kind == "cap":
        return Said("%(title)s: %(limit)s", title=title, limit=limit_words(change))
    if change.kind == "allow":
        return Said("%(title)s: allowed", title=title)
    if change.kind == "hide":
        return Said("%(title)s: left off Today", title=title)
    if change.kind == "note":
        return Said("%(title)s: a note \u201c%(note)s\u201d", title=title, note=Own(change.note))
    held = {"until": Dated(change.hold_until)} if change.hold_until else {}
    because = {"reason": Own(change.override_reason)} if getattr(change, "override_reason", "") else {}
    stage = {"stage": change.stage} if change.stage else {}
    return Said(STAGE_WORDS[bool(stage), bool(because), bool(held)], **stage, **because, **held)


# A stage change in words: (stage set, above the starting rule, held) -> the message.
STAGE_WORDS = {
    (True, False, False): N_("Stage set to %(stage)s"),
    (True, True, False): N_("Stage set to %(stage)s, above the starting rule because \u201c%(reason)s\u201d"),
    (True, False, True): N_("Stage set to %(stage)s, held until %(until)s"),
    (True, True, True): N_("Stage set to %(stage)s, above the starting rule because \u201c%(reason)s\u201d, "
                           "held until %(until)s"),
    (False, False, False): N_("Stage kept as it is"),
    (False, True, False): N_("Stage kept as it is, above the starting rule because \u201c%(reason)s\u201d"),
    (False, False, True): N_("Stage kept as it is, held until %(until)s"),
    (False, True, True): N_("Stage kept as it is, above the starting rule because \u201c%(reason)s\u201d, "
                            "held until %(until)s"),
}


def load(user, exercises, limits, today):
    """The Adjustments in effect for `user` on `today` (one query)."""
    return in_effect(list(ProgramChange.in_effect_on(user, today)), exercises, limits, today)


def base_caps(exercises):
    return {slug: e.caps for slug, e in exercises.items()}


NONE = Adjustments()
