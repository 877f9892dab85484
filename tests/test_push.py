"""Reminders on this phone: the subscription a device keeps, what a careless or hostile client may
send, the test notification (through the queue, to a real push endpoint on 127.0.0.1), and every
way a device stops getting reminders: Stop, signing out, ending its session on the Account page,
deleting the account, a session that expired, and the push service saying the subscription is gone.

Chromium cannot subscribe to a real push service here, so the subscription a page would send is
made by the test endpoint (tests/push_endpoint.py) with a browser's keys; the browser's side is
tests/browser/test_push.py."""
import dataclasses
import datetime as dt

import pytest

from webapp.models import DeviceSession, PushSent, PushSubscription, User, utcnow
from webapp.push import keys, sending, tasks

from .helpers import PASSWORD, Auth, csrf_token_from, onboard
from .push_endpoint import PushEndpoint

UTC = dt.UTC


@pytest.fixture
def service(app, monkeypatch):
    """A push service on 127.0.0.1 that the app may send to, trusted by the app's HTTP client."""
    push = app.extensions["push"]
    app.extensions["push"] = dataclasses.replace(push, hosts=push.hosts + ("127.0.0.1",))
    with PushEndpoint(push.public_key) as endpoint:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", endpoint.ca_file)
        yield endpoint


def subscribe(client, service, name, zone="Europe/London"):
    return client.post("/reminders/push/subscribe", json={"subscription": service.subscribe(name), "timezone": zone})


def test_a_subscription_is_kept_for_this_device_and_the_page_says_so(client, auth, service, app):
    user = onboard(client, auth)
    html = client.get("/reminders").get_data(as_text=True)
    assert f'data-push-key="{app.extensions["push"].public_key}"' in html
    assert 'data-push-on="false"' in html and "Send a test notification" not in html
    r = subscribe(client, service, "phone")
    assert r.status_code == 201 and r.get_json()["status"] == "on"
    [row] = PushSubscription.select()
    session = DeviceSession.get(DeviceSession.user == user)
    assert (row.user_id, row.device_session_id) == (user.id, session.id)
    assert row.endpoint == f"{service.origin}/push/phone"
    html = client.get("/reminders").get_data(as_text=True)
    assert "Reminders are on for this phone." in html and 'data-push-on="true"' in html
    assert "Send a test notification" in html and ">Stop<" in html
    assert subscribe(client, service, "phone").status_code == 201         # a second tap: still one
    assert PushSubscription.select().count() == 1


def test_the_subscribe_request_sets_the_time_zone_only_when_there_is_none(client, auth, service):
    user = onboard(client, auth, zone="Europe/London")
    subscribe(client, service, "phone", zone="Asia/Tokyo")
    assert User.get_by_id(user.id).timezone == "Europe/London"
    User.update(timezone=None).where(User.id == user.id).execute()
    subscribe(client, service, "phone", zone="Asia/Tokyo")
    assert User.get_by_id(user.id).timezone == "Asia/Tokyo"
    subscribe(client, service, "phone", zone="Mars/Olympus")
    assert User.get_by_id(user.id).timezone == "Asia/Tokyo"


def _bad(service):
    good = service.subscribe("x")
    keys = good["keys"]
    return [
        None, "a string", {"subscription": "x"}, {"subscription": {"endpoint": good["endpoint"]}},
        {"subscription": {**good, "endpoint": "https://attacker.example/push/1"}},
        {"subscription": {**good, "endpoint": good["endpoint"].replace("https:", "http:")}},
        {"subscription": {**good, "endpoint": "https://user:pw@127.0.0.1/push/1"}},
        {"subscription": {**good, "endpoint": "https://127.0.0.1/" + "a" * 2000}},
        {"subscription": {**good, "endpoint": 12}},
        {"subscription": {**good, "keys": {**keys, "p256dh": keys["auth"]}}},          # too short
        {"subscription": {**good, "keys": {**keys, "p256dh": "A" + keys["p256dh"][1:]}}},   # not a point
        {"subscription": {**good, "keys": {**keys, "auth": "!!not base64!!"}}},
        {"subscription": {**good, "keys": {**keys, "auth": None}}},
        {"subscription": {**good, "keys": [1, 2]}},
    ]


