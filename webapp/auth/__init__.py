"""Accounts and sessions: sign up (as a person or a practitioner), sign in and out, the account page,
the devices signed in, and who is signed in; and the ways back in: recovery codes, e-mailed reset
links and passkeys."""
from .. import pwa
from . import confirm, devices, passkeys, practitioners, recovery, reset, session, views, ways

bp = views.bp
bp.register_blueprint(devices.bp)       # auth.devices.sign_out_device, ...
for child in (recovery.bp, reset.bp, passkeys.bp, confirm.bp, ways.bp, practitioners.bp):
    bp.register_blueprint(child)        # auth.recovery.recover, auth.reset.forgot, auth.practitioners.signup, ...


def init_app(app):
    session.init_app(app)
    reset.init_app(app)
    app.context_processor(recovery.offer_context)
    app.jinja_env.globals.update(reset_by_email_offered=reset.offered,
                                 passkeys_offered=lambda: confirm.relying_party() is not None)
    app.register_blueprint(bp)
    pwa.contribute_precache(app, assets=("js/auth.js",))
