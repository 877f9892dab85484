"""Accounts and sessions: sign up, sign in and out, the account page, and who is signed in."""
from . import session, views

bp = views.bp


def init_app(app):
    session.init_app(app)
    app.register_blueprint(bp)
