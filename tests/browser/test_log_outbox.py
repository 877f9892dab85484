"""A poison record in the outbox: it is set aside with its reason and "Fix it", and every record
after it still arrives (issue 13, finding 2), in real Chromium."""
import json
import uuid

import pytest

from webapp.models import CheckIn

from ..helpers import OUTBOX_COUNT, axe_violations, browser_signup, eventually, wait_until

pytestmark = pytest.mark.browser

QUEUE = """(records) => Promise.all(records.map((r, i) => OutboxCore.put({
    kind: 'checkin', op: 'upsert', uuid: r.uuid, owner: document.body.dataset.person,
    client_updated_at: new Date(Date.now() - 60000 + i * 1000).toISOString(),
    ...OutboxCore.localStamp(new Date()), state: 'pending', errors: null,
    data: {leg_pain: r.leg, notes: r.notes}})))"""


def sorted_id(prefix):
    """A record id that IndexedDB (which lists the outbox by id) puts first ("0") or last ("f")."""
    return prefix * 8 + str(uuid.uuid4())[8:]


def queued(page, *records):
    page.evaluate(QUEUE, [{"uuid": u, "leg": leg, "notes": notes} for u, leg, notes in records])


def arrived(*uuids):
    def check():
        return CheckIn.select().where(CheckIn.uuid.in_(list(uuids))).count() == len(uuids)
    return check


def outbox_states(page):
    return page.evaluate("OutboxCore.all().then((all) => "
                         "Object.fromEntries(all.map((r) => [r.uuid, r.state])))")


def test_a_lone_surrogate_is_set_aside_and_the_records_after_it_arrive(page, live):
    browser_signup(page, live)
    page.goto(live.url + "/log/")
    wait_until(page, f"{OUTBOX_COUNT} === 0")
    # The poison record goes first in the batch, so everything after it depends on it.
    poison, first, last = sorted_id("0"), sorted_id("f"), sorted_id("f")
    page.evaluate("""([a, p, z]) => Promise.all([
        OutboxCore.put({kind: 'checkin', op: 'upsert', uuid: a, owner: document.body.dataset.person,
          client_updated_at: new Date().toISOString(), ...OutboxCore.localStamp(new Date()),
          state: 'pending', errors: null, data: {leg_pain: 3, notes: 'before'}}),
        OutboxCore.put({kind: 'checkin', op: 'upsert', uuid: p, owner: document.body.dataset.person,
          client_updated_at: new Date().toISOString(), ...OutboxCore.localStamp(new Date()),
          state: 'pending', errors: null, data: {leg_pain: 4, notes: 'half an emoji \\ud83d'}}),
        OutboxCore.put({kind: 'checkin', op: 'upsert', uuid: z, owner: document.body.dataset.person,
          client_updated_at: new Date().toISOString(), ...OutboxCore.localStamp(new Date()),
          state: 'pending', errors: null, data: {leg_pain: 5, notes: 'after'}})])""", [first, poison, last])
    page.evaluate("OutboxCore.flush()")
    eventually(arrived(first, last))
    wait_until(page, "!!document.querySelector('.outbox-rejected')")
    assert outbox_states(page) == {poison: "rejected"}
    item = page.locator(".outbox-rejected")
    assert "can't be saved" in item.inner_text() and item.locator("text=Fix it").is_visible()
    assert CheckIn.get_or_none(CheckIn.uuid == poison) is None


