"""What an import may not do that the app's safety rules forbid on every other path. No Flask.

An exercise tick made at or after an unconfirmed go-now answer (one already in the account or
in the same file) is not counted, as a sync refuses it (webapp/program/completions.py); and a
stage restored from a file's profile is held to what the guardrails allow now
(webapp/program/guardrails.py), as a stage chosen by hand would be, since a file can say anything.
"""
from ..models import RedFlagCheck, StageChange
from ..program import completions, guardrails
from ..translatable import N_

PAUSED = N_("it was ticked during a pause after an emergency answer, so it is not counted")


def ticks_outside_a_pause(user, table, records, refused):
    """The ticks to add: none made at or after the pausing answer (those go on `refused`)."""
    answer = RedFlagCheck.pausing_answer(user)
    if answer is None:
        return records
    kept = []
    for rec in records:
        if completions.made_before(rec, answer):
            kept.append(rec)
        else:
            refused.append((table, rec["uuid"], PAUSED))
    return kept


def hold_stage(user, rules, today):
    """Bring a restored stage down to the highest the guardrails allow now, recorded as a stage
    change with the rule's words; returns that change, or None when the stage was within them."""
    if user.stage is None:
        return None
    verdict = guardrails.judge(guardrails.now(user, rules, today), user.stage)
    limits = verdict.closed + verdict.above
    if not limits:
        return None
    allowed = max(1, min(lim.stage for lim in limits))
    why = " ".join(lim.why for lim in limits)
    return StageChange.record(user, allowed, user.pattern, "person",
                              reason=f"The imported file said stage {user.stage}. {why}")
