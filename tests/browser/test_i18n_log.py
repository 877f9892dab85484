"""The daily log in Spanish, in real Chromium, from the installed app: opened offline from the
manifest's start URL (the service worker's Spanish copies), two check-ins kept in the outbox with
the Spanish words and count, sent when the signal is back (rows in the database), a record the
server refuses shown with its Spanish reason, and axe at 0 on each state."""
import pytest

from webapp.models import CheckIn, User

from ..helpers import (
    OUTBOX_COUNT,
    axe_violations,
    browser_start_program,
    eventually,
    start_url,
    wait_for_service_worker,
    wait_until,
)

pytestmark = pytest.mark.browser

# The Spanish worker keeps the person's tabs: what the home-screen icon can open offline.
KEPT = """caches.keys().then((names) => names.some((n) => n.startsWith('sciatica-shell-es-')))
  .then((es) => es && caches.open('sciatica-pages')).then((c) => c && c.keys()).then((keys) => {
    const paths = (keys || []).map((r) => new URL(r.url).pathname);
    return ['/', '/log/'].every((p) => paths.includes(p));
  })"""


def summary(page):
    return page.locator(".outbox-summary").inner_text()


def save_checkin(page, leg, notes):
    page.click(f"label[for=leg_pain-{leg}]")
    page.click("label[for=extent-thigh]")
    page.fill("#notes", notes)
    page.locator("form.checkin-form button[type=submit]").last.click()


def test_an_offline_spanish_check_in_from_the_installed_app_waits_in_the_outbox_then_arrives(page, context, live):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    email = browser_start_program(page, live)
    page.goto(live.url + "/account/")
    page.check("#language-es")
    page.click("text=Save language")
    page.wait_for_url("**/account/")
    assert page.locator("html").get_attribute("lang") == "es"
    entry = start_url(live)
    page.goto(live.url + entry)
    wait_for_service_worker(page)
    # The Spanish worker takes over by itself; Today, opened under it, keeps the person's tabs.
    wait_until(page, "(navigator.serviceWorker.controller || {scriptURL: ''}).scriptURL.includes('lang=es')",
               timeout=40)
    page.goto(live.url + entry)
    page.goto(live.url + "/log/")
    wait_until(page, KEPT, timeout=40)

    context.set_offline(True)
    try:
        response = page.goto(live.url + entry)               # the icon on the home screen, no signal
        assert response.from_service_worker and page.locator("html").get_attribute("lang") == "es"
        tab = page.locator("nav.tabbar a[href='/log/']")
        assert tab.inner_text().strip() == "Registro"         # Today itself is the program's to wrap
        tab.click()
        page.wait_for_url("**/log/")
        assert page.locator("h1").inner_text() == "¿Cómo estás ahora?"
        wait_until(page, f"{OUTBOX_COUNT} === 0")
        save_checkin(page, "7", "escrito en el sótano")
        wait_until(page, f"{OUTBOX_COUNT} === 1")
        wait_until(page, "document.querySelector('.checkin-form .save-status').textContent"
                         ".includes('Guardado en este teléfono')")
        assert page.locator(".checkin-form .save-status").inner_text() == \
            "Guardado en este teléfono: se enviará cuando vuelvas a tener conexión."
        save_checkin(page, "5", "otra vez sin señal")
        wait_until(page, f"{OUTBOX_COUNT} === 2")
        wait_until(page, "document.querySelector('.outbox-summary').textContent.includes('(2 en espera)')")
        assert summary(page) == "Guardado en este teléfono: se enviará cuando vuelvas a tener conexión (2 en espera)."
        items = page.locator(".outbox-list li").all_inner_texts()
        assert len(items) == 2 and all("esperando para enviarse" in item for item in items)
        assert any("Registro de las" in item and "pierna 7/10" in item for item in items)
        assert page.locator("#outbox-heading").inner_text() == "Guardado en este teléfono"
        assert CheckIn.select().where(CheckIn.notes == "escrito en el sótano").count() == 0
        assert axe_violations(page) == []
    finally:
        context.set_offline(False)                          # back in signal: the 'online' event sends them

    wait_until(page, f"{OUTBOX_COUNT} === 0", timeout=15)
    user = User.by_email(email)
    kept = {c.notes: (c.leg_pain, c.extent) for c in CheckIn.select().where(CheckIn.user == user)}
    assert kept == {"escrito en el sótano": (7, "thigh"), "otra vez sin señal": (5, "thigh")}
    wait_until(page, "document.querySelector('.outbox-summary').textContent.startsWith('Enviado.')")
    assert summary(page) == "Enviado. Todo lo guardado en este teléfono ha llegado al servidor."
    assert axe_violations(page) == []

    # A record the server refuses: its reason in Spanish, "Fix it" brings it back to the form with
    # the message beside the field, and nothing is lost.
    page.evaluate("""() => OutboxCore.put({kind: 'checkin', op: 'upsert', uuid: crypto.randomUUID(),
        owner: document.body.dataset.person, client_updated_at: new Date().toISOString(),
        ...OutboxCore.localStamp(new Date()), state: 'pending', errors: null,
        data: {leg_pain: 12, notes: 'número equivocado'}}).then(() => OutboxCore.flush())""")
    wait_until(page, "!!document.querySelector('.outbox-rejected')")
    item = page.locator(".outbox-rejected")
    assert "Elige un número de 0 a 10." in item.inner_text() and "no aceptada" in item.inner_text()
    assert summary(page) == "1 necesita una corrección antes de poder enviarse."
    assert axe_violations(page) == []
    item.locator("text=Corregirla").click()
    assert page.locator("#leg_pain-js-error").inner_text() == "Elige un número de 0 a 10."
    assert page.locator("#notes").input_value() == "número equivocado"
    assert CheckIn.select().where(CheckIn.notes == "número equivocado").count() == 0
    assert errors == []
    eventually(lambda: CheckIn.select().where(CheckIn.user == user).count() == 2)
