"""Articles and exercises in another language (content/<language>/, described in
content/es/README.md): a translation holds the words only, and everything else (topics, order,
sources, stages, doses, the drawing) comes from the English file, so the two cannot drift apart.
A file not translated yet is the English one, marked with lang "en", so a page can say so and
mark its text as English. No Flask here."""
import re
from dataclasses import replace
from pathlib import Path

from markupsafe import Markup, escape

from .fields import ContentError, read_front_matter
from .markdown import count_words, reading_minutes, render_markdown
from .placeholders import check, line

LANGUAGE_FOLDER = re.compile(r"^[a-z]{2,3}$")
SOURCE_LANGUAGE = "en"


def languages(root):
    """The languages with a folder of translations under `root` (content/es -> "es")."""
    return sorted(p.name for p in Path(root).iterdir() if p.is_dir() and LANGUAGE_FOLDER.match(p.name))


def translate_article(article, path):
    """The English article with the words of `path` in place of its own."""
    f, body = read_front_matter(path)
    check(body, f"{path}: field 'body'")
    html, headings, text = render_markdown(body)
    words = count_words(text)
    return replace(article, title=f.text("title", 90), summary=f.text("summary", 260), html=html,
                   toc=tuple(h for h in headings if h.level == 2), words=words,
                   reading_minutes=reading_minutes(words), text=text, lang=path.parent.parent.name)


def translate_exercise(exercise, path):
    """The English exercise with the words of `path` in place of its own; the drawing keeps its
    lines and takes the translated title (its accessible name)."""
    f, body = read_front_matter(path)
    check(body, f"{path}: field 'body'")
    html, _, _ = render_markdown(body)
    texts = {field: tuple(line(text, f"{path}: field '{field}[{i}]'")
                          for i, text in enumerate(f.texts(field, required=False)))
             for field in ("cautions", "stop_rules")}
    if len(texts["stop_rules"]) != len(exercise.stop_rules):
        f.fail("stop_rules", "must have as many stop rules as the English")
    drawing = re.sub(r"<title>.*?</title>", lambda _: f"<title>{escape(f.text('drawing_title', 600))}</title>",
                     str(exercise.drawing), count=1, flags=re.DOTALL)
    drawing = _labelled(drawing, f)
    return replace(exercise, title=f.text("title", 80), summary=f.text("summary", 220),
                   cautions=texts["cautions"], stop_rules=texts["stop_rules"], steps=_steps(path, body),
                   html=html, drawing=Markup(drawing), lang=path.parent.parent.name)


DRAWING_LABELS = ("Start", "End")     # the words over the two halves of every drawing


def _labelled(drawing, f):
    """The drawing's "Start" and "End" labels in the file's words (`drawing_labels`, both needed
    when the drawing has labels: a half-translated drawing would read as English)."""
    if 'class="fig-label' not in drawing:
        return drawing
    labels = f.texts("drawing_labels")
    if len(labels) != len(DRAWING_LABELS) or any(len(label) > 16 for label in labels):
        f.fail("drawing_labels", "must be the drawing's two labels (Start, End), short")
    for english, own in zip(DRAWING_LABELS, labels, strict=True):
        drawing = re.sub(rf'(<text class="fig-label[^"]*"[^>]*>){english}(</text>)',
                         lambda m, own=own: f"{m.group(1)}{escape(own)}{m.group(2)}", drawing)
    return drawing


def _steps(path, body):
    """The numbered list under the body's first `##` heading (Steps, Pasos...)."""
    match = re.search(r"^## [^\n]+\n+((?:\d+\.\s.*\n?)+)", body, re.MULTILINE)
    if not match:
        raise ContentError(f"{path}: body must start with a heading followed by the numbered steps")
    return tuple(re.sub(r"^\d+\.\s+", "", step).strip() for step in match.group(1).strip().splitlines())


def in_language(items, folder, language, translate):
    """{slug: item} with each item in `language` where content/<language>/<folder>/<slug>.md
    exists, else the English item (its lang stays "en")."""
    if language == SOURCE_LANGUAGE or not folder.is_dir():
        return dict(items)
    return {slug: translate(item, folder / f"{slug}.md") if (folder / f"{slug}.md").is_file() else item
            for slug, item in items.items()}
