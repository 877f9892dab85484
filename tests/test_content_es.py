"""The Spanish content (issue 27): every file under content/es/ checked against its English twin.

Where the files live and what they hold is in content/es/README.md; what things are called is in
docs/i18n/glossary-es.md. Each check runs for every translation that exists, so a file another
translator has not written yet is not a failure; the files already done are listed in DONE (every
exercise: a new English exercise fails here until it has its Spanish).

Reading level: textstat's Spanish formulas on the paragraphs and list items (an exercise's cautions
and stop rules too), placeholders read as neutral Spanish words. The language goes to textstat's
formula functions as an argument, never through textstat.set_lang, which would switch the English
reading test to Spanish in the same run. Both formulas are Flesch's, re-weighted for Spanish:
- Szigriszt-Pazos on the INFLESZ scale (Barrio-Cantalejo 2008, made for health leaflets): 65-80
  "bastante fácil" is primary-school reading (ages 6-12), 55-65 secondary, 80+ "muy fácil".
- Fernández-Huerta: 90-100 is the 4th school year (ages 9-10), 80-90 the 5th, 70-80 the 6th (11-12).
textstat counts Spanish syllables with pyphen's hyphenation patterns, which never split off a
one-vowel syllable at a word's edge ("ejer-ci-cio", "ador-me-ci-mien-to"). Against a count of vowel
nuclei (diphthongs and hiatus), these texts have about 6 % more syllables than textstat finds,
which lifts both scores by about 7 points. So the limits are a band's floor plus that margin:
Szigriszt-Pazos >= 72 (really about 65: primary school) and Fernández-Huerta >= 78 (really about
71: the 6th school year at the latest, age 11-12, the top of the 9-11 band; the English limit,
Flesch-Kincaid grade 8, is no stricter). When the limits were set, the exercises scored 76-85 on
Szigriszt-Pazos (median 82) and 80-89 on Fernández-Huerta (median 86), the first three articles
77-87 and 81-91: really about the 5th or 6th school year, ages 10-12.
"""
import datetime
import re
from dataclasses import dataclass, replace

import pytest
from textstat.backend import metrics

from webapp import PROJECT_ROOT
from webapp.content.fields import ContentError, read_front_matter
from webapp.content.markdown import render_markdown
from webapp.content.placeholders import PLACEHOLDER, check
from webapp.safety.countries import COUNTRIES

CONTENT = PROJECT_ROOT / "content"
SPANISH = CONTENT / "es"
FIELDS = {"exercises": {"title", "summary", "cautions", "stop_rules", "drawing_title", "drawing_labels", "translated_from"},
          "library": {"title", "summary", "translated_from"}}
# The boxes the English must fit (webapp/content/exercises.py and articles.py).
MAX_CHARS = {"exercises": {"title": 60, "summary": 160}, "library": {"title": 70, "summary": 200}}
DONE = {"exercises": {p.stem for p in (CONTENT / "exercises").glob("*.md")},
        "library": {"seeing-a-physiotherapist", "smoking-weight-and-sciatica", "tracking-your-symptoms"}}
MIN_WORDS, MAX_WORDS = 300, 1100            # an article; the English is 300-900 and Spanish runs longer
MIN_RATIO, MAX_RATIO = 0.9, 1.5             # Spanish words per English word, any file
MIN_SZIGRISZT, MIN_HUERTA = 72, 78
# Neutral words for placeholders, so "llama al {{number}}" reads "llama al número de emergencias".
NEUTRAL = {"number": "número de emergencias", "hospital": "urgencias", "doctor": "médico",
           "after_hours": "llama al médico de guardia", "crisis": "una línea de ayuda"}
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")


@dataclass(frozen=True)
class Pair:
    """A translation and its English twin: front matter and body of each."""
    name: str
    kind: str
    es: dict
    es_body: str
    en: dict
    en_body: str

    def parts(self, english=False):
        """The texts a reader sees, by field: lists as one line per item, then the body."""
        meta, body = (self.en, self.en_body) if english else (self.es, self.es_body)
        parts = {field: "\n".join(value) if isinstance(value, list) else str(value)
                 for field, value in meta.items() if field in FIELDS["exercises"] - {"translated_from"}}
        return {**parts, "body": body}

    def text(self, english=False):
        return "\n".join(self.parts(english).values())


