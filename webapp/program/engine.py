"""The stage engine: suggest moving up, down or staying, always with the reasons in numbers.
Plain functions, no Flask and no database: the views pass rows in, a Suggestion comes out.

It never changes anything itself; the person accepts or dismisses. An unconfirmed go-now red
flag pauses the program, and nothing here can clear it.
"""
import datetime as dt
from dataclasses import dataclass
from statistics import mean, median_low

from ..log.validation import EXTENTS

EXTENT_WORDS = {"none": "nowhere", "back": "your back", "buttock": "your buttock",
                "thigh": "your thigh", "below_knee": "below your knee", "foot": "your foot"}


@dataclass(frozen=True)
class Suggestion:
    direction: str          # "up", "down", "stay" or "paused"
    from_stage: int
    to_stage: int
    reasons: tuple

    @property
    def actionable(self):
        return self.direction in ("up", "down")

    @property
    def text(self):
        return " ".join(self.reasons)


@dataclass(frozen=True)
class Proposal:
    stage: int
    pattern: str
    reasons: tuple


def day_words(day, today):
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    return f"{day.day} {day:%b}"


def num(value):
    """3.4 stays 3.4, 5.0 becomes 5."""
    return f"{value:.1f}".removesuffix(".0")


def _rank(extent):
    return EXTENTS.index(extent) if extent in EXTENTS else None


def _ordered(rows):
    return sorted(rows, key=lambda r: (r.local_date, getattr(r, "local_time", "") or ""))


def suggest(settings, checkins, completions, red_flags, t, today):
    """A Suggestion from the person's stage, check-ins, completions and red-flag answers."""
    stage = settings.stage
    alarms = [f for f in red_flags if f.tier == "now" and f.assessed_at is None]
    if alarms:
        first = min(f.local_date for f in alarms)
        return Suggestion("paused", stage, stage, (
            f"On {day_words(first, today)} you answered yes to an emergency warning sign. Your "
            "exercises stay paused until you confirm a doctor has checked you.",))
    start = today - dt.timedelta(days=t.window_days - 1)
    recent = _ordered(c for c in checkins if start <= c.local_date <= today)
    spread_start = today - dt.timedelta(days=t.down_spread_window_days - 1)
    spreads = _ordered(c for c in completions if c.response == "spread" and start <= c.local_date <= today)
    down = _down_reasons(recent, [c for c in spreads if c.local_date >= spread_start], t, today)
    if down:
        if stage == 1:
            return Suggestion("stay", 1, 1, tuple(down) + (
                "Stage 1 is already the gentlest stage. If this carries on, or you are worried, "
                "talk to your GP or physio.",))
        return Suggestion("down", stage, stage - 1, tuple(down))
    if stage >= 3:
        return Suggestion("stay", stage, stage, ("You are at stage 3, the last stage. Keep going at "
                                                 "your own pace.",))
    blocks = _up_blocks(recent, spreads, red_flags, t, today, start)
    if blocks:
        return Suggestion("stay", stage, stage, tuple(blocks))
    average = mean(c.leg_pain for c in recent)
    week_before = [c.leg_pain for c in checkins
                   if start - dt.timedelta(days=t.window_days) <= c.local_date < start]
    trend = f", down from {num(mean(week_before))} the week before" \
        if week_before and mean(week_before) > average else ""
    return Suggestion("up", stage, stage + 1, (
        f"Leg pain averaged {num(average)} over your last {len(recent)} check-ins (last "
        f"{t.window_days} days){trend}; no exercise spread symptoms down the leg.",))


def _down_reasons(recent, spreads, t, today):
    reasons = []
    if len(spreads) >= t.down_spread_responses:
        which = ", ".join(f"{c.exercise.replace('-', ' ')} {day_words(c.local_date, today)}" for c in spreads)
        reasons.append(f"You said an exercise spread symptoms down your leg {len(spreads)} times in "
                       f"the last {t.down_spread_window_days} days ({which}).")
    if not recent:
        return reasons
    latest, baseline = recent[-1], recent[:-1]
    if len(baseline) >= t.down_min_baseline_checkins:
        average = mean(c.leg_pain for c in baseline)
        if latest.leg_pain - average >= t.down_leg_pain_rise:
            reasons.append(
                f"Your latest leg pain, {latest.leg_pain} {day_words(latest.local_date, today)}, is "
                f"{num(latest.leg_pain - average)} points above your average of {num(average)} over "
                f"the {len(baseline)} check-ins before it (last {t.window_days} days).")
    ranks = [_rank(c.extent) for c in baseline if _rank(c.extent) is not None]
    if _rank(latest.extent) is not None and len(ranks) >= t.down_min_baseline_checkins:
        usual = median_low(ranks)
        if _rank(latest.extent) > usual:
            reasons.append(
                f"{day_words(latest.local_date, today).capitalize()} your symptoms reached "
                f"{EXTENT_WORDS[latest.extent]}; over the rest of the last {t.window_days} days they "
                f"usually reached {EXTENT_WORDS[EXTENTS[usual]]}.")
    return reasons


def _up_blocks(recent, spreads, red_flags, t, today, start):
    """Reasons to stay rather than move up; empty when moving up is fine."""
    if len(recent) < t.up_min_checkins:
        noun = "check-in" if len(recent) == 1 else "check-ins"
        return [f"You have {len(recent)} {noun} in the last {t.window_days} days. We need at least "
                f"{t.up_min_checkins} before suggesting a change."]
    blocks = []
    average = mean(c.leg_pain for c in recent)
    if average > t.up_max_average_leg_pain:
        blocks.append(f"Leg pain averaged {num(average)} over your last {len(recent)} check-ins (last "
                      f"{t.window_days} days). We suggest moving up when it averages "
                      f"{num(t.up_max_average_leg_pain)} or less.")
    if spreads:
        blocks.append(f"You said an exercise spread symptoms down your leg "
                      f"{day_words(spreads[-1].local_date, today)}, so it is best to stay for now.")
    urgent = [f for f in red_flags if f.tier == "today" and start <= f.local_date <= today]
    if urgent:
        blocks.append(f"{day_words(urgent[-1].local_date, today).capitalize()} you answered yes to a "
                      "warning sign that needs a doctor soon, so it is best to stay at this stage "
                      "until you have been checked.")
    weak = [c for c in recent if getattr(c, "weakness", None)]
    if weak:
        blocks.append(f"You noted weakness in your leg {day_words(weak[-1].local_date, today)}. New or "
                      "worse weakness needs a doctor's check, so it is best to stay for now.")
    return blocks


def propose_start(episode_start, today, leg_pain, pattern_answer, rules):
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
    reasons = [f"This episode started {ago}. {why}, so we suggest stage {stage}."]
    if leg_pain >= rules.high_leg_pain and stage > 1:
        stage = 1
        reasons.append(f"Your leg pain today is {leg_pain} out of 10. At {rules.high_leg_pain} or more "
                       "we suggest starting at stage 1 however long it has lasted, so the nerve can "
                       "calm down first.")
    if pattern_answer == "stenosis":
        pattern = "stenosis"
        reasons.append("You said your legs are worse when you stand or walk, and ease when you bend "
                       "forward or sit. That fits the stenosis type.")
    elif pattern_answer == "disc":
        pattern = "disc"
        reasons.append("You said your leg is worse when you sit or bend. That fits the disc type.")
    else:
        pattern = "disc"
        reasons.append("You were not sure which pattern fits. The disc type is the more common one, so "
                       "we start there. You can change it at any time, and your physio can help you "
                       "decide.")
    return Proposal(stage, pattern, tuple(reasons))
