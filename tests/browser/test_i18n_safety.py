"""The warning signs in Spanish in real Chromium: Today's check (its button relabelled from the
JavaScript catalogue), the go-now screen with the person's own number, the pause, the banner's
size, axe at 0 in light and dark; and offline, from the Spanish copies the service worker keeps,
the Spanish go-now screen with the number of the person's country (not the browser's)."""
import pytest

from webapp.models import RedFlagCheck, User

from ..helpers import axe_violations, browser_start_program, eventually, wait_for_service_worker, wait_until
from .test_i18n import spanish_shell_keeps
from .test_safety import assert_banner_small_and_sticky, visible

pytestmark = pytest.mark.browser

RELABELLED = "document.querySelector('#safety-check .none-of-these').textContent === 'Guardar mi respuesta'"


def in_spanish(page, live, country):
    """A person who started in English, then chose Spanish on the Account page; ends there."""
    email = browser_start_program(page, live, country=country)
    page.goto(live.url + "/account/")
    page.check("#language-es")
    page.click("form:has(#language-es) button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert User.by_email(email).language == "es"
    return email


def open_check(page):
    if not page.evaluate("document.querySelector('#safety-check details.redflag-check').open"):
        page.click("#safety-check summary")


def stored(email, sign):
    user = User.by_email(email)
    eventually(lambda: RedFlagCheck.select().where((RedFlagCheck.user == user) & (RedFlagCheck.tier == "now")).exists(),
               timeout=15)
    assert RedFlagCheck.get((RedFlagCheck.user == user) & (RedFlagCheck.tier == "now")).go_now == sign


def test_the_warning_sign_check_on_today_in_spanish(page, live):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    email = in_spanish(page, live, "MX")
    page.goto(live.url + "/")
    assert page.inner_text(".redflag-banner").startswith("Adormecimiento nuevo entre las piernas")
    assert "llama al 911 ya" in page.inner_text(".redflag-banner")
    assert_banner_small_and_sticky(page)            # two lines at 360 px, in Spanish too
    open_check(page)
    assert page.inner_text("#safety-check summary").startswith("Control de seguridad")
    legend = page.inner_text("#safety-check .go-now-signs legend")
    assert legend == ("¿Alguna de estas señales es nueva o empeora? Si es así, ve ahora a que te atiendan en el "
                      "servicio de urgencias o marca 911.")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme
    page.check("#go_now-saddle")
    wait_until(page, RELABELLED)                       # the JavaScript's words, from the Spanish catalogue
    page.click("#safety-check .none-of-these")         # the wrong button, with the box ticked
    page.wait_for_url("**/emergency*")
    assert page.inner_text("#emergency-heading") == "Ve ahora a que te atiendan en el servicio de urgencias o marca 911"
    assert visible(page, '[data-sign="saddle"]') and not visible(page, '[data-sign="chest"]')
    assert page.inner_text('[data-sign="saddle"]') == "Adormecimiento nuevo entre las piernas o alrededor del ano"
    assert page.get_attribute("main a[data-c-dial]", "href") == "tel:911"
    assert " ".join(page.inner_text("main a[data-c-dial]").split()) == "Marca 911"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme
    stored(email, "saddle")
    page.goto(live.url + "/")
    assert page.locator("[data-pause-state=server]").is_visible()
    assert "Tus ejercicios están en pausa" in page.inner_text("[data-pause-state=server]")
    assert axe_violations(page) == []
    for country in ("ZA", "XX", "GB", "AR"):            # the longest words and numbers fit too
        User.update(country=country).where(User.email == email).execute()
        for path in ("/", "/emergency", "/red-flags"):
            page.goto(live.url + path)
            assert_banner_small_and_sticky(page)
    assert errors == []


def test_offline_in_spanish_a_go_now_tick_shows_the_spanish_screen_with_the_persons_number(page, context, live):
    # Argentina (107 or 911) on a browser set to en-GB: the copies kept for anyone say 999.
    assert page.evaluate("navigator.language") == "en-GB"
    email = in_spanish(page, live, "AR")
    page.goto(live.url + "/")
    wait_for_service_worker(page)
    wait_until(page, spanish_shell_keeps("/emergency"), timeout=40)
    page.goto(live.url + "/")                                    # Today, kept on the phone in Spanish
    context.set_offline(True)
    try:
        open_check(page)
        page.check("#go_now-bowel")
        wait_until(page, RELABELLED)
        page.click("#safety-check .none-of-these")
        page.wait_for_url("**/emergency")
        assert page.evaluate("document.body.dataset.pageSource") == "shell"      # the copy kept for anyone
        assert page.locator("html").get_attribute("lang") == "es"
        wait_until(page, "document.body.dataset.country === 'AR'")
        heading = page.inner_text("#emergency-heading")
        assert heading == "Ve ahora a que te atiendan en el servicio de urgencias o marca 107 o 911"
        assert page.get_attribute("main a[data-c-dial]", "href") == "tel:107"
        assert "llama al 107 ya" in page.inner_text(".redflag-banner") and "999" not in page.inner_text("body")
        assert visible(page, '[data-sign="bowel"]')
        assert page.inner_text('[data-sign="bowel"]') == "Un cambio nuevo en tu intestino"
        assert "Ve ahora a que te atiendan en el servicio de urgencias" in page.inner_text("main ol")
        assert axe_violations(page) == []
        page.goto(live.url + "/")                                # the copy of Today: paused at once
        assert page.evaluate("document.body.dataset.pageSource") == "cache"
        assert visible(page, "[data-offline-pause]")
        assert "Tus ejercicios están en pausa" in page.inner_text("[data-offline-pause]")
        assert "marca 107 o 911" in page.inner_text("[data-offline-pause]")
    finally:
        context.set_offline(False)
    page.reload()
    stored(email, "bowel")
