"""Nothing left in English by accident: every page below is drawn in a pseudo-locale (en_XA,
every catalogue string ⟦bracketed and áccented⟧, made in this test session from the code as it is
now) and any visible or spoken text outside the brackets fails the test.

Not checked: text marked as another language (lang, such as an English article not translated
yet) or as not to be translated (translate="no": names, e-mail addresses), and these words:
ALLOWED (proper names, user data the tests type). Every area's pages are listed below; the
warning-sign parts other areas draw (templates/safety, the check, the pause and contact cards) are
checked on those pages too."""
import datetime as dt
import re

import pytest
from babel.dates import format_date

from webapp.i18n.catalogues import locale_of
from webapp.models import CheckIn, RedFlagCheck, User

from .helpers import (
    PASSWORD,
    WELCOME,
    Auth,
    add_checkin,
    ago,
    london_today,
    make_app,
    onboard,
    practitioner_signup,
)
from .i18n_helpers import PSEUDO, pseudo, untranslated, write_pseudo_catalogues

ALLOWED = ("Sciatica Companion", "ana@example.com", "jo@example.com", "Safari", "iPhone", "iPad", "Android",
           "PUBLIC_BASE_URL", "HCPC", "UTC", "GitHub", "AGPL", "GNU", "WCAG", "axe",
           "English (Pseudo-Accents)")      # each language's name is in its own language


def _class(name):
    return lambda tag, attrs: name in (attrs.get("class") or "").split()


NOT_YET_WRAPPED = ()

# Nothing is skipped any more: the log's warning-sign check and follow-up questions are wrapped too.
LOG_NOT_YET_WRAPPED = ()

SIGNED_OUT = ("/library/", "/library/topic/understanding", "/library/what-is-sciatica", "/library/search",
              "/library/search?q=sitting", "/library/search?q=qqqq", "/account/signin", "/account/signup",
              "/account/signup/practitioner", "/about", "/privacy", "/help", "/accessibility", "/install",
              "/offline", "/account/recover", "/library/topic/safety",
              # The warning-sign screens, with the reasons for ticked signs shown (the phone's copy
              # shows the same hidden parts for the answer it just kept).
              "/red-flags", "/emergency", "/emergency?signs=saddle,bladder,chest,accident,cancer", "/urgent",
              "/urgent?signs=weak_leg,fever&when=today", "/urgent?signs=risk_over_50&when=soon")
PERSON = ("/account/", "/account/delete", "/care/", "/library/", "/about", "/account/recovery/start",
          "/account/confirm", "/account/safety", "/red-flags", "/emergency?signs=saddle", "/urgent?signs=fever")
PRACTITIONER = ("/account/", "/library/", "/help")


