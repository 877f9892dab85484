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

from ..log.validation import EXTENT_RANK, EXTENTS
from ..translatable import N_, Said
from . import stepdown
from .words import SaidLine, day_words, num, on_day, plural

# Who to call and where to go come from the person's country when the card is drawn (|filled).
WEAKNESS_ADVICE = N_("If it is new or getting worse, contact your {{doctor}} today; in both legs, go to "
                     "{{hospital}} or call {{number}} now.")
EXTENT_WORDS = {"none": N_("nowhere"), "back": N_("your back"), "buttock": N_("your buttock"),
                "thigh": N_("your thigh"), "below_knee": N_("below your knee"), "foot": N_("your foot")}


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
            Said("%(when)s you answered yes to an emergency warning sign. Your exercises stay paused until you "
                 "confirm a doctor has checked you.", when=Said.capitalized(first)),))
    start = today - dt.timedelta(days=t.window_days - 1)
    recent = _between(checkins, start, today)
    weak = sorted(c.local_date for c in recent if getattr(c, "weakness", None))
    warnings = ((SaidLine("You noted weakness in your leg %(when)s. %(advice)s", when=on_day(weak[-1], today),
                          advice=WEAKNESS_ADVICE),) if weak else ())
    down = stepdown.reasons(daily_leg(checkins), checkins, person.stage_since if person.stepped_down else None,
                            t, today)
    only_1 = stage_1_only(person, today)
    if only_1 and stage > 1:
        return Suggestion("down", stage, 1, (only_1,) + tuple(down), warnings)
    if down:
        if stage == 1:
            gentlest = (N_("Stage 1 is already the gentlest stage. If this carries on, or you are "
                           "worried, talk to your GP or physio."),)
            return Suggestion("stay", 1, 1, tuple(down) + gentlest, tuple(down) + warnings + gentlest)
        return Suggestion("down", stage, stage - 1, tuple(down), warnings)
    if stage >= 3:
        return Suggestion("stay", stage, stage, (N_("You are at stage 3, the last stage. Keep going at "
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
    return Said("%(when)s you said the symptoms in both legs are there all the time, even sitting or lying down. "
                "Until a doctor or physio has checked this and you answer the both-legs questions again, only "
                "stage 1 is open to you.", when=Said.capitalized(when))


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
            blocks.append(Said("You have been at stage %(stage)s for %(days)s (since %(since)s). We suggest at "
                               "least %(least)s days in a stage before moving up.", stage=person.stage,
                               days=plural(days_in, "day"), since=day_words(person.stage_since, today),
                               least=t.up_min_days_in_stage))
    if len(daily) < t.up_min_days:
        return blocks + [Said("You checked in on %(days)s in the last %(window)s. We need at least %(least)s "
                              "days before suggesting a change.", days=plural(len(daily), "day"),
                              window=t.window_days, least=t.up_min_days)]
    average, limit = fmean(daily.values()), t.up_max_leg_pain[target]
    if average > limit:
        blocks.append(Said("Leg pain averaged %(average)s over %(days)s with check-ins in the last %(window)s. "
                           "We suggest stage %(stage)s when it averages %(limit)s or less.", average=num(average),
                           days=plural(len(daily), "day"), window=t.window_days, stage=target, limit=num(limit)))
    if target == 3 and person.episode_start is not None:
        weeks = (today - person.episode_start).days // 7
        if weeks < t.stage_3_min_weeks:
            blocks.append(Said("This episode started %(weeks)s ago. Stage 3 is for %(least)s weeks or more "
                               "after it started.", weeks=plural(weeks, "week"), least=t.stage_3_min_weeks))
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
        return [Said("You answered yes to a warning sign that needs a doctor %(when)s. Moving up waits until you "
                     "say, on the card on Today, that you have spoken to one.",
                     when=on_day(waiting[-1].local_date, today))]
    urgent = [f for f in red_flags if f.tier == "today" and start <= f.local_date <= today]
    if urgent:
        return [Said("You answered yes to a warning sign that needs a doctor %(when)s, so it is best to stay at "
                     "this stage until you have been checked.", when=on_day(urgent[-1].local_date, today))]
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
    if numb and low:
        noted = Said("numbness or pins and needles on %(numb)s and symptoms below the knee on %(low)s",
                     numb=len(numb), low=len(low))
    elif numb:
        noted = Said("numbness or pins and needles on %(numb)s", numb=len(numb))
    else:
        noted = Said("symptoms below the knee on %(low)s", low=len(low))
    return [Said("You noted %(noted)s of your last %(days)s (%(first)s to %(last)s). Stage 3 waits until that is "
                 "so on fewer than half of them.", noted=noted, days=plural(len(days), "logged day"),
                 first=day_words(days[0], today), last=day_words(days[-1], today))]


BELOW_KNEE = ("below_knee", "foot")


def _weakness(recent, prior, completions, today, t):
    weak = sorted(c.local_date for c in recent if getattr(c, "weakness", None))
    if weak:
        return Said("You noted weakness in your leg %(when)s. New or worse weakness needs a doctor's check, so it "
                    "is best to stay for now.", when=on_day(weak[-1], today))
    return None


def _numbness(recent, prior, completions, today, t):
    def days(rows, yes):
        return {c.local_date for c in rows if getattr(c, "tingling", None) is not None
                and bool(c.tingling) == yes}
    now, before = days(recent, True), days(prior, True)
    if not (days(prior, False) | before):
        return None                    # not asked the week before: nothing to compare
    if len(now) > len(before):
        return Said("Pins and needles or numbness on %(days)s in the last %(window)s, up from %(before)s the week "
                    "before.", days=plural(len(now), "day"), window=t.window_days, before=len(before))
    return None


def _extent(recent, prior, completions, today, t):
    def furthest(rows):
        ranks = [EXTENT_RANK[c.extent] for c in rows if getattr(c, "extent", None) in EXTENT_RANK]
        return max(ranks) if ranks else None
    now, before = furthest(recent), furthest(prior)
    if now is None or before is None or now <= before:
        return None
    return Said("Your symptoms reached %(now)s in the last %(window)s days, further than the week before "
                "(%(before)s).", now=EXTENT_WORDS[EXTENTS[now]], window=t.window_days,
                before=EXTENT_WORDS[EXTENTS[before]])


def _name(completion):
    return completion.exercise.replace("-", " ")


def _spread(recent, prior, completions, today, t):
    spread = sorted((c for c in completions if c.response == "spread"), key=lambda c: c.local_date)
    if spread:
        last = spread[-1]
        return Said("You said %(exercise)s spread symptoms down your leg %(when)s, so it is best to stay for now.",
                    exercise=_name(last), when=on_day(last.local_date, today))
    return None


def _worse(recent, prior, completions, today, t):
    worse = [c for c in completions if c.response == "worse"]
    if len(worse) >= 3:
        return Said("You said an exercise felt worse afterwards %(times)s times in the last %(window)s days.",
                    times=len(worse), window=t.window_days)
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
    values = {"average": num(average), "days": plural(len(daily), "day"), "window": t.window_days}
    if before and fmean(before.values()) > average:
        reasons = [Said("Leg pain averaged %(average)s over %(days)s with check-ins in the last %(window)s, down "
                        "from %(before)s the week before.", before=num(fmean(before.values())), **values)]
    else:
        reasons = [Said("Leg pain averaged %(average)s over %(days)s with check-ins in the last %(window)s.",
                        **values)]
    if person.stage_since is not None:
        reasons.append(Said("You have been at stage %(stage)s for %(days)s days.", stage=person.stage,
                            days=(today - person.stage_since).days))
    rated = [c for c in completions if c.response]
    unrated = len(completions) - len(rated)
    if not completions:
        reasons.append(Said("You logged no exercises in the last %(window)s days, so we cannot say how they felt.",
                            window=t.window_days))
    elif not rated:
        reasons.append(Said("None of the %(done)s you did were rated, so we cannot say whether any spread "
                            "symptoms.", done=plural(unrated, "exercise")))
    else:
        which = Said("Your 1 rated exercise did not spread symptoms down the leg") if len(rated) == 1 else \
            Said("None of your %(rated)s rated exercises spread symptoms down the leg", rated=len(rated))
        if unrated:
            which = Said.ngettext("%(which)s; %(num)d done was not rated", "%(which)s; %(num)d done were not rated",
                              unrated, which=which)
        reasons.append(Said("%(which)s.", which=which))
        eased = sum(1 for c in rated if c.response == "eased")
        if eased:
            reasons.append(Said("Your leg eased or the pain moved up after %(done)s.", done=plural(eased, "exercise")))
    return tuple(reasons)
