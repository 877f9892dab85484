"""The stage engine's thresholds: the `engine` section of content/program.yaml, checked once at
start-up like the rest of the file. No Flask here."""
from dataclasses import dataclass

from .fields import Fields

# What can hold back a move up (engine.move_up.blocked_by); the engine has a check for each.
BLOCKERS = ("weakness", "numbness_or_tingling_more_days", "extent_further_than_prior_week",
            "any_spread_response", "three_or_more_worse_responses")


@dataclass(frozen=True)
class Thresholds:
    window_days: int
    up_min_days: int                # distinct local days with check-ins in the window
    up_min_days_in_stage: int
    up_max_leg_pain: dict           # stage moved to -> highest average leg pain
    up_blocked_by: tuple
    stage_3_min_weeks: int          # since the episode started
    down_leg_pain_rise: float
    down_consecutive_days: int
    down_min_baseline_days: int
    tensioner_days_in_stage_3: int
    tensioner_max_leg_pain: float
    tensioner_no_numbness_or_weakness: bool
    hide_days_after_spread: int
    leg_check: tuple = ()           # exercises kept on Today only while the leg eases or moves up
    hide_days_without_easing: int = 7
    # No stage 3 while numbness, or symptoms below the knee, were noted on most of these last
    # logged days (whatever the week before looked like).
    nerve_signs_logged_days: int = 7
    # A step back whatever the days before: leg pain at or above down_high_leg_pain on
    # down_high_days logged days in a row, or new weakness (when down_new_weakness).
    down_high_leg_pain: float = 7
    down_high_days: int = 2
    down_new_weakness: bool = True


def load_thresholds(r: Fields, data, exercises):
    e = r.mapping(data, "engine", ("window_days", "move_up", "stage_3_min_weeks_since_onset",
                                   "tensioners_unlock", "hide_exercise_days_after_spread", "move_down",
                                   "keep_only_if_leg_eases"))
    window = r.number(e["window_days"], "engine.window_days", 2, 28)
    up = r.mapping(e["move_up"], "engine.move_up", (
        "min_days_with_checkins", "min_days_in_stage", "max_average_leg_pain", "blocked_by",
        "stage_3_nerve_signs_logged_days"))
    pain = r.mapping(up["max_average_leg_pain"], "engine.move_up.max_average_leg_pain", ("to_2", "to_3"))
    limits = {n: r.number(pain[f"to_{n}"], f"engine.move_up.max_average_leg_pain.to_{n}", 0, 10, whole=False)
              for n in (2, 3)}
    if limits[3] > limits[2]:
        r.fail("engine.move_up.max_average_leg_pain.to_3", "must not be more than to_2")
    blocked = up["blocked_by"]
    if not isinstance(blocked, list) or any(b not in BLOCKERS for b in blocked):
        r.fail("engine.move_up.blocked_by", f"must list blockers from: {', '.join(BLOCKERS)}")
    unlock = r.mapping(e["tensioners_unlock"], "engine.tensioners_unlock",
                       ("days_in_stage_3", "max_average_leg_pain", "no_numbness_or_weakness"))
    if not isinstance(unlock["no_numbness_or_weakness"], bool):
        r.fail("engine.tensioners_unlock.no_numbness_or_weakness", "must be true or false")
    down = r.mapping(e["move_down"], "engine.move_down",
                     ("leg_pain_rise", "on_consecutive_days", "min_baseline_days", "high_leg_pain",
                      "high_on_logged_days_in_a_row", "new_weakness"))
    if not isinstance(down["new_weakness"], bool):
        r.fail("engine.move_down.new_weakness", "must be true or false")
    leg = r.mapping(e["keep_only_if_leg_eases"], "engine.keep_only_if_leg_eases", ("exercises", "hide_days"))
    return Thresholds(
        window_days=window,
        up_min_days=r.number(up["min_days_with_checkins"], "engine.move_up.min_days_with_checkins", 1, window),
        up_min_days_in_stage=r.number(up["min_days_in_stage"], "engine.move_up.min_days_in_stage", 0, 365),
        up_max_leg_pain=limits, up_blocked_by=tuple(blocked),
        stage_3_min_weeks=r.number(e["stage_3_min_weeks_since_onset"],
                                   "engine.stage_3_min_weeks_since_onset", 0, 104),
        down_leg_pain_rise=r.number(down["leg_pain_rise"], "engine.move_down.leg_pain_rise", 0.5, 10, whole=False),
        down_consecutive_days=r.number(down["on_consecutive_days"], "engine.move_down.on_consecutive_days",
                                       1, window),
        down_min_baseline_days=r.number(down["min_baseline_days"], "engine.move_down.min_baseline_days",
                                        1, window),
        tensioner_days_in_stage_3=r.number(unlock["days_in_stage_3"],
                                           "engine.tensioners_unlock.days_in_stage_3", 0, 365),
        tensioner_max_leg_pain=r.number(unlock["max_average_leg_pain"],
                                        "engine.tensioners_unlock.max_average_leg_pain", 0, 10, whole=False),
        tensioner_no_numbness_or_weakness=unlock["no_numbness_or_weakness"],
        hide_days_after_spread=r.number(e["hide_exercise_days_after_spread"],
                                        "engine.hide_exercise_days_after_spread", 0, 60),
        leg_check=r.slugs(leg["exercises"], "engine.keep_only_if_leg_eases.exercises", exercises),
        hide_days_without_easing=r.number(leg["hide_days"], "engine.keep_only_if_leg_eases.hide_days", 1, 60),
        nerve_signs_logged_days=r.number(up["stage_3_nerve_signs_logged_days"],
                                         "engine.move_up.stage_3_nerve_signs_logged_days", 1, 28),
        down_high_leg_pain=r.number(down["high_leg_pain"], "engine.move_down.high_leg_pain", 1, 10,
                                    whole=False),
        down_high_days=r.number(down["high_on_logged_days_in_a_row"],
                                "engine.move_down.high_on_logged_days_in_a_row", 1, window),
        down_new_weakness=down["new_weakness"])