@pytest.fixture(scope="session")
def pseudo_dir(tmp_path_factory):
    return write_pseudo_catalogues(tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def pseudo_app(backend, tmp_path, pseudo_dir):
    from .conftest import _serve, database_url
    yield from _serve(make_app(database_url(backend, tmp_path), LANGUAGES=("en", "es", PSEUDO),
                               EXTRA_TRANSLATIONS=[str(pseudo_dir)]))


def visitor(app):
    client = app.test_client()
    client.set_cookie("sc_lang", PSEUDO)
    return client


def check(client, paths, skip=(), words=()):
    # An article's title is content (content/<language>/), not catalogue text: a page names it in
    # <title>, which cannot carry a lang of its own.
    content = client.application.extensions["content"]
    allowed = ALLOWED + tuple(words) + tuple(f"{a.title} · " for a in content.articles.values())
    problems = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert '<html lang="en-XA"' in html, path
        found = untranslated(html, allowed, NOT_YET_WRAPPED + skip)
        if found:
            problems[path] = found
    assert problems == {}


def test_the_pseudo_locale_transforms_text_and_keeps_placeholders_and_tags():
    assert pseudo("Sign in") == "⟦Şíĝñ íñ⟧"
    assert pseudo('Hello %(name)s, <a href="%(link)s">go</a> &amp; 5%%') == \
        '⟦Hélló %(name)s, <a href="%(link)s">ĝó</a> &amp; 5%%⟧'


def test_the_check_finds_english_that_skipped_the_catalogue():
    html = '<html lang="en-XA"><body><p>⟦Şíĝñ íñ⟧</p><p>Sign out</p><p lang="en">English article</p>' \
           '<button aria-label="Close">⟦X⟧</button><span translate="no">ana@example.com</span></body></html>'
    assert untranslated(html) == ["p: Sign out", "<button aria-label>: Close"]


def test_every_signed_out_page_passes_through_the_catalogue(pseudo_app):
    check(visitor(pseudo_app), SIGNED_OUT)


def test_every_page_of_a_signed_in_person_passes_through_the_catalogue(pseudo_app):
    client = visitor(pseudo_app)
    client.post("/account/signup", data={"email": "ana@example.com", "password": PASSWORD, "privacy": "y"})
    User.update(language=PSEUDO).where(User.email == "ana@example.com").execute()
    check(client, PERSON)
    # Pages that answer a form: the code for a practitioner.
    invite = client.post("/care/invite", data={"display_name": "Ana"})
    assert invite.status_code == 201
    assert untranslated(invite.get_data(as_text=True), ALLOWED + ("Ana",), NOT_YET_WRAPPED) == []
    codes = client.post("/account/recovery/codes", follow_redirects=True)    # the codes, shown once
    assert codes.status_code == 201 and "recovery-codes" in codes.get_data(as_text=True)
    assert untranslated(codes.get_data(as_text=True), ALLOWED, NOT_YET_WRAPPED) == []


def test_every_page_of_a_practitioner_passes_through_the_catalogue(pseudo_app):
    client = visitor(pseudo_app)
    assert practitioner_signup(client).status_code == 303
    check(client, PRACTITIONER)


def parts(html, pattern):
    """The elements that open with `pattern` (a regex on the opening tag), each a page of its own."""
    found = []
    for match in re.finditer(pattern, html):
        tag = re.match(r"<(\w+)", match.group(0)).group(1)
        depth, cursor = 0, match.start()
        for piece in re.finditer(rf"<(/?){tag}\b[^>]*>", html[match.start():]):
            depth += -1 if piece.group(1) else 1
            if depth == 0:
                cursor = match.start() + piece.end()
                break
        found.append(f'<html lang="en-XA">{html[match.start():cursor]}</html>')
    assert found, pattern
    return found


def check_parts(client, path, *patterns, status=200):
    """The warning-sign parts of another area's page (its other text is that area's to wrap)."""
    response = client.get(path)
    assert response.status_code == status, path
    html = response.get_data(as_text=True)
    return {(path, p): found for p in patterns for part in parts(html, p) if (found := untranslated(part, ALLOWED))}


def test_every_warning_sign_page_and_part_passes_through_the_catalogue(pseudo_app):
    client = visitor(pseudo_app)
    auth = Auth(client)
    auth.signup()
    User.update(language=PSEUDO).where(User.email == "ana@example.com").execute()
    check(client, ["/welcome"])                                           # the go-now step first
    problems = {}
    # At the start, both legs: the note under the choice and the four questions (then with errors).
    client.post("/welcome/safety", data={"redflag": "none"})
    start = (london_today() - dt.timedelta(weeks=3)).isoformat()
    answers = {**WELCOME, "side": "both", "episode_start": start, "pattern_answer": "disc"}
    both = client.post("/welcome", data=answers)
    assert both.status_code == 200 and "both_recent" in both.get_data(as_text=True)
    problems["welcome both"] = untranslated(both.get_data(as_text=True), ALLOWED)
    wrong = client.post("/welcome", data={**answers, "both_recent": "no"})
    assert wrong.status_code == 422 and 'id="both_saddle-error"' in wrong.get_data(as_text=True)
    problems["welcome both, 422"] = untranslated(wrong.get_data(as_text=True), ALLOWED)
    problems.update(check_parts(client, "/welcome", r'<div class="both-warning"'))
    # The Account page's safety form, and its answer with every field wrong.
    bad = client.post("/account/safety", data={"country": "ZZ", "pregnant": "yes", "pregnant_weeks": "99"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and all(f'id="{f}-error"' in html for f in ("background", "pregnant_weeks", "country"))
    problems["/account/safety 422"] = untranslated(html, ALLOWED)
    problems = {k: v for k, v in problems.items() if v}
    assert problems == {}


def test_every_warning_sign_page_of_a_person_with_signs_ticked_passes_through_the_catalogue(pseudo_app):
    client = visitor(pseudo_app)
    ana = onboard(client, Auth(client), stage=2)
    User.update(language=PSEUDO).where(User.id == ana.id).execute()
    # Today's check (compact) and the check-in's (in full), before anything is ticked.
    problems = check_parts(client, "/", r'<details class="redflag-check"', r'<section class="card pause-card" data-offline-pause')
    problems.update(check_parts(client, "/log/", r'<details class="redflag-check"'))
    # A go-now and a contact sign ticked together: the pause, the contact card, the screens.
    r = client.post("/log/", data={"go_now": "saddle", "contact_today": "fever", "leg_pain": "5"})
    assert r.status_code in (302, 303) and r.headers["Location"].startswith("/emergency?signs=saddle"), r.headers.get("Location")
    assert RedFlagCheck.program_paused(ana)
    problems.update(check_parts(client, "/", r'<section class="card pause-card" data-pause-state',
                                r'<section class="card contact-card"'))
    check(client, ["/emergency?signs=saddle", "/urgent?signs=fever", "/log/assessed", "/log/mistake",
                   "/log/mistake?return_to=history"])
    uuid = RedFlagCheck.get(RedFlagCheck.tier == "now").uuid
    check(client, [f"/log/mistake/{uuid}"])
    # Forms answered with a 4xx: a note too long, a character that cannot be kept.
    for path, note in (("/log/assessed", "x" * 2001), (f"/log/mistake/{uuid}", "a\x01b")):
        answer = client.post(path, data={"note": note})
        html = answer.get_data(as_text=True)
        assert answer.status_code == 422 and 'class="error"' in html, path
        problems[f"{path} 422"] = untranslated(html, ALLOWED)
    # Corrected: the page says so, and the flash on Today is in the catalogue too.
    done = client.post(f"/log/mistake/{uuid}", data={"note": "My thumb slipped", "return_to": "today"},
                       follow_redirects=True)
    assert done.status_code == 200
    problems["flash"] = [p for p in untranslated(done.get_data(as_text=True), ALLOWED)
                         if p.startswith("p: ") and "Noted" in p]
    closed = client.get(f"/log/mistake/{uuid}").get_data(as_text=True)
    problems["mistake, corrected"] = untranslated(closed, ALLOWED + ("My thumb slipped",))
    problems = {k: v for k, v in problems.items() if v}
    assert problems == {}


def test_every_page_of_the_daily_log_passes_through_the_catalogue(pseudo_app):
    """The check-in, the history with its trend, a safety answer and a correction, an edit page,
    the pages that answer the log's forms with field errors (4xx), and the error pages."""
    client = visitor(pseudo_app)
    client.post("/account/signup", data={"email": "ana@example.com", "password": PASSWORD, "privacy": "y"})
    user = User.get(User.email == "ana@example.com")
    User.update(language=PSEUDO).where(User.id == user.id).execute()
    add_checkin(user, ago(2), 6, back=3, extent="below_knee", sitting=20, walking=45, tingling=True, weakness=True,
                weakness_new=True, weakness_side="one", leg_side="both", spread_to_other=True, sleep_disturbed=True,
                medication="paracetamol", notes="Ana")
    add_checkin(user, ago(1), 4, leg_side="left", weakness=True, both_constant=True)
    add_checkin(user, ago(0), 3, back=2)
    assert client.post("/log/", data={"redflag": "none", "leg_pain": "5"}).status_code == 302
    # Days as Babel writes them in the pseudo-locale (English names, CLDR's pattern: never strftime's).
    days = tuple(format_date(ago(n), "full", locale=locale_of(PSEUDO)) for n in range(3))
    words = ("paracetamol", "Ana", *days)
    check(client, ("/log/", "/log/history"), LOG_NOT_YET_WRAPPED, words)
    # The trend's spoken name sits in its <svg> (which the check leaves out: drawing, not text).
    assert '<title id="trend-title">⟦' in client.get("/log/history").get_data(as_text=True)
    uuid = _a_checkin(user)
    check(client, (f"/log/{uuid}/edit", "/log/history?saved=1", "/log/history?deleted=1",
                   "/log/history?not_deleted=1"), LOG_NOT_YET_WRAPPED, words)
    allowed = ALLOWED + words + ("xyz",)
    # The log's forms answered with field errors: a new check-in, an edit, text too long.
    for path, data in (("/log/", {"leg_pain": "11", "sitting_minutes": "xyz", "extent": "knee", "tingling": "maybe"}),
                       ("/log/", {"leg_pain": "4", "notes": "x " * 1001, "local_date": "2001-13-01"}),
                       (f"/log/{uuid}/edit", {"leg_pain": "", "walking_minutes": "-1", "leg_side": "up"})):
        answer = client.post(path, data=data)
        assert answer.status_code == 422, path
        html = answer.get_data(as_text=True)
        assert 'class="error"' in html
        assert untranslated(html, allowed, NOT_YET_WRAPPED + LOG_NOT_YET_WRAPPED) == [], path
    # The error pages: a page that is not there, a check-in that is not theirs.
    for path in ("/log/nowhere", "/log/00000000-0000-4000-8000-000000000000/edit"):
        answer = client.get(path)
        assert answer.status_code == 404
        assert untranslated(answer.get_data(as_text=True), ALLOWED, NOT_YET_WRAPPED) == [], path


def _a_checkin(user):
    return CheckIn.for_user(user).order_by(CheckIn.local_date).first().uuid