def test_a_batch_the_server_cannot_take_is_sent_one_by_one(browser, live):
    """When a whole batch fails (a 500), each record goes alone: the one that fails is kept aside
    with the reason, the rest arrive; a busy server (503) never blames a record."""
    context = browser.new_context(service_workers="block", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        browser_signup(page, live)
        page.goto(live.url + "/log/")
        wait_until(page, f"{OUTBOX_COUNT} === 0")
        busy = {"on": True}
        poison = sorted_id("0")

        def server(route):
            body = route.request.post_data or ""
            if busy["on"]:
                return route.fulfill(status=503, content_type="application/json",
                                     body=json.dumps({"error": "busy", "message": "try later"}))
            if poison in body:
                return route.fulfill(status=500, content_type="application/json",
                                     body=json.dumps({"error": "Something went wrong on our side",
                                                      "message": "Your data is safe."}))
            return route.continue_()
        page.route("**/api/sync", server)
        good = [str(uuid.uuid4()) for _ in range(4)]
        queued(page, (good[0], 2, "one"), (good[1], 3, "two"), (poison, 4, "poison"),
               (good[2], 5, "three"), (good[3], 6, "four"))
        page.evaluate("OutboxCore.flush()")
        wait_until(page, "document.querySelector('.outbox-summary').textContent.includes('5 waiting')")
        assert set(outbox_states(page).values()) == {"pending"}           # 503: nobody is blamed
        busy["on"] = False
        page.evaluate("OutboxCore.flush()")
        eventually(arrived(*good))
        wait_until(page, "!!document.querySelector('.outbox-rejected')")
        assert outbox_states(page) == {poison: "rejected"}
        assert "error 500" in page.locator(".outbox-rejected").inner_text()
        assert page.locator(".outbox-rejected >> text=Fix it").is_visible()
        # Once the server is mended, "Send again" sends it as it is.
        page.unroute("**/api/sync")
        page.click(".outbox-rejected >> text=Send again")
        eventually(arrived(poison))
        wait_until(page, f"{OUTBOX_COUNT} === 0")
    finally:
        context.close()


def test_an_edit_the_server_did_not_use_is_shown_and_the_person_chooses(page, live):
    """Issue 22.6: an edit older than the one the server holds (made offline, or on a phone whose
    clock is behind) was answered "unchanged" and dropped from the phone without a word. Now it is
    answered "superseded" with what the server holds; the phone keeps the edit, says so, and lets
    the person keep theirs or the other."""
    from webapp.models import User, utcnow
    email = browser_signup(page, live)
    page.goto(live.url + "/log/")
    wait_until(page, f"{OUTBOX_COUNT} === 0")
    user = User.by_email(email)
    uid = str(uuid.uuid4())
    now = utcnow()
    CheckIn.create(user=user, uuid=uid, local_date=now.date(), local_time=now.strftime("%H:%M"),
                   client_updated_at=now, created_at=now, updated_at=now, leg_pain=5, notes="from the tablet")
    # This phone's own edit of it, written ten minutes earlier and only sent now.
    page.evaluate("""(uid) => OutboxCore.put({kind: 'checkin', op: 'upsert', uuid: uid,
        owner: document.body.dataset.person, client_updated_at: new Date(Date.now() - 600000).toISOString(),
        ...OutboxCore.localStamp(new Date(Date.now() - 600000)), state: 'pending', errors: null,
        data: {leg_pain: 7, notes: 'from the phone'}})""", uid)
    page.evaluate("OutboxCore.flush()")
    item = page.wait_for_selector(".outbox-superseded")
    text = item.inner_text()
    assert "your edit, not used" in text and "leg 7/10" in text
    assert "changed on another device after you edited it here" in text and "Kept now: Check-in" in text
    assert "leg 5/10" in text
    assert "choose which to keep" in page.inner_text(".outbox-summary")
    assert outbox_states(page) == {uid: "superseded"}
    assert CheckIn.get(CheckIn.uuid == uid).leg_pain == 5               # nothing was overwritten
    assert axe_violations(page) == []
    page.reload()                                                        # kept on the phone
    page.wait_for_selector(".outbox-superseded")
    page.click(".outbox-superseded >> text=Use my edit")
    eventually(lambda: CheckIn.get(CheckIn.uuid == uid).leg_pain == 7)
    wait_until(page, f"{OUTBOX_COUNT} === 0")
    assert CheckIn.get(CheckIn.uuid == uid).notes == "from the phone"
