"""Errors tied to their controls (issue 24.9): every control in a field marked invalid says so
(aria-invalid) and points at its error (aria-describedby, its own or its fieldset's), whether the
server drew the error (JavaScript off) or the phone did (a follow-up left blank), and focus moves
to the first error."""
import pytest

from ..helpers import axe_violations, browser_signup, wait_until

pytestmark = pytest.mark.browser

# Every invalid field's controls, and the error ids each is described by that exist in its field.
TIED = """() => [...document.querySelectorAll('.field-invalid')].map((field) => {
  const errors = new Set([...field.querySelectorAll('.error[id]')].map((e) => e.id));
  const controls = [...field.querySelectorAll('input:not([type=hidden]), select, textarea')];
  const fieldset = field.closest('fieldset');
  const around = fieldset ? (fieldset.getAttribute('aria-describedby') || '').split(' ') : [];
  return {errors: [...errors], controls: controls.map((c) => ({
    name: c.name, invalid: c.getAttribute('aria-invalid'),
    tied: [...(c.getAttribute('aria-describedby') || '').split(' '), ...around].some((id) => errors.has(id)),
  }))};
})"""


def assert_tied(page, names):
    fields = page.evaluate(TIED)
    seen = {c["name"] for f in fields for c in f["controls"]}
    assert set(names) <= seen, (names, fields)
    for field in fields:
        assert field["errors"], field
        for control in field["controls"]:
            assert control["invalid"] == "true" and control["tied"], field


def test_errors_drawn_by_the_server_are_tied_to_their_controls(browser, browser_context_args, live):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.scripts_off = True                      # tests/browser/conftest.py: no scripts to wait for
    browser_signup(page, live)
    page.goto(live.url + "/log/")
    page.click("label[for=leg_pain-5]")
    page.fill("#sitting_minutes", "5000")
    page.fill("#walking_minutes", "-3")
    page.click("text=Save check-in")
    page.wait_for_selector(".error-summary")
    assert_tied(page, ["sitting_minutes", "walking_minutes"])
    page.fill("#sitting_minutes", "20")
    page.fill("#walking_minutes", "30")
    page.click("label[for=weakness-yes]")              # its follow-ups left blank
    page.click("text=Save check-in")
    page.wait_for_selector(".error-summary")
    assert_tied(page, ["weakness_new", "weakness_side"])
    context.close()


def test_errors_shown_by_the_phone_are_tied_and_focus_moves_to_the_first(page, live):
    browser_signup(page, live)
    page.goto(live.url + "/log/")
    wait_until(page, "document.documentElement.dataset.scripts === 'ready'")
    page.click("label[for=leg_pain-5]")
    page.click("label[for=weakness-yes]")
    page.click("text=Save check-in")
    page.wait_for_selector(".js-error")
    assert_tied(page, ["weakness_new", "weakness_side"])
    assert page.evaluate("document.activeElement.name") == "weakness_new"
    assert axe_violations(page) == []
    # Answered, the marks go: nothing stays invalid once the form is sent.
    page.click("label[for=weakness_new-no]")
    page.click("label[for=weakness_side-one]")
    page.click("text=Save check-in")
    wait_until(page, "!document.querySelector('.js-error')")
    assert page.evaluate("document.querySelectorAll('[aria-invalid=true]').length") == 0


def test_a_page_drawn_with_errors_puts_focus_on_the_first(page, live):
    browser_signup(page, live)
    page.goto(live.url + "/log/")
    wait_until(page, "document.documentElement.dataset.scripts === 'ready'")
    page.evaluate("""() => { const f = document.querySelector('.checkin-form');
        f.removeAttribute('data-outbox'); }""")
    page.fill("#sitting_minutes", "5000")
    page.click("label[for=leg_pain-5]")
    page.evaluate("document.querySelector('.checkin-form').submit()")
    page.wait_for_selector(".error-summary")
    wait_until(page, "document.documentElement.dataset.scripts === 'ready'")
    assert page.evaluate("document.activeElement.id") == "sitting_minutes"