def drawing_title(slug):
    svg = (CONTENT / "exercises" / f"{slug}.svg").read_text(encoding="utf-8")
    return re.search(r"<title>(.*?)</title>", svg, re.DOTALL)[1]


def load_pair(path):
    kind, slug = path.parent.name, path.stem
    es, es_body = read_front_matter(path)
    en, en_body = read_front_matter(CONTENT / kind / path.name)
    english = dict(en.meta)
    if kind == "exercises":
        english["drawing_title"] = drawing_title(slug)
    return Pair(f"{kind}/{slug}", kind, dict(es.meta), es_body, english, en_body)


TRANSLATIONS = sorted(p for p in SPANISH.rglob("*") if p.is_file() and p != SPANISH / "README.md")
MARKDOWN = [p for p in TRANSLATIONS if p.suffix == ".md" and p.parent.parent == SPANISH
            and p.parent.name in FIELDS and (CONTENT / p.parent.name / p.name).exists()]
PAIRS = [load_pair(p) for p in MARKDOWN]
each_pair = pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)


def test_every_file_under_content_es_is_a_translation_of_an_english_file():
    assert TRANSLATIONS and [p for p in TRANSLATIONS if p not in MARKDOWN] == []


def test_the_translations_done_so_far_are_there():
    for kind, slugs in DONE.items():
        assert slugs <= {p.stem for p in (SPANISH / kind).glob("*.md")}, kind


# ---- Front matter ----

def front_matter_problems(pair):
    wanted = FIELDS[pair.kind] - ({"cautions"} if pair.kind == "exercises" and not pair.en.get("cautions") else set())
    problems = [f"fields {sorted(set(pair.es) ^ wanted)} missing or not allowed"] if set(pair.es) != wanted else []
    for field, limit in MAX_CHARS[pair.kind].items():
        value = pair.es.get(field)
        if not isinstance(value, str) or not value.strip() or len(value) > limit or "{{" in value:
            problems.append(f"{field} must be text of at most {limit} characters, with no placeholder")
    for field in ("cautions", "stop_rules"):
        if field in wanted and (not isinstance(pair.es.get(field), list)
                                or len(pair.es[field]) != len(pair.en.get(field) or [])
                                or not all(isinstance(t, str) and t.strip() for t in pair.es[field])):
            problems.append(f"{field} must have as many items as the English ({len(pair.en.get(field) or [])})")
    if "drawing_title" in wanted:
        drawing = str(pair.es.get("drawing_title") or "")
        if "Inicio" not in drawing or "Final" not in drawing or "{{" in drawing:
            problems.append("drawing_title must say the start (Inicio) and the end (Final), with no placeholder")
    return problems


def translated_from_problem(pair):
    date = pair.es.get("translated_from")
    if not isinstance(date, datetime.date):
        return f"translated_from must be a date, not {date!r}"
    if "last_reviewed" in pair.en and date != pair.en["last_reviewed"]:
        return f"translated_from {date} is not the English last_reviewed {pair.en['last_reviewed']}"
    if date > datetime.date.today():
        return f"translated_from {date} is in the future"
    return None


@each_pair
def test_the_front_matter_has_the_fields_the_readme_names_and_no_others(pair):
    assert front_matter_problems(pair) == []


@each_pair
def test_translated_from_is_the_english_last_reviewed(pair):
    assert translated_from_problem(pair) is None


# ---- The same structure, numbers and links ----

SHAPES = {"## headings": r"^## ", "### headings": r"^### ", "numbered steps": r"^\s*\d+\.\s",
          "list items": r"^\s*[-*+]\s"}


def structure_problems(pair):
    problems = [f"{len(re.findall(rx, pair.es_body, re.MULTILINE))} {what}, the English has "
                f"{len(re.findall(rx, pair.en_body, re.MULTILINE))}"
                for what, rx in SHAPES.items()
                if len(re.findall(rx, pair.es_body, re.MULTILINE)) != len(re.findall(rx, pair.en_body, re.MULTILINE))]
    links = [re.findall(r"\]\(([^)\s]+)", body) for body in (pair.es_body, pair.en_body)]
    if links[0] != links[1]:
        problems.append(f"links {links[0]} are not the English {links[1]}")
    missing = set(re.findall(r"\d+", pair.text(english=True))) - set(re.findall(r"\d+", pair.text()))
    if missing:
        problems.append(f"numbers {sorted(missing)} of the English are missing")
    return problems


