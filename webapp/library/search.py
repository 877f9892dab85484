"""Library search: a small in-memory index over the articles, built once. No Flask here.

Every word must match (case-insensitive, accents folded: "ciatica" finds "ciática" and "ciática"
finds "ciatica", anywhere in the title, summary or body). Results rank by
title hits, then summary hits, then how often the body mentions the words, then reading order.
"""
import re
import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape

MAX_QUERY = 100
SNIPPET_BEFORE = 60
SNIPPET_LENGTH = 180
# Quotes and brackets around a word are not part of it ("sitting", (walking) -> sitting, walking).
EDGE_PUNCTUATION = "\"'“”‘’`.,;:!?()[]{}<>*%_~^$#@|\\/+=&-"
APOSTROPHES = "'’"
# A letter typed with or without its accent matches every accented form of it (the offline search
# in static/js/library.js gets the same table). The text is matched as written, so highlights fit.
FOLDS = {"a": "aáàâäãå", "c": "cç", "e": "eéèêë", "i": "iíìîï", "n": "nñ", "o": "oóòôöõ",
         "u": "uúùûü", "y": "yýÿ"}


@dataclass(frozen=True)
class Hit:
    article: object
    title: Markup
    summary: Markup
    snippet: Markup | None


def clean_query(raw):
    """The query as searched: at most MAX_QUERY characters, whitespace collapsed."""
    return " ".join((raw or "")[:MAX_QUERY].split())


def query_words(query):
    """The words to look for, without surrounding punctuation and without repeats."""
    words = []
    for piece in query.split():
        word = piece.strip(EDGE_PUNCTUATION)
        if word and _plain(word) not in (_plain(w) for w in words):
            words.append(word)
    return words


def base_letter(ch):
    """The letter without its accent, lower case ("Á" -> "a")."""
    return unicodedata.normalize("NFD", ch)[0].lower()


def _part(ch):
    # Either apostrophe matches both, so "don't" finds the articles' "don’t".
    if ch in APOSTROPHES:
        return "['’]"
    folded = FOLDS.get(base_letter(ch))
    return f"[{folded}]" if folded else re.escape(ch)


def _plain(word):
    return "".join(base_letter(ch) for ch in word)


def _pattern(word):
    return re.compile("".join(_part(ch) for ch in unicodedata.normalize("NFC", word)), re.IGNORECASE)


def highlight(text, patterns):
    """Escape the text and wrap every match in <mark>.

    Matches are found on the raw text and each piece is escaped on its own, so a query can never
    match inside an entity such as &amp; nor inject markup.
    """
    spans = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text) if m.end() > m.start())
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        out.append(escape(text[cursor:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        cursor = end
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


def snippet(body, patterns):
    """A short passage around the first body match, highlighted, or None when the body has none."""
    first = min((m.start() for p in patterns if (m := p.search(body))), default=None)
    if first is None:
        return None
    start = max(0, first - SNIPPET_BEFORE)
    if start:
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(body), start + SNIPPET_LENGTH)
    if end < len(body):
        space = body.rfind(" ", first, end)
        end = space if space > first else end
    passage = highlight(body[start:end], patterns)
    return Markup("%s%s%s") % ("… " if start else "", passage, " …" if end < len(body) else "")


def _passage(text):
    """The article's lines (headings, paragraphs, list items) as one line for snippets.

    A line without end punctuation is set off with a middle dot, so a heading or list item
    does not run into the next sentence.
    """
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return "".join(line + (" " if line[-1] in ".!?:;…" else " · ") for line in lines).rstrip(" ·")


class SearchIndex:
    """The articles' searchable text, prepared once at start-up."""

    def __init__(self, articles):
        self.entries = [(a, _passage(a.text)) for a in articles]

    def offline_copy(self, suggestions, first=3):
        """What static/js/library.js searches when there is no network: the same text this index
        searches, in reading order, and what the results page offers when nothing is found.
        JSON-ready; the page turns a slug into a link."""
        entries = sorted(self.entries, key=lambda entry: entry[0].order)
        return {
            "articles": [{"slug": a.slug, "title": a.title, "summary": a.summary, "body": body,
                          "order": a.order, "minutes": a.reading_minutes} for a, body in entries],
            "suggestions": list(suggestions),
            "first": [a.slug for a, _ in entries[:first]],
            "limits": {"query": MAX_QUERY, "before": SNIPPET_BEFORE, "length": SNIPPET_LENGTH,
                       "edges": EDGE_PUNCTUATION, "apostrophes": APOSTROPHES, "folds": FOLDS},
        }

    def search(self, query):
        """Articles that contain every word of the query, best first, as highlighted hits."""
        words = query_words(clean_query(query))
        if not words:
            return []
        patterns = [_pattern(w) for w in words]
        ranked = []
        for article, body in self.entries:
            in_title = sum(1 for p in patterns if p.search(article.title))
            in_summary = sum(1 for p in patterns if p.search(article.summary))
            body_counts = [len(p.findall(body)) for p in patterns]
            found = all(p.search(article.title) or p.search(article.summary) or n
                        for p, n in zip(patterns, body_counts))
            if found:
                ranked.append(((-in_title, -in_summary, -sum(body_counts), article.order),
                               article, body))
        ranked.sort(key=lambda item: item[0])
        return [Hit(article, highlight(article.title, patterns), highlight(article.summary, patterns),
                    snippet(body, patterns))
                for _, article, body in ranked]
