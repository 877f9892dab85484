"""N_(): marks a string in a module without Flask (a rule, a label table) for the catalogue
(`make messages` extracts it). It returns the English unchanged: the page that draws the string
translates it then, with gettext, in the reader's language."""


def N_(text):
    return text


class Filled(str):
    """A message with values, for a module without Flask: the English text filled in (so it reads
    and compares as the English), remembering the message and its values, so the page that draws
    it translates the message, then fills it (webapp/i18n/drawn.py). Mark the message with N_:
    `Filled(N_("Keep this under %(limit)s characters."), limit=500)`."""

    def __new__(cls, message, **values):
        self = super().__new__(cls, message % values)
        self.message, self.values = message, values
        return self
