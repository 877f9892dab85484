"""The suggested starting stage and pattern from the onboarding answers, with reasons. No Flask.

Duration sets the stage (under 6 weeks: 1; 6 to 12 weeks: 2; over 12: 3), then leg pain and
nerve signs cap it: stage 3 only with leg pain of 3 or less and no numbness or weakness; leg pain
4 to 6, or any numbness or weakness, starts at stage 2 at most; leg pain of 7 or more, or both
legs with symptoms all the time, starts at stage 1 (content/program.yaml, starting_stage).
"""
from dataclasses import dataclass

from ..translatable import N_, Said


@dataclass(frozen=True)
class Proposal:
    stage: int
    pattern: str
    reasons: tuple


def propose_start(episode_start, today, leg_pain, pattern_answer, rules, numbness=False,
                  weakness=False, stage_1_only=False, both_legs_stable=False, said=None):
    """The suggested starting stage and pattern from the onboarding answers, with reasons."""
    days = (today - episode_start).days
    if said:
        started = Said("You said this episode started %(span)s ago", span=said)
    elif days < 14:
        started = Said.ngettext("This episode started %(num)d day ago", "This episode started %(num)d days ago", days)
    else:
        started = Said("This episode started %(weeks)s weeks ago (%(days)s days)", weeks=days // 7, days=days)
    if days < rules.subacute_from_weeks * 7:
        stage, why = 1, Said("Under %(weeks)s weeks is usually called the acute stage", weeks=rules.subacute_from_weeks)
    elif days <= rules.chronic_after_weeks * 7:
        stage, why = 2, Said("%(low)s to %(high)s weeks is usually called the subacute stage",
                             low=rules.subacute_from_weeks, high=rules.chronic_after_weeks)
    else:
        stage, why = 3, Said("Over %(weeks)s weeks is usually called the chronic stage", weeks=rules.chronic_after_weeks)
    # Translators: "This episode started 3 weeks ago (21 days). Under 6 weeks is usually called the
    # acute stage, so we suggest stage 1."
    reasons = [Said("%(started)s. %(why)s, so we suggest stage %(stage)s.", started=started, why=why, stage=stage)]
    if leg_pain >= rules.high_leg_pain and stage > 1:
        stage = 1
        reasons.append(Said("Your leg pain today is %(pain)s out of 10. At %(high)s or more we suggest starting at "
                            "stage 1 however long it has lasted, so the nerve can calm down first.", pain=leg_pain,
                            high=rules.high_leg_pain))
    elif stage == 3 and (leg_pain > rules.stage_3_max_leg_pain or numbness or weakness):
        stage = 2
        signs = [s for s, yes in ((Said("leg pain of %(pain)s", pain=leg_pain), leg_pain > rules.stage_3_max_leg_pain),
                                  (N_("numbness or pins and needles"), numbness), (N_("weakness"), weakness)) if yes]
        reasons.append(Said("You have %(signs)s today. Stage 3 is only for leg pain of %(most)s or less with no "
                            "numbness or weakness, so we suggest stage 2.", most=rules.stage_3_max_leg_pain,
                            signs=Said.listed(signs, joined=" and ".join)))
    if stage_1_only and stage > 1:
        stage = 1
        reasons.append(N_("You said the symptoms in both legs are there all the time, even sitting or lying "
                          "down. Until a doctor has checked this, we suggest stage 1 only."))
    if pattern_answer == "stenosis" or both_legs_stable:
        pattern = "stenosis"
        reasons.append(N_("You said your legs are worse when you stand or walk, and ease when you bend "
                          "forward or sit. That fits the stenosis type.") if pattern_answer == "stenosis" else
                       N_("Both legs are affected, a doctor or physio has checked this, and it is not there "
                          "all the time. That often fits the stenosis type. You can change it."))
    elif pattern_answer == "disc":
        pattern = "disc"
        reasons.append(N_("You said your leg is worse when you sit or bend. That fits the disc type."))
    else:
        pattern = "disc"
        reasons.append(N_("You were not sure which pattern fits. The disc type is the more common one, so "
                          "we start there. You can change it at any time, and your physio can help you "
                          "decide."))
    return Proposal(stage, pattern, tuple(reasons))
