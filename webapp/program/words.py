"""Days and numbers in the words the stage engine's reasons use ("yesterday", "on 3 Nov", "3.4",
"2 days"). Plain functions, no Flask: the words are marked (N_, Said) and said in the reader's
language where they are drawn."""
import datetime as dt

from markupsafe import Markup

from ..content.placeholders import line
from ..translatable import N_, Dated, Said


def day_words(day, today):
    if day == today:
        return N_("today")
    if day == today - dt.timedelta(days=1):
        return N_("yesterday")
    return Dated(day, short=True)


def on_day(day, today):
    """ "today", "yesterday" or "on 3 Nov", to follow a verb."""
    words = day_words(day, today)
    return words if words in ("today", "yesterday") else Said("on %(date)s", date=day)


def num(value):
    """3.4 stays 3.4, 5.0 becomes 5."""
    return f"{value:.1f}".removesuffix(".0")


def plural(n, word):
    """A count with its word, as one message (the word's plural follows the language's rules)."""
    if word == "day":
        return Said.ngettext("%(num)d day", "%(num)d days", n)
    if word == "week":
        return Said.ngettext("%(num)d week", "%(num)d weeks", n)
    if word == "logged day":
        return Said.ngettext("%(num)d logged day", "%(num)d logged days", n)
    return Said.ngettext("%(num)d exercise", "%(num)d exercises", n)


class SaidLine(Markup):
    """A Said whose text has {{placeholders}} (the person's doctor, hospital, number): Markup with
    the empty spans `|filled` fills (content/placeholders.line), in English or, said, in any
    language."""

    def __new__(cls, msgid, **values):
        english = Said(msgid, **values)
        self = super().__new__(cls, line(str(english)))
        self.msgid, self.plural, self.values, self.capital = msgid, None, values, False
        self.placeheld = True
        return self
