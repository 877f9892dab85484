"""The practitioner's side: the caseload, and the gate that keeps the two kinds of account apart.

A practitioner account is not a person's account: it has no Today, log, program or report of its
own (those pages send it to its caseload), and a person's account has no practitioner pages (they
answer 404). A practitioner sees a person only through an open care link the person made: every
page about one person goes through `linked`, which answers 404 for anyone not linked to them
(never 403, which would say they exist), 410 once the person has ended the link, and records the
look. Child blueprints: link (entering a code), person (report, visits, FHIR), changes (program).
"""
from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from markupsafe import Markup

from ..i18n import language
from ..models import CareLink, CareLook, Practitioner, User, utcnow
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
    # Whether an account is a practitioner's is settled at sign-up (both rows in one transaction),
    # so each session asks once and keeps the answer with its server-side data: a person's pages
    # pay no query for it.
    if session.get("practitioner", True):
        g.practitioner = Practitioner.of(user)
        if "practitioner" not in session:
            session["practitioner"] = g.practitioner is not None
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
    link = CareLink.open_for(g.practitioner, link_id)
    if link is None:
        abort(404)
    if link.ended_at is not None:
        raise LinkEnded(link)
    return link, User.get_by_id(link.user_id)


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
    table at a desk, which sorts by any column (?sort=name, ?sort=-name; no JavaScript needed)."""
    practitioner = g.practitioner
    now = utcnow()
    rows = CareLink.caseload_rows(practitioner)
    kept = reading.facts_for_all(rows, names(), current_app.extensions["program"],
                                 current_app.extensions["caseload_cache"])
    drawn = {id(k.facts): k.drawn for k in kept}
    entries = caseload_rules.order([k.facts for k in kept])
    column, descending = caseload_rules.parse_sort(request.args.get("sort"))
    CareLook.record_many([row[2] for row in rows], practitioner, N_("summary in their caseload"), now)
    # Never kept on the device, not even by the service worker: a link ended is gone from here too.
    return render_template(
        "practice/caseload.html", practitioner=practitioner, count=len(entries),
        cards=[_drawn(drawn[id(e.facts)], "card", e) for e in entries],
        rows=[_drawn(drawn[id(e.facts)], "row", e) for e in caseload_rules.sort(entries, column, descending)],
        sort_column=column, descending=descending, sorts=caseload_rules.SORTS), 200, {"Cache-Control": "no-store"}


def _drawn(kept, part, entry):
    """One person's card or table row, drawn once per change of their Facts and kept with them."""
    part = (part, language())         # a person may be linked to practitioners who read different languages
    html = kept.get(part)
    if html is None:
        # Straight from the Jinja environment: render_template would run every context processor
        # for each of 400 parts, and these use only url_for, a global.
        html = kept[part] = Markup(current_app.jinja_env.get_template(f"practice/_caseload_{part[0]}.html").render(
            e=entry, f=entry.facts, groups=GROUP_WORDS, names=names(part[1]),
            tier_words=caseload_rules.SIGN_TIER_WORDS, flags=FLAGS, spark=trend.svg, day_words=caseload_rules.day_words))
    return html


GROUP_WORDS = {"warning": N_("Warning sign"), "spread": N_("Spread down the leg"), "rising": N_("Leg pain rising"),
               "silent": N_("No recent check-ins"), "steady": N_("Steady")}
