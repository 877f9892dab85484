"""Quality gates from the budgets, fast enough for CI: counts and sizes, never times.
The timed runs live in `make bench` (bench/)."""
import pytest

from webapp.models import CheckIn, User, utcnow

from .conftest import LiveServer, browser_signup

import browser_metrics  # noqa: E402  (bench/ is on the path; see conftest)
import concurrency  # noqa: E402

FIRST_VISIT_BUDGET = 60 * 1024


def onboard(email):
    User.update(stage=2, pattern="disc", side="left", onboarded_at=utcnow()).where(
        User.email == email).execute()


@pytest.mark.browser
def test_page_weight_first_visit_and_installed_repeat_visit(browser, live):
    page = browser.new_page()
    email = browser_signup(page, live)
    onboard(email)
    page.close()
    weights = browser_metrics.page_weight(browser, live.url, email, "correct horse battery")
    for label, figures in weights.items():
        if "first_visit_bytes" in figures:
            assert figures["first_visit_bytes"] <= FIRST_VISIT_BUDGET, (label, figures)
    repeat = weights["repeat visit (installed)"]
    assert repeat["static_network_bytes"] == 0, repeat
    assert repeat["offline_shell_works"], repeat


@pytest.mark.browser
def test_a_thousand_queued_writes_replay_with_no_duplicates_or_losses(browser, live):
    page = browser.new_page()
    email = browser_signup(page, live)
    page.close()
    result = browser_metrics.replay(browser, live.url, email, "correct horse battery")
    assert result["queued"] == 1000
    assert (result["stored"], result["duplicates"], result["lost"]) == (1000, 0, 0), result


@pytest.mark.browser
def test_axe_on_every_page(browser, live):
    page = browser.new_page()
    email = browser_signup(page, live)
    onboard(email)
    page.close()
    violations = browser_metrics.axe_everywhere(browser, live.url, email, "correct horse battery")
    assert len(violations) >= 15
    assert {path: v for path, v in violations.items() if v} == {}


def test_concurrent_clients_lose_and_duplicate_nothing(app):
    """Ten people syncing, replaying and reading at once for a few seconds, on each backend."""
    app.config.update(RATELIMIT_ENABLED=False, WTF_CSRF_ENABLED=True)
    server = LiveServer(app)
    server.start()
    try:
        stats = concurrency.run_clients(server.port, clients=10, seconds=4)
    finally:
        server.stop()
    assert stats["errors"] == 0
    assert stats["requests"] > 20 and len(stats["acked"]) > 20
    found = CheckIn.select().where(CheckIn.uuid.in_(list(stats["acked"]))).count()
    assert found == len(stats["acked"])
    assert CheckIn.select().count() == CheckIn.select(CheckIn.uuid).distinct().count()
