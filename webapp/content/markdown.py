"""Markdown to HTML for content files, with raw HTML escaped, never passed through. No Flask here."""
import math
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin

from .placeholders import NAMES, PLACEHOLDER, span

WORDS_PER_MINUTE = 200
# Tokens whose words are the plain text (a placeholder's are its neutral words).
PLAIN = ("text", "code_inline", "softbreak", "hardbreak", "country_field")


def _country_field(state, silent):
    """{{number}} and the other placeholders (placeholders.py): a span the page fills when drawn."""
    match = PLACEHOLDER.match(state.src, state.pos) if state.src.startswith("{{", state.pos) else None
    if match is None or match[1] not in NAMES:
        return False
    if not silent:
        token = state.push("country_field", "", 0)
        token.meta = {"name": match[1]}
        token.content = NAMES[match[1]]          # plain text: the neutral words
    state.pos = match.end()
    return True


_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).use(
    anchors_plugin, min_level=2, max_level=3, permalink=False)
_markdown.inline.ruler.after("text", "country_field", _country_field)
_markdown.add_render_rule("country_field",
                          lambda self, tokens, idx, options, env: span(tokens[idx].meta["name"]))


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


def render_markdown(text):
    """Markdown to HTML with raw HTML escaped; returns the HTML, its headings and plain text.
    Placeholders (checked first with placeholders.check) become spans to fill when drawn."""
    tokens = _markdown.parse(text)
    headings, plain = [], []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(Heading(int(token.tag[1]), token.attrGet("id") or "", tokens[i + 1].content))
        if token.type == "inline":
            plain.append("".join(" " if c.type in ("softbreak", "hardbreak") else c.content
                                 for c in token.children or () if c.type in PLAIN))
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    return Markup(html), tuple(headings), "\n".join(plain)


def count_words(text):
    return len(re.findall(r"[A-Za-z0-9'’-]+", text))


def reading_minutes(words):
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
