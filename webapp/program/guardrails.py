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
from ..translatable import N_, Said
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
        return Said.sentences([lim.why for lim in self.above])

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
        limits.append(Limit(1, Said("Both legs there all the time (answered %(when)s): stage 1 only until a doctor "
                                    "or physio has checked it and the both-legs questions are answered again.",
                                    when=_d(stage_1_only_since, today)), True))
    if episode_start is not None and (today - episode_start).days < 7 * t.stage_3_min_weeks:
        weeks = (today - episode_start).days // 7
        limits.append(Limit(2, Said("This episode started %(weeks)s ago (%(when)s). Stage 3 is only from %(least)s "
                                    "weeks after it started.", weeks=plural(weeks, "week"),
                                    when=_d(episode_start, today), least=t.stage_3_min_weeks), True))
    return limits


def at_start(proposal, episode_start, stage_1_only, t, today):
    """The limits at the welcome: the suggested starting stage (above it takes a reason), and
    the hard ones."""
    why = Said.sentences(proposal.reasons[:-1])      # the last reason is about the pattern
    return [Limit(proposal.stage, Said("The starting rule suggests stage %(stage)s: %(why)s", stage=proposal.stage,
                                       why=why), False)] + \
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
            limits.append(Limit(user.stage, N_("Exercises are paused after an emergency answer, until a "
                                               "doctor's check is confirmed."), True))
        elif waiting is not None:
            limits.append(Limit(user.stage, Said("A warning sign that needs a doctor (%(when)s) is not yet marked as "
                                                 "acted on: moving up waits until its card on Today is answered.",
                                                 when=_d(waiting.local_date, today)), True))
    return limits


def from_log(checkins, stage, start, t, today):
    """The starting rule (soft) and the nerve signs of most logged days (hard), judged on the last
    `start.logged_days` logged days in `checkins`."""
    days = sorted({c.local_date for c in checkins if c.local_date <= today})[-start.logged_days:]
    if not days:
        return [Limit(stage, Said("No check-ins in the last %(days)s days, so the starting rule cannot be checked.",
                                  days=start.within_days), False)]
    rows = [c for c in checkins if c.local_date in days]
    span = Said("the last %(days)s (%(first)s to %(last)s)", days=plural(len(days), "logged day"),
                first=_d(days[0], today), last=_d(days[-1], today))
    average = fmean(daily_leg(rows).values())
    limits = []
    if average >= start.high_leg_pain:
        limits.append(Limit(1, Said("Leg pain averaged %(average)s over %(span)s. The starting rule keeps leg pain of "
                                    "%(high)s or more at stage 1.", average=num(average), span=span,
                                    high=start.high_leg_pain), False))
    elif average > start.stage_3_max_leg_pain:
        limits.append(Limit(2, Said("Leg pain averaged %(average)s over %(span)s. The starting rule keeps stage 3 for "
                                    "leg pain of %(most)s or less.", average=num(average), span=span,
                                    most=start.stage_3_max_leg_pain), False))
    numb = {c.local_date for c in rows if getattr(c, "tingling", None)}
    weak = {c.local_date for c in rows if getattr(c, "weakness", None)}
    if numb or weak:
        if numb and weak:
            signs = Said("Numbness or pins and needles on %(numb)s and weakness on %(weak)s of %(span)s. The starting "
                         "rule keeps stage 3 for no numbness or weakness.", numb=len(numb), weak=len(weak), span=span)
        elif numb:
            signs = Said("Numbness or pins and needles on %(numb)s of %(span)s. The starting rule keeps stage 3 for no "
                         "numbness or weakness.", numb=len(numb), span=span)
        else:
            signs = Said("Weakness on %(weak)s of %(span)s. The starting rule keeps stage 3 for no numbness or "
                         "weakness.", weak=len(weak), span=span)
        limits.append(Limit(2, signs, False))
    low = {c.local_date for c in rows if getattr(c, "extent", None) in BELOW_KNEE}
    nerve = days[-t.nerve_signs_logged_days:]
    if 2 * len({d for d in numb | low if d in nerve}) > len(nerve):
        limits.append(Limit(2, Said("Numbness or symptoms below the knee on most of %(span)s: no stage 3 until that is "
                                    "so on fewer than half of them.", span=span), True))
    return limits


def closed_words(verdict, wanted):
    """ "Stage 3 is not open now. <why>" for a refusal."""
    return Said("Stage %(stage)s is not open now. %(why)s", stage=wanted,
                why=Said.sentences([lim.why for lim in verdict.closed]))


def above_words(verdict, wanted):
    """ "Stage 3 is above the starting rule (stage 2 at most). <why>" for the reason's field."""
    return Said("Stage %(stage)s is above the starting rule (stage %(rule)s at most now). %(why)s", stage=wanted,
                rule=verdict.rule_stage, why=verdict.why)
