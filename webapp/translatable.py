"""N_(): marks a string in a module without Flask (a rule, a label table) for the catalogue
(`make messages` extracts it). It returns the English unchanged: the page that draws the string
translates it then, with gettext, in the reader's language."""


def N_(text):
    return text
