"""The map of the code (../shared/architecture.md), checked: no import cycle under webapp/, rule
modules never import flask, no module over 300 lines, and no two look-alike names in one folder."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WEBAPP = ROOT / "webapp"
MAX_LINES = 300
# Plumbing that has no blueprint of its own but is Flask by nature (everything else without a
# blueprint is a rule, figure, format or loader and stays importable without Flask).
FLASK_PLUMBING = {
    "webapp/__init__.py": "create_app",
    "webapp/db.py": "opens and closes the connection per request",
    "webapp/security.py": "CSRF, the 429 page, headers and error pages",
    "webapp/csrf.py": "the session's CSRF token, signed once and handed to each of its pages",
    "webapp/application.py": "the Flask class itself: a 503 when finishing a response fails, ensure_sync kept",
    "webapp/assets.py": "hashed static URLs and cache headers",
    "webapp/chrome.py": "the top bar and tab bar, drawn once per page and kind of visitor",
    "webapp/htmx.py": "page or fragment, from the request headers",
    "webapp/maintenance.py": "the purge and mail-test commands, run in the app's context",
    "webapp/auth/session.py": "who is signed in, before every request",
    "webapp/auth/attempts.py": "a guess's throttle keys, from the settings and the request's address",
    "webapp/queue.py": "the background queue: each task runs in the app's context",
    "webapp/i18n/__init__.py": "the request's language (Flask-Babel), chosen per request",
    "webapp/pagecache.py": "signed-in pages kept per account, keyed on the request (user, path, query, host)",
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules():
    return {module_name(p): p for p in sorted(WEBAPP.rglob("*.py"))}


def _resolve(importer, path, node):
    """The module names an import statement reaches inside webapp (relative or absolute)."""
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = package.split(".")
        base = base[:len(base) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    return [target] + [f"{target}.{a.name}" for a in node.names]


def import_graph(known):
    """{module: {modules it imports}}: the named module, and every package whose __init__ the
    import runs that is not already running (an ancestor of the importer)."""
    graph = {}
    for name, path in known.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _resolve(name, path, node):
                parts = target.split(".")
                for i in range(1, len(parts) + 1):
                    reached = ".".join(parts[:i])
                    if reached in known and reached != name and not name.startswith(reached + "."):
                        edges.add(reached)
        graph[name] = edges
    return graph


def cycles(graph):
    """The strongly connected groups of two or more modules (Tarjan), and modules importing themselves."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph.get(v, ()):
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_the_graph_sees_relative_imports_and_the_packages_they_run(tmp_path):
    graph = import_graph(modules())
    assert "webapp.content.plans" in graph["webapp.report.build"]
    assert "webapp.program" in graph["webapp.report.build"]      # runs program/__init__.py
    assert "webapp.program" not in graph["webapp.program.views"]   # its own package is running


def test_no_import_cycle_anywhere_under_webapp():
    assert cycles(import_graph(modules())) == []


def test_modules_without_a_blueprint_never_import_flask():
    offenders = []
    for path in modules().values():
        rel = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text())
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import)
                    for a in n.names}
        imported |= {n.module.split(".")[0] for n in ast.walk(tree)
                     if isinstance(n, ast.ImportFrom) and n.module and not n.level}
        has_blueprint = "Blueprint(" in path.read_text()
        if "flask" in imported and not has_blueprint and rel not in FLASK_PLUMBING:
            offenders.append(rel)
    assert offenders == []


@pytest.mark.parametrize("name", sorted(FLASK_PLUMBING))
def test_the_plumbing_list_names_real_files(name):
    assert (ROOT / name).exists()


def test_no_module_is_over_300_lines():
    long = {str(p.relative_to(ROOT)): n for p in WEBAPP.rglob("*.py")
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def look_alikes(names):
    """Pairs where one name is the other plus a suffix (report / reporting, log / logrules)."""
    return sorted((a, b) for a in names for b in names if a != b and b.startswith(a))


def test_look_alike_detection():
    assert look_alikes({"report", "reporting", "charts"}) == [("report", "reporting")]


def test_no_two_modules_in_one_folder_look_alike():
    found = {}
    for folder in [WEBAPP] + [p for p in WEBAPP.rglob("*") if p.is_dir() and p.name != "__pycache__"]:
        names = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
        names |= {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
        if pairs := look_alikes(names):
            found[str(folder.relative_to(ROOT))] = pairs
    assert found == {}
