"""The daily log in Spanish in WebKit (Safari's engine), the core steps of the Chromium test
(tests/browser/test_i18n_log.py): the person chooses Spanish, the Spanish worker keeps their tabs,
a cold start from the home-screen URL with the server stopped opens the log from the phone, a
check-in waits in the outbox with the Spanish words and count, and arrives once the server is back
(WebKit has no Background Sync and WebDriver cannot switch it offline: the server is stopped and the
next page load sends it)."""
import pytest

from webapp.models import CheckIn, User

from ..helpers import start_url
from .test_webkit_journey import OUTBOX_COUNT, click, cold_start, js, sign_up_and_start, text, wait_js

pytestmark = pytest.mark.webkit

KEPT = """caches.keys().then((names) => names.some((n) => n.startsWith('sciatica-shell-es-')))
  .then((es) => es && caches.open('sciatica-pages')).then((c) => c && c.keys()).then((keys) => {
    const paths = (keys || []).map((r) => new URL(r.url).pathname);
    return ['/', '/log/'].every((p) => paths.includes(p));
  })"""


def test_a_spanish_check_in_made_with_the_server_stopped_waits_in_spanish_then_arrives(webkit, live):
    email = sign_up_and_start(webkit, live)
    webkit.get(live.url + "/account/")
    click(webkit, "#language-es")
    click(webkit, "form[action^='/language'] button[type=submit]")
    wait_js(webkit, "document.documentElement.lang === 'es' && location.pathname === '/account/'")
    entry = start_url(live)
    webkit.get(live.url + entry)
    wait_js(webkit, "(navigator.serviceWorker.controller || {scriptURL: ''}).scriptURL.includes('lang=es')", 60)
    webkit.get(live.url + entry)                         # Today and the log, under the Spanish worker
    webkit.get(live.url + "/log/")
    wait_js(webkit, KEPT, 60)

    live.stop()
    try:
        cold_start(webkit, live.url + entry)
        wait_js(webkit, "document.readyState === 'complete' && document.documentElement.lang === 'es'")
        click(webkit, "nav.tabbar a[href='/log/']")
        wait_js(webkit, "location.pathname === '/log/' && document.readyState === 'complete'")
        assert text(webkit, "h1") == "¿Cómo estás ahora?"
        click(webkit, "label[for=leg_pain-6]")
        webkit.find_element("id", "notes").send_keys("sin servidor")
        click(webkit, "form.checkin-form button.button-primary")
        wait_js(webkit, f"{OUTBOX_COUNT} === 1")
        wait_js(webkit, "document.querySelector('.outbox-summary').textContent.includes('(1 en espera)')")
        assert text(webkit, ".outbox-summary") == \
            "Guardado en este teléfono: se enviará cuando vuelvas a tener conexión (1 en espera)."
        assert "esperando para enviarse" in text(webkit, ".outbox-list")
        assert CheckIn.select().where(CheckIn.notes == "sin servidor").count() == 0
    finally:
        live.start()
    webkit.get(live.url + "/log/")                      # no Background Sync: the load sends it
    wait_js(webkit, f"{OUTBOX_COUNT} === 0")
    wait_js(webkit, "document.querySelector('.outbox-summary').textContent.startsWith('Enviado.')")
    rows = CheckIn.select().where(CheckIn.user == User.by_email(email))
    assert [(row.leg_pain, row.notes) for row in rows] == [(6, "sin servidor")]
    assert js(webkit, "document.documentElement.lang") == "es"
