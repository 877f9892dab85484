"""The stage engine: suggest moving up, down or staying, always with the reasons in numbers.
Plain functions, no Flask and no database: the views pass rows in, a Suggestion comes out.

Rules (../shared/safety-spec.md section 3; thresholds in content/program.yaml):
- Days, not check-ins: several check-ins on one local day count once, as the day's average.
- Up needs enough days with check-ins in the window, enough days in the current stage, a low
  enough average leg pain for the stage moved to, at least 6 weeks since onset for stage 3, and
  none of the blockers (weakness, more days of numbness, symptoms reaching further, any spread
  answer, three or more "worse" answers, a contact-a-doctor answer, or one not yet answered on
  its card however old). Stage 3 also waits while numbness or symptoms below the knee were noted
  on most of the last 7 logged days, whatever the week before looked like.
- "Stage 1 only" (both legs there all the time) opens nothing above stage 1: above it, the
  suggestion is to go back to stage 1.
- Down (stepdown.py): leg pain of 7 or more on 2 logged days in a row, new weakness, or leg pain
  at least 2 points above the days before a flare on two consecutive days. At stage 1 the same
  finding is shown as a warning instead.
- Reasons claim only what the data shows.

It never changes anything itself; the person accepts or dismisses. An unconfirmed go-now red
flag pauses the program, and nothing here can clear it.
"""
import datetime as dt
from dataclasses import dataclass
from statistics import fmean

from markupsafe import Markup

from ..content.placeholders import line
from ..log.validation import EXTENT_RANK, EXTENTS
from . import stepdown
from .words import day_words, num, on_day, plural

# Who to call and where to go come from the person's country when the card is drawn (|filled).
WEAKNESS_ADVICE = line("If it is new or getting worse, contact your {{doctor}} today; in both legs, go to "
                       "{{hospital}} or call {{number}} now.")
EXTENT_WORDS = {"none": "nowhere", "back": "your back", "buttock": "your buttock",
                "thigh": "your thigh", "below_knee": "below your knee", "foot": "your foot"}


@dataclass(frozen=True)
class Person:
    stage: int
    pattern: str
    stage_since: dt.date | None = None      # local date the current stage began
    episode_start: dt.date | None = None
    stage_1_only_since: dt.date | None = None   # both legs there all the time: stage 1 only
    stepped_down: bool = False              # the current stage began with a step back


@dataclass(frozen=True)
class Suggestion:
    direction: str          # "up", "down", "stay" or "paused"
    from_stage: int
    to_stage: int
    reasons: tuple
    warnings: tuple = ()    # shown in a visible card on Today: worsening at stage 1, weakness

    @property
    def actionable(self):
        return self.direction in ("up", "down")

    @property
    def text(self):
        return " ".join(self.reasons)


def daily_leg(checkins):
    """{local date: that day's average leg pain}."""
    by_day = {}
    for c in checkins:
        by_day.setdefault(c.local_date, []).append(c.leg_pain)
    return {day: fmean(values) for day, values in by_day.items()}


def _between(rows, start, end):
    return [r for r in rows if start <= r.local_date <= end]


def suggest(person, checkins, completions, red_flags, t, today):
    """A Suggestion from the person's stage, check-ins, completions and red-flag answers (those
    in the window, and any go-now or contact-a-doctor answer still waiting, however old)."""
    stage = person.stage
    alarms = [f for f in red_flags if f.tier == "now" and f.assessed_at is None]
    if alarms:
        first = on_day(min(f.local_date for f in alarms), today)
        return Suggestion("paused", stage, stage, (
            (f"{first[:1].upper()}{first[1:]} you answered yes to an emergency warning sign. Your "
            "exercises stay paused until you confirm a doctor has checked you."),))
    start = today - dt.timedelta(days=t.window_days - 1)
    recent = _between(checkins, start, today)
    weak = sorted(c.local_date for c in recent if getattr(c, "weakness", None))
    warnings = ((Markup("You noted weakness in your leg {}. ").format(on_day(weak[-1], today))
                 + WEAKNESS_ADVICE,) if weak else ())
    down = stepdown.reasons(daily_leg(checkins), checkins, person.stage_since if person.stepped_down else None,
                            t, today)
    only_1 = stage_1_only(person, today)
    if only_1 and stage > 1:
        return Suggestion("down", stage, 1, (only_1,) + tuple(down), warnings)
    if down:
        if stage == 1:
            gentlest = (("Stage 1 is already the gentlest stage. If this carries on, or you are "
                        "worried, talk to your GP or physio."),)
            return Suggestion("stay", 1, 1, tuple(down) + gentlest, tuple(down) + warnings + gentlest)
        return Suggestion("down", stage, stage - 1, tuple(down), warnings)
    if stage >= 3:
        return Suggestion("stay", stage, stage, (("You are at stage 3, the last stage. Keep going at "
                                                 "your own pace."),), warnings)
    if only_1:
        return Suggestion("stay", stage, stage, (only_1,), warnings)
    window = _between(completions, start, today)
    blocks = up_blocks(person, checkins, window, red_flags, t, today)
    if blocks:
        return Suggestion("stay", stage, stage, tuple(blocks), warnings)
    return Suggestion("up", stage, stage + 1, up_reasons(person, checkins, window, t, today), warnings)


