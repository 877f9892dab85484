"""Everything under the top-level content/ folder, read and checked once at start-up. No Flask here.

Exercises (exercises.py), library articles (articles.py) and the program rules in program.yaml
(plans.py) are loaded together, so every part of the app sees the same, valid content. A bad file
stops the app with a ContentError that names the file and the field.
"""
import functools
from pathlib import Path

from . import plans, translations
from .articles import load_article
from .exercises import load_exercise
from .fields import ContentError

__all__ = ["Content", "ContentError", "init_app", "load"]


class Content:
    """Everything under content/, loaded once: exercises, library articles and program rules."""

    def __init__(self, root):
        root = Path(root)
        self.exercises = {p.stem: load_exercise(p) for p in sorted((root / "exercises").glob("*.md"))}
        articles = [load_article(p, self.exercises) for p in sorted((root / "library").glob("*.md"))]
        orders = [a.order for a in articles]
        if len(set(orders)) != len(orders):
            raise ContentError(f"{root / 'library'}: field 'order' must be unique across articles")
        self.articles = {a.slug: a for a in sorted(articles, key=lambda a: a.order)}
        self.program = plans.load(root / "program.yaml", self.exercises)
        self.root = root
        self.languages = translations.languages(root)
        # Every language's words checked and kept now: a bad translation stops the start, too.
        self._articles = {lang: translations.in_language(self.articles, root / lang / "library", lang,
                                                         translations.translate_article)
                          for lang in self.languages}
        self._exercises = {lang: translations.in_language(self.exercises, root / lang / "exercises", lang,
                                                          translations.translate_exercise)
                           for lang in self.languages}

    def articles_in(self, language):
        """{slug: Article} in `language` where translated, else English (its .lang says which)."""
        return self._articles.get(language, self.articles)

    def exercises_in(self, language):
        """{slug: Exercise} in `language` where translated, else English (its .lang says which)."""
        return self._exercises.get(language, self.exercises)

    def articles_for_exercise(self, slug):
        """Articles that explain an exercise (the other direction of related_exercises)."""
        return [a for a in self.articles.values() if slug in a.related_exercises]

    def next_article(self, slug, language="en"):
        articles = self.articles_in(language)
        slugs = list(articles)
        i = slugs.index(slug)
        return articles[slugs[i + 1]] if i + 1 < len(slugs) else None

    def exercise_names(self, language="en"):
        """{slug: title} in `language` (else English), for pages and reports that name exercises."""
        return {slug: ex.title for slug, ex in self.exercises_in(language).items()}


def fingerprint(root):
    """Names, sizes and modification times of every content file: changes when any file does."""
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                 for p in sorted(Path(root).rglob("*")) if p.is_file())


@functools.lru_cache(maxsize=4)
def _load(root, _fingerprint):
    return Content(root)


def load(root):
    """The content under `root`, parsed once per version of its files (app factories and tests
    create many apps; the files are read-only while the app runs)."""
    return _load(str(root), fingerprint(root))


def init_app(app):
    """Load content before any blueprint, so every area (the report included) has the rules."""
    content = load(app.config["CONTENT_DIR"])
    app.extensions["content"] = content
    app.extensions["program"] = content.program
