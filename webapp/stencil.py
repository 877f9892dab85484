"""A page kept as a stencil: drawn once, with its CSRF token and every new record id replaced by a
mark, and filled in afresh for each response, so two responses never share a record id (two ticks
from two tabs count twice) and each carries its own token. Kept pages (pagecache.py) and Today's
parts (program/daycache.py) are stencils. No Flask.

A stencil is Markup, so a smaller one can be drawn into a larger page and keep its marks; the
larger is then made a stencil in turn. A whole page is kept as a `Page`: split at its marks and
encoded once, so each response only joins the pieces (a 55 kB page is neither searched nor encoded
again per response).
"""
import os

from markupsafe import Markup

# Escaped text can never contain these, so nothing a person or practitioner wrote can fake them.
RECORD_MARK, CSRF_MARK = "<!--record id-->", "<!--csrf token-->"
_RECORD, _CSRF = object(), object()        # the marks' places among the pieces


class Page:
    """A stencil kept to be filled: its pieces as UTF-8 and nothing else (the text beside them
    would double what a kept page costs in memory)."""

    __slots__ = ("pieces", "records", "size")

    def __init__(self, stencil):
        self.pieces = _pieces(str(stencil))
        self.records = self.pieces.count(_RECORD)
        self.size = sum(len(p) for p in self.pieces if isinstance(p, bytes))

    def fill(self, csrf):
        """The page with `csrf` at each token mark and a new record id at each record mark, as
        UTF-8 bytes ready to send: the pieces are encoded once, since a 55 kB page with a single
        character beyond ASCII took some 40 µs to encode on every response."""
        token, ids = csrf.encode(), iter(new_ids(self.records))
        return b"".join([token if p is _CSRF else next(ids) if p is _RECORD else p for p in self.pieces])

    def __eq__(self, other):
        """The same pieces as another Page or a stencil's text (STENCIL_CHECK compares them)."""
        if isinstance(other, Page):
            return self.pieces == other.pieces
        return isinstance(other, str) and self.pieces == _pieces(other)

    __hash__ = None


def stencil_of(html, record_ids, csrf):
    """`html` with each of `record_ids` and the CSRF token replaced by a mark (Markup, to draw
    into a larger page)."""
    html = str(html)
    for record_id in record_ids:
        html = html.replace(record_id, RECORD_MARK)
    return Markup(html.replace(csrf, CSRF_MARK) if csrf else html)


def keep(html, record_ids, csrf):
    """The Page for `html` (stencil_of's arguments): to keep, or to fill once."""
    return Page(stencil_of(html, record_ids, csrf))


def new_ids(count):
    """`count` random (version 4) UUIDs as UTF-8 text, from one read of the system's randomness:
    uuid.uuid4 reads it once per id and builds a UUID object to print (Today has a dozen ids)."""
    raw = bytearray(os.urandom(16 * count))
    out = []
    for at in range(0, 16 * count, 16):
        raw[at + 6] = raw[at + 6] & 0x0F | 0x40         # version 4
        raw[at + 8] = raw[at + 8] & 0x3F | 0x80         # the RFC 4122 variant
        h = raw[at:at + 16].hex()
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}".encode())
    return out


def _pieces(text):
    """The text between the marks (UTF-8), with a placeholder object where each mark was."""
    pieces = []
    for n, part in enumerate(text.split(CSRF_MARK)):
        if n:
            pieces.append(_CSRF)
        for m, piece in enumerate(part.split(RECORD_MARK)):
            if m:
                pieces.append(_RECORD)
            if piece:
                pieces.append(piece.encode())
    return tuple(pieces)
