"""The caseload: the practitioner's linked people, most in need of attention first, each with a
one-line summary. No Flask: `facts_for` reads one person's records through the models (with the
report's own figures); `order` sorts and words them.

Every line also says when the stage was set above the starting rule, by whom and why, and when
"stage 1 only" stands (both legs there all the time).

Order, since the last visit (else the last 28 days, as the report):
1. warning-sign answers: go-now (and any go-now not yet confirmed as assessed, however old),
   then contact-a-doctor-today; newest first; an answer the person said they ticked by mistake
   still counts, and says so;
2. an exercise that spread symptoms down the leg; newest first;
3. leg pain rising: up 2 points or more from the first to the last 7 logged days (the report's
   own rule, verdicts.Change.worsened); the largest rise first;
4. silence: no check-in for 7 days or more; the longest first;
5. everyone else, by name.

At a desk the same people are a table (name, the warning signs, leg pain over 14 days, exercises
done in the last 7 days, the last check-in) that can be sorted by any column (`sort`); ties keep
the order above. `facts_for` reads one person; practice/reading.py reads a whole caseload at once
and must give the same Facts (tests/test_practice_caseload.py checks it).
"""
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from ..models import CheckIn, Completion, RedFlagCheck, RedFlagCorrection, StageChange
from ..report import adherence, build, figures
from ..safety.redflags import FLAGS, GO_NOW_CODES, contact_tier
from ..translatable import N_, DateText, Joined, Name, Own, Text
from . import trend as trends

SILENT_DAYS = 7
GROUPS = ("warning", "spread", "rising", "silent", "steady")
SIGN_TIER_WORDS = {"now": N_("Go now"), "today": N_("Doctor today"), "soon": N_("GP within days")}
# One sentence per tier and state of the newest answer: None (still open), "assessed" (go now
# only) or "mistake"; %(day)s is "today", "yesterday" or a date.
ALARM_WORDS = {
    ("now", None): N_("Emergency (go now) answer %(day)s (not yet confirmed as assessed)"),
    ("now", "assessed"): N_("Emergency (go now) answer %(day)s (confirmed as assessed)"),
    ("now", "mistake"): N_("Emergency (go now) answer %(day)s (ticked by mistake, the person says)"),
    ("today", None): N_("Contact-a-doctor-today answer %(day)s"),
    ("today", "assessed"): N_("Contact-a-doctor-today answer %(day)s (confirmed as assessed)"),
    ("today", "mistake"): N_("Contact-a-doctor-today answer %(day)s (ticked by mistake, the person says)"),
}
OVERRIDE_BY = {"person": N_("the person"), "practitioner": N_("a practitioner"),
               "onboarding": N_("the person at the start")}


class Alarm(NamedTuple):
    day: dt.date
    tier: str                       # "now" or "today"
    state: str | None               # None (still open), "assessed" (go now only) or "mistake"
    signs: tuple = ()               # ((code, tier of that sign), ...) in the order answered


@dataclass(frozen=True)
class Facts:
    link_id: int
    name: str
    since: dt.date                  # first day counted (the last visit, else 28 days ago)
    today: dt.date
    alarms: tuple = ()              # (Alarm, ...), newest first; STATES
    spread: tuple = ()              # ((local date, exercise title), ...), newest first
    leg: object = None              # verdicts.Change of leg pain, first to last 7 logged days
    last_checkin: dt.date | None = None
    override: object = None         # the StageChange that set the stage above the starting rule
    stage_1_only_since: dt.date | None = None
    trend: object = None            # trend.Trend: leg pain over the last 14 days
    done: object = None             # adherence.Totals: exercises done in the last 7 days


@dataclass(frozen=True)
class Entry:
    facts: Facts
    group: str

    @property
    def link_id(self):
        return self.facts.link_id

    @cached_property
    def summary(self):
        """The one line, made when asked: only a card drawn afresh asks, not every view of a
        caseload whose cards are kept."""
        return summary(self.facts)


def group_of(f):
    if f.alarms:
        return "warning"
    if f.spread:
        return "spread"
    if f.leg is not None and f.leg.worsened:
        return "rising"
    if silent_days(f) is None or silent_days(f) >= SILENT_DAYS:
        return "silent"
    return "steady"


def silent_days(f):
    return None if f.last_checkin is None else (f.today - f.last_checkin).days


