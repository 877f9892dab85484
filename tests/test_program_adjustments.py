"""The rules for a practitioner's program changes, as plain functions: (plan, caps, adjustments) ->
(plan, caps), always within the limits file, and never lifting a pause."""
import datetime as dt
from types import SimpleNamespace

from webapp.content.exercises import Caps
from webapp.content.limits import Limits
from webapp.program import adjustments
from webapp.program.engine import Suggestion

TODAY = dt.date(2026, 11, 24)       # a Tuesday
LIMITS = Limits({"curl-downs": {"per_day": 4}}, ("advanced-nerve-traction",), 42)


def change(kind, exercise=None, n=0, **values):
    base = {"kind": kind, "exercise": exercise, "per_day": None, "per_week": None, "stage": None, "hold_until": None,
                "note": "", "reason": f"reason {n}", "by_name": "Jo Smith (physiotherapist)",
                "set_on": TODAY - dt.timedelta(days=n)}
    return SimpleNamespace(**{**base, **values})


def test_a_raised_cap_applies_and_never_goes_past_the_limits_file(content):
    ex = content.exercises
    plan = content.program.plan(3, "disc")
    caps = adjustments.base_caps(ex)
    adjusted = adjustments.in_effect([change("cap", "curl-downs", per_day=4)], ex, LIMITS, TODAY)
    _plan, new = adjustments.apply(plan, caps, adjusted)
    assert new["curl-downs"] == Caps(4, None) and caps["curl-downs"] == Caps(2, None)
    assert new["table-stretch"] == Caps(3, None)
    # A stored value past the limit (the file changed since) is cut back to the limit.
    assert adjustments.in_effect([change("cap", "curl-downs", per_day=9)], ex, LIMITS, TODAY).caps["curl-downs"] \
        == Caps(4, None)
    # An exercise the file does not list can only be lowered, never raised.
    assert adjustments.in_effect([change("cap", "table-stretch", per_day=6)], ex, LIMITS, TODAY).caps[
        "table-stretch"] == Caps(3, None)
    assert adjustments.in_effect([change("cap", "table-stretch", per_day=1)], ex, LIMITS, TODAY).caps[
        "table-stretch"] == Caps(1, None)
    # A weekly cap the exercise does not have is never made up.
    assert adjustments.in_effect([change("cap", "curl-downs", per_week=3)], ex, LIMITS, TODAY).caps[
        "curl-downs"] == Caps(2, None)


def test_the_newest_change_of_a_kind_wins(content):
    ex = content.exercises
    changes = [change("cap", "curl-downs", 0, per_day=3), change("cap", "curl-downs", 5, per_day=4)]
    adjusted = adjustments.in_effect(changes, ex, LIMITS, TODAY)
    assert adjusted.caps["curl-downs"].per_day == 3
    assert [c.reason for c in adjusted.for_exercise("curl-downs")] == ["reason 0"]


def test_practitioner_only_exercises_stay_off_unless_allowed_and_listed(content):
    ex = content.exercises
    plan = content.program.plan(3, "disc")
    optional = lambda p: [e.exercise for e in p.optional]
    nothing = adjustments.in_effect([], ex, LIMITS, TODAY)
    assert "advanced-nerve-traction" in nothing.locked
    assert "advanced-nerve-traction" not in optional(adjustments.apply(plan, {}, nothing)[0])
    allowed = adjustments.in_effect([change("allow", "advanced-nerve-traction")], ex, LIMITS, TODAY)
    kept = adjustments.apply(plan, {}, allowed)[0]
    assert "advanced-nerve-traction" in optional(kept)
    # Its days stay as the plan has them (Tuesday and Friday).
    entry = next(e for e in kept.optional if e.exercise == "advanced-nerve-traction")
    assert entry.days == ("tue", "fri")
    # A file that no longer lists it: the allowance stops counting.
    unlisted = adjustments.in_effect([change("allow", "advanced-nerve-traction")], ex, Limits(), TODAY)
    assert "advanced-nerve-traction" in unlisted.locked
    assert adjustments.left_off(unlisted, {"advanced-nerve-traction"})["advanced-nerve-traction"].startswith(
        "Only with your practitioner's agreement")


