"""Nothing left in English by accident: every page below is drawn in a pseudo-locale (en_XA,
every catalogue string ⟦bracketed and áccented⟧, made in this test session from the code as it is
now) and any visible or spoken text outside the brackets fails the test.

Not checked: text marked as another language (lang, such as an English article not translated
yet) or as not to be translated (translate="no": names, e-mail addresses), and these words:
ALLOWED (proper names, user data the tests type). The red-flag banner and the account page's
safety form (NOT_YET_WRAPPED) are skipped until the safety screens are wrapped; the pages of the
log, safety, practice and report areas are not in the lists below yet for the same reason. The
program's pages (Today, the week's plan, an exercise, the welcome questions, reminders) are checked
in test_the_program_today_and_reminders_pass_through_the_catalogue, with other areas' parts drawn
empty (OTHER_AREAS)."""
import pytest

from webapp.models import User

from .helpers import PASSWORD, make_app, practitioner_signup
from .i18n_helpers import PSEUDO, pseudo, untranslated, write_pseudo_catalogues

ALLOWED = ("Sciatica Companion", "ana@example.com", "jo@example.com", "Safari", "iPhone", "iPad", "Android",
           "PUBLIC_BASE_URL", "HCPC", "UTC", "GitHub", "AGPL", "GNU", "WCAG", "axe",
           "English (Pseudo-Accents)")      # each language's name is in its own language


def _class(name):
    return lambda tag, attrs: name in (attrs.get("class") or "").split()


# The red-flag banner (templates/safety/_banner.html) and the account page's safety form are wrapped
# next, with the safety screens (see docs/clinical-safety/rows/i18n.md, I18N-1).
NOT_YET_WRAPPED = (_class("redflag-banner"),
                   lambda tag, attrs: tag == "form" and attrs.get("action") == "/account/safety")

SIGNED_OUT = ("/library/", "/library/topic/understanding", "/library/what-is-sciatica", "/library/search",
              "/library/search?q=sitting", "/library/search?q=qqqq", "/account/signin", "/account/signup",
              "/account/signup/practitioner", "/about", "/privacy", "/help", "/accessibility", "/install",
              "/offline", "/account/recover", "/library/topic/safety")
PERSON = ("/account/", "/account/delete", "/care/", "/library/", "/about", "/account/recovery/start",
          "/account/confirm")
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


def check(client, paths):
    # An article's title is content (content/<language>/), not catalogue text: a page names it in
    # <title>, which cannot carry a lang of its own.
    content = client.application.extensions["content"]
    allowed = ALLOWED + tuple(f"{a.title} · " for a in content.articles.values())
    problems = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert '<html lang="en-XA"' in html, path
        found = untranslated(html, allowed, NOT_YET_WRAPPED)
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


# ---- the program, Today and reminders (the exercise program's area) ----

# Parts of the program's pages that other areas draw and wrap (the log's warning-sign check and quick
# check-in, the safety screens' cards and questions, the practice area's card, the home-screen
# offer): drawn empty here, and checked with their areas. Everything else on these pages, and every
# rule text they show, is the program's.
OTHER_AREAS = ("log/_safety_card.html", "log/_outbox_panel.html", "program/_offline_pause.html", "program/_paused.html",
               "program/_contact_card.html", "program/_warnings.html", "program/_both_legs.html",
               "safety/_background_fields.html", "safety/_both_legs_questions.html",
               "practice/_practitioner_changed.html", "pwa/_install_entry.html", "safety/_mistake_link.html")


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
