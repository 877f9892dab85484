"""The lock files pin everything pyproject.toml asks for, with hashes, and agree with each other.
A dependency added to pyproject.toml without `make lock` fails here, before any install surprises."""
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"


def pins(name):
    """{package: (version, hashes)} from a lock file written by `make lock`."""
    text = (LOCKS / name).read_text()
    found = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;\\]+)", block)
        if match:
            found[canonicalize_name(match.group(1))] = (match.group(2), re.findall(r"--hash=sha256:[0-9a-f]{64}", block))
    return found


def wanted(group=None):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    reqs = project["project"]["dependencies"] + project["project"]["optional-dependencies"]["postgres"]
    groups = project["dependency-groups"]

    def expand(name):
        for item in groups[name]:
            yield from expand(item["include-group"]) if isinstance(item, dict) else [item]
    if group:
        reqs = reqs + list(expand(group))
    return [Requirement(r) for r in reqs]


def assert_pinned(lock, requirements):
    for req in requirements:
        name = canonicalize_name(req.name)
        assert name in lock, f"{req.name} is not in the lock: run `make lock`"
        version = lock[name][0]
        assert req.specifier.contains(version, prereleases=True), \
            f"{req.name}=={version} does not satisfy {req.specifier}: run `make lock`"


def test_every_dependency_is_pinned_with_hashes():
    run, test = pins("run.txt"), pins("test.txt")
    assert len(run) >= 30 and len(test) > len(run)
    assert_pinned(run, wanted())
    assert_pinned(test, wanted("test"))
    for lock in (run, test):
        for name, (version, hashes) in lock.items():
            assert hashes, f"{name} has no hash"


def test_the_running_app_and_the_tests_use_the_same_versions():
    run, test = pins("run.txt"), pins("test.txt")
    assert {n: v for n, (v, _) in run.items()} == {n: test[n][0] for n in run}
    uv = pins("uv.txt")
    assert list(uv) == ["uv"] and uv["uv"] == test["uv"]
    assert_pinned(uv, wanted("bootstrap")[-1:])


def test_installs_come_from_the_lock_with_hashes_checked():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install -qq --disable-pip-version-check --require-hashes -r requirements/uv.txt" in makefile
    assert "pip sync --quiet --python $(PY) --require-hashes requirements/test.txt" in makefile
    assert "--require-hashes -r requirements/run.txt" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "psycopg2" not in (LOCKS / "test.txt").read_text()
