"""Guardrails for a stage chosen by hand (at the start, on the Program page, by a practitioner):
the highest stage each rule allows now, why in numbers, and whether going above it takes a reason
(the starting rule, ../shared/safety-spec.md section 3) or is not open at all. Model queries and
plain functions, no Flask. The engine's own suggestions keep to the same hard limits.

Not open at all (for anyone): above stage 1 while "stage 1 only" stands (both legs there all the
time); stage 3 before 6 weeks from onset, or while numbness or symptoms below the knee were noted
on most of the last 7 logged days; any move up while a go-now answer is unconfirmed or a
contact-a-doctor card is unanswered.
Open only with a reason (an override, kept and shown in the report and the caseload): above
the starting rule judged on the last 7 logged days: leg pain averaging 7 or more keeps stage 1,
above 3 (or any numbness or weakness) keeps stage 2 at most; with no check-ins lately it cannot
be judged, so any move up takes a reason.
"""
import datetime as dt
from dataclasses import dataclass
from statistics import fmean

from ..models import CheckIn, RedFlagCheck
from .engine import BELOW_KNEE, daily_leg
from .words import day_words, num, plural


@dataclass(frozen=True)
class Limit:
    stage: int          # the highest stage this rule allows
    why: str            # in numbers, in words the person and a practitioner both read
    hard: bool          # True: not open at all; False: open with a reason


@dataclass(frozen=True)
class Verdict:
    """What the limits say about one stage wanted."""

    closed: tuple       # hard limits below it
    above: tuple        # soft limits below it (the starting rule): it takes a reason

    @property
    def rule_stage(self):
        return min((lim.stage for lim in self.above), default=None)

    @property
    def why(self):
        return " ".join(lim.why for lim in self.above)

    def override(self, reason):
        """(rule stage, why, reason) for StageChange.record, or None within the rule."""
        return (self.rule_stage, self.why, reason) if self.above else None


def judge(limits, wanted):
    return Verdict(tuple(lim for lim in limits if lim.hard and wanted > lim.stage),
                   tuple(lim for lim in limits if not lim.hard and wanted > lim.stage))


def _d(day, today):
    return day_words(day, today)


def hard_limits(episode_start, stage_1_only_since, t, today):
    """The limits nobody may go above that need no records: stage 1 only, 6 weeks from onset."""
    limits = []
    if stage_1_only_since is not None:
        limits.append(Limit(1, f"Both legs there all the time (answered {_d(stage_1_only_since, today)}): "
                               "stage 1 only until a doctor or physio has checked it and the both-legs "
                               "questions are answered again.", True))
    if episode_start is not None and (today - episode_start).days < 7 * t.stage_3_min_weeks:
        weeks = (today - episode_start).days // 7
        limits.append(Limit(2, f"This episode started {plural(weeks, 'week')} ago "
                               f"({_d(episode_start, today)}). Stage 3 is only from {t.stage_3_min_weeks} "
                               "weeks after it started.", True))
    return limits


def at_start(proposal, episode_start, stage_1_only, t, today):
    """The limits at the welcome: the suggested starting stage (above it takes a reason), and
    the hard ones."""
    why = " ".join(proposal.reasons[:-1])      # the last reason is about the pattern
    return [Limit(proposal.stage, f"The starting rule suggests stage {proposal.stage}: {why}", False)] + \
        hard_limits(episode_start, today if stage_1_only else None, t, today)


def now(user, rules, today):
    """Every limit on the person's stage now, from their records."""
    start, t = rules.start, rules.engine
    since = today - dt.timedelta(days=start.within_days - 1)
    checkins = list(CheckIn.recent(user, since))
    limits = hard_limits(user.episode_start, user.stage_1_only_since, t, today)
    limits += from_log(checkins, user.stage or 1, start, t, today)
    if user.stage is not None:
        waiting = RedFlagCheck.awaiting_contact(user).first()
        if RedFlagCheck.program_paused(user):
            limits.append(Limit(user.stage, "Exercises are paused after an emergency answer, until a "
                                            "doctor's check is confirmed.", True))
        elif waiting is not None:
            limits.append(Limit(user.stage, f"A warning sign that needs a doctor "
                                            f"({_d(waiting.local_date, today)}) is not yet marked as acted "
                                            "on: moving up waits until its card on Today is answered.", True))
    return limits


def from_log(checkins, stage, start, t, today):
    """The starting rule (soft) and the nerve signs of most logged days (hard), judged on the last
    `start.logged_days` logged days in `checkins`."""
    days = sorted({c.local_date for c in checkins if c.local_date <= today})[-start.logged_days:]
    if not days:
        return [Limit(stage, f"No check-ins in the last {start.within_days} days, so the starting rule "
                             "cannot be checked.", False)]
    rows = [c for c in checkins if c.local_date in days]
    span = f"the last {plural(len(days), 'logged day')} ({_d(days[0], today)} to {_d(days[-1], today)})"
    average = fmean(daily_leg(rows).values())
    limits = []
    if average >= start.high_leg_pain:
        limits.append(Limit(1, f"Leg pain averaged {num(average)} over {span}. The starting rule keeps leg "
                               f"pain of {start.high_leg_pain} or more at stage 1.", False))
    elif average > start.stage_3_max_leg_pain:
        limits.append(Limit(2, f"Leg pain averaged {num(average)} over {span}. The starting rule keeps "
                               f"stage 3 for leg pain of {start.stage_3_max_leg_pain} or less.", False))
    numb = {c.local_date for c in rows if getattr(c, "tingling", None)}
    weak = {c.local_date for c in rows if getattr(c, "weakness", None)}
    if numb or weak:
        signs = [s for s in (f"numbness or pins and needles on {len(numb)}" if numb else "",
                             f"weakness on {len(weak)}" if weak else "") if s]
        limits.append(Limit(2, f"{' and '.join(signs).capitalize()} of {span}. The starting rule keeps "
                               "stage 3 for no numbness or weakness.", False))
    low = {c.local_date for c in rows if getattr(c, "extent", None) in BELOW_KNEE}
    nerve = days[-t.nerve_signs_logged_days:]
    if 2 * len({d for d in numb | low if d in nerve}) > len(nerve):
        limits.append(Limit(2, f"Numbness or symptoms below the knee on most of {span}: no stage 3 "
                               "until that is so on fewer than half of them.", True))
    return limits


def closed_words(verdict, wanted):
    """ "Stage 3 is not open now. <why>" for a refusal."""
    return f"Stage {wanted} is not open now. " + " ".join(lim.why for lim in verdict.closed)


def above_words(verdict, wanted):
    """ "Stage 3 is above the starting rule (stage 2 at most). <why>" for the reason's field."""
    return (f"Stage {wanted} is above the starting rule (stage {verdict.rule_stage} at most now). "
            f"{verdict.why}")
