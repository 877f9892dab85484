"""The person's emergency numbers in content: placeholders filled when a page is drawn. No Flask here.

Content never names a number or a service. It writes a placeholder in double braces, from NAMES:

    Go to {{hospital}} or call {{number}} now.   ->  Go to A&E or call 999 now   (England)
                                                     Go to the emergency room or call 911 now   (US)

Allowed in Markdown bodies (articles and exercises), in an exercise's cautions and stop_rules, and in
rule texts written in Python (`line`). Everything is checked at start-up: an unknown name, a stray
brace, a placeholder in a heading or at the start of a sentence stops the app, naming the file and
field. A placeholder becomes `<span data-c="name"></span>`: `fill` puts in the words for the
person's country when the page is drawn, and static/js/safety.js swaps them on copies of public
pages kept on the phone for anyone (the same data-c names as templates/safety/_numbers.html).
"""
import re

from markupsafe import Markup, escape

from .fields import ContentError

# The names a placeholder may use (fields of webapp/safety/countries.Country), each with the neutral
# words used where no country applies: search snippets, word counts and the reading-level test.
NAMES = {
    "number": "the emergency number",             # what to call: "999", "911", "112 or 999"
    "hospital": "the emergency department",       # where to go: "A&E", "the emergency room"
    "doctor": "doctor",                           # who to call today: "GP", "doctor"
    "after_hours": "call an out-of-hours doctor",  # a verb phrase: "call NHS 111"
    "crisis": "a crisis helpline",                # in a mental-health crisis: "the Samaritans on 116 123"
}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\n]*?)\s*\}\}")
SPAN = re.compile(r'<span data-c="([a-z_]+)"></span>')
# The words are lower case ("the emergency room"), so a placeholder never starts a sentence.
SENTENCE_START = re.compile(r"(?:^[ \t]*(?:[-*+>]|\d+[.)])?[ \t]*|[.!?][*_]*[ \t]+[*_]*)\{\{", re.MULTILINE)


def check(text, where):
    """Raise ContentError (naming `where`, "<file>: field 'x'") for anything but known placeholders."""
    for match in PLACEHOLDER.finditer(text):
        if match[1] not in NAMES:
            _fail(where, text, match.start(), f"has an unknown placeholder {{{{{match[1]}}}}}; "
                                              f"use one of {', '.join('{{' + n + '}}' for n in NAMES)}")
    without = PLACEHOLDER.sub(lambda m: " " * len(m[0]), text)    # same offsets, for the line number
    stray = re.search(r"[{}]", without)
    if stray:
        _fail(where, text, stray.start(), "has a stray brace: placeholders are written {{number}}")
    start = SENTENCE_START.search(text)
    if start:
        _fail(where, text, start.start(), "starts a sentence with a placeholder; its words are lower "
                                          "case (\"the emergency room\"), so put words before it")
    heading = re.search(r"^[ \t]*#.*\{\{", text, re.MULTILINE)
    if heading:
        _fail(where, text, heading.start(), "has a placeholder in a heading (headings are used where "
                                            "no country applies); keep it in the text")


def _fail(where, text, offset, problem):
    line = text.count("\n", 0, offset) + 1
    raise ContentError(f"{where} {problem} (line {line})" if "\n" in text else f"{where} {problem}")


def line(text, where="rule text"):
    """One line of text with placeholders, checked: Markup with empty spans to fill, or the text
    itself when it has none."""
    check(text, where)
    if not PLACEHOLDER.search(text):
        return text
    return Markup(PLACEHOLDER.sub(lambda m: span(m[1]), str(escape(text))))


def span(name):
    return f'<span data-c="{name}"></span>'


def fill(value, country):
    """`value` with every placeholder span filled from `country` (anything with the NAMES as
    attributes); plain text is escaped. For templates: `{{ text|filled }}`."""
    if not hasattr(value, "__html__"):
        return escape(value)
    return Markup(SPAN.sub(lambda m: f'<span data-c="{m[1]}">{escape(getattr(country, m[1]))}</span>',
                           str(value.__html__())))
