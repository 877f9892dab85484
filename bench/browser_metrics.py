"""Page weight, offline shell, outbox replay and axe, measured in Debian's headless Chromium."""
import time
import uuid

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIGNED_OUT = ["/account/signin", "/account/signup", "/red-flags", "/offline", "/install", "/emergency", "/urgent",
              "/library/", "/library/what-is-sciatica", "/library/search?q=nerve"]
SIGNED_IN = ["/", "/log/", "/log/history", "/program", "/exercises/sitting-nerve-slider", "/report/",
             "/account/"]
MAIN_PAGES = {"sign-in (first page anyone sees)": "/account/signin", "today": "/", "log": "/log/",
              "library article": "/library/what-is-sciatica", "report": "/report/",
              "exercise (the largest, its drawing inline)": "/exercises/positions-of-ease"}
REPLAY_COUNT = 1000


class Transfer:
    """Bytes on the wire for one page load, from the DevTools protocol (compressed sizes)."""

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.sizes, self.from_worker, self.urls = {}, set(), {}
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", lambda e: self.sizes.__setitem__(e["requestId"], e["encodedDataLength"]))

    def _response(self, event):
        self.urls[event["requestId"]] = event["response"]["url"]
        if event["response"].get("fromServiceWorker"):
            self.from_worker.add(event["requestId"])

    def reset(self):
        self.sizes.clear()
        self.from_worker.clear()
        self.urls.clear()

    def network_bytes(self, static_only=False):
        return sum(size for rid, size in self.sizes.items() if rid not in self.from_worker
                   and (not static_only or "/static/" in self.urls.get(rid, "")))

    def by_file(self):
        """Bytes per URL path (what to look at when a page goes over its budget)."""
        return {self.urls.get(rid, "?").split("//", 1)[-1].split("/", 1)[-1].split("?")[0]: size
                for rid, size in self.sizes.items() if rid not in self.from_worker}

    def detach(self):
        self.cdp.detach()


def sign_in(page, base, email, password):
    page.goto(base + "/account/signin")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/account/signin" not in url)
    settle(page)    # its scripts' bytes must not count against the next page measured


# Our pages start their scripts after the first paint (static/js/boot.js) and say when they have run.
SCRIPTS_READY = ("document.documentElement.dataset.scripts === 'ready'"
                 " || !document.documentElement.dataset.app")    # or it is not one of our pages


def settle(page):
    """Wait until the page's scripts have run and the network is idle: a visit's every byte."""
    wait_until(page, SCRIPTS_READY)
    page.wait_for_load_state("networkidle")


def wait_until(page, expression, timeout=30.0):
    """Poll a JavaScript expression until it is truthy, and return its value. (Playwright's
    wait_for_function needs eval, which the app's Content-Security-Policy rightly forbids.)"""
    deadline = time.monotonic() + timeout
    while not (value := ask(page, expression)):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for: {expression}")
        time.sleep(0.05)
    return value


def ask(page, expression):
    """Evaluate a JavaScript expression in the page; None if the page navigated meanwhile."""
    try:
        return page.evaluate(expression)
    except PlaywrightError as error:
        # The page navigated while we asked (the reload below, or one the app chose): ask again.
        if "context was destroyed" not in str(error):
            raise
        return None


def wait_for_controller(page):
    """Wait until the service worker is active and controls the page. Installing precaches the
    shell and the whole library, so allow for a busy machine. A page whose navigation started
    before the worker activated and ended after it claimed its clients stays uncontrolled until
    it is loaded again: reload it once in that case."""
    wait_until(page, "navigator.serviceWorker.ready.then((r) => !!r.active)")
    if not ask(page, "!!navigator.serviceWorker.controller"):
        page.reload()
    wait_until(page, "!!navigator.serviceWorker.controller")


def page_weight(browser, base, email, password):
    """First visit to each main page with an empty cache, then a repeat visit from the installed
    app: static files must come from the service worker, with no network at all."""
    out = {}
    for label, path in MAIN_PAGES.items():
        context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
        page = context.new_page()
        if path != "/account/signin":
            sign_in(page, base, email, password)
        transfer = Transfer(context, page)
        transfer.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.goto(base + path, wait_until="load")
        settle(page)
        out[label] = {"first_visit_bytes": transfer.network_bytes(), "files": transfer.by_file()}
        transfer.detach()
        context.close()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    sign_in(page, base, email, password)
    wait_for_controller(page)
    page.goto(base + "/")
    transfer = Transfer(context, page)
    page.reload(wait_until="load")
    settle(page)
    out["repeat visit (installed)"] = {"static_network_bytes": transfer.network_bytes(static_only=True),
                                       "page_network_bytes": transfer.network_bytes()}
    transfer.detach()
    context.set_offline(True)
    response = page.reload(wait_until="load")
    out["repeat visit (installed)"]["offline_shell_works"] = bool(
        response and response.from_service_worker and page.evaluate(
            "getComputedStyle(document.querySelector('.tabbar')).position === 'fixed'"))
    context.close()
    return out


def replay(browser, base, email, password):
    """1,000 writes queued offline, then replayed through the outbox; counted in the database."""
    from webapp.models import CheckIn
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base, email, password)
    page.goto(base + "/log/")
    wait_until(page, "!!self.OutboxCore")
    marker = f"replay-{uuid.uuid4().hex[:8]}"
    context.set_offline(True)
    page.evaluate("""async ([count, marker]) => {
        const person = document.body.dataset.person;
        for (let i = 0; i < count; i++) {
            const stamp = OutboxCore.localStamp(new Date());
            await OutboxCore.put({kind: 'checkin', op: 'upsert', uuid: crypto.randomUUID(), owner: person,
                client_updated_at: new Date().toISOString(), ...stamp, state: 'pending', errors: null,
                data: {leg_pain: i % 11, notes: marker}});
        }
    }""", [REPLAY_COUNT, marker])
    queued = page.evaluate("OutboxCore.all().then((r) => r.length)")
    context.set_offline(False)
    start = time.perf_counter()
    page.evaluate("OutboxCore.flush()")
    wait_until(page, "OutboxCore.all().then((r) => r.length === 0)", timeout=120)
    seconds = time.perf_counter() - start
    rows = CheckIn.select().where(CheckIn.notes == marker)
    stored = rows.count()
    unique = rows.select(CheckIn.uuid).distinct().count()
    context.close()
    return {"queued": queued, "seconds": round(seconds, 2), "stored": stored,
            "duplicates": stored - unique, "lost": queued - unique}


def axe_everywhere(browser, base, email, password):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    out = {}
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in SIGNED_OUT:
        page.goto(base + path)
        out[path] = [v["id"] for v in axe.run(page).response["violations"]]
    sign_in(page, base, email, password)
    for path in SIGNED_IN:
        page.goto(base + path)
        out[path] = [v["id"] for v in axe.run(page).response["violations"]]
    context.close()
    return out


def run(base, email, password, replay_as):
    """All browser figures for `email`; the replay writes as `replay_as` (email, password)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            return {"page_weight": page_weight(browser, base, email, password),
                    "replay": replay(browser, base, *replay_as),
                    "axe": axe_everywhere(browser, base, email, password)}
        finally:
            browser.close()
