"""Everything one report shows, for one person and one date range, gathered in one place.
No Flask: the report page and the shared page pass in the person, the range, the program rules
and the exercise names. Every query goes through a model method scoped to the person.

Ranges longer than LONG_RANGE_DAYS are charted and tabled by week (Monday to Sunday, each week
the average of its days) instead of by day; the headline figures always use days.
"""
import datetime as dt
from dataclasses import dataclass

from ..content.plans import PATTERN_NAMES
from ..log.validation import EXTENT_LABELS, EXTENT_RANK
from ..models import CheckIn, Completion, PsfsRating, RedFlagCheck, RedFlagCorrection, StageChange, Visit
from ..program.completions import RESPONSES
from ..safety.redflags import TEXT_BY_CODE
from ..translatable import N_
from . import adherence, charts, figures
from .validation import capped
from .validation import default_range as range_from_last_visit

LONG_RANGE_DAYS = 92
CHECKIN_COLUMNS = (CheckIn.local_date, CheckIn.local_time, CheckIn.leg_pain, CheckIn.back_pain,
                   CheckIn.extent, CheckIn.sitting_minutes, CheckIn.walking_minutes,
                   CheckIn.tingling, CheckIn.weakness, CheckIn.sleep_disturbed,
                   CheckIn.medication, CheckIn.notes)
COMPLETION_COLUMNS = (Completion.local_date, Completion.exercise, Completion.response,
                      Completion.over_cap)
# Translators: the short labels on the side of the chart of how far down the leg symptoms reached.
EXTENT_TICKS = ((0, N_("none")), (1, N_("back")), (2, N_("buttock")), (3, N_("thigh")), (4, N_("below knee")),
                (5, N_("foot")))
PAIN_TICKS = ((0, "0"), (5, "5"), (10, "10"))


MADE_BY = {"person": N_("The person"), "practitioner": N_("A practitioner"), "onboarding": N_("First set-up"),
           "safety": N_("A both-legs answer"), "care-link": N_("A care link ending")}
# Translators: a back-pain pattern, in "disc → stenosis type".
PATTERN_WORDS = {"disc": N_("disc"), "stenosis": N_("stenosis")}
SIGN_NAMES = {"weakness": N_("Weakness"), "tingling": N_("Numbness, pins and needles"),
              "sleep": N_("Sleep disturbed")}


@dataclass
class Report:
    user: object
    start: dt.date
    end: dt.date
    today: dt.date
    weekly: bool
    headline: figures.Headline
    buckets: list
    charts: dict
    done: list
    done_totals: adherence.Totals
    responses: list
    stage_changes: list
    red_flags: list             # warning-sign answers in these dates, newest first
    safety_answers: int
    open_alarms: list           # go-now answers outside these dates still not assessed nor corrected
    corrections: dict           # {answer uuid: RedFlagCorrection} for the answers shown
    notes: list
    psfs: list
    last_visit: object
    shared: bool = False        # shown through a share link: never the email address
    override: object = None     # the StageChange that set today's stage above the starting rule

    @property
    def spread_total(self):
        """Times any exercise spread symptoms down the leg in these dates."""
        return sum(r.counts["spread"] for r in self.responses)

    @property
    def name(self):
        """Whose report: the name the person chose; else their email, on their own copy only."""
        return self.user.display_name or (None if self.shared else self.user.email)

    @property
    def span_days(self):
        return (self.end - self.start).days + 1

    @property
    def medicines(self):
        """[(medicine as written, check-ins, days)], most often first: the printed summary that
        stands in for repeating it on every note."""
        seen = {}
        for c in self.notes:
            if c.medication:
                key = " ".join(c.medication.split()).casefold()
                name, times, days = seen.get(key, (" ".join(c.medication.split()), 0, set()))
                seen[key] = (name, times + 1, days | {c.local_date})
        return sorted(((n, t, len(d)) for n, t, d in seen.values()), key=lambda m: (-m[1], m[0]))


def default_range(user, today):
    """Since the last visit on or before today, else the last 28 days."""
    visit = Visit.last_on_or_before(user, today)
    return range_from_last_visit(today, visit.visit_date if visit else None)


def page_context(report, rules, names):
    """What templates/report/_body.html needs besides the Report."""
    user = report.user
    stage = rules.stages.get(user.stage) if rules and user.stage else None
    return {"r": report, "h": report.headline, "stage": stage,
            "pattern_name": PATTERN_NAMES.get(user.pattern), "extents": EXTENT_LABELS,
            "flag_text": TEXT_BY_CODE, "exercise_names": names, "made_by": MADE_BY,
            "sign_names": SIGN_NAMES, "pattern_words": PATTERN_WORDS,
            "responses_order": RESPONSES, "number": figures.number, "signed": figures.signed}


