"""What a practitioner may change in one person's program: the `practitioner_limits` section of
content/program.yaml, checked once at start-up. No Flask here.

A practitioner can always lower a cap, hide an exercise or add a note. Raising a cap needs an
entry under `raise_caps` (never past the value there), allowing a practitioner-only exercise
needs it listed under `allow`, and a stage hold lasts at most `longest_hold_days`. Every problem
names program.yaml and the field, like the rest of the file.
"""
from dataclasses import dataclass, field

from .fields import Fields

CAP_NAMES = ("per_day", "per_week")
CAP_MOST = 20               # no limit in the file may go past this, whatever the exercise


@dataclass(frozen=True)
class Limits:
    raise_caps: dict = field(default_factory=dict)     # slug -> {"per_day": n, "per_week": n}
    allow: tuple = ()                                   # practitioner-only slugs that may be allowed
    longest_hold_days: int = 0

    def highest(self, slug, name, own):
        """The most a practitioner may set cap `name` of `slug` to (its own cap when the file
        says nothing; None when it has no such cap at all)."""
        return self.raise_caps.get(slug, {}).get(name, own)


def load_limits(r: Fields, data, exercises):
    """The Limits in `data` (the parsed section; None: nothing may be raised or allowed)."""
    if data is None:
        return Limits()
    where = "practitioner_limits"
    d = r.mapping(data, where, ("raise_caps", "allow", "longest_hold_days"))
    raise_caps = {}
    caps_data = d["raise_caps"]
    if not isinstance(caps_data, dict):
        r.fail(f"{where}.raise_caps", "must be a mapping of exercise: {per_day: n, per_week: n}")
    for slug, wanted in caps_data.items():
        place = f"{where}.raise_caps.{slug}"
        exercise = exercises.get(slug)
        if exercise is None:
            r.fail(place, f"names an unknown exercise: {slug!r}")
        if not isinstance(wanted, dict) or not wanted:
            r.fail(place, "must be a mapping like {per_day: 4}")
        r.mapping(wanted, place, (), optional=CAP_NAMES)
        raise_caps[slug] = {}
        for name, value in wanted.items():
            own = getattr(exercise.caps, name)
            if own is None:
                r.fail(f"{place}.{name}", f"cannot be raised: '{slug}' has no {name} cap")
            r.number(value, f"{place}.{name}", own, CAP_MOST)
            raise_caps[slug][name] = value
    allow = d["allow"]
    if not isinstance(allow, list):
        r.fail(f"{where}.allow", "must be a list of practitioner-only exercises")
    for i, slug in enumerate(allow):
        exercise = exercises.get(slug) if isinstance(slug, str) else None
        if exercise is None:
            r.fail(f"{where}.allow[{i}]", f"names an unknown exercise: {slug!r}")
        if not exercise.practitioner_only:
            r.fail(f"{where}.allow[{i}]", f"'{slug}' is not practitioner-only")
    hold = r.number(d["longest_hold_days"], f"{where}.longest_hold_days", 1, 365)
    return Limits(raise_caps, tuple(allow), hold)
