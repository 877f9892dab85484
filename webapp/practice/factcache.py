"""The caseload's facts about each linked person, kept in the process until what they come from
changes: the link's row and the person's row as read with the caseload's one query (their
data_version moves, in the same transaction, at every change to the records the facts are made
from: check-ins, ticks, warning-sign answers and corrections, stage changes, visits; migrations
0008, 0010 and 0019), and their local day, counted in the time zone found when it was made. A caseload of 200 then costs one query and the changed
people's queries, not about a thousand. Losing an entry costs one person's queries."""
import threading
from collections import OrderedDict

MOST = 20_000       # people kept per process; a Facts is well under a kilobyte


class KeptFacts:
    """A thread-safe LRU of (key, (time zone, Facts)) per care link."""

    def __init__(self, most=MOST):
        self.most = most
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, link_id, key):
        with self._lock:
            found = self._entries.get(link_id)
            if found is None or found[0] != key:
                return None
            self._entries.move_to_end(link_id)
            return found[1]

    def put(self, link_id, key, facts):
        with self._lock:
            self._entries[link_id] = (key, facts)
            self._entries.move_to_end(link_id)
            while len(self._entries) > self.most:
                self._entries.popitem(last=False)


def key_of(link):
    """What a person's facts are kept against: the link's and the person's rows (the caller checks
    the day: a kept Facts says which day it was made for)."""
    return tuple(sorted(link.__data__.items())), tuple(sorted(link.user.__data__.items()))
