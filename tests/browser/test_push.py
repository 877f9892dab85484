"""Reminders on this phone, in Chromium: the button that turns them on (the permission prompt only
after a tap), what the service worker shows when a push arrives, and where a tap on it leads.

Headless Chromium cannot reach a real push service, so pushManager.subscribe() cannot give a real
subscription here. Each side is tested as it really runs: the page's side with a subscription the
test's push endpoint made (tests/push_endpoint.py, real keys), handed to the page in place of the
browser's; the server then really sends to that endpoint. The worker's side gets its pushes
through DevTools (ServiceWorker.deliverPushMessage), as a push service would deliver them, app
closed or open. DevTools cannot click a notification: the click is dispatched in the worker, and
since only a real click may open or focus a window, those two calls are recorded (navigating a
page the app already has open is real)."""
import json

import pytest

from webapp.models import PushSubscription, User

from ..helpers import axe_violations, browser_start_program, wait_for_service_worker, wait_until
from ..push_endpoint import PushEndpoint
from .conftest import wait_for_scripts

pytestmark = pytest.mark.browser
SETTINGS = {"PUSH_SERVICE_HOSTS": "127.0.0.1,fcm.googleapis.com"}
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1")

# In place of the browser's push service: subscribe() answers with the test endpoint's subscription
# (window.fakeSubscription), and the page's calls are counted.
FAKE_PUSH = r"""(() => {
  const kept = (name, value) => (value === undefined ? JSON.parse(sessionStorage.getItem(name) || 'null')
    : sessionStorage.setItem(name, JSON.stringify(value)));
  const calls = () => kept('push-calls') || {permission: 0, subscribe: 0, unsubscribe: 0, key: null};
  const count = (name, extra) => kept('push-calls', {...calls(), [name]: calls()[name] + 1, ...extra});
  window.pushCalls = calls;
  const ask = Notification.requestPermission.bind(Notification);
  Notification.requestPermission = () => { count('permission'); return ask(); };
  const wrap = (json) => json && ({endpoint: json.endpoint, toJSON: () => json,
    unsubscribe: async () => { count('unsubscribe'); kept('push-current', null); return true; }});
  PushManager.prototype.getSubscription = async () => wrap(kept('push-current'));
  PushManager.prototype.subscribe = async (options) => {
    const key = btoa(String.fromCharCode(...new Uint8Array(options.applicationServerKey)))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    count('subscribe', {key});
    kept('push-current', kept('fake-subscription'));
    return wrap(kept('push-current'));
  };
})()"""

NOTIFICATIONS = """navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((list) =>
  list.map((n) => ({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url})))"""

# In the worker: dispatch a click on the newest notification and report what the handler did.
CLICK = """async () => {
  const calls = [];
  const focus = WindowClient.prototype.focus;
  const open = self.clients.openWindow;
  WindowClient.prototype.focus = function () { calls.push(['focus', new URL(this.url).pathname]); return Promise.resolve(this); };
  self.clients.openWindow = async (url) => { calls.push(['open', url]); return null; };
  try {
    const list = await self.registration.getNotifications();
    const event = new NotificationEvent('notificationclick', {notification: list[list.length - 1]});
    let work = Promise.resolve();
    event.waitUntil = (promise) => { work = promise; };   // a dispatched event cannot extend itself
    self.dispatchEvent(event);
    await work;
  } finally {
    WindowClient.prototype.focus = focus;
    self.clients.openWindow = open;
  }
  return {calls, left: (await self.registration.getNotifications()).length};
}"""


@pytest.fixture
def service(live, monkeypatch):
    with PushEndpoint(live.app.extensions["push"].public_key) as endpoint:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", endpoint.ca_file)
        yield endpoint


def registration_id(cdp, page, live):
    """The service worker's registration id for the app, from DevTools' ServiceWorker domain."""
    found = {}
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: found.update({r["scopeURL"]: r["registrationId"] for r in event["registrations"]}))
    cdp.send("ServiceWorker.enable")
    return poll(page, lambda: found.get(live.url + "/"))


def deliver(cdp, live, registration, payload):
    """A push message, as the push service hands it to the browser."""
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": live.url, "registrationId": registration,
                                                  "data": json.dumps(payload)})