def _key(f):
    group = group_of(f)
    rank = GROUPS.index(group)
    if group == "warning":
        tiers = [a[1] for a in f.alarms]
        newest = max(a[0] for a in f.alarms)
        return (rank, 0 if "now" in tiers else 1, -newest.toordinal(), f.name.casefold())
    if group == "spread":
        return (rank, 0, -max(s[0] for s in f.spread).toordinal(), f.name.casefold())
    if group == "rising":
        return (rank, 0, -f.leg.points, f.name.casefold())
    if group == "silent":
        days = silent_days(f)
        return (rank, 0, -(days if days is not None else 10**6), f.name.casefold())
    return (rank, 0, 0, f.name.casefold())


def order(facts):
    """[Entry] for a list of Facts, most in need of attention first."""
    return [Entry(f, group_of(f)) for f in sorted(facts, key=_key)]


# The desk table's columns that sort, each with the direction its header offers first (False:
# smallest first): names A to Z, the most urgent warning sign, the largest rise in leg pain, the
# fewest exercises done, the longest since a check-in. "-name" asks for the other direction.
SORTS = {"name": False, "signs": True, "trend": True, "done": False, "last": False}
TIER_RANK = {"now": 2, "today": 1}


def _sort_key(column, f):
    """What `column` sorts `f` by; None puts the person after everyone with a value."""
    if column == "name":
        return f.name.casefold()
    if column == "signs":
        if not f.alarms:
            return None
        open_rank = max((TIER_RANK[a[1]] for a in f.alarms if a[2] is None), default=0)
        return open_rank, max(TIER_RANK[a[1]] for a in f.alarms), max(a[0] for a in f.alarms)
    if column == "trend":
        return f.trend.change if f.trend is not None else None
    if column == "done":
        return f.done.matched / f.done.prescribed if f.done is not None and f.done.prescribed else None
    return f.last_checkin or dt.date.min        # "last": never checked in is the longest ago


def parse_sort(value):
    """(column, descending) for a ?sort= value ("name", "-name"); (None, False) for the order by
    attention (no value, or one we do not know)."""
    value = (value or "").strip()
    column = value.removeprefix("-")
    if column not in SORTS:
        return None, False
    return column, SORTS[column] != value.startswith("-")


def sort(entries, column, descending):
    """`entries` (in the order by attention) sorted by a column; ties, and people without a value
    (always last), keep the order by attention."""
    if column is None:
        return list(entries)
    keyed = [(_sort_key(column, e.facts), e) for e in entries]
    known = sorted((pair for pair in keyed if pair[0] is not None), key=lambda pair: pair[0], reverse=descending)
    return [e for _, e in known] + [e for key, e in keyed if key is None]


def day_words(day, today):
    """ "today", "yesterday" or the date, each written where drawn in the reader's language."""
    if day == today:
        return Text(N_("today"))
    if day == today - dt.timedelta(days=1):
        return Text(N_("yesterday"))
    return DateText(day, f"{day.day} {day:%b}", "d MMM")


def summary(f):
    """One line: what needs attention, then how leg pain is and when they last checked in."""
    parts = []
    for day, tier, state, *_signs in f.alarms[:1]:
        words = Text(ALARM_WORDS[tier, state if state in ("assessed", "mistake") else None], day=day_words(day, f.today))
        if len(f.alarms) > 1:
            words = Text(N_("%(answer)s, and %(num)d more"), answer=words, num=len(f.alarms) - 1)
        parts.append(words)
    if f.spread:
        day, title = f.spread[0]
        parts.append(Text(N_("%(exercise)s spread symptoms down the leg %(day)s"), exercise=title,
                          day=day_words(day, f.today)))
    leg = f.leg
    if leg is not None and leg.worsened:
        parts.append(Text(N_("Leg pain up from %(then)s to %(now)s"), then=figures.number(leg.then),
                          now=figures.number(leg.now)))
    elif leg is not None and leg.now is not None:
        parts.append(Text(N_("Leg pain %(now)s lately"), now=figures.number(leg.now)))
    if f.override is not None:
        c = f.override
        by = OVERRIDE_BY.get(c.made_by)
        parts.append(Text(N_("Stage %(stage)s set above the starting rule (stage %(rule)s at most) by %(by)s on "
                             "%(day)s: \u201c%(reason)s\u201d"), stage=c.to_stage, rule=c.rule_stage,
                          by=Text(by) if by else c.made_by, reason=c.override_reason,
                          day=DateText(c.changed_at.date(), f"{c.changed_at:%-d %b}", "d MMM")))
    if f.stage_1_only_since is not None:
        parts.append(Text(N_("Stage 1 only since %(day)s: both legs all the time"),
                          day=day_words(f.stage_1_only_since, f.today)))
    days = silent_days(f)
    if days is None:
        parts.append(Text(N_("No check-ins yet")))
    elif days >= SILENT_DAYS:
        parts.append(Text(N_("No check-in for %(num)d days"), num=days))
    else:
        parts.append(Text(N_("Last check-in %(day)s"), day=day_words(f.last_checkin, f.today)))
    return Joined(parts)


