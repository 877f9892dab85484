"""Quality gates from the budgets that need a browser: counts and sizes, never times.
The timed runs live in `make bench` (bench/)."""
import json

import pytest

from bench import browser_metrics
from webapp.models import User, utcnow

from ..helpers import browser_signup

pytestmark = pytest.mark.browser
FIRST_VISIT_BUDGET = 60 * 1024


def onboard(email):
    User.update(stage=2, pattern="disc", side="left", onboarded_at=utcnow(), background_answered_at=utcnow(),
                pregnancy_answered_at=utcnow()).where(
        User.email == email).execute()


def test_page_weight_first_visit_and_installed_repeat_visit(browser, live):
    page = browser.new_page()
    email = browser_signup(page, live)
    onboard(email)
    page.close()
    weights = browser_metrics.page_weight(browser, live.url, email, "correct horse battery")
    print(json.dumps(weights))     # shown with -s: each page, and its bytes per file
    first = {label: figures["first_visit_bytes"] for label, figures in weights.items() if "first_visit_bytes" in figures}
    # Every page measured, and on failure each page's bytes per file (what to trim).
    assert len(first) == 6 and max(first.values()) <= FIRST_VISIT_BUDGET, json.dumps(weights)
    repeat = weights["repeat visit (installed)"]
    assert repeat["static_network_bytes"] == 0, repeat
    assert repeat["offline_shell_works"], repeat


def test_a_thousand_queued_writes_replay_with_no_duplicates_or_losses(browser, live):
    page = browser.new_page()
    email = browser_signup(page, live)
    page.close()
    result = browser_metrics.replay(browser, live.url, email, "correct horse battery")
    assert result["queued"] == 1000
    assert (result["stored"], result["duplicates"], result["lost"]) == (1000, 0, 0), result


def test_axe_on_every_page(browser, live):
    page = browser.new_page()
    email = browser_signup(page, live)
    onboard(email)
    page.close()
    violations = browser_metrics.axe_everywhere(browser, live.url, email, "correct horse battery")
    assert len(violations) >= 15
    assert {path: v for path, v in violations.items() if v} == {}
