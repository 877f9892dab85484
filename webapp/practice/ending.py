"""What ends with a care link, whoever ends it: every change the practitioner made to the
person's program stops at once (limits, exercises allowed or left off, notes and stage holds), and
a stage they set above the starting rule goes back to the stage the person had before. A stage
they set within the app's own rules stays: the person could have chosen it themselves. No Flask.

Stopping everything, rather than asking change by change, keeps the rule simple to state and safe:
nothing set by someone who can no longer see the log stays in force without them.
"""
from ..db import database
from ..models import ProgramChange, StageChange

BY = "the end of the care link"     # ended_by on each change it stops


def end_link(link, by, now):
    """End `link` (by "person" or "practitioner") and what goes with it. Returns (the changes
    stopped, the StageChange that put the stage back, or None), or None if it had already ended."""
    user, practitioner = link.user, link.practitioner
    with database.atomic():
        if not link.end(by, now):
            return None
        today = user.local_today()
        stage_set = ProgramChange.in_effect_by(user, practitioner).where(
            (ProgramChange.kind == "stage") & ProgramChange.stage.is_null(False)).first()
        stopped = ProgramChange.end_all_by(user, practitioner, BY, today, now)
        back = None
        setting = StageChange.current_setting(user)     # the change that set today's stage
        if stage_set is not None and setting is not None and setting.made_by == "practitioner" \
                and setting.overridden and user.stage == stage_set.stage == setting.to_stage \
                and setting.from_stage is not None and setting.from_stage < setting.to_stage:
            back = StageChange.record(
                user, setting.from_stage, user.pattern, "care-link",
                f"The care link with {stage_set.by_name} ended, so stage {setting.to_stage}, which they set "
                f"above the starting rule, went back to stage {setting.from_stage}, where it was before.")
    return stopped, back
