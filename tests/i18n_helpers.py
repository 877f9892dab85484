"""Catalogues made in the test session: every marked string extracted from the code as it is now
(as `make messages` does), a pseudo-locale (en_XA: each string in ⟦brackets⟧ with accented
letters, so any text that skipped the catalogue shows up plain), and a page's visible text."""
import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"messages": {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "Said": None, "_l": None, "lazy_gettext": None,
                         "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2)},
            "js": {"t": None, "nt": (1, 2)}}
CONFIG = {"messages": "babel.cfg", "js": "babel-js.cfg"}
PSEUDO = "en_XA"
ACCENTS = str.maketrans("aeiouycnsgAEIOUYCNSG", "áéíóúýçñşĝÁÉÍÓÚÝÇÑŞĜ")
KEEP = re.compile(r"%\(\w+\)[sd]|%%|<[^>]+>|&\w+;|\{\w+\}")


def extract(domain):
    """{msgid (or (singular, plural)): set of places} of every marked string in the code now."""
    with open(ROOT / CONFIG[domain]) as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS[domain],
            comment_tags=("Translators:",), strip_comment_tags=True):
        found.setdefault(message, set()).add(f"{filename}:{lineno}")
    return found


def pseudo(text):
    """⟦Ţéxţ⟧: letters accented, placeholders, tags and entities kept as they are."""
    out, cursor = [], 0
    for match in KEEP.finditer(text):
        out.append(text[cursor:match.start()].translate(ACCENTS))
        out.append(match.group(0))
        cursor = match.end()
    out.append(text[cursor:].translate(ACCENTS))
    return "⟦" + "".join(out) + "⟧"


def write_pseudo_catalogues(directory):
    """translations for PSEUDO under `directory`, for every string extracted now."""
    for domain in ("messages", "js"):
        catalogue = Catalog(locale="en", domain=domain)
        for message in extract(domain):
            string = tuple(pseudo(m) for m in message) if isinstance(message, tuple) else pseudo(message)
            catalogue.add(message, string)
        folder = Path(directory) / PSEUDO / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / f"{domain}.po", "wb") as handle:
            write_po(handle, catalogue)
    return directory


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPOKEN = ("aria-label", "alt", "placeholder", "title")


class VisibleText(HTMLParser):
    """The text a person sees or hears, with the element each piece sits in; pieces inside an
    element marked translate="no", in another language (lang), or matched by `skip` are left out."""

    def __init__(self, page_lang, skip):
        super().__init__(convert_charrefs=True)
        self.page_lang, self.skip, self.stack, self.pieces = page_lang, skip, [], []

    def _skipped(self):
        return any(s for _, s in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = (attrs.get("translate") == "no" or tag in ("script", "style", "svg", "template")
                   or (attrs.get("lang") not in (None, self.page_lang) and tag != "html")
                   or any(rule(tag, attrs) for rule in self.skip))
        if not skipped and not self._skipped():
            for name in SPOKEN:
                if attrs.get(name) and not (tag == "input" and attrs.get("type") == "hidden"):
                    self.pieces.append((f"<{tag} {name}>", attrs[name]))
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if data.strip() and not self._skipped():
            where = self.stack[-1][0] if self.stack else "?"
            self.pieces.append((where, data))


def untranslated(html, allowed=(), skip=()):
    """The visible pieces with words outside ⟦...⟧ (after the allowed words are taken out)."""
    page_lang = re.search(r'<html lang="([^"]+)"', html).group(1)
    parser = VisibleText(page_lang, skip)
    parser.feed(html)
    joined, out = [], []
    for where, text in parser.pieces:
        joined.append((where, text))
    # A translated string may be split by tags: ⟦ opened in one piece, closed in a later one.
    depth = 0
    for where, text in joined:
        rest = []
        for ch in text:
            if ch == "⟦":
                depth += 1
            elif ch == "⟧":
                depth = max(0, depth - 1)
            elif depth == 0:
                rest.append(ch)
            else:
                rest.append(" ")
        left = "".join(rest)
        for word in sorted(allowed, key=len, reverse=True):
            left = left.replace(word, " ")
        if re.search(r"[A-Za-z]{2,}", left):
            out.append(f"{where}: {' '.join(text.split())[:120]}")
    return out

