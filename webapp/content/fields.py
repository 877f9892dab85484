"""One typed reader for everything under content/: front matter and program.yaml. No Flask here.

Every problem raises ContentError naming the file and the field, for example
"content/program.yaml: field 'stages.2.plans.disc.midday[1]' names an unknown exercise".
"""
import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml


class ContentError(ValueError):
    """A content file is missing a field or has a wrong one."""


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Source:
    title: str
    url: str


class Fields:
    """Typed access to one file's mapping, naming the file and field in every error."""

    def __init__(self, path, meta=None, error=ContentError):
        self.path, self.meta, self.error = Path(path), meta if meta is not None else {}, error

    def fail(self, field, problem):
        raise self.error(f"{self.path}: field '{field}' {problem}")

    # -- front matter: fields looked up by name in self.meta --

    def get(self, field, kind, required=True):
        if field not in self.meta or self.meta[field] is None:
            if required:
                self.fail(field, "is missing")
            return None
        value = self.meta[field]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(field, f"must be a whole number, not {value!r}")
        if kind is float and (isinstance(value, bool) or not isinstance(value, (int, float))):
            self.fail(field, f"must be a number, not {value!r}")
        if kind is str and (not isinstance(value, str) or not value.strip()):
            self.fail(field, "must be non-empty text")
        if kind in (list, dict, bool) and not isinstance(value, kind):
            self.fail(field, f"must be a {kind.__name__}")
        return value.strip() if kind is str else value

    def text(self, field, max_len):
        value = self.get(field, str)
        if len(value) > max_len:
            self.fail(field, f"is longer than {max_len} characters")
        self.no_placeholder(value, field)
        return value

    def no_placeholder(self, value, field):
        """Titles, summaries and program.yaml are shown where no country applies."""
        if "{{" in value or "}}" in value:
            self.fail(field, "cannot hold a placeholder like {{number}}: they are allowed only in "
                             "Markdown bodies, cautions and stop_rules")

    def texts(self, field, required=True):
        values = self.get(field, list, required) or []
        if any(not isinstance(v, str) or not v.strip() for v in values):
            self.fail(field, "must be a list of non-empty text")
        return tuple(v.strip() for v in values)

    def choice(self, field, allowed):
        value = self.meta.get(field)
        if value not in allowed:
            self.fail(field, f"must be one of {', '.join(map(str, allowed))}, not {value!r}")
        return value

    def sources(self):
        items = self.get("sources", list)
        if not items:
            self.fail("sources", "needs at least one source")
        out = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("title"), str) \
                    or not str(item.get("url", "")).startswith(("https://", "http://")):
                self.fail("sources", "must be a list of {title, url} with an http(s) url")
            out.append(Source(item["title"].strip(), item["url"].strip()))
        return tuple(out)

    def positive(self, section, name, kind=int):
        value = (self.meta.get(section) or {}).get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else int) \
                or value <= 0:
            self.fail(f"{section}.{name}",
                      f"must be a positive {'number' if kind is float else 'whole number'} or null")
        return value

    # -- nested data (program.yaml): the value and its dotted field name are passed in --

    def mapping(self, value, field, keys, optional=()):
        if not isinstance(value, dict):
            self.fail(field, "must be a mapping")
        unknown = [str(k) for k in value if k not in keys and k not in optional]
        if unknown:
            self.fail(f"{field}.{unknown[0]}" if field else unknown[0], "is not a known setting")
        for key in keys:
            if value.get(key) is None:
                self.fail(f"{field}.{key}" if field else str(key), "is missing")
        return value

    def number(self, value, field, low, high, whole=True):
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            kind = "a whole number" if whole else "a number"
            self.fail(field, f"must be {kind} from {low} to {high}, not {value!r}")
        return value

    def slugs(self, value, field, exercises, check=None):
        """A non-empty list of known exercise slugs; `check(exercise)` may name a problem."""
        if not isinstance(value, list) or not value:
            self.fail(field, "must be a non-empty list of exercises")
        for i, slug in enumerate(value):
            exercise = exercises.get(slug) if isinstance(slug, str) else None
            if exercise is None:
                self.fail(f"{field}[{i}]", f"names an unknown exercise: {slug!r}")
            if check and (problem := check(exercise)):
                self.fail(f"{field}[{i}]", f"'{slug}' {problem}")
        return tuple(value)

    def plain_text(self, value, field):
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "must be non-empty text")
        self.no_placeholder(value, field)
        return " ".join(value.split())


def read_front_matter(path):
    """(Fields over the front matter, the Markdown body) of one content file."""
    try:
        post = frontmatter.load(path)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as error:
        raise ContentError(f"{path}: front matter cannot be read ({error})") from error
    if not post.metadata:
        raise ContentError(f"{path}: front matter is missing")
    return Fields(path, post.metadata), post.content


def read_yaml(path, error=ContentError):
    """The parsed YAML file at `path`, or `error` naming the file."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error(f"{path}: file is missing") from exc
    except yaml.YAMLError as exc:
        raise error(f"{path}: cannot be read ({exc})") from exc


def slug_of(path):
    """The file's name as a slug; anything else stops the app naming the file."""
    if not SLUG.match(path.stem):
        raise ContentError(f"{path}: file name must be a lowercase slug like 'knees-rocking'")
    return path.stem
