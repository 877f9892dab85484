"""The public pages a health app needs (about, privacy, help, accessibility), readable signed out,
kept offline and linked from sign-in and the Account page; the running code as a download
(AGPL-3.0 section 13) and the licence beside it."""
import hashlib
import io
import re
import tarfile
from pathlib import Path

import pytest

from webapp import maintenance
from webapp.auth import reset

from .helpers import text_of

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"/about": "About Sciatica Companion", "/privacy": "Privacy notice", "/help": "Help",
         "/accessibility": "Accessibility statement"}
# The GNU AGPL v3 exactly as the FSF publishes it (gnu.org/licenses/agpl-3.0.txt).
AGPL_SHA256 = "8486a10c4393cee1c25392769ddd3b2d6c242d6ec7928e1414efff7dfb2f07ef"


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_public_and_says_what_it_is(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert re.search(r"<h1>([^<]+)</h1>", r.text).group(1) == PAGES[path]
    assert r.headers["X-Person"] == ""
    for other in PAGES:                 # each page leads to the others
        assert f'href="{other}"' in r.text


def test_the_pages_are_kept_for_offline_use(client):
    worker = client.get("/sw.js").text
    precache = re.search(r"const PRECACHE = (\[.*?\]);", worker).group(1)
    for path in PAGES:
        assert f'"{path}?lang=en"' in precache


def test_sign_in_sign_up_and_account_pages_link_to_them(client, auth):
    for page in ("/account/signin", "/account/signup", "/account/signup/practitioner"):
        html = client.get(page).text
        assert all(f'href="{path}"' in html for path in PAGES), page
    auth.signup()
    account = client.get("/account/").text
    assert all(f'href="{path}"' in account for path in PAGES)
    assert "About this app" in account


def test_about_says_what_the_app_is_not_its_version_and_where_the_code_is(app, client):
    page = text_of(client.get("/about").text)
    assert "It does not diagnose" in page and "does not prescribe" in page
    assert "Release 0.1.0" in page
    assert f"Build {app.extensions['build_version']}" in page
    html = client.get("/about").text
    assert 'href="/source"' in html and "GNU Affero General Public License" in page
    assert "developed at" not in page
    app.config["SOURCE_URL"] = "https://code.example.org/sciatica-companion"
    assert 'href="https://code.example.org/sciatica-companion"' in client.get("/about").text
    assert 'href="https://code.example.org/sciatica-companion"' in client.get("/accessibility").text


def test_the_privacy_notice_matches_what_the_code_does(app, client):
    page = text_of(client.get("/privacy").text)
    assert f"after {app.permanent_session_lifetime.days} days without use" in page
    assert f"deleted {maintenance.SHARE_LINKS_KEPT.days} days after it runs out" in page
    assert reset.LINK_LIFETIME.total_seconds() == 3600 and "works for 1 hour" in page
    for words in ("What is kept", "Where it is kept", "Who can see it", "How long it is kept",
                  "Download or delete it", "Delete your account", "no trackers"):
        assert words in page
    assert "Ask them if you have questions" in page
    app.config["CONTACT_EMAIL"] = "privacy@clinic.example.org"
    assert 'href="mailto:privacy@clinic.example.org"' in client.get("/privacy").text


def test_help_and_accessibility_cover_what_people_ask(client):
    help_page = text_of(client.get("/help").text)
    for words in ("home screen", "no signal", "share link", "Link a practitioner", "recovery codes",
                  "passkey", "Sign out everywhere"):
        assert words in help_page, words
    statement = text_of(client.get("/accessibility").text)
    assert "WCAG) 2.2 at level AA" in statement and "partly meets" in statement
    assert "What does not work well yet" in statement and "Tell us about a problem" in statement


def source_files(client):
    r = client.get("/source")
    assert r.status_code == 200 and r.mimetype == "application/gzip"
    assert re.fullmatch(r'attachment; filename="sciatica-companion-0\.1\.0-[0-9a-f]{12}\.tar\.gz"',
                        r.headers["Content-Disposition"])
    with tarfile.open(fileobj=io.BytesIO(r.data), mode="r:gz") as tar:
        return r.data, {m.name.split("/", 1)[1]: tar.extractfile(m).read() for m in tar.getmembers()}


def test_source_is_the_code_this_server_runs(client):
    data, files = source_files(client)
    assert files["LICENSE"] == (ROOT / "LICENSE").read_bytes()
    for path in list((ROOT / "webapp").rglob("*.py")) + list((ROOT / "templates").rglob("*.html")):
        assert files[str(path.relative_to(ROOT))] == path.read_bytes(), path
    for name in ("pyproject.toml", "setup.py", "requirements/run.txt", "static/sw.js", "content/program.yaml"):
        assert name in files
    assert not [n for n in files if "__pycache__" in n or n.endswith((".pyc", ".db")) or "secret" in n]
    assert source_files(client)[0] == data        # the same bytes every time


def test_the_licence_is_one_tap_from_about(client):
    assert 'href="/licence" rel="license"' in client.get("/about").text
    r = client.get("/licence")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    assert r.data == (ROOT / "LICENSE").read_bytes()


def test_the_licence_is_the_whole_agpl():
    text = (ROOT / "LICENSE").read_bytes()
    assert hashlib.sha256(text).hexdigest() == AGPL_SHA256
    assert text.startswith(b"                    GNU AFFERO GENERAL PUBLIC LICENSE\n")
    assert b"13. Remote Network Interaction; Use with the GNU General Public License." in text
