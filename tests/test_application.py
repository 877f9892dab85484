"""webapp/application.py: the Flask class the app runs on."""
from webapp.application import SYNC_KEPT, App


class Unhashable:
    __hash__ = None

    def __call__(self):
        return "ran"


def test_ensure_sync_keeps_its_answer_per_function_and_stays_bounded():
    app = App(__name__)

    def view():
        return "ok"
    assert app.ensure_sync(view) is view and app._sync_of == {view: view}
    assert app.ensure_sync(Unhashable())() == "ran"
    for n in range(SYNC_KEPT + 10):
        app.ensure_sync(lambda n=n: n)
    assert len(app._sync_of) == SYNC_KEPT


def test_every_request_still_runs_its_hooks(client):
    """The kept answers change nothing a request does: the hooks still run (headers set by an
    after-request hook, a signed-in check by a before-request hook)."""
    response = client.get("/red-flags")
    assert response.status_code == 200 and response.headers["X-Frame-Options"] == "DENY"
    assert client.get("/log/").status_code == 302
