"""The read-only report behind a share link: public, never indexed, never cached, and showing the
report and nothing else (no way into the account)."""
from flask import Blueprint, render_template

from . import sharelinks
from .models import User, utcnow
from .report import build, default_range, report_context
from .security import limiter

bp = Blueprint("shared", __name__)
PRIVATE = {
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}


@bp.after_request
def _private(response):
    response.headers.update(PRIVATE)
    return response


def _gone(title, text, status):
    return render_template("report/shared_gone.html", title=title, text=text), status


@bp.get("/shared/<token>")
@limiter.limit("60 per minute")
def view(token):
    """The shared report; 404 for a link that never existed, 410 for one expired or turned off."""
    link = sharelinks.find(token)
    if link is None:
        return _gone("This link does not work",
                     "There is no report at this address. Check that the whole link was copied, "
                     "or ask the person who shared it for a new one.", 404)
    now = utcnow()
    state = sharelinks.status(link, now)
    if state == "revoked":
        return _gone("This link has been turned off",
                     "The person who shared this report has turned the link off. Ask them for a "
                     "new one if you still need it.", 410)
    if state == "expired":
        return _gone("This link has expired",
                     f"This link stopped working on {link.expires_at:%-d %B %Y}. Ask the person "
                     "who shared it for a new one if you still need it.", 410)
    link.record_view(now)
    owner = User.get_by_id(link.user_id)
    today = owner.local_today()
    start, end = (link.range_from, link.range_to) if link.range_from else default_range(owner, today)
    report = build(owner, start, end, today)
    return render_template("report/shared.html", link=link, **report_context(report))
