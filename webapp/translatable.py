"""N_(): marks a string in a module without Flask (a rule, a label table) for the catalogue
(`make messages` extracts it). It returns the English unchanged: the page that draws the string
translates it then, with gettext, in the reader's language."""


def N_(text):
    return text


class Said(str):
    """A sentence a rule module builds with values: the English itself (a str, so rules and
    tests read and compare it as before) that keeps its message and values, so the page that
    draws it can say it in the reader's language (webapp/i18n/said.py). `Said.many` is a plural:
    the message for `num` by the language's plural rules."""

    def __new__(cls, msgid, **values):
        self = super().__new__(cls, msgid % _english(values) if values else msgid)
        self.msgid, self.plural, self.values, self.capital = msgid, None, values, False
        return self

    @classmethod
    def capitalized(cls, text):
        """`text` (a Said or a marked string) with its first letter a capital, in any language."""
        inner = text if isinstance(text, Said) else cls(text)
        self = str.__new__(cls, str(inner)[:1].upper() + str(inner)[1:])
        self.msgid, self.plural, self.values, self.capital = inner.msgid, inner.plural, inner.values, True
        return self

    @classmethod
    def many(cls, singular, plural, num, **values):
        values = {"num": num, **values}
        self = str.__new__(cls, (singular if num == 1 else plural) % _english(values))
        self.msgid, self.plural, self.values, self.capital = singular, plural, values, False
        return self


def _english(values):
    # A date in a sentence is the day and the short month ("3 Nov"), as the English always said it.
    return {k: f"{v.day} {v:%b}" if hasattr(v, "isoformat") and not isinstance(v, str) else v
            for k, v in values.items()}
