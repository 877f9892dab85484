"""The page chrome every page carries, the top bar and the bottom navigation, drawn once per
page, kind of visitor and site root rather than on every request (templates/_nav.html)."""
from flask import g, request
from markupsafe import Markup

from .i18n import language


def init_app(app):
    kept = {}      # bounded: (endpoints + 1) x signed in or not x practitioner or not x roots x languages

    def chrome():
        """{"topbar": Markup, "tabbar": Markup} for this request's page and visitor."""
        here, signed_in = request.endpoint or "", g.get("user") is not None
        practitioner = signed_in and g.get("practitioner") is not None
        key = (here, signed_in, practitioner, request.script_root, language())
        found = kept.get(key)
        if found is None:
            nav = app.jinja_env.get_template("_nav.html").module
            variants = ["signed-in"] if signed_in else ["signed-out", "signed-in"]
            found = {"topbar": Markup(nav.topbar(variants, practitioner)),
                     "tabbar": Markup(nav.tabbar(variants, practitioner, here))}
            if not app.jinja_env.auto_reload:       # while developing, template edits show at once
                kept[key] = found
        return found

    app.jinja_env.globals["chrome"] = chrome