def test_hidden_exercises_leave_the_plan_with_who_and_why(content):
    ex = content.exercises
    plan = content.program.plan(3, "disc")
    adjusted = adjustments.in_effect([change("hide", "curl-downs", reason="Sore after bending")], ex, LIMITS, TODAY)
    new_plan, _caps = adjustments.apply(plan, {}, adjusted)
    assert all(e.exercise != "curl-downs" for entries in new_plan.sessions.values() for e in entries)
    assert next(e.exercise for e in plan.sessions["midday"]) == "curl-downs"      # the plan itself is untouched
    assert adjustments.left_off(adjusted, {"curl-downs", "bird-dog"}) == {
        "curl-downs": "Left off by your practitioner. Set by Jo Smith (physiotherapist) on 24 Nov 2026: "
                      "Sore after bending"}
    assert adjustments.merge_reasons({"curl-downs": "Spread."}, {"curl-downs": "Hidden."}) == {
        "curl-downs": "Spread. Hidden."}


def test_a_hold_quiets_moving_up_but_never_a_step_back_a_pause_or_a_warning(content):
    ex = content.exercises
    hold = change("stage", stage=2, hold_until=TODAY + dt.timedelta(days=3), reason="Give it time")
    held = adjustments.in_effect([hold], ex, LIMITS, TODAY)
    up = Suggestion("up", 2, 3, ("Leg pain averaged 2.",))
    quiet = adjustments.hold_suggestion(up, held, TODAY)
    assert (quiet.direction, quiet.to_stage, quiet.actionable) == ("stay", 2, False)
    assert quiet.reasons[0] == ("Your stage is held at 2 until 27 Nov, so the app suggests no move up until "
                                "then. Set by Jo Smith (physiotherapist) on 24 Nov 2026: Give it time")
    # A step back is never hidden by a hold: it stays a suggestion the person can accept.
    down = Suggestion("down", 2, 1, ("Your leg pain was 7 and 8.",), ("You noted weakness.",))
    kept = adjustments.hold_suggestion(down, held, TODAY)
    assert (kept.direction, kept.to_stage, kept.actionable) == ("down", 1, True)
    assert kept.reasons == ("Your leg pain was 7 and 8.", ("Your stage is held until 27 Nov, but a hold never "
                            "stops a suggestion to step back. Set by Jo Smith (physiotherapist) on 24 Nov 2026: "
                            "Give it time"))
    assert kept.warnings == ("You noted weakness.",)
    paused = Suggestion("paused", 2, 2, ("Emergency answer.",))
    assert adjustments.hold_suggestion(paused, held, TODAY) is paused
    # The day after the hold ends, suggestions come back.
    later = TODAY + dt.timedelta(days=4)
    assert adjustments.hold_suggestion(up, adjustments.in_effect([hold], ex, LIMITS, later), later) is up


def test_positions_of_ease_are_never_left_off_by_a_hide(content):
    ex = content.exercises
    plan = content.program.plan(1, "disc")
    hides = [change("hide", slug, reason="Not needed") for slug in ("positions-of-ease", "lying-on-your-front")]
    adjusted = adjustments.in_effect(hides, ex, LIMITS, TODAY)
    assert adjusted.hidden == {}
    kept, _caps = adjustments.apply(plan, {}, adjusted)
    assert next(e.exercise for e in kept.sessions["morning"]) == "positions-of-ease"
    assert adjustments.left_off(adjusted, {"positions-of-ease", "lying-on-your-front"}) == {}


def test_lines_the_person_reads(content):
    names = content.exercise_names()
    cap = change("cap", "curl-downs", per_day=4, reason="Coping well")
    note = change("note", "bird-dog", note="Slow and steady", reason="Form")
    assert adjustments.line(cap) == ("Your limit: up to 4 a day. Set by Jo Smith (physiotherapist) on "
                                     "24 Nov 2026: Coping well")
    assert adjustments.line(note).startswith("A note for you: \u201cSlow and steady\u201d. Set by")
    assert adjustments.describe(cap, names) == "Curl downs: up to 4 a day"
    assert adjustments.describe(change("stage", stage=None, hold_until=TODAY), names) == \
        "Stage kept as it is, held until 24 Nov 2026"
