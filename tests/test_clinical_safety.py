"""The clinical safety case (docs/clinical-safety/), checked: the hazard log is what the rows make,
every test it names exists, every rating is on the README's scales and acceptable by its matrix,
ids are unique and numbered, and every path the code has for a warning sign has a hazard row."""
import ast
import inspect
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "docs" / "clinical-safety"
sys.path.insert(0, str(ROOT / "scripts"))
try:
    import hazard_log
finally:
    sys.path.remove(str(ROOT / "scripts"))

NAMED_TEST = re.compile(r"(tests/[\w/]+\.py)::(test_\w+)")
OUTBOX_WRITE = re.compile(r"\bOutbox(?:Core)?\.(?:save|keep|saveNow)\(")
# What lifts a pause or clears a contact card (webapp/models/records.py, corrections.py).
LIFTS = re.compile(r"\.confirm_assessed\(|\.mark_contacted\(|RedFlagCorrection\.record\(")
# Paths on which a sign certainly travels: these need hazard rows, never "none:".
MUST_HAVE_ROWS = ("form:", "sync:", "outbox:", "push:", "lift:")


@pytest.fixture(scope="module")
def scale():
    return hazard_log.scales(CASE / "README.md")


@pytest.fixture(scope="module")
def rows():
    return hazard_log.read_rows(CASE / "rows")


@pytest.fixture(scope="module")
def code_app(tmp_path_factory):
    from .helpers import make_app
    return make_app(f"sqlite:///{tmp_path_factory.mktemp('case') / 'case.db'}")


def test_the_log_is_what_the_rows_make(rows, scale):
    """hazard-log.md is the rows' output: run `python scripts/hazard_log.py` after changing a row."""
    assert (CASE / "hazard-log.md").read_text(encoding="utf-8") == hazard_log.render(rows, scale)


def defined_tests(path):
    """Names of the test functions in a test file, at module level or in a class."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def test_every_test_the_log_names_exists(rows):
    named = NAMED_TEST.findall((CASE / "hazard-log.md").read_text(encoding="utf-8"))
    assert len(named) >= sum(len(row.tests) for row in rows) > 0
    missing = []
    for file, name in sorted(set(named)):
        path = ROOT / file
        if not path.is_file() or name not in defined_tests(path):
            missing.append(f"{file}::{name}")
    assert missing == [], "the hazard log names tests that do not exist"


def test_every_rating_is_on_the_readmes_scales(rows, scale):
    wrong = [(row.id, row.severity, row.before, row.after) for row in rows
             if row.severity not in scale.severities
             or row.before not in scale.likelihoods or row.after not in scale.likelihoods]
    assert wrong == []


def test_a_control_never_makes_a_hazard_more_likely(rows, scale):
    order = scale.likelihoods                         # from Very high down to Very low
    assert [row.id for row in rows if order.index(row.after) < order.index(row.before)] == []


def test_every_risk_after_its_control_is_acceptable(rows, scale):
    """Risk 1 and 2 are acceptable; 3 only with a justification in the row; 4 and 5 never."""
    refused = []
    for row in rows:
        risk = scale.risk(row.after, row.severity)
        verdict = scale.acceptability[risk]
        if verdict == "no" or (verdict != "yes" and not row.justification.strip()):
            refused.append((row.id, risk))
    assert refused == []
    assert {verdict for verdict in scale.acceptability.values()} == {"yes", "with a justification", "no"}


def test_ids_are_unique_and_numbered_one_two_three_in_one_file_per_prefix(rows):
    ids = [row.id for row in rows]
    assert len(ids) == len(set(ids)), "an id is used twice"
    numbers, files = {}, {}
    for row in rows:
        match = hazard_log.ID.match(row.id)
        assert match, f"{row.where}: id '{row.id}' is not PREFIX-number"
        prefix, number = match.group(1), int(match.group(2))
        numbers.setdefault(prefix, []).append(number)
        files.setdefault(prefix, set()).add(row.where.partition(":")[0])
    assert {prefix: sorted(n) for prefix, n in numbers.items()} == {
        prefix: list(range(1, len(n) + 1)) for prefix, n in numbers.items()}
    assert {prefix: len(f) for prefix, f in files.items() if len(f) > 1} == {}


def test_no_hazard_is_logged_twice(rows):
    def plain(text):
        return re.sub(r"\W+", " ", text.lower()).strip()
    first, twice = {}, []
    for row in rows:
        earlier = first.setdefault(plain(row.hazard), row.id)
        if earlier != row.id:
            twice.append((earlier, row.id))
    assert twice == []


def paths_from_the_code(app):
    """Every path a warning sign travels, as the code has it today (docs/clinical-safety/paths.md)."""
    from webapp.log.views import store_first
    from webapp.push import due
    from webapp.report import archive
    paths = {f"form:{name}" for name, view in app.view_functions.items() if getattr(view, "takes_ticks", False)}
    if store_first in app.before_request_funcs[None]:
        paths.add("form:any other post")
    paths |= {f"sync:{kind}" for kind in app.extensions["sync_kinds"]}
    paths |= {f"outbox:{path.name}" for path in sorted((ROOT / "static" / "js").glob("*.js"))
              if OUTBOX_WRITE.search(path.read_text(encoding="utf-8"))}
    paths |= {f"import:{table}" for table in archive.TABLES}
    if archive.profile_fields():
        paths.add("import:profile")
    paths |= {f"push:{reason}" for reason in due.SAFETY}
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        if rule.endpoint.split(".")[0] in ("practice", "care"):
            paths.add(f"practitioner:{rule.endpoint}")
        if LIFTS.search(inspect.getsource(app.view_functions[rule.endpoint])):
            paths.add(f"lift:{rule.endpoint}")
    return paths


def listed_paths():
    (table,) = [t for t in hazard_log.tables((CASE / "paths.md").read_text(encoding="utf-8"), "paths.md") if t]
    return {row["path"]: row["rows"] for row in table}


def test_the_code_has_every_kind_of_path_the_case_lists(code_app):
    """The listing itself finds something of each kind (so a renamed registry cannot empty it)."""
    kinds = {path.partition(":")[0] for path in paths_from_the_code(code_app)}
    assert kinds == {"form", "sync", "outbox", "import", "push", "practitioner", "lift"}
    assert {"form:log.save", "form:any other post", "sync:redflag", "sync:checkin",
            "outbox:safety.js", "import:redflag_checks", "push:paused", "lift:safety.mistakes.correct"} <= paths_from_the_code(code_app)


def test_every_path_from_the_code_has_a_hazard_row(code_app, rows):
    listed, ids = listed_paths(), {row.id for row in rows}
    from_code = paths_from_the_code(code_app)
    assert sorted(from_code - set(listed)) == [], "paths with no line in docs/clinical-safety/paths.md"
    assert sorted(set(listed) - from_code) == [], "paths.md names paths the code no longer has"
    for path, cell in listed.items():
        if cell.startswith("none:"):
            assert not path.startswith(MUST_HAVE_ROWS), f"{path}: a warning sign travels here; it needs rows"
            assert len(cell) > len("none: ") + 20, f"{path}: say why no warning sign travels here"
            continue
        named = [name.strip() for name in cell.split(",")]
        assert named and set(named) <= ids, f"{path}: {sorted(set(named) - ids)} are not in the hazard log"


def test_the_repo_readme_links_the_case():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/clinical-safety/README.md)" in readme and "](docs/clinical-safety/hazard-log.md)" in readme
