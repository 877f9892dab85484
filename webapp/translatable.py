"""N_(): marks a string in a module without Flask (a rule, a label table) for the catalogue
(`make messages` extracts it). It returns the English unchanged: the page that draws the string
translates it then, with gettext, in the reader's language."""


def N_(text):
    return text


class Text(str):
    """A marked message with its values, for a rule module: it reads as the English with the values
    filled in (so logs and English tests see plain text), and keeps the message and values so the
    page can translate it where it is drawn (`tr` in templates, `translated()` in Python)."""

    def __new__(cls, message, **values):
        self = super().__new__(cls, message % values if values else message)
        self.message, self.values = message, values
        return self


class DateText(str):
    """A date in words: reads as the English ("2 Nov"); keeps the date and a Babel pattern
    ("d MMM"), so the page writes it in the reader's language."""

    def __new__(cls, day, english, pattern):
        self = super().__new__(cls, english)
        self.date, self.pattern = day, pattern
        return self


class Name(str):
    """Content's name for something (an exercise): reads as the English; `key` (the slug) finds
    its name in the reader's language where drawn."""

    def __new__(cls, key, english):
        self = super().__new__(cls, english)
        self.key = key
        return self


class Joined(str):
    """Several messages read as one line ("A · B"), each translated on its own where drawn."""

    def __new__(cls, parts, separator=" · "):
        self = super().__new__(cls, separator.join(parts))
        self.parts, self.separator = tuple(parts), separator
        return self


def translated(text, gettext, format_date=None, names=None):
    """`text` (a Text, Joined, DateText, Name, Own, or a plain string marked with N_) in the reader's
    language, through `gettext`, `format_date(day, pattern)` for dates and `names` {key: name}."""
    if text is None:
        return None
    if isinstance(text, Own):           # someone's own words: never looked up in the catalogue
        return str(text)
    if isinstance(text, Name):
        return (names or {}).get(text.key, str(text))
    if isinstance(text, Joined):
        return text.separator.join(translated(p, gettext, format_date, names) for p in text.parts)
    if isinstance(text, DateText):
        return format_date(text.date, text.pattern) if format_date else str(text)
    if isinstance(text, Text):
        if not text.values:
            return gettext(text.message)
        values = {k: translated(v, gettext, format_date, names) if isinstance(v, (Text, DateText, Joined, Name))
                  else v for k, v in text.values.items()}
        return gettext(text.message) % values
    return gettext(text)


def marked(text):
    """`text` as a Text: a message from another module (marked there with N_) is looked up in the
    catalogue when drawn; one already a Text keeps its values."""
    return text if isinstance(text, Text) or text is None else Text(text)


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