def test_what_a_careless_or_hostile_client_sends_is_refused_and_nothing_is_kept(client, auth, service):
    onboard(client, auth)
    for body in _bad(service):
        r = client.post("/reminders/push/subscribe", json=body)
        assert r.status_code == 400, body
        assert r.get_json()["message"]
    r = client.post("/reminders/push/subscribe", data="{not json", content_type="application/json")
    assert r.status_code == 400
    assert PushSubscription.select().count() == 0


def test_subscribing_needs_a_session_and_the_csrf_token(csrf_app):
    push = csrf_app.extensions["push"]
    csrf_app.extensions["push"] = dataclasses.replace(push, hosts=push.hosts + ("127.0.0.1",))
    with PushEndpoint(push.public_key) as endpoint:
        body = {"subscription": endpoint.subscribe("phone")}
        r = csrf_app.test_client().post("/reminders/push/subscribe", json=body)
        assert r.status_code in (400, 401)
        client = csrf_app.test_client()
        token = csrf_token_from(client.get("/account/signup").get_data(as_text=True))
        assert client.post("/account/signup", data={"email": "ana@example.com", "password": PASSWORD,
                                                    "privacy": "y"}, headers={"X-CSRFToken": token}).status_code == 302
        assert client.post("/reminders/push/subscribe", json=body).status_code == 400      # no token
        assert PushSubscription.select().count() == 0
        token = csrf_token_from(client.get("/account/").get_data(as_text=True))
        r = client.post("/reminders/push/subscribe", json=body, headers={"X-CSRFToken": token})
        assert r.status_code == 201 and PushSubscription.select().count() == 1
        for path in ("/reminders/push/stop", "/reminders/push/test"):
            assert client.post(path).status_code == 400                                       # no token
        assert PushSubscription.select().count() == 1


def test_a_test_notification_arrives_once_through_the_queue_and_opens_the_reminders_page(client, auth, service):
    onboard(client, auth)
    r = client.post("/reminders/push/test", follow_redirects=True)
    assert "not set up for reminders yet" in r.get_data(as_text=True)
    assert service.all_arrived() == {}
    subscribe(client, service, "phone")
    r = client.post("/reminders/push/test", follow_redirects=True)
    assert "A test notification is on its way" in r.get_data(as_text=True)
    [message] = service.wait_for("phone", 1)
    assert message["payload"] == {"title": "Reminders are on", "body": "This is how your reminders will look.",
                                  "url": "/reminders", "tag": "test-test"}
    assert message["ttl"] > 0 and message["urgency"] == "normal"
    # A second tap in the same minute does not send it twice.
    r = client.post("/reminders/push/test", follow_redirects=True)
    assert "already on its way" in r.get_data(as_text=True)
    assert len(service.arrived("phone")) == 1
    assert service.refused == []


def test_stop_removes_this_devices_subscription_only(app, service):
    phone, laptop = app.test_client(), app.test_client()
    onboard(phone, Auth(phone))
    Auth(laptop).signin()
    subscribe(phone, service, "phone")
    subscribe(laptop, service, "laptop")
    r = phone.post("/reminders/push/stop", follow_redirects=True)
    assert "Reminders to this phone are off." in r.get_data(as_text=True)
    assert [s.endpoint.rsplit("/", 1)[1] for s in PushSubscription.select()] == ["laptop"]
    assert phone.post("/reminders/push/test", follow_redirects=True).status_code == 200
    laptop.post("/reminders/push/test")
    assert service.arrived("phone") == [] and len(service.wait_for("laptop", 1)) == 1


def test_signing_out_ending_a_device_and_deleting_the_account_remove_subscriptions(app, service):
    phone, laptop, tablet = app.test_client(), app.test_client(), app.test_client()
    user = onboard(phone, Auth(phone))
    Auth(laptop).signin()
    Auth(tablet).signin()
    for client, name in ((phone, "phone"), (laptop, "laptop"), (tablet, "tablet")):
        assert subscribe(client, service, name).status_code == 201
    Auth(laptop).signout()
    assert sorted(s.endpoint.rsplit("/", 1)[1] for s in PushSubscription.select()) == ["phone", "tablet"]
    tablet_session = PushSubscription.get(PushSubscription.endpoint.endswith("/tablet")).device_session_id
    r = phone.post(f"/account/devices/{tablet_session}/signout")
    assert r.status_code == 303
    assert [s.endpoint.rsplit("/", 1)[1] for s in PushSubscription.select()] == ["phone"]
    phone.post("/reminders/push/test")
    assert len(service.wait_for("phone", 1)) == 1
    PushSent.delete().execute()
    r = phone.post("/account/delete", data={"del-password": PASSWORD, "del-confirm": "y"})
    assert r.status_code == 302 and User.get_or_none(User.id == user.id) is None
    assert PushSubscription.select().count() == 0 and PushSent.select().count() == 0


