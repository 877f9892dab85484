"""The built wheel is the whole app: installed from the lock into a fresh environment outside the
checkout, it upgrades a new database and gunicorn serves every page, signed out and signed in."""
import datetime as dt
import http.cookiejar
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from html import unescape
from pathlib import Path

import pytest

from .helpers import PASSWORD, WELCOME

ROOT = Path(__file__).resolve().parent.parent
UV = Path(sys.executable).parent / "uv"     # from the lock's test group (make test installs it)


def run(*args, **kwargs):
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """sdist, then the wheel from the sdist (as `uv build` and PyPA's build do)."""
    out = tmp_path_factory.mktemp("dist")
    run(UV, "build", "--quiet", "--out-dir", out, ROOT)
    return next(out.glob("*.whl"))


def test_the_wheel_contains_every_sub_package_and_the_site_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "webapp").rglob("__init__.py")}
    assert len(packages) >= 10
    for package in packages:
        assert f"{package}/__init__.py" in names, package
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "webapp").rglob("*.py")}
    assert modules <= names
    for folder in ("static", "templates", "content"):
        files = {f"webapp/_site/{p.relative_to(ROOT)}" for p in (ROOT / folder).rglob("*") if p.is_file()}
        assert files and files <= names, folder
    assert {"webapp/_site/LICENSE", "webapp/_site/pyproject.toml", "webapp/_site/requirements/run.txt"} <= names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A new virtual environment far from the checkout: the runtime lock, then the wheel alone."""
    place = tmp_path_factory.mktemp("deploy")
    venv = place / "venv"
    run(UV, "venv", "--quiet", "--python", sys.executable, venv)
    python = venv / "bin" / "python"
    run(UV, "pip", "install", "--quiet", "--python", python, "--require-hashes",
        "-r", ROOT / "requirements" / "run.txt")
    run(UV, "pip", "install", "--quiet", "--python", python, "--no-deps", wheel)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(place),
           "DATABASE_URL": f"sqlite:///{place / 'clinic.db'}", "INSTANCE_PATH": str(place / "instance"),
           "SECRET_KEY": "wheel-test"}
    return venv, place, env


def test_the_installed_app_runs_from_its_own_files(installed):
    venv, place, env = installed
    where = run(venv / "bin" / "python", "-c",
                "import webapp; print(webapp.__file__); print(webapp.PROJECT_ROOT)", cwd=place, env=env)
    module, root = where.stdout.split()
    assert module.startswith(str(venv)) and root.startswith(str(venv)), where.stdout
    assert not root.startswith(str(ROOT))


class Browser:
    """urllib with a cookie jar: a person's browser, without JavaScript."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        try:
            with self.opener.open(self.base + path, timeout=30) as r:
                return r.status, r.url, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.url, e.read().decode("utf-8", "replace")

    def post(self, path, data):
        _, _, page = self.get(path)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or \
            re.search(r'name="csrf-token" content="([^"]+)"', page)
        body = urllib.parse.urlencode({**data, "csrf_token": token.group(1)}).encode()
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=30) as r:
                return r.status, r.url, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.url, e.read().decode("utf-8", "replace")


def words_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def pages(venv, place, env):
    """Every GET page the installed app answers, with an article and an exercise for the others."""
    script = (
        "import json; from webapp import create_app\n"
        "app = create_app(); c = app.extensions['content']\n"
        "fill = {'slug': next(iter(c.articles)), 'topic': next(iter(c.articles.values())).topics[0]}\n"
        "out = []\n"
        "for r in app.url_map.iter_rules():\n"
        "    if 'GET' not in r.methods or r.endpoint == 'static': continue\n"
        "    args = {a: fill.get(a) for a in r.arguments}\n"
        "    if r.endpoint.startswith('program.exercises') and 'slug' in args: args['slug'] = next(iter(c.exercises))\n"
        "    if None in args.values(): continue\n"
        "    public = getattr(app.view_functions[r.endpoint], 'public', False)\n"
        "    out.append([r.endpoint, r.build(args)[1], public])\n"
        "print(json.dumps(out))\n")
    return json.loads(run(venv / "bin" / "python", "-c", script, cwd=place, env=env).stdout.strip()
                      .splitlines()[-1])


def test_upgrade_then_gunicorn_serves_every_page(installed):
    venv, place, env = installed
    upgrade = run(venv / "bin" / "flask", "--app", "webapp", "db", "upgrade", cwd=place, env=env)
    assert "0001_initial" in upgrade.stdout
    assert (place / "clinic.db").exists()
    port = free_port()
    server = subprocess.Popen([str(venv / "bin" / "gunicorn"), "--no-control-socket", "-w", "1", "-b",
                               f"127.0.0.1:{port}", "webapp:create_app()"], cwd=place, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        visitor = Browser(base)
        every = pages(venv, place, env)
        assert len(every) >= 40
        # Signed out: the public pages with their words; every other page sends the visitor to sign in.
        expect = {"/account/signin": "Sign in", "/red-flags": "bladder", "/offline": "offline",
                  "/library/": "Library", "/sw.js": "PRECACHE", "/manifest.webmanifest": "Sciatica Companion",
                  "/static/css/app.css": "{"}
        for path, words in expect.items():
            status, _, body = visitor.get(path)
            assert status == 200 and words.lower() in body.lower(), (path, status)
        for endpoint, path, public in every:
            status, url, body = visitor.get(path)
            assert status < 500, (path, status, body[:300])
            if not public:
                assert "/account/signin" in url, (path, url)
        # Signed in, as a new person is after sign-up and the welcome questions.
        person = Browser(base)
        status, url, body = person.post("/account/signup", {"email": "wheel@example.com",
                                                            "password": PASSWORD, "privacy": "y"})
        assert status == 200 and "/account/recovery" in url, (status, url)
        assert person.post("/welcome/safety", {"redflag": "none"})[0] == 200
        start = (dt.date.today() - dt.timedelta(weeks=3)).isoformat()
        status, url, _ = person.post("/welcome/confirm", {**WELCOME, "episode_start": start, "stage": "1",
                                                              "pattern_answer": "disc", "pattern": "disc",
                                                              "timezone": "Europe/London"})
        assert status == 200 and urllib.parse.urlsplit(url).path == "/", url
        seen = {}
        for endpoint, path, public in every:
            status, url, body = person.get(path)
            assert status < 500, (path, status, body[:300])
            seen[endpoint] = (status, url, words_of(body))
        for endpoint, words in {"program.today": "stage 1", "log.index": "leg pain", "program.overview": "stage",
                                "report.index": "leg pain", "auth.settings": "wheel@example.com",
                                "library.article": "sciatic nerve", "program.exercises.show": "stop"}.items():
            status, url, text = seen[endpoint]
            assert status == 200 and words in text.lower(), (endpoint, status, url, text[:300])
        assert len(seen["library.article"][2].split()) > 200
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert "Traceback" not in out, out[-3000:]
