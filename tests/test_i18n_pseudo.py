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
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


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


# ---- the report (the person's, shared, exports) and the practitioner's pages ----

# Dates are written by Babel (format_date): the pseudo-locale writes them with English names, so
# those names are allowed here, and test_no_strftime_in_the_report_or_practice_pages makes sure
# no date there is written any other way.
DATE_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
              "January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
              "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# What the people in these tests typed, and what the onboarding and the test data stored.
TYPED = ("Ana", "Socks", "Stairs", "Dr Patel", "Keep walking", "Ibuprofen 400 mg", "ibuprofen 200 mg",
         "Ana's own note", "Morning: stiff", "Seen at A&E", "Chosen in a test", "Jo Smith", "physiotherapist",
         "HCPC PH123456")
def _stored(tag, attrs):
    """A stage change's reason: stored text, in the words it was written in."""
    return "stage-reason" in (attrs.get("class") or "").split()


def _report_allowed(app):
    # Exercise names are content (content/<language>/), not catalogue text: the pseudo-locale has no
    # content of its own, so they come in English, as an untranslated article does.
    content = app.extensions["content"]
    return ALLOWED + DATE_WORDS + TYPED + tuple(e.title for e in content.exercises.values())


def test_no_strftime_in_the_report_or_practice_pages():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "templates"
    found = [str(p) for folder in ("report", "practice") for p in (root / folder).glob("*.html")
             if "strftime" in p.read_text()]
    assert found == []

def _answers(client, paths, allowed):
    """{path: problems} for each (method, path, data, expected status) in `paths`."""
    problems = {}
    for method, path, data, status in paths:
        response = client.post(path, data=data) if method == "POST" else client.get(path)
        assert response.status_code == status, (path, response.status_code)
        html = response.get_data(as_text=True)
        assert '<html lang="en-XA"' in html, path
        found = untranslated(html, allowed, NOT_YET_WRAPPED + (_stored,))
        if found:
            problems[f"{method} {path}"] = found
    return problems


def _person_with_a_month(client):
    """A person at stage 1 with a month of check-ins, exercises (one spread, one over a limit),
    weekly ratings, a visit, a note with medication and a go-now answer later confirmed as assessed."""
    import datetime as dt

    from webapp.models import RedFlagCheck, utcnow

    from .helpers import Auth, crafted_history, new_uuid, onboard, psfs, sync_completion
    user = onboard(client, Auth(client))
    User.update(language=PSEUDO, display_name="Ana").where(User.id == user.id).execute()
    crafted_history(user)
    from .helpers import add_checkin, ago
    add_checkin(user, ago(2), 5, 3, "foot", 20, 15, medication="Ibuprofen 400 mg", notes="Ana's own note",
                tingling=True, weakness=False, sleep_disturbed=True)
    with client.application.app_context():
        for day in range(5):
            sync_completion(user, "lying-on-your-front", ago(day), "spread" if day == 1 else "better")
    RedFlagCheck.create(user=user, uuid=new_uuid(), local_date=ago(4), local_time="08:00",
                        client_updated_at=dt.datetime(2026, 1, 1), tier="now", go_now="saddle",
                        assessed_at=utcnow(), assessed_note="Seen at A&E")
    assert psfs(client, ("Socks", "4"), ("Stairs", "6")).status_code in (302, 303)
    assert client.post("/report/visits", data={"visit_date": ago(40).isoformat(), "practitioner": "Dr Patel",
                                               "note": "Keep walking"}).status_code in (302, 303)
    return User.get_by_id(user.id)