def stage_1_only(person, today):
    """Why only stage 1 is open to the person now, or "" when it is not."""
    since = person.stage_1_only_since
    if since is None:
        return ""
    when = on_day(since, today)
    return (f"{when[:1].upper()}{when[1:]} you said the symptoms in both legs are there all the time, "
            "even sitting or lying down. Until a doctor or physio has checked this and you answer the "
            "both-legs questions again, only stage 1 is open to you.")


def up_blocks(person, checkins, completions, red_flags, t, today):
    """Reasons to stay rather than move up; empty when moving up is fine."""
    start = today - dt.timedelta(days=t.window_days - 1)
    recent = _between(checkins, start, today)
    daily = daily_leg(recent)
    target = person.stage + 1
    blocks = []
    if person.stage_since is not None:
        days_in = (today - person.stage_since).days
        if days_in < t.up_min_days_in_stage:
            blocks.append(f"You have been at stage {person.stage} for {plural(days_in, 'day')} (since "
                          f"{day_words(person.stage_since, today)}). We suggest at least "
                          f"{t.up_min_days_in_stage} days in a stage before moving up.")
    if len(daily) < t.up_min_days:
        return blocks + [(f"You checked in on {plural(len(daily), 'day')} in the last {t.window_days}. We "
                         f"need at least {t.up_min_days} days before suggesting a change.")]
    average, limit = fmean(daily.values()), t.up_max_leg_pain[target]
    if average > limit:
        blocks.append(f"Leg pain averaged {num(average)} over {plural(len(daily), 'day')} with check-ins "
                      f"in the last {t.window_days}. We suggest stage {target} when it averages "
                      f"{num(limit)} or less.")
    if target == 3 and person.episode_start is not None:
        weeks = (today - person.episode_start).days // 7
        if weeks < t.stage_3_min_weeks:
            blocks.append(f"This episode started {plural(weeks, 'week')} ago. Stage 3 is for "
                          f"{t.stage_3_min_weeks} weeks or more after it started.")
    if target == 3:
        blocks += nerve_signs(checkins, t, today)
    prior = _between(checkins, start - dt.timedelta(days=t.window_days), start - dt.timedelta(days=1))
    for name in t.up_blocked_by:
        reason = BLOCKERS[name](recent, prior, completions, today, t)
        if reason:
            blocks.append(reason)
    return blocks + doctor_blocks(red_flags, start, today)


def doctor_blocks(red_flags, start, today):
    """A contact-a-doctor answer not yet answered on its card (however old), or one in the
    window: stay at this stage."""
    waiting = sorted((f for f in red_flags if f.tier in ("today", "soon")
                      and getattr(f, "contacted_at", None) is None), key=lambda f: f.local_date)
    if waiting:
        return [(f"You answered yes to a warning sign that needs a doctor {on_day(waiting[-1].local_date, today)}."
                " Moving up waits until you say, on the card on Today, that you have spoken to one.")]
    urgent = [f for f in red_flags if f.tier == "today" and start <= f.local_date <= today]
    if urgent:
        return [(f"You answered yes to a warning sign that needs a doctor "
                f"{on_day(urgent[-1].local_date, today)}, so it is best to stay at this stage "
                "until you have been checked.")]
    return []


def nerve_signs(checkins, t, today):
    """Numbness or pins and needles, or symptoms below the knee, on most (more than half) of the
    last `nerve_signs_logged_days` logged days: no stage 3, whatever the week before was like."""
    days = sorted({c.local_date for c in checkins if c.local_date <= today})[-t.nerve_signs_logged_days:]
    numb = {c.local_date for c in checkins if c.local_date in days and getattr(c, "tingling", None)}
    low = {c.local_date for c in checkins
           if c.local_date in days and getattr(c, "extent", None) in BELOW_KNEE}
    if not days or 2 * len(numb | low) <= len(days):
        return []
    parts = [p for p in (f"numbness or pins and needles on {len(numb)}" if numb else "",
                         f"symptoms below the knee on {len(low)}" if low else "") if p]
    return [(f"You noted {' and '.join(parts)} of your last {plural(len(days), 'logged day')} "
            f"({day_words(days[0], today)} to {day_words(days[-1], today)}). Stage 3 waits until "
            "that is so on fewer than half of them.")]


