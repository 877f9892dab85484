"""Browser tests: Debian's Chromium (never a downloaded browser) driven by Playwright against the app
on a real HTTP port. `live` is the one live-server fixture; a module that needs a different set-up
parametrises it indirectly with a dict of app settings; a setting may be a function of a fresh
folder, called once, e.g. {"CONTENT_DIR": copy_with_short_holds}."""
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from bench import browser_metrics
from webapp import db as dbmod

from ..helpers import CHROMIUM, CHROMIUM_ARGS, LiveServer, make_app


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": CHROMIUM_ARGS + list(browser_type_launch_args.get("args", []))}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A British phone: the app's default country (999, NHS 111) comes from the browser's language.
    return {**browser_context_args, "viewport": {"width": 360, "height": 740}, "locale": "en-GB"}


@pytest.fixture(scope="session")
def live_servers(tmp_path_factory):
    """Started once per set of settings and kept for the session."""
    servers = {}

    def get(settings):
        key = tuple(sorted(settings.items()))
        if key not in servers:
            root = tmp_path_factory.mktemp("live")
            resolved = {k: v(root) if callable(v) else v for k, v in settings.items()}
            app = make_app(f"sqlite:///{root / 'live.db'}", **{
                "TESTING": False, "WTF_CSRF_ENABLED": True, "THROTTLE_ADDRESS_FREE": 100_000,
                **resolved})
            servers[key] = LiveServer(app)
            servers[key].start()
        return servers[key]

    yield get
    for server in servers.values():
        server.stop()
        dbmod.close_all(server.app.extensions["database"])


@pytest.fixture
def live(request, live_servers):
    """The app on a live port; the shared database proxy points at its database for this test."""
    server = live_servers(getattr(request, "param", None) or {})
    dbmod.database.initialize(server.app.extensions["database"])
    return server


def wait_for_scripts(page, timeout=10.0):
    """Our pages start their scripts after the first paint (static/js/boot.js); a person cannot
    tap that fast, a test can. Wait for them, as a person's first tap does in practice. A page in a
    context with JavaScript switched off (page.scripts_off) has none to wait for."""
    if getattr(page, "scripts_off", False):
        return
    browser_metrics.wait_until(page, browser_metrics.SCRIPTS_READY, timeout)


@pytest.fixture(scope="session", autouse=True)
def scripts_ready_after_navigation():
    """Every navigation a test waits for (goto, reload, back, wait_for_url) also waits for the
    page's scripts."""
    patched = {}
    for name in ("goto", "reload", "go_back", "go_forward", "wait_for_url"):
        original = getattr(Page, name)

        def waiting(self, *args, __original=original, **kwargs):
            result = __original(self, *args, **kwargs)
            wait_for_scripts(self)
            return result
        patched[name] = original
        setattr(Page, name, waiting)
    yield
    for name, original in patched.items():
        setattr(Page, name, original)


@pytest.fixture(autouse=True)
def pages_closed_from_a_blank_page(context):
    """Each test's pages leave for about:blank and close before their context closes: Chromium
    could hang for good closing a context whose page was still on Today with the service worker
    keeping the day's pages (seen once a test had saved a check-in there)."""
    yield
    for page in list(context.pages):
        try:
            page.goto("about:blank", timeout=5000)
            page.close(run_before_unload=False)
        except PlaywrightError:
            pass                     # already closed, or the test left it unable to navigate