def test_every_page_of_the_report_passes_through_the_catalogue(pseudo_app):
    from webapp.models import Visit

    from .helpers import ago, make_link
    client = visitor(pseudo_app)
    user = _person_with_a_month(client)
    visit = Visit.newest_first(user).first()
    allowed = _report_allowed(pseudo_app)
    long_ago = ago(200).isoformat()
    _, token = make_link(client)
    _, revoked_token = make_link(client)
    link_id = max(int(x) for x in re.findall(r"/report/share/(\d+)/revoke", client.get("/report/share").get_data(as_text=True)))
    assert client.post(f"/report/share/{link_id}/revoke").status_code == 302
    problems = _answers(client, [
        ("GET", "/report/", None, 200),
        ("GET", f"/report/?from={long_ago}", None, 200),                        # weekly charts and tables
        ("GET", "/report/?from=2026-13-40", None, 400),
        ("POST", "/report/name", {"display_name": "x" * 300}, 400),
        ("GET", "/report/function", None, 200),
        ("POST", "/report/function", {"activity": ["Socks", ""], "score": ["", "4"]}, 422),
        ("GET", "/report/share", None, 200),
        ("POST", "/report/share", {"days": "500", "from": "2026-02-30"}, 422),
        ("POST", "/report/share", {"days": "7"}, 201),
        ("GET", "/report/visits", None, 200),
        ("POST", "/report/visits", {"visit_date": "", "practitioner": ""}, 422),
        ("GET", f"/report/visits/{visit.uuid}/edit", None, 200),
        ("GET", "/report/import", None, 200),
        ("POST", "/report/import", {}, 400),
    ], allowed)
    from io import BytesIO
    for body, status in ((b"not json", 422), (b'{"format": "sciatica-companion-v1", "checkins": [{"uuid": 1}]}', 422)):
        r = client.post("/report/import", data={"file": (BytesIO(body), "old.json")},
                        content_type="multipart/form-data")
        assert r.status_code == status
        if found := untranslated(r.get_data(as_text=True), allowed, NOT_YET_WRAPPED + (_stored,)):
            problems[f"import {body[:10]!r}"] = found
    # A visitor with the link: the shared report, and links that no longer work.
    stranger = visitor(pseudo_app)
    problems.update(_answers(stranger, [("GET", f"/shared/{token}", None, 200),
                                        ("GET", f"/shared/{revoked_token}", None, 410),
                                        ("GET", "/shared/no-such-link", None, 404)], allowed))
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_every_page_of_the_practitioners_side_passes_through_the_catalogue(pseudo_app):
    from .helpers import link_up
    person = visitor(pseudo_app)
    _person_with_a_month(person)
    jo = visitor(pseudo_app)
    assert practitioner_signup(jo).status_code == 303
    User.update(language=PSEUDO).where(User.email == "jo@example.com").execute()
    link_id = link_up(person, jo, "Ana")
    allowed = _report_allowed(pseudo_app) + ("K7QM-4XPT",)
    people = f"/practice/people/{link_id}"
    problems = _answers(jo, [
        ("GET", "/practice/", None, 200),
        ("GET", "/practice/?sort=-signs", None, 200),
        ("GET", "/practice/link", None, 200),
        ("POST", "/practice/link", {"code": "??"}, 422),
        ("POST", "/practice/link", {"code": "AAAA-BBBB"}, 404),
        ("GET", f"{people}/", None, 200),
        ("GET", f"{people}/?from=2026-13-40", None, 400),
        ("POST", f"{people}/visits", {"visit_date": "", "note": ""}, 422),
        ("GET", f"{people}/program/", None, 200),
        ("POST", f"{people}/program/", {"kind": "cap", "exercise": "nope", "reason": ""}, 422),
        ("POST", f"{people}/program/", {"kind": "stage", "stage": "9", "hold_days": "999", "reason": "x"}, 422),
    ], allowed)
    # The person ends the link: the practitioner is told, in their language.
    care = person.get("/care/").get_data(as_text=True)
    end = re.search(r'action="(/care/links/\d+/end)"', care).group(1)
    assert person.post(end).status_code == 303
    problems.update(_answers(jo, [("GET", f"{people}/", None, 410)], allowed))
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


# ---- the program, Today and reminders (the exercise program's area) ----

