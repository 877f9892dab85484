"""The short "what changes in stage N" moment on Today, on the day a stage changes: the new
stage's purpose and which exercises come in or go out of the plan. Plain functions, no Flask."""
from dataclasses import dataclass

from ..models import StageChange


@dataclass(frozen=True)
class Moment:
    to_stage: int
    name: str
    purpose: str
    up: bool
    new: tuple          # exercise titles in the new stage's plan, not in the old one
    gone: tuple         # and the other way round


def _slugs(rules, stage, pattern):
    plan = rules.plan(stage, pattern)
    return {e.exercise for entries in (*plan.sessions.values(), plan.optional) for e in entries}


def of(user, rules, catalogue, today):
    """The Moment for the person's last stage change when it happened on their local `today`
    and moved the stage (not the first choice, not only the pattern), else None."""
    change = StageChange.history(user).first()
    if change is None or change.from_stage is None or change.from_stage == change.to_stage \
            or user.local_date_of(change.changed_at) != today:
        return None
    before = _slugs(rules, change.from_stage, change.from_pattern or change.to_pattern)
    after = _slugs(rules, change.to_stage, change.to_pattern)
    stage = rules.stages[change.to_stage]

    def titles(slugs):
        return tuple(sorted(catalogue[s].title for s in slugs if s in catalogue))
    return Moment(change.to_stage, stage.name, stage.purpose, change.to_stage > change.from_stage,
                  titles(after - before), titles(before - after))