@each_pair
def test_the_same_sections_steps_list_items_links_and_numbers_as_the_english(pair):
    assert structure_problems(pair) == []


# ---- Placeholders, and no country's words ----

def placeholders(text):
    return {m[1] for m in PLACEHOLDER.finditer(text)}


def country_numbers():
    """Every emergency or advice number of the country table (3 digits or more)."""
    found = set()
    for country in COUNTRIES.values():
        for words in (*country.numbers, country.after_hours, country.crisis, country.hint):
            found |= {n for n in re.findall(r"\d+", words) if len(n) >= 3}
    return found


COUNTRY_WORDS = re.compile(
    r"A&E|\bNHS (?:111|24)|urgencias del NHS|emergency room|\bER\b|Samaritans|Tel[eé]fono de la Esperanza"
    r"|\b(?:ve|ir|acude|acudir)\s+a\s+urgencias|\b(?:sala|servicio) de (?:urgencias|emergencias)", re.IGNORECASE)


def placeholder_problems(pair):
    problems = []
    es, en = pair.parts(), pair.parts(english=True)
    for field in sorted(set(es) | set(en)):
        if placeholders(es.get(field, "")) != placeholders(en.get(field, "")):
            problems.append(f"{field}: placeholders {sorted(placeholders(es.get(field, '')))}, the English "
                            f"has {sorted(placeholders(en.get(field, '')))}")
    for field, text in es.items():
        for line in text.splitlines() if field != "body" else [text]:
            try:
                check(line, f"{pair.name}: {field}")
            except ContentError as error:
                problems.append(str(error))
        if re.search(r"[¿¡][*_ ]*\{\{", text):
            problems.append(f"{field}: a question or exclamation starts with a placeholder")
    steps = re.search(r"^## [^\n]*\n+((?:\d+\.\s.*\n?)+)", pair.es_body, re.MULTILINE)
    if steps and "{{" in steps[1]:
        problems.append("the steps hold a placeholder")
    return problems


def country_word_problems(pair):
    text, english = pair.text(), pair.text(english=True)
    problems = [f"names a service: {m[0]!r}" for m in COUNTRY_WORDS.finditer(text)]
    return problems + [f"names a number: {n}" for n in sorted(set(re.findall(r"\d+", text)) & country_numbers())
                       if not re.search(rf"\b{n}\b", english)]


@each_pair
def test_the_placeholders_are_the_english_ones_in_the_same_fields(pair):
    assert placeholder_problems(pair) == []


@each_pair
def test_no_emergency_number_or_service_is_written_out(pair):
    assert country_word_problems(pair) == []


# ---- The glossary: one name for one thing, tú, no "sentado/a" ----

