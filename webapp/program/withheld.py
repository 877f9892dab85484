"""Exercises left off Today, and why: one that spread symptoms down the leg rests for a week; one
kept only while the leg eases rests for a week after any other answer; tensioners wait until
stage 3 has settled; and in pregnancy, those done lying on the front, or flat on the back after the
first 3 months (content/program.yaml). Plain functions, no Flask."""
import datetime as dt
from statistics import fmean

from .engine import daily_leg
from .words import on_day, plural


def after_spread(completions, t, today):
    """{slug: reason} for exercises that spread symptoms in the last `hide_days_after_spread` days."""
    start = today - dt.timedelta(days=t.hide_days_after_spread - 1)
    last = {}
    for c in completions:
        if c.response == "spread" and start <= c.local_date <= today:
            last[c.exercise] = max(last.get(c.exercise, c.local_date), c.local_date)
    return {slug: (f"Left off until {until:%-d %b}: you said it spread symptoms down your leg "
                   f"{on_day(day, today)}. Try it again then, gently, or ask your physio.")
            for slug, day in last.items()
            for until in [day + dt.timedelta(days=t.hide_days_after_spread)]}


# Answers that keep a leg-check exercise: the leg eased or moved up (or, sent by an older phone
# that offered only the general answers, "better").
KEEPS = ("eased", "better")
LEG_WORDS = {"same": "did not change", "worse": "felt worse", "spread": "had symptoms spread down it"}


def without_easing(completions, t, today):
    """{slug: reason} for exercises kept only while the leg eases (t.leg_check) whose latest answer
    in the last `hide_days_without_easing` days was not that. Completions come oldest first."""
    start = today - dt.timedelta(days=t.hide_days_without_easing - 1)
    latest = {}
    for c in completions:
        if c.exercise in t.leg_check and c.response and start <= c.local_date <= today:
            latest[c.exercise] = c
    return {slug: (f"Left off until {until:%-d %b}: you said your leg "
                   f"{LEG_WORDS.get(c.response, 'did not ease')} {on_day(c.local_date, today)}. It stays in your day only while your leg eases or the "
                   "pain moves up. Use your other positions of ease, or ask your physio.")
            for slug, c in latest.items() if c.response not in KEEPS
            for until in [c.local_date + dt.timedelta(days=t.hide_days_without_easing)]}


def tensioners_locked(person, checkins, t, today):
    """Why tensioners are not on Today yet, or None when they are unlocked (stage 3, settled)."""
    if person.stage != 3:
        return "Tensioners are for stage 3 only."
    start = today - dt.timedelta(days=t.window_days - 1)
    recent = [c for c in checkins if start <= c.local_date <= today]
    daily = daily_leg(recent)
    missing = []
    days_in = (today - person.stage_since).days if person.stage_since else None
    if person.episode_start is not None and (today - person.episode_start).days < 7 * t.stage_3_min_weeks:
        missing.append(f"{t.stage_3_min_weeks} weeks since this episode started (it is "
                       f"{plural((today - person.episode_start).days // 7, 'week')})")
    if days_in is None or days_in < t.tensioner_days_in_stage_3:
        missing.append(f"{t.tensioner_days_in_stage_3} days at stage 3" +
                       (f" (you have {plural(days_in, 'day')})" if days_in is not None else ""))
    if not daily:
        missing.append(f"check-ins in the last {t.window_days} days")
    elif fmean(daily.values()) > t.tensioner_max_leg_pain:
        missing.append(f"leg pain averaging {t.tensioner_max_leg_pain:g} or less (it is "
                       f"{fmean(daily.values()):.1f})".replace(".0)", ")"))
    if t.tensioner_no_numbness_or_weakness:
        nerve = sorted(c.local_date for c in recent if getattr(c, "tingling", None) or getattr(c, "weakness", None))
        if nerve:
            missing.append(f"no numbness or weakness (you noted some {on_day(nerve[-1], today)})")
    if not missing:
        return None
    return "Tensioners are left off until you have " + "; ".join(missing) + "."


POSITION_WORDS = {"front": "lying on your front", "back": "lying flat on your back"}
# A pregnancy answer this old is probably out of date: say how to change it.
PREGNANCY_WEEKS_LONGEST = 42


def pregnancy_week(pregnant_from, today):
    """The week of pregnancy today from the day week 0 began (None: not pregnant)."""
    return None if pregnant_from is None else max(0, (today - pregnant_from).days) // 7


def in_pregnancy(left_off, catalogue, week, rules):
    """{slug: reason} for exercises left off because of pregnancy; `left_off` is {slug: the slug
    offered instead, or None} (content.pregnancy.swap_plan)."""
    stale = (" If your baby has been born, change your answer on the Account page."
             if week > PREGNANCY_WEEKS_LONGEST else "")
    reasons = {}
    for slug, instead in left_off.items():
        position = catalogue[slug].position
        told = f"(you told us: about {plural(week, 'week')} now)"
        when = f"while you are pregnant {told}" if position == "front" \
            else f"from week {rules.back_from_week} of pregnancy {told}"
        swap = f" {catalogue[instead].title} is in your day instead." if instead else ""
        reasons[slug] = f"Left off {when}: it is done {POSITION_WORDS[position]}.{swap}{stale}"
    return reasons


def position_reminder(avoided):
    """For an exercise whose steps offer a choice of positions, in pregnancy: which to skip."""
    if not avoided:
        return ""
    skip = " or ".join(POSITION_WORDS[p].replace("lying ", "") for p in ("back", "front") if p in avoided)
    return f"You are pregnant: choose a way that is not lying {skip}, for example on your side or sitting."