def test_a_browser_shared_by_two_people_reminds_only_the_one_signed_in(app, service):
    browser = app.test_client()
    onboard(browser, Auth(browser), email="ana@example.com")
    info = service.subscribe("shared")
    browser.post("/reminders/push/subscribe", json={"subscription": info})
    Auth(browser).signout()
    onboard(browser, Auth(browser), email="bo@example.com")
    browser.post("/reminders/push/subscribe", json={"subscription": info})
    [row] = PushSubscription.select()
    assert row.user_id == User.by_email("bo@example.com").id


def test_a_session_that_expired_gets_no_test_and_no_reminder(client, auth, service, app):
    user = onboard(client, auth)
    subscribe(client, service, "phone")
    [row] = PushSubscription.select()
    msg = {"user": user.id, "kind": "test", "payload": {"title": "t", "body": "b", "url": "/", "tag": "test-test"}}
    now = dt.datetime.now(UTC)
    DeviceSession.update(last_seen_at=now.replace(tzinfo=None) - dt.timedelta(days=91)).where(
        DeviceSession.user == user).execute()
    assert tasks.deliver_now(app.extensions["push"], row.id, msg, now) == "dropped"
    assert service.arrived("phone") == []


def test_a_subscription_the_push_service_calls_gone_is_removed_and_other_failures_are_retried(
        client, auth, service, app):
    user = onboard(client, auth)
    subscribe(client, service, "phone")
    subscribe(app.test_client(), service, "other")      # not signed in: refused, never kept
    [row] = PushSubscription.select()
    push = app.extensions["push"]
    msg = {"user": user.id, "kind": "test", "payload": {"title": "t", "body": "b", "url": "/", "tag": "test-test"}}
    now = dt.datetime.now(UTC)
    service.answer("phone", 500, 429)
    for _ in range(2):
        with pytest.raises(sending.NotAccepted):
            tasks.deliver_now(push, row.id, msg, now)
    assert PushSubscription.select().count() == 1
    assert tasks.deliver_now(push, row.id, msg, now) == "sent"
    assert len(service.arrived("phone")) == 1
    service.forget("phone")                             # the browser unsubscribed: 410 Gone
    assert tasks.deliver_now(push, row.id, msg, now) == "gone"
    assert PushSubscription.select().count() == 0
    assert tasks.deliver_now(push, row.id, msg, now) == "dropped"


def test_a_message_signed_with_another_key_is_refused_by_the_push_service(client, auth, service, app):
    """The endpoint really checks the VAPID signature: a message signed with another key fails."""
    onboard(client, auth)
    subscribe(client, service, "phone")
    [row] = PushSubscription.select()
    push = app.extensions["push"]
    stranger = keys.from_setting(keys.new_private_key())
    with pytest.raises(sending.NotAccepted):
        sending.send(row.info(), {"title": "x"}, stranger, push.subject, 60)
    assert service.arrived("phone") == [] and service.refused == [("phone", "signed with another key than the app's")]
    assert sending.send(row.info(), {"title": "x"}, push.vapid, push.subject, 60) == 201
    assert [m["payload"] for m in service.arrived("phone")] == [{"title": "x"}]


def test_the_sent_log_keeps_only_the_last_five_weeks(client, auth):
    user = onboard(client, auth)
    old = PushSent.claim(user.id, "session", dt.date(2026, 1, 1), "morning")
    recent = PushSent.claim(user.id, "session", dt.date(2026, 3, 1), "morning")
    PushSent.update(created_at=utcnow() - dt.timedelta(days=36)).where(PushSent.id == old.id).execute()
    PushSent.update(created_at=utcnow() - dt.timedelta(days=34)).where(PushSent.id == recent.id).execute()
    tasks.forget_sent.call_local()
    assert [row.id for row in PushSent.select()] == [recent.id]
