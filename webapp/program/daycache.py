"""Today's suggestion and day plan, worked out once per change of their inputs, not per request.

An entry is kept per person against the key `key_of` makes: the person's row as read at the
start of the request (their stage, pattern, time zone, settings and `data_version`, which the
database moves on at every change to the rows the plan is made from: migration 0008) and their
local day. So a check-in, a tick, a warning-sign answer, a stage change or a practitioner's
change, made by this server or any other sharing the database, and the start of a new local day,
each give a new key at once: an entry is never older than the data it stands for. So an entry
keeps the warning-sign answers Today shows too (the latest one's date, the cards awaiting contact):
every write to the answers or their corrections moves data_version (migrations 0008 and 0010).
Entries live in the process (a bounded LRU); losing one costs one recomputation. No Flask.

An entry keeps what it has drawn as stencils: the rows, the quick check-in and, against a second
key for what else it shows (program/views.py, _page_key), the whole page. Each request fills in
its own CSRF token and a new record id at every form.
"""
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from ..models.base import row_of
from ..stencil import keep, stencil_of

SIZE = 1024      # people; an entry is Today's page (about 55 kB, kept as UTF-8) and its parts: about 70 MB
PAGES_PER_DAY = 1      # a person seldom sees Today two ways in a day (the answers change the Day too)


@dataclass(frozen=True)
class Day:
    """What Today shows that is worked out from the person's records."""

    adjusted: object        # adjustments.Adjustments in effect
    suggestion: object      # engine.Suggestion (under any stage hold)
    dismissed: bool         # the person said "not now" to this suggestion today
    planned: list           # [(session, [dayplan.Row])]
    optional: list          # [dayplan.Row]
    held: dict              # {title: reason} left off Today
    next: object = None     # dayplan.Row: the day's next exercise (drawn on its own, not in `planned`)
    offline: tuple = ()     # (exercise, session) of every exercise in the plan: kept on the phone
    answers: tuple = (None, ())    # RedFlagCheck.today_answers: (latest answer's date, cards awaiting contact)
    stencils: dict = field(default_factory=dict, compare=False)    # parts as drawn, see below
    pages: OrderedDict = field(default_factory=OrderedDict, compare=False)    # whole pages, see page()

    def row_stencils(self, draw, csrf):
        """Today's rows as stencils, ([(session, [html])], [html]): each row is drawn once per Day
        by `draw(row)`, and `fill` gives every page its own CSRF token and a new record id per
        row, so two pages never share one (two ticks from two tabs count twice)."""
        kept = self.stencils.get("rows")
        if kept is None:
            def stencil(row):
                return stencil_of(draw(row), [row.uuid], csrf)
            kept = self.stencils["rows"] = ([(s, [stencil(r) for r in rows]) for s, rows in self.planned],
                                            [stencil(r) for r in self.optional])
        return kept

    def next_stencil(self, draw, csrf):
        """The next exercise's card as a stencil (None when all is done), drawn once per Day."""
        if self.next is None:
            return None
        return self.stencil("next", lambda: (draw(self.next, next=True), [self.next.uuid]), csrf)

    def stencil(self, name, draw, csrf):
        """Another part of Today drawn once per Day, the same way: `draw()` answers (html, [the
        record ids in it]); only the person's row (in the key) may change what it shows."""
        kept = self.stencils.get(name)
        if kept is None:
            kept = self.stencils[name] = stencil_of(*draw(), csrf)
        return kept

    def page(self, key, draw, csrf):
        """The whole page drawn once per Day and `key`, what else it shows (today's warning-sign
        answers, the country, ...): `draw()` answers (html, [record ids]) built from the stencils
        above, so its marks stay in place. PAGES_PER_DAY keys are kept; the oldest goes first."""
        kept = self.pages.get(key)
        if kept is None:
            kept = self.pages[key] = keep(*draw(), csrf)
            while len(self.pages) > PAGES_PER_DAY:
                self.pages.popitem(last=False)
        return kept


def key_of(user, day):
    """The person's row as read (data_version included) and their local day."""
    return (user.id, day, row_of(user))


class DayCache:
    """A bounded, thread-safe LRU of Day entries, one per person (a new key replaces the old)."""

    def __init__(self, size=SIZE):
        self.size = size
        self._entries = OrderedDict()      # user id -> (key, Day)
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, user, day, compute, language=None):
        """The Day for `user` on local `day` in `language` (its rows name the exercises in it),
        from `compute()` when its inputs changed."""
        key = key_of(user, day) + (language,)
        with self._lock:
            found = self._entries.get(user.id)
            if found is not None and found[0] == key:
                self._entries.move_to_end(user.id)
                self.hits += 1
                return found[1]
        value = compute()
        with self._lock:
            self.misses += 1
            self._entries[user.id] = (key, value)
            self._entries.move_to_end(user.id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self):
        with self._lock:
            self._entries.clear()