# Parts of the program's pages that other areas draw, drawn empty by without_other_areas(): none
# now that every area is wrapped, so the program's pages are checked whole.
OTHER_AREAS = ()


def without_other_areas(app):
    from jinja2 import ChoiceLoader, DictLoader
    app.jinja_env.loader = ChoiceLoader([DictLoader({name: "" for name in OTHER_AREAS}), app.jinja_env.loader])
    app.jinja_env.cache.clear()


def program_check(client, pages):
    """Each (path, expected status, html) drawn in the pseudo-locale: nothing outside the catalogue
    but exercise titles (content, marked with their language where they sit in the page's text)."""
    exercises = client.application.extensions["content"].exercises
    allowed = ALLOWED + ("Physio",) + tuple(f"{e.title} · " for e in exercises.values())    # the reason typed below
    problems = {}
    for path, html in pages:
        assert '<html lang="en-XA"' in html, path
        # A date is Babel's, in the page's language (the pseudo-locale writes English dates).
        found = untranslated(html, allowed, NOT_YET_WRAPPED + (lambda tag, attrs: tag == "time",))
        if found:
            problems[path] = found
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


def test_the_program_today_and_reminders_pass_through_the_catalogue(pseudo_app):
    import datetime as dt
    import uuid as uuidlib

    from .helpers import Auth, add_checkins, backdate_stage, onboard
    without_other_areas(pseudo_app)
    client = visitor(pseudo_app)
    user = onboard(client, Auth(client), stage=1)
    User.update(language=PSEUDO).where(User.id == user.id).execute()
    add_checkins(user, [4, 3, 3, 3, 2, 3])
    backdate_stage(user, 15)            # two good weeks at stage 1: Today suggests moving up, with reasons
    pages = []

    def get(path, status=200):
        response = client.get(path)
        assert response.status_code == status, path
        pages.append((path, response.get_data(as_text=True)))
        return pages[-1][1]
    today = get("/")
    assert "suggestion-card" in today and 'class="ex-row' in today and "next-card" in today
    get("/program")
    # A round ticked on the exercise page: its done card, with the counters and "how did that feel?".
    uid = str(uuidlib.uuid4())
    done = client.post("/exercises/knees-rocking/done", data={"uuid": uid, "session": "morning"})
    assert done.status_code == 303
    card = get(done.headers["Location"])
    assert 'id="done-card"' in card and "feeling-button" in card
    spread = client.post("/exercises/knees-rocking/done", data={"uuid": uid, "response": "spread"},
                         headers={"HX-Request": "true"})
    pages.append(("the done card after spread (htmx)", '<html lang="en-XA">' + spread.get_data(as_text=True)))
    # A Done on Today (htmx): the row again, with its spoken confirmation.
    row = today.split('name="done"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    ticked = client.post("/today/done", data={"done": row}, headers={"HX-Request": "true"})
    assert ticked.status_code == 200
    pages.append(("a Done on Today (htmx)", '<html lang="en-XA">' + ticked.get_data(as_text=True)))
    get("/")                            # the flash-free page again, with a round done
    get("/reminders")
    saved = client.post("/reminders", data={"morning_time": "7am", "timezone": "Mars/Olympus"})
    assert saved.status_code == 422
    pages.append(("/reminders (422)", saved.get_data(as_text=True)))
    made = client.post("/reminders/feed")
    pages.append(("/reminders/feed", made.get_data(as_text=True)))
    get("/program?x=1")
    wrong = client.post("/program/change", data={"stage": "9", "pattern": "spine"})
    assert wrong.status_code == 422
    pages.append(("/program/change (422)", wrong.get_data(as_text=True)))
    # The welcome questions again, a 422 with field errors, and the proposal they answer with.
    get("/welcome")
    start = (dt.date.today() - dt.timedelta(days=100)).isoformat()
    bad = client.post("/welcome", data={"episode_band": "under_2w", "episode_start": start, "leg_pain": "11"})
    assert bad.status_code == 422
    pages.append(("/welcome (422)", bad.get_data(as_text=True)))
    proposal = client.post("/welcome", data={"episode_band": "6_12w", "side": "left", "pattern_answer": "unsure",
                                             "leg_pain": "5", "tingling": "yes", "weakness": "no",
                                             "background_none": "yes", "pregnant": "no", "country": "GB"})
    assert proposal.status_code == 200 and "proposal-card" in proposal.get_data(as_text=True)
    pages.append(("/welcome (the proposal)", proposal.get_data(as_text=True)))
    refused = client.post("/welcome/confirm", data={"episode_band": "6_12w", "side": "left", "pattern_answer": "unsure",
                                                    "leg_pain": "5", "tingling": "yes", "weakness": "no",
                                                    "background_none": "yes", "pregnant": "no", "country": "GB",
                                                    "stage": "3", "pattern": "disc"})
    assert refused.status_code == 422
    pages.append(("/welcome/confirm (422)", refused.get_data(as_text=True)))
    User.update(background_answered_at=None).where(User.id == user.id).execute()
    get("/welcome/once")
    once = client.post("/welcome/once", data={})
    assert once.status_code == 422
    pages.append(("/welcome/once (422)", once.get_data(as_text=True)))
    User.update(background_answered_at=dt.datetime(2026, 1, 1)).where(User.id == user.id).execute()
    # The pages a form answers with, and their one-time messages: a Done without JavaScript, the
    # suggestion taken, a stage changed by hand, reminder times saved.
    today = client.get("/").get_data(as_text=True)
    row = today.split('name="done"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    for path, form in (("/today/done", {"done": row}), ("/suggestion/accept", {"direction": "up", "to_stage": "2"}),
                       ("/program/change", {"stage": "1", "pattern": "stenosis", "reason": "Physio"}),
                       ("/reminders", {"morning_time": "08:00", "timezone": "Europe/Madrid"})):
        answered = client.post(path, data=form, follow_redirects=True)
        assert answered.status_code == 200 and 'class="flash' in answered.get_data(as_text=True), path
        pages.append((f"{path} (answered)", answered.get_data(as_text=True)))
    program_check(client, pages)


def test_the_last_pages_pass_through_the_catalogue(pseudo_app):
    """Pages no other test here draws: forgetting a password (and its 4xx), a reset link that is no
    longer good, the both-legs questions asked again (and their 422), and one exercise row fresh
    (the fragment Today asks for after a tick sent from the phone)."""
    from .helpers import Auth, onboard
    # Resets by e-mail are offered once SMTP is set (nothing is sent here: no address is good).
    pseudo_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=1, MAIL_DEFAULT_SENDER="app@example.com",
                             PUBLIC_BASE_URL="http://localhost")
    client = visitor(pseudo_app)
    check(client, ["/account/forgot"])
    bad = client.post("/account/forgot", data={"email": "not an email"})
    assert 400 <= bad.status_code < 500 and untranslated(bad.get_data(as_text=True), ALLOWED) == []
    gone = client.get("/account/reset/not-a-token")
    assert gone.status_code in (400, 404, 410) and '<html lang="en-XA"' in gone.get_data(as_text=True)
    assert untranslated(gone.get_data(as_text=True), ALLOWED) == []
    user = onboard(client, Auth(client), stage=1)
    User.update(language=PSEUDO).where(User.id == user.id).execute()
    check(client, ["/welcome/both-legs"])
    wrong = client.post("/welcome/both-legs", data={})
    assert wrong.status_code == 422 and untranslated(wrong.get_data(as_text=True), ALLOWED) == []
    row = client.get("/today/row?exercise=knees-rocking&session=morning&saved=1")
    assert row.status_code == 200
    content = pseudo_app.extensions["content"]
    allowed = ALLOWED + tuple(e.title for e in content.exercises.values())
    assert untranslated('<html lang="en-XA">' + row.get_data(as_text=True), allowed) == []