RULED_OUT = {
    "bandera roja": r"\bbanderas? rojas?\b", "fase (a stage is an etapa)": r"\bfases?\b",
    "usted": r"\bustedes?\b|\b(?:deténgase|siéntese|acuéstese|consulte|acuda|llame)\b",
    "vos": r"\b(?:podés|tenés|querés|sabés|sentate|acostate|parate|andá|llamá)\b",
    "o/a endings": r"\b\w+[oa]/[ao]s?\b", "disco desplazado": r"\bdisco desplazado\b",
    "hernia discal": r"\bhernia discal\b", "estenosis espinal": r"\bestenosis espinal\b",
    "entumecimiento": r"\bentumecimiento\b", "cauda equina": r"\bcauda equina\b",
    "kinesiólogo": r"\bkinesi[oó]log", "fisio alone": r"\bfisio\b", "fisioterapista": r"\bfisioterapista",
    "médico de cabecera": r"\bmédico de cabecera\b", "signos de alarma": r"\bsignos? de alarma\b",
    "rayos X": r"\brayos x\b", "a degree sign without its space (38 °C)": r"\d[°º]",
    "dolor lumbar": r"\bdolor lumbar\b", "va a peor": r"\bvan? a peor\b", "compresa": r"\bcompresas?\b",
    "carrito de la compra": r"\bcarrito de la compra\b", "bastones de marcha": r"\bbastones de (?:marcha|caminar)\b",
}
# Where the English says the left, the Spanish says the right (each a glossary term).
MUST_MATCH = [
    (r"\bsciatica\b", r"ciática"), (r"sciatic nerve", r"nervio ciático"),
    (r"nerve roots?\b", r"raíz nerviosa|raíces nerviosas"), (r"cauda equina", r"síndrome de la cola de caballo"),
    (r"(?:slipped|herniated) discs?|disc herniation", r"hernias? de disco"), (r"stenosis", r"estenosis"),
    (r"pins and needles|tingl", r"hormigue"), (r"numbness", r"adormecimiento"), (r"weakness", r"debilidad"),
    (r"foot drop", r"pie caído"), (r"red.flag|warning sign", r"señal(?:es)? de alarma"),
    (r"\bflare", r"\bbrote"), (r"\bstages?\b", r"\betapas?\b"), (r"centrali[sz]ation", r"centralización"),
    (r"positions? of ease", r"posici(?:ón|ones) de alivio"), (r"\bMRI\b", r"resonancia magnética"),
    (r"X-ray", r"radiografía"), (r"\bphysio(?!log)", r"fisioterapeuta"), (r"practitioner", r"profesional(?:es)? de la salud"),
    (r"painkiller", r"analgésico"), (r"pregnan", r"embaraz"), (r"\bsliders?\b", r"deslizamiento"),
    (r"tensioner", r"tensión"), (r"bladder", r"vejiga|orinar"), (r"bowel", r"intestino|hacer caca"),
    (r"leg pain", r"dolor\b[^.]{0,20}\ben (?:la|las|una|tu|tus|ambas) piernas?"),
    (r"back pain", r"dolor de espalda"), (r"\bGP\b", r"médico de familia"),
    (r"new or worsening symptoms in both legs",
     r"nuev\w*[^.]{0,40}empeor\w*[^.]{0,30}\b(?:las dos|ambas) piernas"),
]


def glossary_problems(pair):
    text, english = pair.text(), pair.text(english=True)
    problems = [f"uses {name}: {m[0]!r}" for name, rx in RULED_OUT.items()
                for m in re.finditer(rx, text, re.IGNORECASE)]
    problems += [f"the English says {en!r} but the Spanish has no {es!r}" for en, es in MUST_MATCH
                 if re.search(en, english, re.IGNORECASE) and not re.search(es, text, re.IGNORECASE)]
    first = re.search(r"(.{0,15})cola de caballo", text, re.DOTALL)
    if first and not first[1].lower().endswith("síndrome de la "):  # "Síndrome…" opens a sentence
        problems.append("'cola de caballo' must first appear in full: 'síndrome de la cola de caballo'")
    for opening, closing in (("¿", "?"), ("¡", "!")):
        if text.count(opening) != text.count(closing):
            problems.append(f"{text.count(opening)} '{opening}' but {text.count(closing)} '{closing}'")
    return problems


@each_pair
def test_the_words_follow_the_glossary(pair):
    assert glossary_problems(pair) == []


# ---- Length and reading level ----

def prose(pair):
    """Paragraphs and list items (cautions and stop rules too), one sentence unit a line, as the
    English reading test reads them; placeholders read as neutral words."""
    neutral = {field: PLACEHOLDER.sub(lambda m: NEUTRAL[m[1]], text) for field, text in pair.parts().items()}
    _html, headings, text = render_markdown(neutral["body"])
    titles = {h.text.strip() for h in headings}
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines += [item for field in ("cautions", "stop_rules") for item in neutral.get(field, "").splitlines()]
    lines = [line for line in lines if line and line not in titles]
    return "\n".join(line if line[-1] in ".!?:" else line + "." for line in lines)


def word_count(pair, english=False):
    parts = pair.parts(english)
    return len(WORD.findall(PLACEHOLDER.sub("x", "\n".join(parts.get(f, "") for f in ("cautions", "stop_rules", "body")))))


@each_pair
def test_the_length_is_close_to_the_english(pair):
    ratio = word_count(pair) / word_count(pair, english=True)
    assert MIN_RATIO <= ratio <= MAX_RATIO, f"{ratio:.2f} Spanish words per English word"
    if pair.kind == "library":
        assert MIN_WORDS <= word_count(pair) <= MAX_WORDS


def reading_level(text):
    return metrics.szigriszt_pazos(text, "es"), metrics.fernandez_huerta(text, "es")


