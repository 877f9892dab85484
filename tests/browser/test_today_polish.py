"""Polish (issue 23.9) in Chromium: the body figure colours only the chosen leg; a disabled
button looks disabled; the one 0-10 control is the same on Today and in the check-in."""
import pytest

from ..helpers import axe_violations, browser_start_program

pytestmark = pytest.mark.browser

FILL = "(sel) => getComputedStyle(document.querySelector(sel)).fill"


def test_the_body_figure_colours_only_the_chosen_leg(page, live):
    browser_start_program(page, live)
    page.goto(live.url + "/log/")
    page.click("label[for=extent-below_knee]")
    left, right = ".body-outline .part-thigh.side-left", ".body-outline .part-thigh.side-right"
    assert page.evaluate(FILL, left) == page.evaluate(FILL, right)              # no leg chosen yet: both
    lit = page.evaluate(FILL, left)
    page.click("label[for=leg_side-left]")
    assert page.evaluate(FILL, left) == lit and page.evaluate(FILL, right) != lit
    assert page.evaluate(FILL, ".body-outline .part-below_knee.side-right") != lit
    page.click("label[for=leg_side-right]")
    assert page.evaluate(FILL, right) == lit and page.evaluate(FILL, left) != lit
    page.click("label[for=leg_side-both]")
    assert page.evaluate(FILL, left) == page.evaluate(FILL, right) == lit
    assert axe_violations(page) == []


def test_disabled_buttons_look_disabled_and_one_scale_everywhere(page, live):
    browser_start_program(page, live)
    page.evaluate("""() => { const b = document.querySelector('.ex-row .ex-button'); b.disabled = true; }""")
    style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.ex-row .ex-button'));
                                     return [s.borderStyle, s.cursor, s.backgroundColor]; }""")
    assert style[0] == "dashed" and style[1] == "not-allowed"
    today = page.evaluate("getComputedStyle(document.querySelector('.quick-checkin .scale-options')).gridTemplateColumns")
    page.goto(live.url + "/log/")
    log = page.evaluate("getComputedStyle(document.querySelector('.scale-options')).gridTemplateColumns")
    assert len(today.split()) == len(log.split()) == 6                  # two rows of six at phone width
