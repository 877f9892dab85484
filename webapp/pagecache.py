"""Signed-in pages kept until what they show changes: the log, history, program, exercise, library,
article, warning-signs and report pages, a practitioner's caseload and their page about a person
(Today keeps its own: program/daycache.py). Drawing one of these costs several milliseconds; a
kept one costs a key.

A page is kept per signed-in account and address against a key: the row of the person it is about
as read at the start of the request (their settings, country, and data_version, which the database
itself moves on, in the same transaction, at every change to the rows these pages show: migrations
0008, 0010 and 0019), their local day, the signed-in account's own row, the host, the kind of
account, the emergency numbers' country (safety registers it: `keyed_on`) and whatever else the
view names. So a change made through any server, or straight in the database, gives a new key at
once, and a kept page is never older than its data. A page is drawn for the request alone, never
kept, when the request brings something of its own: a message to show once, a query string the
view does not name, a session just ended, an htmx fragment, anything but GET.

What is kept is a stencil (stencil.py): the page with its CSRF token and every new record id replaced
by marks, which each response fills in afresh, so two pages never share a record id. With STENCIL_CHECK (every
test) each kept page is compared with a freshly drawn one and a difference is an error: a key that
misses something the page shows fails the suite. Entries live in the process: an LRU bounded by
its bytes; losing one costs one drawing.
"""
import threading
from collections import OrderedDict

from flask import current_app, g, request
from flask import session as cookie_session

from .csrf import csrf_token
from .htmx import is_fragment_request
from .models.base import row_of
from .models.people import local_now_in
from .stencil import keep, stencil_of

BUDGET_BYTES = 48 * 1024 * 1024     # per process; a page is 15 to 60 kB


def keyed_on(app, part):
    """Register `part()`, something every page shows that is not in the person's row (the
    emergency numbers' country, from the browser's languages when the person chose none)."""
    app.extensions["kept_pages"].parts.append(part)


def serve(draw, about=None, args=(), extra=()):
    """The page `draw()` makes: (html, [the new record ids in it]). Kept for the signed-in account
    at this address against the key (module docstring), `about` being the person the page shows
    (default: the signed-in one), `args` the query parameters the view reads (any other makes the
    page the request's own) and `extra` whatever else it shows that their row does not cover."""
    csrf = csrf_token()
    pages = current_app.extensions["kept_pages"]
    key = _key(about or g.user, args, extra, pages.parts)
    if key is None:
        return keep(*draw(), csrf).fill(csrf)
    slot = (g.user.id, request.path)
    page = pages.get(slot, key)
    if page is None:
        page = keep(*draw(), csrf)
        pages.put(slot, key, page)
    elif current_app.config.get("STENCIL_CHECK") and page != stencil_of(*draw(), csrf):
        raise AssertionError(f"the kept page {request.path} differs from a fresh one: its key misses "
                             "something it shows")
    return page.fill(csrf)


def _key(person, args, extra, parts):
    # The request and g once each: every use of Flask's proxies looks them up again (a dozen here).
    req, here = request._get_current_object(), g._get_current_object()
    user = here.get("user")
    if (req.method != "GET" or user is None or person is None or is_fragment_request()
            or "_flashes" in cookie_session or here.get("session_ended") or set(req.args) - set(args)):
        return None
    practitioner = here.get("practitioner") is not None
    # A practitioner's account never checks in (their pages have no log and no sync), so without a
    # time zone its day is UTC's: asking for its newest check-in's offset was a statement per page.
    day = local_now_in(person.timezone, 0).date() if practitioner and person is user else person.local_today()
    # The host as scheme, host and root: request.host_url builds an IRI on every call.
    return (req.scheme, req.host, req.root_path, req.endpoint, tuple(sorted(req.args.items(multi=True))),
            row_of(user), row_of(person) if person is not user else None, day, practitioner,
            tuple(part() for part in parts), extra)


class KeptPages:
    """A thread-safe LRU of kept pages (stencil.Page), one per slot (account, address), bounded by
    their bytes."""

    def __init__(self, budget=BUDGET_BYTES):
        self.budget, self.size = budget, 0
        self._entries = OrderedDict()       # slot -> (key, Page)
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        self.parts = []                     # keyed_on

    def get(self, slot, key):
        with self._lock:
            found = self._entries.get(slot)
            if found is not None and found[0] == key:
                self._entries.move_to_end(slot)
                self.hits += 1
                return found[1]
            self.misses += 1
            return None

    def put(self, slot, key, page):
        with self._lock:
            old = self._entries.pop(slot, None)
            if old is not None:
                self.size -= old[1].size
            self._entries[slot] = (key, page)
            self.size += page.size
            while self.size > self.budget and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.size -= dropped.size

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.size = 0


def init_app(app):
    app.extensions["kept_pages"] = KeptPages()