BELOW_KNEE = ("below_knee", "foot")


def _weakness(recent, prior, completions, today, t):
    weak = sorted(c.local_date for c in recent if getattr(c, "weakness", None))
    if weak:
        return (f"You noted weakness in your leg {on_day(weak[-1], today)}. New or worse weakness needs "
                "a doctor's check, so it is best to stay for now.")
    return None


def _numbness(recent, prior, completions, today, t):
    def days(rows, yes):
        return {c.local_date for c in rows if getattr(c, "tingling", None) is not None
                and bool(c.tingling) == yes}
    now, before = days(recent, True), days(prior, True)
    if not (days(prior, False) | before):
        return None                    # not asked the week before: nothing to compare
    if len(now) > len(before):
        return (f"Pins and needles or numbness on {plural(len(now), 'day')} in the last {t.window_days}, "
                f"up from {len(before)} the week before.")
    return None


def _extent(recent, prior, completions, today, t):
    def furthest(rows):
        ranks = [EXTENT_RANK[c.extent] for c in rows if getattr(c, "extent", None) in EXTENT_RANK]
        return max(ranks) if ranks else None
    now, before = furthest(recent), furthest(prior)
    if now is None or before is None or now <= before:
        return None
    return (f"Your symptoms reached {EXTENT_WORDS[EXTENTS[now]]} in the last {t.window_days} days, "
            f"further than the week before ({EXTENT_WORDS[EXTENTS[before]]}).")


def _name(completion):
    return completion.exercise.replace("-", " ")


def _spread(recent, prior, completions, today, t):
    spread = sorted((c for c in completions if c.response == "spread"), key=lambda c: c.local_date)
    if spread:
        last = spread[-1]
        return (f"You said {_name(last)} spread symptoms down your leg {on_day(last.local_date, today)}, "
                "so it is best to stay for now.")
    return None


def _worse(recent, prior, completions, today, t):
    worse = [c for c in completions if c.response == "worse"]
    if len(worse) >= 3:
        return (f"You said an exercise felt worse afterwards {len(worse)} times in the last "
                f"{t.window_days} days.")
    return None


BLOCKERS = {"weakness": _weakness, "numbness_or_tingling_more_days": _numbness,
            "extent_further_than_prior_week": _extent, "any_spread_response": _spread,
            "three_or_more_worse_responses": _worse}


def up_reasons(person, checkins, completions, t, today):
    """Why moving up is suggested, claiming only what the records show."""
    start = today - dt.timedelta(days=t.window_days - 1)
    daily = daily_leg(_between(checkins, start, today))
    before = daily_leg(_between(checkins, start - dt.timedelta(days=t.window_days), start - dt.timedelta(days=1)))
    average = fmean(daily.values())
    trend = f", down from {num(fmean(before.values()))} the week before" \
        if before and fmean(before.values()) > average else ""
    reasons = [(f"Leg pain averaged {num(average)} over {plural(len(daily), 'day')} with check-ins in the "
               f"last {t.window_days}{trend}.")]
    if person.stage_since is not None:
        reasons.append(f"You have been at stage {person.stage} for {(today - person.stage_since).days} days.")
    rated = [c for c in completions if c.response]
    unrated = len(completions) - len(rated)
    if not completions:
        reasons.append(f"You logged no exercises in the last {t.window_days} days, so we cannot say how "
                       "they felt.")
    elif not rated:
        reasons.append(f"None of the {plural(unrated, 'exercise')} you did were rated, so we cannot say "
                       "whether any spread symptoms.")
    else:
        tail = f"; {unrated} done {'was' if unrated == 1 else 'were'} not rated" if unrated else ""
        which = "Your 1 rated exercise did not" if len(rated) == 1 else f"None of your {len(rated)} rated exercises"
        reasons.append(f"{which} spread symptoms down the leg{tail}.")
        eased = sum(1 for c in rated if c.response == "eased")
        if eased:
            reasons.append(f"Your leg eased or the pain moved up after {plural(eased, 'exercise')}.")
    return tuple(reasons)
