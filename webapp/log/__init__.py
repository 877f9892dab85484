"""The daily log: check-ins, their history, edits and deletes, all stored through the sync
endpoint so the plain form, htmx and the phone's outbox save the same way; and the warning signs
that come with any form post, stored before anything else (signs.py, views.store_first)."""
from .. import sync
from ..models import CheckIn
from . import signs, validation, views

bp = views.bp


def refuse_incomplete(user, envelope, fields, existing):
    """A new or changed check-in must answer the follow-up questions it calls for, judged with the
    person's usual side (the form, /api/sync and the phone's outbox alike; the import takes old
    records as they were stored)."""
    return validation.followup_errors(fields, user.side) or None


def init_app(app):
    app.register_blueprint(bp)
    app.before_request(views.store_first)          # after auth's: it needs g.user
    sync.register(app, "checkin", CheckIn, validation.validate_checkin, refuse=refuse_incomplete,
                  after=signs.keep_implied)
