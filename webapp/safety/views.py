"""Red-flag safety pages (public to everyone, signed in or not), the person confirming a doctor has
assessed them (which lifts the program's pause; so does "I ticked this by mistake", mistakes.py),
and the answer to "have you spoken to your GP?" that clears the contact-today card on Today."""
import functools

from flask import Blueprint, g, has_request_context, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from .. import inputs, pagecache
from ..i18n import language
from ..models import RedFlagCheck, utcnow
from ..security import public
from . import countries, mistakes, redflags

bp = Blueprint("safety", __name__)
ASSESSED_NOTE_MAX = 2000


def country_for():
    """The signed-in person's chosen country, else the one their browser's languages point to."""
    user = g.get("user") if has_request_context() else None
    if user is not None and user.country in countries.COUNTRIES:
        return countries.get(user.country)
    return countries.get(_country_asked(request.headers.get("Accept-Language", "") if has_request_context() else ""))


@functools.lru_cache(maxsize=512)
def _country_asked(header):
    """The country an Accept-Language header points to: every page asks, and the same few headers
    come again and again."""
    return countries.from_languages([tag for tag, _quality in parse_accept_header(header, LanguageAccept)])


def takes_ticks(view):
    """Mark a view that does its own work when ticked warning signs come with its form: the signs
    are stored before it runs (webapp/log/signs.py) and it leads to their screen itself. Any
    other view is skipped when signs come with its form, and the person goes to the screen."""
    view.takes_ticks = True
    return view


def screen_url(tier, go_now, contact):
    """Where a stored answer sends the person: the emergency or urgent screen, or None."""
    if tier == "now":
        return url_for("safety.emergency", signs=",".join(go_now))
    if tier in ("today", "soon"):
        return url_for("safety.urgent", signs=",".join(contact), when=tier)
    return None


def concerns_stenosis(user):
    """The stenosis hint ("not an emergency on its own") is for people it concerns: the stenosis
    pattern, or symptoms in both legs. Anyone else who ticks a both-legs sign must not be talked
    out of it."""
    return user is not None and (user.pattern == "stenosis" or user.side == "both")


def signs_from(value, allowed):
    """The known codes in a comma-separated query value, in the order of the questions."""
    asked = set((value or "").split(","))
    return [code for code in redflags.FLAGS if code in asked and code in allowed]


def reason_groups(signs):
    """[(reason, [Flag])] for the ticked go-now signs, one group per kind of emergency."""
    groups = {}
    for code in signs:
        flag = redflags.FLAGS[code]
        groups.setdefault(flag.reason or "ces", []).append(flag)
    return list(groups.items())


LOOK_IT_UP = object()


def check_context(user, latest=LOOK_IT_UP):
    """What templates/log/_redflag_check.html needs for this person: the daily questions (some
    only with a background risk), how urgent each contact sign is for them, and whether today's
    check is still to do (open) on their local day. `latest`: their latest answer's local date
    (or None), when the caller has already read it."""
    background = user.background_codes
    contact = redflags.daily_contact_flags(background)
    last = RedFlagCheck.latest_date(user) if latest is LOOK_IT_UP else latest
    today = user.local_today()
    # The latest answer's date settles "answered today?" unless it is later than today (the
    # phone crossed time zones): only then is a second query needed.
    answered = last == today or (last is not None and last > today and RedFlagCheck.answered_on(user, today))
    hint = redflags.STENOSIS_HINT if concerns_stenosis(user) else None
    return {"go_now": redflags.GO_NOW, "contact_flags": contact, "stenosis_hint": hint,
            "contact_tiers": {f.code: redflags.contact_tier(f.code, background) for f in contact},
            "last_redflag_date": last, "id_prefix": "", "check_open": not answered}


@bp.get("/red-flags")
@public
def red_flags():
    """The three tiers: go now, contact a doctor today, see a doctor soon. Kept for a signed-in
    person like their other pages (its numbers follow their country, its links their account)."""
    def draw():
        return render_template("safety/red_flags.html", go_now_list=flag_list(redflags.GO_NOW, language()),
                               contact_today_list=flag_list(redflags.CONTACT_TODAY, language()),
                               see_soon=redflags.SEE_SOON), []
    return pagecache.serve(draw)


@functools.lru_cache(maxsize=8)
def flag_list(flags, lang):
    """A list of warning signs as HTML, drawn once per language (`lang`: the request's, the
    cache's key): the same for everyone, on the page every person can reach (and that measures
    the shell's floor)."""
    return Markup(render_template("safety/_flag_list.html", flags_list=flags))


@bp.get("/emergency")
@public
def emergency():
    """Shown at once after a go-now answer, online or offline. The page is precached and personal
    to no one: ?signs= (or, on the phone, what was just ticked) says which reasons to show."""
    signs = signs_from(request.args.get("signs"), redflags.GO_NOW_CODES)
    return render_template("safety/emergency.html", **emergency_context(signs))


def emergency_context(signs):
    """What templates/safety/_emergency_block.html needs for these ticked go-now signs. Chest pain
    or a big accident, alone or with any other sign, means calling an ambulance (`call`); the
    phone's copy of the screen decides the same way from data-call-reasons (static/js/safety.js)."""
    groups = dict(reason_groups(signs))
    return {"signs": signs, "groups": groups, "reasons": redflags.REASONS, "flags": redflags.FLAGS,
            "call": bool(set(groups) & redflags.CALL_REASONS), "call_reasons": redflags.CALL_REASONS,
            "go_now_codes": redflags.GO_NOW_CODES, "go_now": redflags.GO_NOW}


@bp.get("/urgent")
@public
def urgent():
    """Shown after a contact-a-doctor answer: today, or within a few days for background-only
    findings (?when=soon)."""
    signs = signs_from(request.args.get("signs"), redflags.CONTACT_TODAY_CODES)
    when = "soon" if request.args.get("when") == "soon" else "today"
    return render_template("safety/urgent.html", signs=signs, when=when, flags=redflags.FLAGS,
                           contact_codes=redflags.CONTACT_TODAY_CODES,
                           contact_today=redflags.CONTACT_TODAY)


@bp.route("/log/assessed", methods=("GET", "POST"))
def assessed():
    """The person confirms a doctor has assessed them, which lifts the program pause (as a
    correction does: webapp/safety/mistakes.py, kept as a different thing)."""
    alarms = list(RedFlagCheck.unconfirmed_alarms(g.user))
    if request.method == "POST" and alarms:
        note, problem = inputs.text(request.form.get("note"), ASSESSED_NOTE_MAX)
        if problem:
            return render_template("safety/assessed.html", alarms=alarms, flag_text=redflags.TEXT_BY_CODE,
                                   error=mistakes.note_problem(request.form.get("note"), ASSESSED_NOTE_MAX)), 422
        for alarm in alarms:
            alarm.confirm_assessed(note, utcnow())
        return redirect(url_for("program.today"))
    return render_template("safety/assessed.html", alarms=alarms, flag_text=redflags.TEXT_BY_CODE)


@bp.post("/log/contacted")
@takes_ticks
def contacted():
    """"Yes, I have spoken to a doctor": the contact-today card on Today goes away, except for an
    answer ticked on the same page, which was stored just before (g.alarm) and leads to its screen."""
    alarm = g.get("alarm")
    if request.form.get("spoken") == "yes":
        RedFlagCheck.mark_contacted(g.user, utcnow(), keep=alarm.uuid if alarm else None)
    if alarm:
        return redirect(screen_url(alarm.tier, alarm.go_now, alarm.contact_today), 303)
    return redirect(url_for("program.today"), 303)