def poll(page, check, timeout=10.0):
    for _ in range(int(timeout / 0.05)):
        if value := check():
            return value
        page.wait_for_timeout(50)
    raise AssertionError("timed out")


def worker_notifications(page):
    def check():
        workers = page.context.service_workers
        return workers and workers[0].evaluate(
            "self.registration.getNotifications().then((l) => l.map((n) => [n.title, n.body, n.tag, n.data.url]))")
    return poll(page, check)


@pytest.mark.parametrize("live", [SETTINGS], indirect=True)
def test_a_tap_asks_permission_then_the_server_keeps_the_subscription_and_the_test_arrives(
        browser, live, service):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        context.grant_permissions(["notifications"], origin=live.url)
        context.add_init_script(FAKE_PUSH)
        page = context.new_page()
        email = browser_start_program(page, live)
        wait_for_service_worker(page)
        page.evaluate("(json) => sessionStorage.setItem('fake-subscription', json)",
                      json.dumps(service.subscribe("phone")))
        page.goto(live.url + "/reminders")
        start = page.locator("[data-push-part=start]")
        assert start.is_visible() and start.inner_text() == "Send reminders to this phone"
        assert page.evaluate("window.pushCalls().permission") == 0        # never on page load
        assert axe_violations(page) == []
        start.click()
        page.wait_for_selector("text=Reminders are on for this phone.")
        wait_for_scripts(page)
        calls = page.evaluate("window.pushCalls()")
        assert (calls["permission"], calls["subscribe"]) == (1, 1)
        assert calls["key"] == live.app.extensions["push"].public_key       # the server's VAPID key
        [row] = PushSubscription.select().where(PushSubscription.user == User.by_email(email))
        assert row.endpoint == f"{service.origin}/push/phone"
        assert not page.locator("[data-push-part=start]").is_visible()
        assert not page.locator("[data-push-part=lost]").is_visible()      # the browser has it too
        assert axe_violations(page) == []
        page.emulate_media(color_scheme="dark")
        assert axe_violations(page) == []
        page.set_viewport_size({"width": 320, "height": 640})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for button in page.locator(".push-card button >> visible=true").all():
            assert button.bounding_box()["height"] >= 44
        page.click("text=Send a test notification")
        page.wait_for_selector("text=A test notification is on its way")
        [message] = service.wait_for("phone", 1)
        assert message["payload"]["title"] == "Reminders are on"
        wait_for_scripts(page)      # the test button reloaded the page; Stop's script starts after paint
        page.click("button:text-is('Stop')")
        page.wait_for_selector("text=Reminders to this phone are off.")
        assert page.evaluate("window.pushCalls().unsubscribe") == 1          # the browser's side too
        assert PushSubscription.select().where(PushSubscription.user == User.by_email(email)).count() == 0
    finally:
        context.close()


