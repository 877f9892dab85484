"""The app in the person's language: which language a page is in (the person's setting, the
visitor's cookie, the browser's languages), `lang` and `dir`, the control and the Account setting."""
import re

from webapp.models import User

from .helpers import PASSWORD, csrf_token_from

SPANISH_BROWSER = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}


def html_tag(html):
    return re.search(r"<html[^>]*>", html).group(0)


def test_a_visitor_gets_the_best_match_for_their_browser_languages(client):
    assert 'lang="es" dir="ltr"' in html_tag(client.get("/about", headers=SPANISH_BROWSER).get_data(as_text=True))
    # A language we do not have: the next one the browser lists, else English.
    page = client.get("/about", headers={"Accept-Language": "de-DE,es;q=0.8"}).get_data(as_text=True)
    assert 'lang="es"' in html_tag(page)
    page = client.get("/about", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'lang="en-GB" dir="ltr"' in html_tag(page)
    assert 'lang="en-GB"' in html_tag(client.get("/about").get_data(as_text=True))


def test_a_visitors_choice_is_a_cookie_that_beats_the_browser(client):
    response = client.post("/language?next=/about", data={"language": "es"})
    assert response.status_code == 303 and response.headers["Location"] == "/about"
    assert "sc_lang=es" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    page = client.get("/about", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="es"' in html_tag(page)
    assert "La aplicación ahora está en español." in page         # the confirmation, in the new language
    assert 'lang="es"' in html_tag(client.get("/privacy").get_data(as_text=True))
    client.post("/language", data={"language": "en"})
    assert 'lang="en-GB"' in html_tag(client.get("/about", headers=SPANISH_BROWSER).get_data(as_text=True))


def test_the_control_is_on_every_page_a_plain_form_naming_each_language_in_its_own_words(client):
    page = client.get("/about").get_data(as_text=True)
    form = re.search(r'<form class="language-control".*?</form>', page, re.DOTALL).group(0)
    assert 'action="/language?next=/about"' in form and 'name="csrf_token"' in form
    assert '<option value="es" lang="es">Español</option>' in form
    assert '<label for="language-choice">' in form and 'type="submit"' in form


def test_choosing_needs_the_csrf_token(csrf_app):
    client = csrf_app.test_client()
    assert client.post("/language", data={"language": "es"}).status_code == 400
    assert 'lang="en-GB"' in html_tag(client.get("/about").get_data(as_text=True))
    token = csrf_token_from(client.get("/about").get_data(as_text=True))
    assert client.post("/language", data={"language": "es", "csrf_token": token}).status_code == 303
    assert 'lang="es"' in html_tag(client.get("/about").get_data(as_text=True))


def test_a_language_we_do_not_have_or_a_hostile_next_is_refused_calmly(client):
    response = client.post("/language", data={"language": "xx"})
    assert response.status_code == 400 and "languages in the list" in response.get_data(as_text=True)
    assert "sc_lang" not in response.headers.get("Set-Cookie", "")
    response = client.post("/language?next=//evil.example/", data={"language": "es"})
    assert response.status_code == 303 and response.headers["Location"] == "/library/"


def test_a_persons_setting_is_kept_on_their_account_and_beats_cookie_and_browser(app, auth, client, db):
    auth.signup("ana@example.com")
    page = client.get("/account/").get_data(as_text=True)
    assert 'name="language" value="es"' in page and "Save language" in page
    assert client.post("/language?next=/account/", data={"language": "es"}).status_code == 303
    assert User.by_email("ana@example.com").language == "es"
    # Another browser of hers, English everywhere: her setting wins once she signs in.
    other = app.test_client()
    other.set_cookie("sc_lang", "en")
    assert other.post("/account/signin", data={"email": "ana@example.com", "password": PASSWORD}
                      ).status_code in (302, 303)
    page = other.get("/account/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="es"' in html_tag(page)
    assert re.search(r'id="language-es" name="language" value="es" checked', page)


def test_a_pseudo_locale_name_borrows_its_languages_data():
    from webapp.i18n.catalogues import locale_of
    locale = locale_of("en_XA")
    assert str(locale) == "en_XA" and locale.character_order == "left-to-right"


def test_every_page_in_the_url_map_says_its_language_and_direction(app, auth, client):
    """Walk every GET page without arguments, signed out and signed in, in Spanish: each HTML
    answer's <html> carries lang="es" and dir="ltr"."""
    paths = sorted({rule.rule for rule in app.url_map.iter_rules()
                    if "GET" in rule.methods and not rule.arguments and not rule.rule.startswith("/static")})
    checked = 0
    for signed_in in (False, True):
        if signed_in:
            auth.signup("ana@example.com")
            # An account from before languages (no setting): the browser's languages decide.
            User.update(language=None).where(User.email == "ana@example.com").execute()
        for path in paths:
            response = client.get(path, headers={"Accept-Language": "es"})
            if response.mimetype != "text/html" or response.status_code >= 300:
                continue
            assert re.search(r'<html lang="es" dir="ltr"', response.get_data(as_text=True)), path
            checked += 1
    assert checked > 40


def test_a_kept_page_is_never_served_in_another_language(app, auth, client):
    """Signed-in pages are kept until what they show changes (webapp/pagecache.py, Today's own
    cache): the language is part of their key, for a person who has set none as for one who has."""
    from .helpers import onboard
    onboard(client, auth)
    User.update(language=None).where(User.email == "ana@example.com").execute()     # none set: the browser's
    for path in ("/library/what-is-sciatica", "/library/", "/"):
        english = client.get(path, headers={"Accept-Language": "en"})
        spanish = client.get(path, headers={"Accept-Language": "es"})
        assert english.status_code == spanish.status_code == 200, path    # STENCIL_CHECK: a missed key is a 500
        assert 'lang="en-GB"' in html_tag(english.get_data(as_text=True))
        assert 'lang="es"' in html_tag(spanish.get_data(as_text=True)), path
        assert 'lang="en-GB"' in html_tag(client.get(path, headers={"Accept-Language": "en"}).get_data(as_text=True))


def test_an_account_made_in_spanish_keeps_spanish_for_reminders_and_e_mails(app, client):
    """The language the sign-up page was read in becomes the account's setting: what the app sends
    later (reminders, e-mails) has no browser to ask."""
    from .helpers import practitioner_signup
    r = client.post("/account/signup", data={"email": "lucia@example.com", "password": PASSWORD, "privacy": "y"},
                    headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert r.status_code in (302, 303) and User.by_email("lucia@example.com").language == "es"
    jo = app.test_client()
    jo.set_cookie("sc_lang", "es")
    assert practitioner_signup(jo).status_code == 303
    assert User.by_email("jo@example.com").language == "es"
    en = app.test_client()
    en.post("/account/signup", data={"email": "ann@example.com", "password": PASSWORD, "privacy": "y"},
            headers={"Accept-Language": "en-GB"})
    assert User.by_email("ann@example.com").language == "en"
