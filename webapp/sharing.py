"""The person's share links: make one (shown once, as a QR code and as text), see when each was
opened, and turn one off at once. The public page behind a link is webapp/shared.py."""
from flask import abort, g, redirect, render_template, request, url_for

from . import reportrules, sharelinks
from .models import ShareLink, utcnow
from .report import bp


def _page(status=200, **context):
    context.setdefault("values", {"days": str(reportrules.SHARE_DAYS_DEFAULT)})
    context.setdefault("errors", {})
    now = utcnow()
    links = [(link, sharelinks.status(link, now)) for link in ShareLink.newest_first(g.user)]
    return render_template("report/share.html", links=links, now=now,
                           days_max=reportrules.SHARE_DAYS_MAX, **context), status


@bp.get("/share")
def share():
    """The person's share links and a form to make a new one."""
    return _page(values={"days": str(reportrules.SHARE_DAYS_DEFAULT),
                         "from": request.args.get("from", ""), "to": request.args.get("to", "")})


@bp.post("/share")
def create_share():
    """Make a link. Only its hash is kept, so this is the one time the link itself is shown."""
    clean, errors = reportrules.validate_share(request.form, g.user.local_today())
    if errors:
        return _page(422, values=request.form, errors=errors)
    link, token = sharelinks.create(g.user, clean["days"], clean["range_from"], clean["range_to"])
    url = url_for("shared.view", token=token, _external=True)
    html = render_template("report/share_created.html", link=link, url=url,
                           qr=sharelinks.qr_svg(url, "QR code for the share link"))
    return html, 201, {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@bp.post("/share/<int:link_id>/revoke")
def revoke_share(link_id):
    """Turn a link off at once; anyone opening it afterwards is told it was turned off."""
    link = ShareLink.for_user(g.user).where(ShareLink.id == link_id).first() or abort(404)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        link.save(only=[ShareLink.revoked_at])
    return redirect(url_for("report.share", revoked=1))
