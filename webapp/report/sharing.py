"""Share links: the person makes one (shown once, as a QR code and as text), sees when each was
opened and turns one off at once; whoever holds a link sees the report read-only at
/shared/<token> (public_bp): never indexed, never cached, and no way into the account."""
import datetime as dt

import segno
from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from .. import tokens
from ..i18n import language
from ..models import ShareLink, User, utcnow
from ..security import LIMITS, limiter, public, public_url
from . import build, validation

bp = Blueprint("sharing", __name__)                 # /report/share, under the report
public_bp = Blueprint("shared", __name__)           # /shared/<token>, outside the account
PRIVATE = {
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}


def create(user, days, range_from=None, range_to=None, now=None):
    """A new link for `user` lasting `days`; returns (link, token). The token is never stored."""
    now = now or utcnow()
    token = tokens.new_token()
    link = ShareLink.create(user=user, token_hash=tokens.hash_token(token), created_at=now,
                            expires_at=now + dt.timedelta(days=days), range_from=range_from,
                            range_to=range_to)
    return link, token


def status(link, now):
    """ "active", "revoked" or "expired"."""
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= now:
        return "expired"
    return "active"


def qr_svg(url, title):
    """The link as an inline SVG QR code: black on white whatever the theme, with its quiet zone,
    scaling to its container."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True,
                          svgclass="qr-code", lineclass=None, title=title)
    return svg.replace("<svg ", '<svg role="img" ', 1)


# ---- the person's own pages ----

def _page(status_code=200, **context):
    context.setdefault("values", {"days": str(validation.SHARE_DAYS_DEFAULT)})
    context.setdefault("errors", {})
    now = utcnow()
    links = [(link, status(link, now)) for link in ShareLink.newest_first(g.user)]
    return render_template("report/share.html", links=links, now=now,
                           days_max=validation.SHARE_DAYS_MAX, **context), status_code


@bp.get("/share")
def index():
    """The person's share links and a form to make a new one."""
    return _page(values={"days": str(validation.SHARE_DAYS_DEFAULT),
                         "from": request.args.get("from", ""), "to": request.args.get("to", "")})


@bp.post("/share")
def create_link():
    """Make a link. Only its hash is kept, so this is the one time the link itself is shown."""
    clean, errors = validation.validate_share(request.form, g.user.local_today())
    if errors:
        return _page(422, values=request.form, errors=errors)
    public_url("report.sharing.index")      # no public address configured: fail before making a link
    link, token = create(g.user, clean["days"], clean["range_from"], clean["range_to"])
    url = public_url("shared.view", token=token)
    html = render_template("report/share_created.html", link=link, url=url,
                           qr=qr_svg(url, _("QR code for the share link")))
    return html, 201, {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@bp.post("/share/<int:link_id>/revoke")
def revoke(link_id):
    """Turn a link off at once; anyone opening it afterwards is told it was turned off."""
    link = ShareLink.for_user(g.user).where(ShareLink.id == link_id).first() or abort(404)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        link.save(only=[ShareLink.revoked_at])
    return redirect(url_for("report.sharing.index", revoked=1))


# ---- the public page behind a link ----

@public_bp.after_request
def _private(response):
    response.headers.update(PRIVATE)
    return response


def _gone(title, text, status_code):
    return render_template("report/shared_gone.html", title=title, text=text), status_code


@public_bp.get("/shared/<token>")
@limiter.limit(LIMITS["shared report"])
@public
def view(token):
    """The shared report; 404 for a link that never existed, 410 for one expired or turned off."""
    link = tokens.find(ShareLink, token)
    if link is None:
        return _gone(_("This link does not work"),
                     _("There is no report at this address. Check that the whole link was copied, "
                       "or ask the person who shared it for a new one."), 404)
    now = utcnow()
    state = status(link, now)
    if state == "revoked":
        return _gone(_("This link has been turned off"),
                     _("The person who shared this report has turned the link off. Ask them for a "
                       "new one if you still need it."), 410)
    if state == "expired":
        return _gone(_("This link has expired"),
                     _("This link stopped working on %(date)s. Ask the person who shared it for a new one "
                       "if you still need it.", date=format_date(link.expires_at, "long", rebase=False)), 410)
    link.record_view(now)
    owner = User.get_by_id(link.user_id)
    today = owner.local_today()
    start, end = (link.range_from, link.range_to) if link.range_from else build.default_range(owner, today)
    content = current_app.extensions["content"]
    names = content.exercise_names(language())
    report = build.build(owner, start, end, content.program, names, today)
    report.shared = True
    return render_template("report/shared.html", link=link,
                           **build.page_context(report, content.program, names))
