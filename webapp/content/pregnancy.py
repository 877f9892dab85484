"""Pregnancy: the `pregnancy` section of content/program.yaml, and a plan with the exercises done
in a position to avoid left off (or swapped for the one the section names). No Flask here.

Lying on the front is avoided at any stage of pregnancy, and lying flat on the back from
`no_lying_on_back_from_week` (after the first 3 months), as the pregnancy article advises. An
exercise whose steps offer a choice of positions ("varied", like the positions of ease) stays.
"""
from dataclasses import dataclass, field, replace

from .fields import Fields

AVOIDED = ("back", "front")         # the positions pregnancy may rule out


@dataclass(frozen=True)
class PregnancyRules:
    back_from_week: int = 13
    swap: dict = field(default_factory=dict)        # slug left off -> slug offered instead

    def avoided(self, week):
        """The positions to avoid at pregnancy week `week` (None: not pregnant)."""
        if week is None:
            return frozenset()
        return frozenset({"front"} | ({"back"} if week >= self.back_from_week else set()))


def swap_plan(plan, avoided, swap, exercises, stage, pattern):
    """(the Plan without exercises done in an `avoided` position, {slug left off: slug offered
    instead, or None}). A swap is offered only where it suits the stage and pattern, is not
    itself avoided and is not already in the plan; the entry's days and note are kept."""
    if not avoided:
        return plan, {}
    entries = [e for entries in plan.sessions.values() for e in entries] + list(plan.optional)
    present = {e.exercise for e in entries}
    outcome = {}
    for entry in entries:
        if exercises[entry.exercise].position not in avoided:
            continue
        other = exercises.get(swap.get(entry.exercise, ""))
        fits = other is not None and other.suits(stage, pattern) and other.position not in avoided \
            and other.slug not in present
        outcome[entry.exercise] = other.slug if fits else None

    def adapt(items):
        out = []
        for e in items:
            if e.exercise not in outcome:
                out.append(e)
            elif outcome[e.exercise] and not any(o.exercise == outcome[e.exercise] for o in out):
                out.append(type(e)(outcome[e.exercise], e.days, e.note))
        return tuple(out)
    return replace(plan, sessions={s: adapt(items) for s, items in plan.sessions.items()},
                   optional=adapt(plan.optional)), outcome


def load_pregnancy(r: Fields, data, exercises, stages, check_caps):
    """PregnancyRules from the parsed section; every plan, with its swaps made, must still keep
    to the exercises' caps (`check_caps(field, entries)`)."""
    where = "pregnancy"
    d = r.mapping(data, where, ("no_lying_on_back_from_week",), optional=("swap",))
    week = r.number(d["no_lying_on_back_from_week"], f"{where}.no_lying_on_back_from_week", 1, 42)
    swap = d.get("swap") or {}
    if not isinstance(swap, dict):
        r.fail(f"{where}.swap", "must be a mapping of exercise: exercise offered instead")
    for slug, other in swap.items():
        place = f"{where}.swap.{slug}"
        if slug not in exercises:
            r.fail(place, f"names an unknown exercise: {slug!r}")
        if exercises[slug].position not in AVOIDED:
            r.fail(place, f"'{slug}' is done {exercises[slug].position}, which pregnancy does not rule out")
        target = exercises.get(other) if isinstance(other, str) else None
        if target is None:
            r.fail(place, f"names an unknown exercise: {other!r}")
        if target.position in AVOIDED or target.practitioner_only:
            r.fail(place, f"'{other}' cannot be offered instead: it is done lying on the "
                          f"{target.position} or is practitioner-only")
    rules = PregnancyRules(week, dict(swap))
    for number, stage in stages.items():
        for pattern, plan in stage.plans.items():
            swapped, _ = swap_plan(plan, frozenset(AVOIDED), rules.swap, exercises, number, pattern)
            check_caps(f"{where}.swap (stage {number}, {pattern})",
                       [e for entries in swapped.sessions.values() for e in entries] + list(swapped.optional))
    return rules
