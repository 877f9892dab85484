"""Reminders: session times, time zone and quiet hours; reminders on this phone by Web Push (the
card's buttons are webapp/push/views.py); and a private calendar feed the phone subscribes to.

The feed is public (calendar apps fetch it without a session), so a revoked or unknown token is
a 404."""
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from .. import inputs, tokens
from ..i18n import in_language, say
from ..models import CalendarFeed, PushSubscription, User
from ..security import NoPublicAddress, public, public_url
from .calendar import DEFAULT_TIMES, SESSION_FIELDS, build_calendar, session_times, valid_zone

bp = Blueprint("reminders", __name__)


QUIET_FIELDS = ("quiet_start", "quiet_end")


def _page(status=200, errors=None, new_url=None, values=None):
    user = g.user
    push = current_app.extensions["push"]
    quiet = (user.quiet_start, user.quiet_end) if user.quiet_start and user.quiet_end else push.rules.quiet
    if values is None:
        # Never set: offer the usual times, ready to save or change.
        times = session_times(user) or DEFAULT_TIMES
        values = {**{f: times.get(s, "") for s, f in SESSION_FIELDS.items()}, "timezone": user.timezone or "",
                  **dict(zip(QUIET_FIELDS, quiet))}
    return render_template("program/reminders.html", values=values, errors=errors or {},
                           feed=CalendarFeed.active_for(user), new_url=new_url,
                           defaults=DEFAULT_TIMES, fields=SESSION_FIELDS, push=push, quiet=quiet,
                           push_on=PushSubscription.of_session(g.device_session.id).exists(),
                           times=session_times(user)), status, {
        "Cache-Control": "no-store"}


@bp.get("/reminders")
def index():
    """Session times, time zone, and the calendar feed."""
    return _page()


@bp.post("/reminders")
def save():
    """Keep the session times (blank means no reminder) and the time zone."""
    form, errors = request.form, {}
    times = {}
    for field in SESSION_FIELDS.values():
        value = form.get(field, "").strip()
        if value and inputs.clock_time(value)[1]:
            errors[field] = _("Enter a time like 08:00, or leave it empty for no reminder.")
        times[field] = value or None
    zone_name = form.get("timezone", "").strip() or form.get("browser_timezone", "").strip()
    if not valid_zone(zone_name):
        errors["timezone"] = _("Enter a time zone like Europe/London or America/New_York.")
    quiet = {field: form.get(field, "").strip() or None for field in QUIET_FIELDS}
    for field, value in quiet.items():
        if value and inputs.clock_time(value)[1]:
            errors[field] = _("Enter a time like 21:00.")
    if not errors and bool(quiet["quiet_start"]) != bool(quiet["quiet_end"]):
        start, end = current_app.extensions["push"].rules.quiet
        errors["quiet_end" if quiet["quiet_start"] else "quiet_start"] = \
            _("Fill in both times, or leave both empty for %(start)s until %(end)s.", start=start, end=end)
    if errors:
        return _page(422, errors, values={**times, "timezone": zone_name, **quiet})
    for field, value in {**times, **quiet}.items():
        setattr(g.user, field, value)
    g.user.timezone = zone_name
    g.user.save(only=[User.morning_time, User.midday_time, User.evening_time, User.timezone,
                      User.quiet_start, User.quiet_end])
    flash(_("Your reminder times are saved. A calendar you have added will update by itself."))
    return redirect(url_for("program.reminders.index"), 303)


@bp.post("/reminders/feed")
def new_feed():
    """Make a new private calendar address (any old one stops working) and show it once."""
    user = g.user
    public_url("program.today")             # no public address configured: fail before any change
    if not session_times(user):
        for session, field in SESSION_FIELDS.items():
            setattr(user, field, DEFAULT_TIMES[session])
        user.save(only=[getattr(User, f) for f in SESSION_FIELDS.values()])
        flash(_("We used 08:00, 13:00 and 19:00 for now. Change them above at any time."))
    CalendarFeed.revoke_all(user)
    token = tokens.new_token()
    CalendarFeed.create(user=user, token_hash=tokens.hash_token(token))
    return _page(new_url=public_url("program.reminders.feed", token=token))


@bp.post("/reminders/feed/revoke")
def revoke_feed():
    """Stop the calendar address working."""
    CalendarFeed.revoke_all(g.user)
    flash(_("The calendar address has been turned off. Your calendar will stop showing reminders."))
    return redirect(url_for("program.reminders.index"), 303)


@bp.get("/calendar/<token>.ics")
@public
def feed(token):
    """The private calendar feed (public: calendar apps have no session)."""
    feed = tokens.find(CalendarFeed, token) or abort(404)
    user = feed.user
    zone_name = user.timezone if valid_zone(user.timezone) else "UTC"
    try:
        today_url = public_url("program.today")
    except NoPublicAddress:
        today_url = None                    # the reminders still work, without the link
    with in_language(user.language or "en"):      # a calendar app fetches it: the person's own language
        body = build_calendar(session_times(user), zone_name, today_url, feed.id, feed.created_at.date(),
                              say=say)
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="exercise-reminders.ics"',
        "Cache-Control": "no-cache, private", "X-Robots-Tag": "noindex"})
