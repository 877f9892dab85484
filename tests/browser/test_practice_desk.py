"""The caseload at a desk and the person's card on Today, in real Chromium (issue 23, item 8): at
1280 px a table with each warning sign named by tier, a leg-pain chart beside its words, sorted by
its header buttons (no script needed); at 360 px the cards instead; a practitioner's program change
shows on the person's Today until "Got it". axe finds nothing, light or dark."""
import re

import pytest

from webapp.models import CareLink, Practitioner, ProgramChange, User

from ..helpers import PASSWORD, axe_violations, browser_start_program, london_today
from ..test_practice_caseload import flag, person

pytestmark = pytest.mark.browser
ROWS = "[...document.querySelectorAll('.caseload-table tbody th a')].map((a) => a.textContent.trim())"


def practitioner(browser, live, email):
    """A practitioner signed up in a browser of their own; returns (context, page, Practitioner)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    jo = context.new_page()
    jo.goto(live.url + "/account/signup/practitioner")
    jo.fill("#name", "Jo Smith")
    jo.fill("#profession", "physiotherapist")
    jo.fill("#registration", "HCPC PH123456")
    jo.fill("#email", email)
    jo.fill("#password", PASSWORD)
    jo.check("#privacy")
    jo.click("button[type=submit]")
    jo.wait_for_url(live.url + "/practice/")
    return context, jo, Practitioner.get(Practitioner.user == User.by_email(email))


def test_the_desk_table_names_signs_draws_the_trend_and_sorts(browser, live):
    context, jo, me = practitioner(browser, live, "jo-desk@example.com")
    try:
        nia = person("Desk Nia", me, [(d, 3) for d in range(7)])
        flag(nia, 1, "now")
        person("Desk Rob", me, [(12, 2), (10, 3), (9, 2), (4, 6), (3, 7), (1, 7), (0, 8)])
        person("Desk Amy", me, [(d, 2) for d in range(14)])
        jo.goto(live.url + "/practice/")
        assert jo.locator(".caseload-table").is_visible() and jo.locator(".caseload-cards").is_hidden()
        assert jo.evaluate(ROWS) == ["Desk Nia", "Desk Rob", "Desk Amy"]
        signs = jo.locator(".caseload-table tbody tr").first.locator(".col-signs").inner_text()
        assert signs.startswith("Go now: New numbness between your legs") and "not yet confirmed" in signs
        colour = jo.locator(".sign-now strong").first.evaluate("(e) => getComputedStyle(e).color")
        assert colour != jo.locator(".caseload-table td").first.evaluate("(e) => getComputedStyle(e).color")
        rob = jo.locator(".caseload-row", has_text="Desk Rob")
        assert rob.locator("svg.spark").get_attribute("aria-hidden") == "true"
        assert "(up 4.7); 7 of 14 days logged" in rob.locator(".trend-words").inner_text()
        # Sort by name, then press the same header again to reverse; the page says so.
        jo.click("th >> text=Person")
        jo.wait_for_url(re.compile(r".*sort=name$"))
        assert jo.evaluate(ROWS) == ["Desk Amy", "Desk Nia", "Desk Rob"]
        assert jo.locator("th[aria-sort=ascending]").inner_text().startswith("Person")
        jo.click("th >> text=Person")
        jo.wait_for_url(re.compile(r".*sort=-name$"))
        assert jo.evaluate(ROWS) == ["Desk Rob", "Desk Nia", "Desk Amy"]
        assert "Sorted by name (reversed)" in jo.inner_text(".caseload-order")
        for scheme in ("light", "dark"):
            jo.emulate_media(color_scheme=scheme)
            assert axe_violations(jo) == [], scheme
        # At 1024 px still the table, and nothing wider than the window.
        jo.set_viewport_size({"width": 1024, "height": 768})
        jo.goto(live.url + "/practice/?sort=trend")
        assert jo.locator(".caseload-table").is_visible()
        assert jo.evaluate("document.documentElement.scrollWidth") <= 1024
        # On a phone: the cards, most in need of attention first.
        jo.set_viewport_size({"width": 360, "height": 740})
        jo.goto(live.url + "/practice/")
        assert jo.locator(".caseload-table").is_hidden() and jo.locator(".caseload-cards").is_visible()
        assert jo.locator(".caseload-cards .caseload-name a").all_inner_texts() == ["Desk Nia", "Desk Rob", "Desk Amy"]
        assert jo.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe_violations(jo) == []
    finally:
        context.close()


def test_the_person_sees_a_card_when_their_practitioner_changes_the_program(page, browser, live):
    email = browser_start_program(page, live, days_ago=120, pain=2)
    context, _jo, me = practitioner(browser, live, "jo-card@example.com")
    try:
        ana = User.by_email(email)
        CareLink.create(user=ana, practitioner=me)
        page.goto(live.url + "/")
        assert page.locator(".changed-card").count() == 0
        ProgramChange.make(ana, me, "cap", "Coping well with bending", london_today(),
                           exercise="curl-downs", per_day=4)
        page.goto(live.url + "/")
        card = page.locator(".changed-card")
        assert card.is_visible()
        words = card.inner_text()
        assert "Your practitioner changed your program" in words
        assert f"Set by Jo Smith (physiotherapist) on {london_today():%-d %b %Y}: Coping well with bending" in words
        assert page.locator(".redflag-banner").is_visible()
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            assert axe_violations(page) == [], scheme
        page.reload()
        assert page.locator(".changed-card").is_visible()          # a reload is not "Got it"
        page.click(".changed-card button:has-text('Got it')")
        page.wait_for_url(live.url + "/")
        assert page.locator(".changed-card").count() == 0
        assert User.by_email(email).changes_seen_at is not None
    finally:
        context.close()
