"""Every sentence under content/ and templates/ that names both legs as an emergency says new,
spreading or worsening: stable, checked symptoms in both legs (spinal stenosis) are not one, and
saying so plainly is what stops an honest answer raising the alarm every day."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*(ROOT / "content").rglob("*.md"), *(ROOT / "templates").rglob("*.html")])
BOTH = re.compile(r"\bboth legs\b|\bboth\s+(?:of your\s+)?legs\b|\bto both\b|\bboth\b[^.]{0,30}\blegs\b", re.IGNORECASE)
EMERGENCY = re.compile(r"A&E|\b999\b|emergenc|\bgo now\b|get help now|ambulance|call (?:for|an)", re.IGNORECASE)
QUALIFIED = re.compile(r"\bnew\b|spread|worse|worsening|getting worse|all the time|give way", re.IGNORECASE)
NOT_ONE = re.compile(r"not an emergency|not usually an emergency|is not one", re.IGNORECASE)


def plain(text):
    """What a reader sees: template logic, tags, Markdown emphasis and links left out."""
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}", " ", text, flags=re.DOTALL)
    # The country's words (content placeholders and the templates' macros) still read as an emergency.
    text = re.sub(r"\{\{\s*(hospital|number)(?:\(\))?\s*\}\}", r"the emergency \1", text)
    text = re.sub(r"\{\{.*?\}\}", "X", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("&amp;", "&").replace("**", "")


def sections(text):
    """Markdown or page sections: split at headings, so a list under "Go now" keeps its context."""
    return re.split(r"\n#{1,6} |<h[1-6]", text)


def sentences(section):
    for block in re.split(r"\n\s*\n|\n\s*[-*] |\n\s*\d+\. ", section):
        yield from (s.strip() for s in re.split(r"(?<=[.!?:])\s+", " ".join(block.split())) if s.strip())


def both_legs_emergency_sentences():
    for path in FILES:
        raw = path.read_text()
        for section in sections(raw):
            text = plain(section)
            if not EMERGENCY.search(text) and "templates/safety" not in str(path):
                continue
            for sentence in sentences(text):
                if BOTH.search(sentence) and not NOT_ONE.search(sentence):
                    yield path.relative_to(ROOT), sentence


def test_the_check_finds_what_it_should():
    bad = "Go to A&E now if you have numbness around your bottom, or symptoms in both legs."
    good = "Go to A&E now if you have new or worsening symptoms in both legs."
    assert [s for s in sentences(plain(bad)) if BOTH.search(s) and not QUALIFIED.search(s)] == [bad]
    assert [s for s in sentences(plain(good)) if BOTH.search(s) and not QUALIFIED.search(s)] == []


def test_there_are_sentences_to_check():
    assert len(list(both_legs_emergency_sentences())) >= 10


@pytest.mark.parametrize("where, sentence", list(both_legs_emergency_sentences()),
                         ids=lambda v: str(v)[:60] if isinstance(v, Path) else None)
def test_both_legs_as_an_emergency_says_new_spreading_or_worsening(where, sentence):
    assert QUALIFIED.search(sentence), f"{where}: {sentence}"
