"""The practitioner's side: the caseload, and the gate that keeps the two kinds of account apart.

A practitioner account is not a person's account: it has no Today, log, program or report of its
own (those pages send it to its caseload), and a person's account has no practitioner pages (they
answer 404). A practitioner sees a person only through an open care link the person made: every
page about one person goes through `linked`, which answers 404 for anyone not linked to them
(never 403, which would say they exist), 410 once the person has ended the link, and records the
look. Child blueprints: link (entering a code), person (report, visits, FHIR), changes (program).
"""
from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from markupsafe import Markup

from .. import pagecache
from ..i18n import gettext, language, one_catalogue
from ..models import CareLink, CareLook, row_of, utcnow
from ..report import tr
from ..safety.redflags import FLAGS
from ..security import is_public
from ..translatable import N_
from . import caseload as caseload_rules
from . import reading, trend

bp = Blueprint("practice", __name__, url_prefix="/practice")

# What a practitioner account may open besides its own pages (public pages are always open).
PRACTITIONER_OPEN = ("practice.", "auth.", "library.", "pwa.")
PRACTITIONER_OPEN_ENDPOINTS = {"sync.session_state", "static"}


def gate():
    """Before each request: who is a practitioner, and which pages each kind of account may open."""
    g.practitioner = None
    user, endpoint = g.get("user"), request.endpoint
    if user is None or endpoint is None or endpoint == "static":
        return None
    # Read with the session, in its statement (DeviceSession.by_hash): no page pays one for it.
    g.practitioner = g.device_session.practitioner
    if g.practitioner is None:
        return abort(404) if endpoint.startswith("practice.") else None
    if request.headers.get("X-Warm"):
        # The service worker keeping pages in the background (static/sw.js): nobody is looking,
        # so nothing of anyone's is sent and no look is recorded. (A practitioner's pages are
        # never kept on the device; app.js does not ask for them.)
        return "", 204, {"Cache-Control": "no-store"}
    if endpoint.startswith(PRACTITIONER_OPEN) or endpoint in PRACTITIONER_OPEN_ENDPOINTS \
            or is_public(endpoint):
        return None
    if request.method == "GET" and request.accept_mimetypes.best != "application/json":
        return redirect(url_for("practice.caseload"))
    return abort(404)


def linked(link_id):
    """(link, person) for the signed-in practitioner's own open link `link_id`; 404 for a link that
    is not theirs or does not exist, 410 (and no data) once the person has ended it."""
    found = CareLink.open_with_person(g.practitioner, link_id)
    if found is None:
        abort(404)
    if found[0].ended_at is not None:
        raise LinkEnded(found[0])
    return found


def look(person, what):
    """Record one look the person will see, for a response that shows their data: called where
    the page is drawn (or the file made), so every such response records exactly one, whatever
    the status (a refused form shows the data again), and nothing else records any."""
    CareLook.record(person, g.practitioner, what)


class LinkEnded(Exception):
    """A page about someone whose link has ended: 410, saying so, and nothing of theirs."""

    def __init__(self, link):
        super().__init__(link.id)
        self.link = link


def ended_page(error):
    link = error.link
    return render_template("practice/ended.html", link=link,
                           ended_by_them=link.ended_by == "person"), 410


def names(language="en"):
    return current_app.extensions["content"].exercise_names(language)


@bp.get("/")
def caseload():
    """The practitioner's linked people, most in need of attention first: cards on a phone, a
    table at a desk, which sorts by any column (?sort=name, ?sort=-name; no JavaScript needed).
    Kept whole (webapp/pagecache.py) against every person's figures' key: their row as read now,
    data_version included, their local day and their last visit; the look is recorded every time."""
    practitioner = g.practitioner
    rows = CareLink.caseload_rows(practitioner)
    kept = reading.facts_for_all(rows, names(), current_app.extensions["program"],
                                 current_app.extensions["caseload_cache"])
    CareLook.record_many([row[2] for row in rows], practitioner, N_("summary in their caseload"), utcnow())

    def draw():
        drawn = {id(k.facts): k.drawn for k in kept}
        entries = caseload_rules.order([k.facts for k in kept])
        column, descending = caseload_rules.parse_sort(request.args.get("sort"))
        code = language()       # a person may be linked to practitioners who read different languages
        _draw([(e, drawn[id(e.facts)]) for e in entries if ("card", code) not in drawn[id(e.facts)]], code)
        return render_template(
            "practice/caseload.html", practitioner=practitioner, count=len(entries),
            cards=[drawn[id(e.facts)][("card", code)] for e in entries],
            rows=[drawn[id(e.facts)][("row", code)] for e in caseload_rules.sort(entries, column, descending)],
            sort_column=column, descending=descending, sorts=caseload_rules.SORTS), []
    html = pagecache.serve(draw, args=("sort",), extra=(row_of(practitioner), tuple(k.key for k in kept)))
    # Never kept on the device, not even by the service worker: a link ended is gone from here too.
    return html, 200, {"Cache-Control": "no-store"}


CUT = "<!--caseload part-->"     # escaped text never holds it, and the two parts do not either


def _draw(missing, code):
    """Each person's card and table row in language `code`, drawn once per change of their Facts
    and kept with them: everyone whose Facts changed in one render (200 people after a day's
    check-ins), straight from the Jinja environment: render_template would run every context
    processor, and these parts use only what is passed here. Words every row shares (the groups,
    the tiers, the signs' names, "today" and the dates) are said once per render, not once a row:
    for 200 people that was most of the drawing."""
    if not missing:
        return
    said = {}

    def when(day, today):
        """day_words in the reader's language, with a capital, said once per day in this render."""
        if (day, today) not in said:
            words = tr(caseload_rules.day_words(day, today))
            said[day, today] = words[:1].upper() + words[1:], words
        return said[day, today]

    sentinel = 987654321           # a number the URL holds nowhere else: each row's link id goes there
    href = url_for("practice.person.show", link_id=sentinel).split(str(sentinel))
    with one_catalogue():
        html = current_app.jinja_env.get_template("practice/_caseload_parts.html").render(
            entries=[e for e, _kept in missing], cut=Markup(CUT), names=names(code), spark=trend.svg, when=when,
            href=lambda link_id: f"{href[0]}{link_id}{href[1]}",
            groups={k: gettext(v) for k, v in GROUP_WORDS.items()},
            tier_words={k: gettext(v) for k, v in caseload_rules.SIGN_TIER_WORDS.items()},
            headlines={sign: gettext(flag.headline) for sign, flag in FLAGS.items()})
    parts = html.split(CUT)
    for n, (_e, kept) in enumerate(missing):
        kept[("card", code)], kept[("row", code)] = Markup(parts[2 * n]), Markup(parts[2 * n + 1])


GROUP_WORDS = {"warning": N_("Warning sign"), "spread": N_("Spread down the leg"), "rising": N_("Leg pain rising"),
               "silent": N_("No recent check-ins"), "steady": N_("Steady")}
