"""Exercises left off Today, and why: one that spread symptoms down the leg rests for a week; one
kept only while the leg eases rests for a week after any other answer; tensioners wait until
stage 3 has settled; and in pregnancy, those done lying on the front, or flat on the back after the
first 3 months (content/program.yaml). Plain functions, no Flask."""
import datetime as dt
from statistics import fmean

from ..translatable import N_, Said
from .engine import daily_leg
from .words import on_day, plural


def after_spread(completions, t, today):
    """{slug: reason} for exercises that spread symptoms in the last `hide_days_after_spread` days."""
    start = today - dt.timedelta(days=t.hide_days_after_spread - 1)
    last = {}
    for c in completions:
        if c.response == "spread" and start <= c.local_date <= today:
            last[c.exercise] = max(last.get(c.exercise, c.local_date), c.local_date)
    return {slug: Said("Left off until %(until)s: you said it spread symptoms down your leg %(when)s. Try it "
                       "again then, gently, or ask your physio.", until=until, when=on_day(day, today))
            for slug, day in last.items()
            for until in [day + dt.timedelta(days=t.hide_days_after_spread)]}


# Answers that keep a leg-check exercise: the leg eased or moved up (or, sent by an older phone
# that offered only the general answers, "better").
KEEPS = ("eased", "better")
LEG_WORDS = {"same": N_("Left off until %(until)s: you said your leg did not change %(when)s. It stays in your day "
                       "only while your leg eases or the pain moves up. Use your other positions of ease, or ask "
                       "your physio."),
             "worse": N_("Left off until %(until)s: you said your leg felt worse %(when)s. It stays in your day only "
                         "while your leg eases or the pain moves up. Use your other positions of ease, or ask your "
                         "physio."),
             "spread": N_("Left off until %(until)s: you said your leg had symptoms spread down it %(when)s. It stays "
                          "in your day only while your leg eases or the pain moves up. Use your other positions of "
                          "ease, or ask your physio.")}
DID_NOT_EASE = N_("Left off until %(until)s: you said your leg did not ease %(when)s. It stays in your day only while "
                  "your leg eases or the pain moves up. Use your other positions of ease, or ask your physio.")


def without_easing(completions, t, today):
    """{slug: reason} for exercises kept only while the leg eases (t.leg_check) whose latest answer
    in the last `hide_days_without_easing` days was not that. Completions come oldest first."""
    start = today - dt.timedelta(days=t.hide_days_without_easing - 1)
    latest = {}
    for c in completions:
        if c.exercise in t.leg_check and c.response and start <= c.local_date <= today:
            latest[c.exercise] = c
    return {slug: Said(LEG_WORDS.get(c.response, DID_NOT_EASE), until=until, when=on_day(c.local_date, today))
            for slug, c in latest.items() if c.response not in KEEPS
            for until in [c.local_date + dt.timedelta(days=t.hide_days_without_easing)]}


def tensioners_locked(person, checkins, t, today):
    """Why tensioners are not on Today yet, or None when they are unlocked (stage 3, settled)."""
    if person.stage != 3:
        return N_("Tensioners are for stage 3 only.")
    start = today - dt.timedelta(days=t.window_days - 1)
    recent = [c for c in checkins if start <= c.local_date <= today]
    daily = daily_leg(recent)
    missing = []
    days_in = (today - person.stage_since).days if person.stage_since else None
    if person.episode_start is not None and (today - person.episode_start).days < 7 * t.stage_3_min_weeks:
        missing.append(Said.ngettext("%(weeks)s weeks since this episode started (it is %(num)d week)",
                                 "%(weeks)s weeks since this episode started (it is %(num)d weeks)",
                                 (today - person.episode_start).days // 7, weeks=t.stage_3_min_weeks))
    if days_in is None or days_in < t.tensioner_days_in_stage_3:
        missing.append(Said.ngettext("%(days)s days at stage 3 (you have %(num)d day)",
                                 "%(days)s days at stage 3 (you have %(num)d days)", days_in,
                                 days=t.tensioner_days_in_stage_3) if days_in is not None
                       else Said("%(days)s days at stage 3", days=t.tensioner_days_in_stage_3))
    if not daily:
        missing.append(Said("check-ins in the last %(days)s days", days=t.window_days))
    elif fmean(daily.values()) > t.tensioner_max_leg_pain:
        missing.append(Said("leg pain averaging %(most)s or less (it is %(now)s)", most=f"{t.tensioner_max_leg_pain:g}",
                            now=f"{fmean(daily.values()):.1f}".removesuffix(".0")))
    if t.tensioner_no_numbness_or_weakness:
        nerve = sorted(c.local_date for c in recent if getattr(c, "tingling", None) or getattr(c, "weakness", None))
        if nerve:
            missing.append(Said("no numbness or weakness (you noted some %(when)s)", when=on_day(nerve[-1], today)))
    if not missing:
        return None
    # Translators: %(missing)s is a list of conditions joined with "; ".
    return Said("Tensioners are left off until you have %(missing)s.", missing=Said.sentences(missing, sep="; "))


POSITION_WORDS = {"front": N_("lying on your front"), "back": N_("lying flat on your back")}
# Why one is left off in pregnancy: on Today, and (on_page) on the exercise's own page.
FRONT = {False: N_("Left off while you are pregnant (you told us: about %(weeks)s now): it is done %(position)s."),
         True: N_("Left off your Today while you are pregnant (you told us: about %(weeks)s now): it is done "
                  "%(position)s.")}
BACK = {False: N_("Left off from week %(from)s of pregnancy (you told us: about %(weeks)s now): it is done "
                  "%(position)s."),
        True: N_("Left off your Today from week %(from)s of pregnancy (you told us: about %(weeks)s now): it is "
                 "done %(position)s.")}
# A pregnancy answer this old is probably out of date: say how to change it.
PREGNANCY_WEEKS_LONGEST = 42


def pregnancy_week(pregnant_from, today):
    """The week of pregnancy today from the day week 0 began (None: not pregnant)."""
    return None if pregnant_from is None else max(0, (today - pregnant_from).days) // 7


def in_pregnancy(left_off, catalogue, week, rules, on_page=False):
    """{slug: reason} for exercises left off because of pregnancy; `left_off` is {slug: the slug
    offered instead, or None} (content.pregnancy.swap_plan)."""
    stale = N_("If your baby has been born, change your answer on the Account page.")
    reasons = {}
    for slug, instead in left_off.items():
        position = catalogue[slug].position
        reason = Said((FRONT if position == "front" else BACK)[on_page], weeks=plural(week, "week"),
                      position=POSITION_WORDS[position], **{"from": rules.back_from_week})
        parts = {"reason": reason, "swap": Said("%(title)s is in your day instead.", title=catalogue[instead].title)
                 if instead else "", "stale": stale if week > PREGNANCY_WEEKS_LONGEST else ""}
        reasons[slug] = Said.sentences([v for v in parts.values() if v])
    return reasons


def position_reminder(avoided):
    """For an exercise whose steps offer a choice of positions, in pregnancy: which to skip."""
    if not avoided:
        return ""
    if "back" in avoided and "front" in avoided:
        return N_("You are pregnant: choose a way that is not lying flat on your back or on your front, for example "
                  "on your side or sitting.")
    if "back" in avoided:
        return N_("You are pregnant: choose a way that is not lying flat on your back, for example on your side or "
                  "sitting.")
    return N_("You are pregnant: choose a way that is not lying on your front, for example on your side or sitting.")
