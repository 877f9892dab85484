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
"""
import datetime as dt
from dataclasses import dataclass

from ..models import CheckIn, Completion, RedFlagCheck, RedFlagCorrection, StageChange
from ..report import build, figures

SILENT_DAYS = 7
GROUPS = ("warning", "spread", "rising", "silent", "steady")
TIER_WORDS = {"now": "Emergency (go now) answer", "today": "Contact-a-doctor-today answer"}
# What became of an answer: None (still open), "assessed" (go now only) or "mistake".
STATES = {"mistake": " (ticked by mistake, the person says)", "assessed": " (confirmed as assessed)"}
OVERRIDE_BY = {"person": "the person", "practitioner": "a practitioner",
               "onboarding": "the person at the start"}


@dataclass(frozen=True)
class Facts:
    link_id: int
    name: str
    since: dt.date                  # first day counted (the last visit, else 28 days ago)
    today: dt.date
    alarms: tuple = ()              # ((local date, tier, state), ...), newest first; STATES
    spread: tuple = ()              # ((local date, exercise title), ...), newest first
    leg: object = None              # verdicts.Change of leg pain, first to last 7 logged days
    last_checkin: dt.date | None = None
    override: object = None         # the StageChange that set the stage above the starting rule
    stage_1_only_since: dt.date | None = None


@dataclass(frozen=True)
class Entry:
    facts: Facts
    group: str
    summary: str

    @property
    def link_id(self):
        return self.facts.link_id


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
    return [Entry(f, group_of(f), summary(f)) for f in sorted(facts, key=_key)]


def _day(day, today):
    return "today" if day == today else "yesterday" if day == today - dt.timedelta(days=1) \
        else f"{day.day} {day:%b}"


def summary(f):
    """One line: what needs attention, then how leg pain is and when they last checked in."""
    parts = []
    for day, tier, state in f.alarms[:1]:
        state = STATES.get(state) or (" (not yet confirmed as assessed)" if tier == "now" else "")
        more = f", and {len(f.alarms) - 1} more" if len(f.alarms) > 1 else ""
        parts.append(f"{TIER_WORDS[tier]} {_day(day, f.today)}{state}{more}")
    if f.spread:
        day, title = f.spread[0]
        parts.append(f"{title} spread symptoms down the leg {_day(day, f.today)}")
    leg = f.leg
    if leg is not None and leg.worsened:
        parts.append(f"Leg pain up from {figures.number(leg.then)} to {figures.number(leg.now)}")
    elif leg is not None and leg.now is not None:
        parts.append(f"Leg pain {figures.number(leg.now)} lately")
    if f.override is not None:
        c = f.override
        parts.append(f"Stage {c.to_stage} set above the starting rule (stage {c.rule_stage} at most) by "
                     f"{OVERRIDE_BY.get(c.made_by, c.made_by)} on {c.changed_at:%-d %b}: "
                     f"\u201c{c.override_reason}\u201d")
    if f.stage_1_only_since is not None:
        parts.append(f"Stage 1 only since {_day(f.stage_1_only_since, f.today)}: both legs all the time")
    days = silent_days(f)
    if days is None:
        parts.append("No check-ins yet")
    elif days >= SILENT_DAYS:
        parts.append(f"No check-in for {days} days")
    else:
        parts.append(f"Last check-in {_day(f.last_checkin, f.today)}")
    return " · ".join(parts)


def facts_for(link, user, names, today):
    """The Facts for one linked person, from their own records (each query scoped to them)."""
    start, _end = build.default_range(user, today)
    flags = {f.id: f for f in RedFlagCheck.between(user, start, today) if f.tier in TIER_WORDS}
    flags.update({f.id: f for f in RedFlagCheck.unconfirmed_alarms(user)})
    mistakes = RedFlagCorrection.of_answers(user, [f.uuid for f in flags.values()])
    alarms = sorted(((f.local_date, f.tier, "mistake" if f.uuid in mistakes else
                      "assessed" if f.tier == "now" and f.assessed_at is not None else None)
                     for f in flags.values()), key=lambda a: (a[0], a[1] == "now"), reverse=True)
    spread = [(c.local_date, names.get(c.exercise, c.exercise))
              for c in Completion.between(user, start, today) if c.response == "spread"]
    checkins = list(CheckIn.between(user, start, today).select(*build.CHECKIN_COLUMNS).namedtuples())
    latest = CheckIn.newest_first(user).first()
    stage_change = StageChange.current_setting(user)
    name = user.display_name or f"Unnamed person (linked {link.created_at:%-d %b %Y})"
    return Facts(link.id, name, start, today, tuple(alarms), tuple(reversed(spread)),
                 figures.headline(figures.days_from(checkins)).leg,
                 latest.local_date if latest else None,
                 stage_change if stage_change is not None and stage_change.overridden else None,
                 user.stage_1_only_since)
