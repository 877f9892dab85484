"""The practitioner's side in real Chromium, two browsers at once: the person makes a code, the
practitioner (a second browser context) signs up, uses it and raises a cap, and the person sees
"Set by ..." on Today. axe finds nothing on any new page, light or dark."""
import os
import re
import time

import pytest

from ..helpers import PASSWORD, axe_violations, browser_signup, browser_welcome, wait_for_service_worker
from .conftest import wait_for_scripts

pytestmark = pytest.mark.browser
JO = "Jo Smith (physiotherapist)"


def no_axe_violations(page, live, paths):
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for path in paths:
            page.goto(live.url + path)
            assert axe_violations(page) == [], (scheme, path)


def test_link_a_practitioner_who_raises_a_cap_the_person_sees(page, browser, live):
    browser_signup(page, live)
    browser_welcome(page, days_ago=120, pain=2)
    assert "We suggest stage 3" in page.inner_text("main")
    page.click("text=Start my program")
    page.wait_for_url(live.url + "/")
    assert "0 of 2 today" in page.inner_text("#ex-midday-curl-downs")

    # The person makes a code, from the report's "Your practitioner".
    page.goto(live.url + "/report/")
    page.click("text=Your practitioner: link them, and see every look")
    page.wait_for_url(live.url + "/care/")
    page.fill("#display_name", "Ana P.")
    page.click("text=Make a code")
    code = page.inner_text("#care-code").strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert page.locator("svg.qr-code").is_visible()
    assert axe_violations(page) == []

    # The practitioner, in a browser of their own.
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    try:
        jo = context.new_page()
        jo.goto(live.url + "/account/signup")
        jo.click("text=Create a practitioner account")
        jo.wait_for_url("**/account/signup/practitioner")
        jo.fill("#name", "Jo Smith")
        jo.fill("#profession", "physiotherapist")
        jo.fill("#registration", "HCPC PH123456")
        jo.fill("#email", "jo-browser@example.com")
        jo.fill("#password", PASSWORD)
        jo.check("#privacy")
        jo.click("button[type=submit]")
        jo.wait_for_url(live.url + "/practice/")
        assert "not checked by this app" in jo.inner_text("main")
        jo.click("text=Link a person with their code")
        jo.fill("#code", code.lower().replace("-", " "))
        jo.click("button:has-text('Link')")
        jo.wait_for_url(re.compile(r".*/practice/people/\d+/$"))
        person_path = jo.url.removeprefix(live.url)
        assert "Sciatica report: Ana P." in jo.inner_text("main")
        assert jo.locator("svg.chart").count() >= 3
        jo.click(".person-tabs >> text=Program")
        jo.wait_for_url("**/program/")
        jo.select_option("#cap-exercise", "curl-downs")
        jo.fill("#cap-per_day", "5")
        jo.fill("#cap-reason", "Coping well with bending")
        jo.click("text=Save the limit")
        assert "Choose from 1 to 4 a day" in jo.inner_text("#cap-per_day-error")   # the limits file holds
        jo.fill("#cap-per_day", "4")
        jo.click("text=Save the limit")
        jo.wait_for_selector("text=Saved. The person sees this change")
        assert "Curl downs: up to 4 a day." in jo.inner_text("main")

        # The person sees it on Today, with the name, the date and the reason.
        page.goto(live.url + "/")
        row = page.inner_text("#ex-midday-curl-downs")
        assert f"Your limit: up to 4 a day. Set by {JO} on" in row and ": Coping well with bending" in row
        assert "0 of 4 today" in row
        page.goto(live.url + "/report/")
        assert f"Seen by {JO}" in page.inner_text("main")

        # axe on every new or changed page, light and dark, on both sides.
        no_axe_violations(page, live, ["/", "/care/", "/program", "/report/", "/report/visits",
                                       "/exercises/curl-downs", "/account/signup"])
        no_axe_violations(jo, live, ["/practice/", "/practice/link", person_path, person_path + "program/",
                                     "/account/signup/practitioner", "/account/"])
        # The form with its errors shown, and the page after the link has ended.
        jo.emulate_media(color_scheme="dark")
        jo.goto(live.url + person_path + "program/")
        jo.fill("#note-reason", "")
        jo.click("form[data-kind=note] button[type=submit]")
        assert jo.locator(".error").count() >= 1 and axe_violations(jo) == []
        page.goto(live.url + "/care/")
        page.click("button:has-text('End this link')")
        page.wait_for_selector("text=The link has ended")
        for scheme in ("light", "dark"):
            jo.emulate_media(color_scheme=scheme)
            gone = jo.goto(live.url + person_path)
            assert gone.status == 410 and "Ana P." not in jo.inner_text("main")
            assert axe_violations(jo) == []
        page.emulate_media(color_scheme="dark")
        page.goto(live.url + "/care/")
        page.click("text=Make a code")
        assert axe_violations(page) == []
    finally:
        context.close()


def test_the_service_worker_fetching_pages_in_the_background_records_no_look(page, live):
    """Issue 23.3: with the service worker running, a practitioner who only opened the Library
    added 15 looks (its background page-fetching landed on the caseload, again and again). Only
    pages the practitioner opens record a look: the Library none, a person's page exactly one."""
    from webapp.models import CareLink, CareLook, Practitioner, User, utcnow
    stamp = f"{os.getpid()}-{time.monotonic_ns()}"
    ana = User.register(f"ana-sw-{stamp}@example.com", PASSWORD)
    ana.display_name = "Ana P."
    ana.save()
    jo_user = User.register(f"jo-sw-{stamp}@example.com", PASSWORD)
    jo = Practitioner.create(user=jo_user, name="Jo Smith", profession="physiotherapist")
    link = CareLink.create(user=ana, practitioner=jo, created_at=utcnow())

    def looks():
        return CareLook.select().where(CareLook.user == ana).count()

    page.goto(live.url + "/account/signin?next=/library/")
    page.fill("#email", jo_user.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live.url + "/library/")
    wait_for_service_worker(page)
    page.goto(live.url + "/library/")                   # a page the worker controls
    page.click("main a[href^='/library/']")             # and an article
    page.wait_for_load_state("load")
    wait_for_scripts(page)
    # What app.js asks of the worker for a person, asked here outright: keep these pages.
    outcome = page.evaluate("""async (urls) => {
        const registration = await navigator.serviceWorker.ready;
        const channel = new MessageChannel();
        const answered = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
        registration.active.postMessage({action: 'warm-pages', urls}, [channel.port2]);
        return answered;
    }""", ["/", "/log/", "/log/history", "/program", "/report/", "/practice/",
           f"/practice/people/{link.id}/", f"/practice/people/{link.id}/program/"])
    assert outcome["missed"] == 8                       # nothing of a practitioner's is kept
    time.sleep(1)                                       # any fetch still under way has landed
    assert looks() == 0
    # Opening the person's page is a look, exactly one, though the worker is running.
    page.goto(live.url + f"/practice/people/{link.id}/")
    assert "Sciatica report: Ana P." in page.inner_text("main")
    wait_for_scripts(page)
    time.sleep(1)
    assert looks() == 1
    assert [look.what for look in CareLook.select().where(CareLook.user == ana)] == ["report and visits"]
