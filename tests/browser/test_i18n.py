"""The app in Spanish in real Chromium: the language control (with and without JavaScript), a
Spanish journey (sign up, the account's language setting, an article, search with and without
accents, offline from the Spanish copies the service worker keeps), and axe on Spanish pages."""
import pytest

from ..helpers import PASSWORD, axe_violations, wait_for_service_worker, wait_until

pytestmark = pytest.mark.browser

def spanish_shell_keeps(path):
    """A test for the Spanish worker: it is in charge of the page (activated: a navigation started
    while it is still taking over waits on Chromium's hand-over, which once stalled a test's page
    load past 30 s in CI), and its shell keeps `path` fetched as ?lang=es and the Spanish
    JavaScript catalogue."""
    return f"""(async () => {{
  const worker = navigator.serviceWorker.controller;
  if (!worker || !worker.scriptURL.includes('lang=es') || worker.state !== 'activated') return false;
  const names = await caches.keys();
  const shell = names.find((n) => n.startsWith('sciatica-shell-es-'));
  if (!shell) return false;
  const have = (await (await caches.open(shell)).keys()).map((r) => new URL(r.url));
  return have.some((u) => u.pathname === {path!r} && u.search === '?lang=es')
    && have.some((u) => u.pathname.startsWith('/i18n/es.json'));
}})()"""


def choose(page, label):
    page.select_option("#language-choice", label=label)
    page.locator(".language-control button[type=submit]").click()
    page.wait_for_load_state()


def test_the_language_control_switches_every_page_and_works_without_javascript(page, browser, live):
    page.goto(live.url + "/library/")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    choose(page, "Español")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Biblioteca"
    assert page.locator("#main").inner_text().count("La aplicación ahora está en español.") == 1
    page.goto(live.url + "/about")
    assert page.locator("h1").inner_text() == "Acerca de Sciatica Companion"
    assert page.locator("#language-choice").input_value() == "es"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme

    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.scripts_off = True
        plain.goto(live.url + "/privacy")
        plain.select_option("#language-choice", label="Español")
        plain.locator(".language-control button[type=submit]").click()
        plain.wait_for_url(live.url + "/privacy")
        assert plain.locator("h1").inner_text() == "Aviso de privacidad"
    finally:
        context.close()


def test_a_spanish_journey_sign_up_read_search_and_offline(page, context, live):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(live.url + "/account/signup")
    choose(page, "Español")
    assert page.locator("label[for=email]").inner_text() == "Correo"
    page.fill("#email", "lucia@example.com")
    page.fill("#password", "x")                                   # too short: the error is Spanish
    page.check("#privacy")
    page.locator("main button[type=submit]").click()
    assert "Usa entre 10 y 256 caracteres." in page.locator("#password-error").inner_text()
    page.fill("#password", PASSWORD)
    page.check("#privacy")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/account/recovery/start")
    assert page.locator("html").get_attribute("lang") == "es"
    assert axe_violations(page) == []

    page.goto(live.url + "/account/")
    assert page.locator("#language-es").is_checked()
    assert page.locator("#language-heading").inner_text() == "Idioma"
    assert axe_violations(page) == []

    page.goto(live.url + "/library/what-is-sciatica")
    assert "ciática" in page.locator("h1").inner_text().lower()
    assert axe_violations(page) == []
    page.goto(live.url + "/library/")
    wait_for_service_worker(page)
    wait_until(page, spanish_shell_keeps("/library/search"), timeout=40)

    context.set_offline(True)
    try:
        page.goto(live.url + "/library/")
        assert page.locator("h1").inner_text() == "Biblioteca"
        page.locator("#library-q").press_sequentially("ciatica", delay=30)
        wait_until(page, "document.querySelector('#search-results').dataset.searchedOn === 'phone'"
                         " && document.querySelector('#search-results').textContent.includes('«ciatica»')")
        marks = {m.lower() for m in page.locator("#search-results mark").all_inner_texts()}
        assert "ciática" in marks
        assert "hablan de «ciatica»" in page.locator("#search-results .search-count").inner_text()
        response = page.goto(live.url + "/account/signup")              # never opened offline: /offline
        assert response.from_service_worker
        assert page.locator("h1").inner_text() in ("Estás sin conexión", "Crea tu cuenta")
    finally:
        context.set_offline(False)
    assert errors == []
