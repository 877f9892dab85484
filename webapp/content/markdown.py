"""Markdown to HTML for content files, with raw HTML escaped, never passed through. No Flask here."""
import math
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin

WORDS_PER_MINUTE = 200

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).use(
    anchors_plugin, min_level=2, max_level=3, permalink=False)


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


def render_markdown(text):
    """Markdown to HTML with raw HTML escaped; returns the HTML, its headings and plain text."""
    tokens = _markdown.parse(text)
    headings, plain = [], []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(Heading(int(token.tag[1]), token.attrGet("id") or "", tokens[i + 1].content))
        if token.type == "inline":
            plain.append("".join(" " if c.type in ("softbreak", "hardbreak") else c.content
                                 for c in token.children or ()
                                 if c.type in ("text", "code_inline", "softbreak", "hardbreak")))
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    return Markup(html), tuple(headings), "\n".join(plain)


def count_words(text):
    return len(re.findall(r"[A-Za-z0-9'’-]+", text))


def reading_minutes(words):
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
