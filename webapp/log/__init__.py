"""The daily log: check-ins, their history, edits and deletes, all stored through the sync
endpoint so the plain form, htmx and the phone's outbox save the same way."""
from .. import sync
from ..models import CheckIn
from . import validation, views

bp = views.bp


def init_app(app):
    app.register_blueprint(bp)
    sync.register(app, "checkin", CheckIn, validation.validate_checkin)
