"""WebKit, Safari's engine (every iPhone browser uses it): Debian's WebKitWebDriver driving the
MiniBrowser on an Xvfb display, through Selenium's WebKitGTK driver, against the app on a live port
that a test may stop and start again on the same port (WebDriver cannot switch WebKit offline).
A missing driver, browser or Xvfb fails these tests, never skips them: `make test` installs them
first (scripts/test-deps.sh)."""
import glob
import os
import shutil
import subprocess

import pytest
from selenium import webdriver
from selenium.webdriver.webkitgtk.service import Service

from webapp import db as dbmod

from ..helpers import LiveServer, make_app

WEBKIT_DRIVER = (os.environ.get("WEBKIT_DRIVER_PATH") or shutil.which("WebKitWebDriver")
                 or "/usr/bin/WebKitWebDriver")
MINIBROWSER = (os.environ.get("MINIBROWSER_PATH")
               or next(iter(sorted(glob.glob("/usr/lib/*/webkit2gtk-4.1/MiniBrowser"))), ""))
XVFB = os.environ.get("XVFB_PATH") or shutil.which("Xvfb") or "/usr/bin/Xvfb"



@pytest.fixture(scope="session")
def display():
    """A virtual screen for the MiniBrowser; Xvfb picks a free display number and tells us."""
    for path, package in ((XVFB, "xvfb"), (WEBKIT_DRIVER, "webkit2gtk-driver"),
                          (MINIBROWSER, "webkit2gtk-driver")):
        if not (path and os.access(path, os.X_OK)):
            pytest.fail(f"{path or 'MiniBrowser'} is missing: run `bash scripts/test-deps.sh` "
                        f"(Debian package {package})", pytrace=False)
    read, write = os.pipe()
    xvfb = subprocess.Popen([XVFB, "-displayfd", str(write), "-screen", "0", "1024x900x24", "-nolisten", "tcp"],
                            pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        pytest.fail("Xvfb did not start", pytrace=False)
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(10)


@pytest.fixture
def webkit(display, tmp_path):
    """A fresh MiniBrowser (automation mode keeps nothing between sessions)."""
    options = webdriver.WebKitGTKOptions()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    options.set_capability("browserName", "MiniBrowser")
    service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display},
                      log_output=str(tmp_path / "webkitwebdriver.log"))
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def live(tmp_path):
    """The app on its own live port and database, stoppable and restartable on that port."""
    app = make_app(f"sqlite:///{tmp_path / 'live.db'}", TESTING=False, WTF_CSRF_ENABLED=True,
                   THROTTLE_ADDRESS_FREE=1000)
    server = LiveServer(app)
    server.start()
    dbmod.database.initialize(app.extensions["database"])
    yield server
    server.stop()
    # The idle connections only: a request WebKit started before the test ended (the service
    # worker keeping pages) may still be running in its own thread, and closing the connection
    # under it (peewee's close_all closes those in use too) crashed SQLite once. Its connection
    # goes back to the pool when it finishes and is closed with the pool.
    app.extensions["database"].close_idle()
