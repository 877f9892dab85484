"""The exercise program: Today, the plan, exercise pages, onboarding, reminders, and the stage
engine that suggests (never makes) a change of stage."""
import functools

from .. import pwa, sync
from ..i18n import say
from ..models import Completion
from . import (
    adjustments,
    completions,
    daycache,
    dayplan,
    exercises,
    onboarding,
    pagewords,
    reminders,
    reviews,
    views,
)

bp = views.bp
for child in (exercises.bp, onboarding.bp, reminders.bp, reviews.bp):
    bp.register_blueprint(child)        # program.exercises.show, program.onboarding.welcome, ...


def init_app(app):
    app.register_blueprint(bp)
    app.extensions["day_cache"] = daycache.DayCache()
    catalogue = app.extensions["content"].exercises
    sync.register(app, "completion", Completion,
                  functools.partial(completions.validate, exercises=catalogue),
                  prepare=functools.partial(completions.flag_over_cap, exercises=catalogue,
                                            limits=app.extensions["program"].limits),
                  describe=completions.describe,
                  refuse=functools.partial(_said, functools.partial(dayplan.refuse_tick, rules=app.extensions["program"],
                                                                    catalogue=catalogue)))
    # app.js imports these without a version, so installed copies keep them for offline use.
    pwa.contribute_precache(app, assets=("js/program.js", "js/timer.js", "js/timer-ready.js", "js/welcome.js"))
    app.add_template_global(adjustments.line, "change_line")
    app.add_template_global(adjustments.set_by, "set_by")
    pagewords.init_app(app)


def _said(refuse, *args, **kwargs):
    """A tick's refusal in the reader's language: the phone shows it where the tick was."""
    errors = refuse(*args, **kwargs)
    return {k: say(v) for k, v in errors.items()} if errors else errors