def alarm(row, mistakes):
    """The Alarm for one warning-sign answer (a RedFlagCheck, or anything with its fields)."""
    codes = [c for c in (row.go_now or "").split(",") if c] + [c for c in (row.contact_today or "").split(",") if c]
    background = [c for c in (row.background or "").split(",") if c]
    signs = tuple((c, "now" if c in GO_NOW_CODES else contact_tier(c, background) if c in FLAGS else row.tier)
                  for c in codes)
    state = "mistake" if row.uuid in mistakes else \
        "assessed" if row.tier == "now" and row.assessed_at is not None else None
    return Alarm(row.local_date, row.tier, state, signs)


def newest_first(rows):
    """Warning-sign answers, newest first (a go-now answer before another answer of the same day)."""
    return sorted(rows, key=lambda f: (f.local_date, f.tier == "now", f.local_time, f.id), reverse=True)


def leg_change(days):
    """The report's leg-pain Change, first to last 7 logged days, from [(local date, leg)] oldest
    first (figures.headline's rule: one logged day is the last window, with nothing before it)."""
    rows = [LegDay(d, v) for d, v in days]
    first, last = figures.split_weeks(rows)
    return figures.change(first, rows if len(rows) == 1 else last, "leg")


class LegDay(NamedTuple):
    date: dt.date
    leg: float


def week_done(completions, history, user, rules, today):
    """adherence.Totals for the 7 days ending today, by the report's own rule."""
    days = adherence.by_day(today - dt.timedelta(days=6), today, completions, history,
                            (user.stage, user.pattern), rules)
    return adherence.totals(days)


def week_done_counted(done, history, user, rules, today):
    """week_done from {local date: Counter {exercise: times done}} (no caps counted)."""
    days = adherence.counted_by_day(today - dt.timedelta(days=6), today, done, {}, history,
                                    (user.stage, user.pattern), rules)
    return adherence.totals(days)


def facts_for(link, user, names, rules, today):
    """The Facts for one linked person, from their own records (each query scoped to them): the
    reference practice/reading.py's batched reading is checked against."""
    start, _end = build.default_range(user, today)
    flags = {f.id: f for f in RedFlagCheck.between(user, start, today) if f.tier in ("now", "today")}
    flags.update({f.id: f for f in RedFlagCheck.unconfirmed_alarms(user)})
    mistakes = RedFlagCorrection.of_answers(user, [f.uuid for f in flags.values()])
    alarms = [alarm(f, mistakes) for f in newest_first(flags.values())]
    spread = [(c.local_date, Name(c.exercise, names.get(c.exercise, c.exercise)))
              for c in Completion.between(user, start, today) if c.response == "spread"]
    first = min(start, today - dt.timedelta(days=trends.DAYS - 1))
    days = figures.days_from(CheckIn.between(user, first, today).select(*build.CHECKIN_COLUMNS).namedtuples())
    latest = CheckIn.newest_first(user).first()
    history = list(StageChange.history(user))
    stage_change = StageChange.setting_in(history[:50])
    week = list(Completion.between(user, today - dt.timedelta(days=6), today))
    return Facts(link.id, display_name(user, link), start, today, tuple(alarms), tuple(reversed(spread)),
                 leg_change([(d.date, d.leg) for d in days if d.date >= start]),
                 latest.local_date if latest else None,
                 stage_change if stage_change is not None and stage_change.overridden else None,
                 user.stage_1_only_since, trends.of([(d.date, d.leg) for d in days], today),
                 week_done(week, history, user, rules, today))


def display_name(user, link):
    """The name the person gave (said as written, whatever it happens to spell), else words."""
    if user.display_name:
        return Own(user.display_name)
    return Text(N_("Unnamed person (linked %(date)s)"),
                date=DateText(link.created_at.date(), f"{link.created_at:%-d %b %Y}", "medium"))
