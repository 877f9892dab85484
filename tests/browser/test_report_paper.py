"""The report a practitioner reads (issue 23, item 7), over a realistic month: 2 or 3 check-ins a
day with notes and medicines, 3 to 5 exercises a day, weekly function ratings, a contact-a-doctor
answer. It starts at the first record when that is later than the range; every wide table fits at
320 px or scrolls inside a labelled region; the chosen name heads it; no screen navigation
prints; A4 and US Letter each print on at most two pages (Chromium's page.pdf, pages counted)."""
import datetime as dt
import random

import pytest

from webapp.models import CheckIn, Completion, PsfsRating, RedFlagCheck, User, utcnow

from ..helpers import axe_violations, browser_signup, london_today, new_uuid
from .test_report import pdf_pages

pytestmark = pytest.mark.browser

EXERCISES = ["knees-rocking", "sitting-nerve-slider", "pelvic-tilt", "positions-of-ease", "glute-bridge",
             "graded-walking"]
NOTES = ["Bad night, woke twice with the leg.", "Better after a short walk round the block.",
         "Long drive to work; the leg was worse by the evening and I had to lie down for an hour.", ""]
TABLES = """[...document.querySelectorAll('main table')].filter((t) => t.getClientRects().length).map((t) => {
  const region = t.closest('[role=region]');
  const label = region && (region.getAttribute('aria-label')
    || (region.getAttribute('aria-labelledby') && document.getElementById(region.getAttribute('aria-labelledby'))?.textContent));
  return {caption: t.caption ? t.caption.textContent.trim().slice(0, 40) : null, width: t.scrollWidth,
          room: t.parentElement.clientWidth, scrolls: !!region && getComputedStyle(region).overflowX === 'auto',
          label: label ? label.trim() : null, focusable: !!region && region.tabIndex === 0};
})"""
PRINTED_NAV = """[...document.querySelectorAll('nav, [role=navigation], .tabbar, .topbar, .skip-link, .report-tabs')]
  .filter((e) => e.getClientRects().length).map((e) => e.className || e.tagName)"""


def a_month(user, days=28):
    """`days` days of a realistic history ending today (seeded, so the page is the same each run)."""
    rng = random.Random(4)
    today = london_today()
    for d in range(days):
        day = today - dt.timedelta(days=days - 1 - d)
        for hour in rng.sample(["08:00", "13:00", "20:00"], rng.randint(2, 3)):
            CheckIn.create(user=user, uuid=new_uuid(), local_date=day, local_time=hour, client_updated_at=utcnow(),
                           leg_pain=rng.randint(2, 8), back_pain=rng.randint(1, 6),
                           extent=rng.choice(["thigh", "below_knee", "buttock"]), tingling=rng.random() < .4,
                           weakness=False, sitting_minutes=rng.randint(10, 60), walking_minutes=rng.randint(5, 50),
                           sleep_disturbed=rng.random() < .3,
                           medication=rng.choice(["", "ibuprofen 400 mg", "paracetamol 1 g"]), notes=rng.choice(NOTES))
        for n, slug in enumerate(rng.sample(EXERCISES, rng.randint(3, 5))):
            Completion.create(user=user, uuid=new_uuid(), local_date=day, local_time=f"1{n}:00",
                              client_updated_at=utcnow(), exercise=slug, session="morning",
                              response=rng.choice(["better", "same", "worse", None, "spread" if d == 9 else "same"]))
    RedFlagCheck.create(user=user, uuid=new_uuid(), local_date=today - dt.timedelta(days=5), local_time="08:00",
                        client_updated_at=utcnow(), tier="today", contact_today="fever")
    for week in range(min(4, days // 7)):
        day = today - dt.timedelta(days=7 * week)
        for activity in ("Putting on socks", "Sitting through a film", "Walking to the shops"):
            PsfsRating.create(user=user, uuid=new_uuid(), week_start=day - dt.timedelta(days=day.weekday()),
                              local_date=day, activity=activity, score=rng.randint(2, 8))


def person_with(page, live, days=28, name="Ana Pereira"):
    email = browser_signup(page, live)
    user = User.by_email(email)
    # Signing up stores no record: the month is all there is.
    a_month(user, days)
    user.display_name = name
    user.save(only=[User.display_name])
    return email


def test_every_wide_table_fits_at_320_px_or_scrolls_in_a_labelled_region(page, live):
    person_with(page, live)
    page.set_viewport_size({"width": 320, "height": 700})
    for path in ("/report/", "/report/visits", "/report/function", "/report/share", "/care/"):
        page.goto(live.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        for table in page.evaluate(TABLES):
            if table["width"] > table["room"]:
                assert table["scrolls"] and table["label"] and table["focusable"], (path, table)
        assert axe_violations(page) == [], path


def test_the_chosen_name_heads_it_and_no_screen_navigation_prints(page, live):
    email = person_with(page, live)
    page.goto(live.url + "/report/")
    heading = page.locator("h1").inner_text()
    assert heading == "Sciatica report: Ana Pereira" and email not in page.locator(".report-head").inner_text()
    page.emulate_media(media="print")
    assert page.evaluate(PRINTED_NAV) == []
    assert page.locator(".redflag-banner").is_visible()          # the safety banner still prints


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_realistic_month_prints_on_two_pages(page, live, paper):
    person_with(page, live)
    page.goto(live.url + "/report/")
    page.emulate_media(media="print")
    pages = pdf_pages(page.pdf(format=paper))
    print(f"{paper}: {pages} pages")
    assert 1 <= pages <= 2, (paper, pages)
    # The contact-a-doctor answer is on paper, named.
    assert "A temperature of 38°C or more" in page.locator("main").inner_text()     # the answer prints
    assert page.locator(".note-more").is_visible() and "The newest 9 of" in page.locator(".note-more").inner_text()


def test_a_new_person_s_report_starts_at_their_first_record(page, live):
    person_with(page, live, days=9)
    page.goto(live.url + "/report/")
    first = london_today() - dt.timedelta(days=8)
    meta = page.locator(".report-meta").inner_text()
    assert meta.startswith(f"{first:%-d %b %Y} to {london_today():%-d %b %Y}"), meta
    assert "(9 days)" in meta


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_realistic_month_prints_on_two_pages_in_spanish_too(page, live, paper):
    """Spanish runs about a fifth longer than English: the same month still fits on two pages,
    and the Spanish report passes axe on screen."""
    email = person_with(page, live)
    User.update(language="es").where(User.email == email).execute()
    page.goto(live.url + "/report/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Informe de ciática: Ana Pereira"
    assert page.get_by_role("button", name="Imprimir / Guardar como PDF").first.is_visible()
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    pages = pdf_pages(page.pdf(format=paper))
    print(f"{paper} (es): {pages} pages")
    assert 1 <= pages <= 2, (paper, pages)
    assert "Las 9 notas más recientes de" in page.locator(".note-more").inner_text()
