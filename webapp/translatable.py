"""N_(): marks a string in a module without Flask (a rule, a label table) for the catalogue
(`make messages` extracts it). It returns the English unchanged: the page that draws the string
translates it then, with gettext, in the reader's language."""


def N_(text):
    return text


class Said(str):
    """A sentence a rule module builds with values: the English itself (a str, so rules and
    tests read and compare it as before) that keeps its message and values, so the page that
    draws it can say it in the reader's language (webapp/i18n/said.py). `Said.ngettext` is a plural:
    the message for `num` by the language's plural rules."""

    def __new__(cls, msgid, **values):
        self = super().__new__(cls, msgid % _english(values) if values else msgid)
        self.msgid, self.plural, self.values, self.capital = msgid, None, values, False
        return self

    @classmethod
    def listed(cls, parts, joined=None):
        """ "8 today, 7 yesterday and 8 on 3 Nov": the parts as a list, joined as the reader's
        language joins one (Babel); `joined(parts)` makes the English when it differs."""
        english = joined(parts) if joined else (
            parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1])
        self = str.__new__(cls, english)
        self.msgid, self.plural, self.values, self.capital = None, None, {}, False
        self.parts, self.sep = tuple(parts), None
        return self

    @classmethod
    def sentences(cls, parts, sep=" "):
        """Sentences (or other parts) one after the other, each said in turn."""
        self = cls.listed(parts, joined=sep.join)
        self.sep = sep
        return self

    @classmethod
    def capitalized(cls, text):
        """`text` (a Said or a marked string) with its first letter a capital, in any language."""
        inner = text if isinstance(text, Said) else cls(text)
        self = str.__new__(cls, str(inner)[:1].upper() + str(inner)[1:])
        self.msgid, self.plural, self.values, self.capital = inner.msgid, inner.plural, inner.values, True
        return self

    @classmethod
    def ngettext(cls, singular, plural, num, **values):
        values = {"num": num, **values}
        self = str.__new__(cls, (singular if num == 1 else plural) % _english(values))
        self.msgid, self.plural, self.values, self.capital = singular, plural, values, False
        return self


def _english(values):
    # A date in a sentence is the day and the short month ("3 Nov"), as the English always said it.
    return {k: f"{v.day} {v:%b}" if hasattr(v, "isoformat") and not isinstance(v, str) else v
            for k, v in values.items()}


class Own(str):
    """Someone's own words inside a sentence (a name, a practitioner's reason): said as written,
    never looked up in a catalogue."""

    def __new__(cls, text):
        return super().__new__(cls, text or "")


class Dated(str):
    """A date inside a sentence: "3 Nov 2026" (or, `short`, "3 Nov") in English, as the reader's
    language writes it when said (Babel's medium date, or its day and short month)."""

    def __new__(cls, date, short=False):
        self = super().__new__(cls, f"{date.day} {date:%b}" if short else f"{date.day} {date:%b %Y}")
        self.date, self.short = date, short
        return self