def build(user, start, end, rules, names, today):
    """The Report for `user` from `start` to `end` (local dates, inclusive; at most five years,
    whatever range is asked for, so no stored date can make a report slow)."""
    start, end = capped(start, end)
    # A person who started after the range began: the report starts at their first record, so
    # the charts and "N days" are not weeks of nothing. Warning-sign answers count as records, so
    # no answer ever falls outside the range this way.
    first = first_record(user)
    if first is not None and start < first <= end:
        start = first
    # Only the columns the report reads: three years of rows stay quick to load.
    checkins = list(CheckIn.between(user, start, end).select(*CHECKIN_COLUMNS).namedtuples())
    completions = list(Completion.between(user, start, end).select(*COMPLETION_COLUMNS).namedtuples())
    flags = list(RedFlagCheck.between(user, start, end))
    warnings = [f for f in reversed(flags) if f.tier != "none"]
    # An unconfirmed go-now answer is shown whatever dates are chosen: no range may hide it.
    open_alarms = [f for f in RedFlagCheck.unconfirmed_alarms(user) if not start <= f.local_date <= end]
    history = list(StageChange.history(user))
    days = figures.days_from(checkins)
    weekly = (end - start).days + 1 > LONG_RANGE_DAYS
    done_days = adherence.by_day(start, end, completions, history, (user.stage, user.pattern), rules)
    buckets = figures.by_week(days) if weekly else days
    done = adherence.by_week(done_days) if weekly else done_days
    responses = adherence.responses(completions)
    frame_start = figures.monday_of(start) if weekly else start
    report_charts = {
        "pain": pain_chart(buckets, frame_start, end, weekly),
        "extent": extent_chart(buckets, frame_start, end),
        "tolerance": tolerance_chart(buckets, frame_start, end),
        "calendar": charts.calendar(done, weekly),
        "responses": charts.response_bars(responses, names, RESPONSES),
    }
    return Report(
        user=user, start=start, end=end, today=today, weekly=weekly,
        headline=figures.headline(days), buckets=buckets, charts=report_charts,
        done=done,
        done_totals=adherence.totals(done_days), responses=responses,
        stage_changes=[c for c in history if start <= c.changed_at.date() <= end],
        red_flags=warnings, safety_answers=len(flags), open_alarms=open_alarms,
        corrections=RedFlagCorrection.of_answers(user, [f.uuid for f in warnings]),
        notes=[c for c in reversed(checkins) if c.medication or c.notes],
        psfs=psfs_trends(PsfsRating.between(user, start, end)),
        last_visit=Visit.last_on_or_before(user, today),
        override=_override(StageChange.setting_in(history)))


def first_record(user):
    """The person's first local date with a check-in, a warning-sign answer or an exercise done."""
    days = [row.local_date for row in (model.for_user(user).select(model.local_date).order_by(model.local_date).first()
                                      for model in (CheckIn, RedFlagCheck, Completion)) if row is not None]
    return min(days, default=None)


def _override(setting):
    return setting if setting is not None and setting.overridden else None


def pain_chart(buckets, start, end, weekly):
    frame = charts.Frame(start, end, 10)
    leg = [(b.date, b.leg) for b in buckets]
    back = [(b.date, b.back) for b in buckets]
    if weekly:
        series = [charts.series(frame, "Leg pain, weekly average", "leg", leg),
                  charts.series(frame, "Back pain, weekly average", "back", back, shape="square")]
    else:
        series = [
            charts.series(frame, "Leg pain, 7-day average", "leg", figures.rolling(buckets, "leg"),
                          "none"),
            charts.series(frame, "Leg pain, day's average", "leg", leg, line=False),
            charts.series(frame, "Back pain, 7-day average", "back", figures.rolling(buckets, "back"),
                          "none"),
            charts.series(frame, "Back pain, day's average", "back", back, shape="square", line=False),
        ]
    return charts.line_chart(frame, series, PAIN_TICKS)


def extent_chart(buckets, start, end):
    frame = charts.Frame(start, end, 5, height=150, left=84)
    pairs = [(b.date, EXTENT_RANK.get(b.extent)) for b in buckets]
    return charts.line_chart(frame, [charts.series(frame, "Furthest extent", "extent", pairs)],
                             EXTENT_TICKS)


def tolerance_chart(buckets, start, end):
    top = max([b.sitting or 0 for b in buckets] + [b.walking or 0 for b in buckets] + [0])
    ymax = charts.nice_ceiling(top)
    frame = charts.Frame(start, end, ymax)
    series = [charts.series(frame, "Sitting", "sitting", [(b.date, b.sitting) for b in buckets]),
              charts.series(frame, "Walking", "walking", [(b.date, b.walking) for b in buckets],
                            shape="square")]
    return charts.line_chart(frame, series, ((0, "0"), (ymax / 2, f"{ymax / 2:g}"), (ymax, f"{ymax:g}")))


@dataclass(frozen=True)
class PsfsTrend:
    activity: str
    points: tuple            # ((week_start, score), ...), oldest first
    chart: charts.LineChart

    @property
    def first(self):
        return self.points[0][1]

    @property
    def latest(self):
        return self.points[-1][1]


def psfs_trends(ratings):
    """One trend per activity (names compared ignoring case), in the order first rated."""
    grouped = {}
    for r in ratings:
        key = r.activity.casefold()
        name, points = grouped.get(key, (r.activity, []))
        points.append((r.week_start, r.score))
        grouped[key] = (r.activity, points)
    trends = []
    for name, points in grouped.values():
        first, last = points[0][0], points[-1][0]
        frame = charts.Frame(first, max(last, first + dt.timedelta(days=7)), 10, height=110)
        weeks = [week for week, _ in points]
        chart = charts.line_chart(frame, [charts.series(frame, name, "psfs", points)],
                                  ((0, "0"), (10, "10")), x_dates=weeks if len(weeks) <= 5 else None)
        trends.append(PsfsTrend(name, tuple(points), chart))
    return trends