def test_the_first_tap_is_what_asks_for_permission(browser, live):
    """Before the server has a subscription for this phone, loading the page asks nothing; one tap
    asks once (a denied prompt then explains how to allow it)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        context.add_init_script(FAKE_PUSH)
        context.add_init_script("(() => { const ask = Notification.requestPermission; "
                                "Notification.requestPermission = async () => { await ask(); return 'denied'; }; })()")
        page = context.new_page()
        browser_start_program(page, live)
        page.goto(live.url + "/reminders")
        assert page.evaluate("window.pushCalls().permission") == 0
        page.click("[data-push-part=start]")
        wait_until(page, "window.pushCalls().permission === 1")
        page.wait_for_selector("[data-push-part=blocked]:visible")
        assert "Allow them in your phone's or browser's settings" in page.inner_text("[data-push-part=blocked]")
        assert page.evaluate("window.pushCalls().subscribe") == 0
        assert PushSubscription.select().count() == 0
    finally:
        context.close()


def test_the_worker_shows_a_push_with_the_app_closed_and_a_tap_opens_that_page(browser, live):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        context.grant_permissions(["notifications"], origin=live.url)
        page = context.new_page()
        browser_start_program(page, live)
        wait_for_service_worker(page)
        # The app is closed: nothing of it is open, only a blank tab to speak DevTools through.
        blank = context.new_page()
        page.close()
        cdp = context.new_cdp_session(blank)
        registration = registration_id(cdp, blank, live)
        deliver(cdp, live, registration, {"title": "How was today?", "body": "A quick check-in takes a minute.",
                                          "url": "/log/", "tag": "nudge-day"})
        assert worker_notifications(blank) == [
            ["How was today?", "A quick check-in takes a minute.", "nudge-day", live.url + "/log/"]]
        outcome = context.service_workers[0].evaluate(CLICK)
        assert outcome == {"calls": [["open", live.url + "/log/"]], "left": 0}
        # Another address in a payload never leaves the app: a tap opens Today.
        deliver(cdp, live, registration, {"title": "x", "body": "y", "url": "https://elsewhere.example/phish",
                                          "tag": "t"})
        assert worker_notifications(blank)[0][3] == live.url + "/"
        outcome = context.service_workers[0].evaluate(CLICK)
        assert outcome["calls"] == [["open", live.url + "/"]]
    finally:
        context.close()


def test_a_tap_with_the_app_open_focuses_it_on_the_right_page(browser, live):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        context.grant_permissions(["notifications"], origin=live.url)
        page = context.new_page()
        browser_start_program(page, live)
        wait_for_service_worker(page)
        page.goto(live.url + "/reminders")
        cdp = context.new_cdp_session(page)
        registration = registration_id(cdp, page, live)
        deliver(cdp, live, registration, {"title": "Midday exercises", "body": "Time for your midday exercises.",
                                 "url": "/#session-midday", "tag": "session-midday"})
        wait_until(page, NOTIFICATIONS + ".then((l) => l.length === 1)")
        assert page.evaluate(NOTIFICATIONS) == [{"title": "Midday exercises", "body": "Time for your midday exercises.",
                                                 "tag": "session-midday", "url": live.url + "/#session-midday"}]
        outcome = context.service_workers[0].evaluate(CLICK)
        assert outcome == {"calls": [["focus", "/reminders"]], "left": 0}
        page.wait_for_url(live.url + "/#session-midday")                 # the open page went there
        assert page.locator("#session-midday").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("installed, part", [(False, "ios"), (True, "ios-update")])
def test_on_an_iphone_safari_tab_reminders_need_the_home_screen_app(browser, live, installed, part):
    """Safari on an iPhone has no PushManager outside an app opened from the home screen (iOS 16.4
    or later): emulated here by taking it away, with navigator.standalone for the installed app."""
    context = browser.new_context(user_agent=IPHONE, viewport={"width": 375, "height": 812})
    try:
        context.add_init_script("delete window.PushManager")
        if installed:
            context.add_init_script("Object.defineProperty(Navigator.prototype, 'standalone', {get: () => true})")
        page = context.new_page()
        browser_start_program(page, live)
        page.goto(live.url + "/reminders")
        assert page.locator(f"[data-push-part={part}]").is_visible()
        assert not page.locator("[data-push-part=start]").is_visible()
        if part == "ios":
            text = page.inner_text("[data-push-part=ios]")
            assert "home screen" in text and "iOS 16.4" in text
            page.click("text=How to add the app to your home screen")
            page.wait_for_url(live.url + "/install")
            assert page.locator("#install-ios").is_visible()
        else:
            assert "iOS 16.4 or later" in page.inner_text(f"[data-push-part={part}]")
    finally:
        context.close()


def test_signing_out_asks_the_browser_to_drop_its_subscription(browser, live):
    """The server forgets this phone's subscription at sign-out (tests/test_push.py); the page's
    'forget-person' message also makes the worker unsubscribe the browser. The browser's own
    subscription is stood in for inside the worker (it has no real one here)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        browser_start_program(page, live)
        wait_for_service_worker(page)
        worker = context.service_workers[0]
        worker.evaluate("""() => {
          self.unsubscribed = 0;
          PushManager.prototype.getSubscription = async () => ({unsubscribe: async () => { self.unsubscribed += 1; return true; }});
        }""")
        page.goto(live.url + "/account/")
        page.click("main form[action='/account/signout'] button")
        page.wait_for_url("**/account/signin?signed_out=1")
        assert poll(page, lambda: worker.evaluate("self.unsubscribed")) == 1
    finally:
        context.close()