def test_the_reading_check_fails_hard_spanish_and_passes_plain_spanish():
    hard = ("La movilización neurodinámica demuestra una efectividad heterogénea respecto de la "
            "sintomatología radicular, requiriendo una prescripción terapéutica individualizada. ") * 40
    plain = ("Camina un rato cada día. Si te duele la pierna, detente y descansa. Luego sigue con calma. "
             "Haz un poco más cada semana. ") * 40
    assert all(score < limit for score, limit in zip(reading_level(hard), (MIN_SZIGRISZT, MIN_HUERTA)))
    assert all(score >= limit for score, limit in zip(reading_level(plain), (MIN_SZIGRISZT, MIN_HUERTA)))


def test_the_reading_check_counts_spanish_syllables_as_the_limits_assume():
    assert metrics.syllables_per_word("ciática", "es") == 3 and metrics.syllables_per_word("pierna", "es") == 2
    # e-jer-ci-cio has 4: the undercount the limits allow for. If textstat counts it right one
    # day, this fails, and the limits above should come down by the margin.
    assert metrics.syllables_per_word("ejercicio", "es") == 3


@each_pair
def test_every_translation_reads_at_age_9_to_11(pair):
    szigriszt, huerta = reading_level(prose(pair))
    assert szigriszt >= MIN_SZIGRISZT, f"{pair.name}: Szigriszt-Pazos {szigriszt:.1f}"
    assert huerta >= MIN_HUERTA, f"{pair.name}: Fernández-Huerta {huerta:.1f}"


# ---- The checks catch what they are for ----

def edit(pair, old, new):
    """The pair with `old` replaced by `new` in every Spanish field and the body."""
    def swap(value):
        return [swap(v) for v in value] if isinstance(value, list) else \
            value.replace(old, new) if isinstance(value, str) else value
    return replace(pair, es={k: swap(v) for k, v in pair.es.items()}, es_body=swap(pair.es_body))


@pytest.fixture
def sample():
    return load_pair(SPANISH / "exercises" / "positions-of-ease.md")


def test_the_checks_pass_the_sample_and_catch_each_kind_of_slip(sample):
    assert not (front_matter_problems(sample) + structure_problems(sample) + placeholder_problems(sample)
                + country_word_problems(sample) + glossary_problems(sample))
    body, rules = sample.es_body, sample.es["stop_rules"]
    slips = {
        front_matter_problems: [replace(sample, es={**sample.es, "stop_rules": rules[:-1]}),
                                replace(sample, es={**sample.es, "source": "x"})],
        structure_problems: [replace(sample, es_body=body.replace("\n7. ", "\n")),
                             edit(sample, "5", "cinco")],
        placeholder_problems: [replace(sample, es={**sample.es, "stop_rules": [*rules[:2], rules[2].replace(
                                   "llama al {{number}}", "llama a emergencias")]}),
                               replace(sample, es={**sample.es, "stop_rules": [
                                   rules[0], rules[1].replace("con {{doctor}}", "con {{number}}"), rules[2]]})],
        country_word_problems: [replace(sample, es_body=body + "\nLlama al 911 o ve a urgencias.\n"),
                                replace(sample, es_body=body + "\nLlama al 112.\n")],
        glossary_problems: [edit(sample, "brote", "crisis"),
                            replace(sample, es_body=body + "\nSi usted está sentado/a, es la fase 1.\n"),
                            edit(sample, "nuevos o que empeoran en las dos piernas", "en las dos piernas"),
                            replace(sample, es_body=body + "\n¿Notas la cola de caballo?\n")],
    }
    for checker, broken in slips.items():
        for pair in broken:
            assert checker(pair), (checker.__name__, pair.es_body[-80:])
    assert not glossary_problems(replace(sample, es_body=body + "\nSíndrome de la cola de caballo: una urgencia.\n"))
    assert translated_from_problem(replace(sample, en={**sample.en, "last_reviewed": datetime.date(2026, 1, 1)}))
    assert translated_from_problem(replace(sample, es={**sample.es, "translated_from": "ayer"}))


def test_the_readme_and_the_glossary_say_what_the_test_checks():
    readme = (SPANISH / "README.md").read_text(encoding="utf-8")
    glossary = (PROJECT_ROOT / "docs" / "i18n" / "glossary-es.md").read_text(encoding="utf-8")
    assert all(field in readme for field in FIELDS["exercises"] | FIELDS["library"])
    assert all(name in readme for name in NEUTRAL) and "síndrome de la cola de caballo" in glossary
