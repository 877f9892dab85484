"""How the report judges a change between the first and the last 7 logged days. No Flask.

- No verdict unless each window has at least 3 days with the value.
- Pain improved: a fall of 2 points or more, or of 30% or more that is also at least 1 point
  (the important improvement of Ostelo et al., Spine 2008; so 1.0 -> 0.7 is not one).
- Pain worsened: a rise of 2 points or more. It is reported as a rise, never called clinically
  meaningful (the 2008 consensus defines important improvement, not worsening).
- Extent: reaches less far down the leg, further, no change, or resolved (to no symptoms).
  Across weeks this is never called centralising: centralisation happens within a session.
"""
from dataclasses import dataclass

from ..log.validation import EXTENT_RANK
from ..translatable import N_, Text

MIN_DAYS = 3
IMPROVE_POINTS, IMPROVE_FRACTION, IMPROVE_MIN_POINTS = 2.0, 0.30, 1.0
WORSEN_POINTS = 2.0
_EPSILON = 1e-9  # so 5.3 - 3.3 counts as the 2 points it is


@dataclass(frozen=True)
class Change:
    """A value then (first window) and now (last window), each from n days, and how it moved."""

    then: float | None
    now: float | None
    then_days: int = 0
    now_days: int = 0

    @property
    def known(self):
        return self.then is not None and self.now is not None

    @property
    def judged(self):
        return self.known and min(self.then_days, self.now_days) >= MIN_DAYS

    @property
    def points(self):
        return self.now - self.then if self.known else None

    @property
    def percent(self):
        """The change as a percentage of the first-window value; None when that is 0 or missing."""
        return self.points / self.then * 100 if self.known and self.then else None

    def _criteria(self):
        """(by 2 points, by 30% and at least 1 point) for a fall."""
        if not self.judged or self.points >= 0:
            return False, False
        fall = -self.points
        by_points = fall >= IMPROVE_POINTS - _EPSILON
        by_fraction = (self.then > 0 and fall / self.then >= IMPROVE_FRACTION - _EPSILON
                       and fall >= IMPROVE_MIN_POINTS - _EPSILON)
        return by_points, by_fraction

    @property
    def improved(self):
        return any(self._criteria())

    @property
    def worsened(self):
        """A rise of 2 points or more (never called clinically meaningful)."""
        return self.judged and self.points >= WORSEN_POINTS - _EPSILON

    @property
    def criterion(self):
        """Which rule the change met, in words, or why there is no verdict."""
        if not self.known:
            return N_("Not enough answers to compare")
        if not self.judged:
            return Text(N_("Too few days to judge (needs %(num)d in each)"), num=MIN_DAYS)
        by_points, by_fraction = self._criteria()
        if by_points and by_fraction:
            return N_("Improved: meets the 2-point and the 30% criteria")
        if by_points:
            return N_("Improved: meets the 2-point criterion")
        if by_fraction:
            return N_("Improved: meets the 30% criterion (and at least 1 point)")
        if self.worsened:
            return N_("Rose by 2 points or more")
        return N_("Below the improvement criteria")


@dataclass(frozen=True)
class YesDays:
    """Days with a yes, days answered, and logged days, in one window."""

    yes: int
    answered: int
    logged: int


def extent_direction(then, now):
    """"less far", "further", "no change", "resolved" (now no symptoms), or None."""
    if then is None or now is None:
        return None
    if now == "none" and then != "none":
        return "resolved"
    if EXTENT_RANK[now] < EXTENT_RANK[then]:
        return "less far"
    if EXTENT_RANK[now] > EXTENT_RANK[then]:
        return "further"
    return "no change"


def extent_verdict(then, now):
    """(direction, words) comparing the furthest extent of two windows (figures.Extent), or
    (None, why not) when either has fewer than MIN_DAYS days with an extent recorded."""
    if then.recorded < MIN_DAYS or now.recorded < MIN_DAYS:
        return None, Text(N_("Too few days to judge (needs %(num)d recorded in each)"), num=MIN_DAYS)
    direction = extent_direction(then.furthest, now.furthest)
    was, now_ = label(then.furthest), label(now.furthest)
    words = {"less far": Text(N_("Reaches less far down the leg (%(then)s → %(now)s)"), then=was, now=now_),
             "further": Text(N_("Reaches further down the leg (%(then)s → %(now)s)"), then=was, now=now_),
             "resolved": Text(N_("Resolved (%(then)s → %(now)s)"), then=was, now=now_),
             "no change": Text(N_("No change in how far it reaches"))}
    return direction, words[direction]


# The chart's own short words for each extent (build.EXTENT_TICKS).
LABELS = {"none": N_("none"), "back": N_("back"), "buttock": N_("buttock"), "thigh": N_("thigh"),
          "below_knee": N_("below knee"), "foot": N_("foot")}


def label(extent):
    return Text(LABELS[extent]) if extent in LABELS else extent
