"""Accounts and sessions: sign up, sign in and out, the account page, the devices signed in, and
who is signed in."""
from . import devices, practitioners, session, views

bp = views.bp
bp.register_blueprint(devices.bp)       # auth.devices.sign_out_device, ...
bp.register_blueprint(practitioners.bp)  # auth.practitioners.signup


def init_app(app):
    session.init_app(app)
    app.register_blueprint(bp)
