"""The suggested starting stage and pattern from the onboarding answers, with reasons. No Flask.

Duration sets the stage (under 6 weeks: 1; 6 to 12 weeks: 2; over 12: 3), then leg pain and
nerve signs cap it: stage 3 only with leg pain of 3 or less and no numbness or weakness; leg pain
4 to 6, or any numbness or weakness, starts at stage 2 at most; leg pain of 7 or more, or both
legs with symptoms all the time, starts at stage 1 (content/program.yaml, starting_stage).
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Proposal:
    stage: int
    pattern: str
    reasons: tuple


def propose_start(episode_start, today, leg_pain, pattern_answer, rules, numbness=False,
                  weakness=False, stage_1_only=False, both_legs_stable=False, said=None):
    """The suggested starting stage and pattern from the onboarding answers, with reasons."""
    days = (today - episode_start).days
    ago = f"{days} day{'s' if days != 1 else ''} ago" if days < 14 else f"{days // 7} weeks ago ({days} days)"
    if days < rules.subacute_from_weeks * 7:
        stage, why = 1, f"Under {rules.subacute_from_weeks} weeks is usually called the acute stage"
    elif days <= rules.chronic_after_weeks * 7:
        stage, why = 2, (f"{rules.subacute_from_weeks} to {rules.chronic_after_weeks} weeks is usually "
                         "called the subacute stage")
    else:
        stage, why = 3, f"Over {rules.chronic_after_weeks} weeks is usually called the chronic stage"
    started = f"You said this episode started {said} ago" if said else f"This episode started {ago}"
    reasons = [f"{started}. {why}, so we suggest stage {stage}."]
    if leg_pain >= rules.high_leg_pain and stage > 1:
        stage = 1
        reasons.append(f"Your leg pain today is {leg_pain} out of 10. At {rules.high_leg_pain} or more "
                       "we suggest starting at stage 1 however long it has lasted, so the nerve can "
                       "calm down first.")
    elif stage == 3 and (leg_pain > rules.stage_3_max_leg_pain or numbness or weakness):
        stage = 2
        signs = [s for s, yes in ((f"leg pain of {leg_pain}", leg_pain > rules.stage_3_max_leg_pain),
                                  ("numbness or pins and needles", numbness), ("weakness", weakness)) if yes]
        reasons.append(f"You have {' and '.join(signs)} today. Stage 3 is only for leg pain of "
                       f"{rules.stage_3_max_leg_pain} or less with no numbness or weakness, so we "
                       "suggest stage 2.")
    if stage_1_only and stage > 1:
        stage = 1
        reasons.append("You said the symptoms in both legs are there all the time, even sitting or lying "
                       "down. Until a doctor has checked this, we suggest stage 1 only.")
    if pattern_answer == "stenosis" or both_legs_stable:
        pattern = "stenosis"
        reasons.append("You said your legs are worse when you stand or walk, and ease when you bend "
                       "forward or sit. That fits the stenosis type." if pattern_answer == "stenosis" else
                       "Both legs are affected, a doctor or physio has checked this, and it is not there "
                       "all the time. That often fits the stenosis type. You can change it.")
    elif pattern_answer == "disc":
        pattern = "disc"
        reasons.append("You said your leg is worse when you sit or bend. That fits the disc type.")
    else:
        pattern = "disc"
        reasons.append("You were not sure which pattern fits. The disc type is the more common one, so "
                       "we start there. You can change it at any time, and your physio can help you "
                       "decide.")
    return Proposal(stage, pattern, tuple(reasons))
