"""When the stage engine suggests a step back, with the reasons in numbers. Plain functions, no
Flask and no database (../shared/safety-spec.md section 3; thresholds in content/program.yaml).

Three triggers. After a step back, each counts only on days after it (a step back accepted
today is not suggested again today; the lower stage gets its own days):
- whatever the days before: leg pain at or above `down_high_leg_pain` on the last
  `down_high_days` logged days in a row, the latest today or yesterday;
- whatever the days before: weakness noted as new or getting worse;
- a rise: leg pain at least `down_leg_pain_rise` above the days before, on each of at least
  `down_consecutive_days` consecutive days ending today or yesterday. During a flare the
  comparison is with the days before the flare began, never with an average that includes it.
"""
import datetime as dt
from statistics import fmean

from ..translatable import Said
from .words import day_words, num, on_day, plural


def reasons(daily, checkins, stage_since, t, today):
    """The reasons to step back (empty: no step back). `daily` is {local date: leg pain};
    `stage_since` the day of the step back that began the current stage, else None."""
    after = {d: v for d, v in daily.items() if stage_since is None or d > stage_since}
    pain = high_pain(after, t, today) or rise(daily, stage_since, t, today)
    return pain + new_weakness(checkins, stage_since, t, today)


def high_pain(daily, t, today):
    days = sorted(daily)[-t.down_high_days:]
    if len(days) < t.down_high_days or days[-1] < today - dt.timedelta(days=1) \
            or days[0] < today - dt.timedelta(days=t.window_days - 1):
        return []
    if any(daily[d] < t.down_high_leg_pain for d in days):
        return []
    pains = Said.listed([_pain(daily[d], d, today) for d in days], joined=" and ".join)
    return [Said("Your leg pain was %(pains)s: %(high)s or more on your last %(days)s in a row.", pains=pains,
                 high=num(t.down_high_leg_pain), days=plural(len(days), "logged day"))]


def new_weakness(checkins, stage_since, t, today):
    if not t.down_new_weakness:
        return []
    start = today - dt.timedelta(days=t.window_days - 1)
    new = sorted(c.local_date for c in checkins if getattr(c, "weakness", None)
                 and getattr(c, "weakness_new", None) and start <= c.local_date <= today
                 and (stage_since is None or c.local_date > stage_since))
    if not new:
        return []
    return [Said("You noted weakness in your leg that is new or getting worse %(when)s. A gentler stage is safer "
                 "until a doctor has checked it.", when=on_day(new[-1], today))]


def rise(daily, stage_since, t, today):
    """The longest run of consecutive days ending today or yesterday that are each at least
    `down_leg_pain_rise` above the average of the days before the run began."""
    days = sorted(daily)
    if not days or days[-1] < today - dt.timedelta(days=1):
        return []
    for k in range(max(0, len(days) - t.window_days), len(days) - t.down_consecutive_days + 1):
        run = days[k:]
        if (run[-1] - run[0]).days != len(run) - 1:
            continue
        counted = [d for d in run if stage_since is None or d > stage_since]
        base_days = [d for d in days if run[0] - dt.timedelta(days=t.window_days) <= d < run[0]]
        if len(counted) < t.down_consecutive_days or len(base_days) < t.down_min_baseline_days:
            continue
        baseline = fmean(daily[d] for d in base_days)
        if all(daily[d] - baseline >= t.down_leg_pain_rise for d in run):
            return [Said("Your leg pain was %(pains)s: at least %(rise)s points above your average of %(baseline)s "
                         "over the %(days)s with check-ins before (%(first)s to %(last)s).",
                         pains=Said.listed([_pain(daily[d], d, today) for d in run]), rise=num(t.down_leg_pain_rise),
                         baseline=num(baseline), days=plural(len(base_days), "day"),
                         first=day_words(base_days[0], today), last=day_words(base_days[-1], today))]
    return []


def _pain(value, day, today):
    # Translators: a leg pain score and when it was given: "8 today", "7 on 3 Nov".
    return Said("%(pain)s %(when)s", pain=num(value), when=on_day(day, today))
