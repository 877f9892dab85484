"""Sign-in reveals nothing: the same work for a known and an unknown email (issue 13, finding 6)."""
from webapp.models import people

from .helpers import PASSWORD


def test_known_and_unknown_emails_cost_the_same_password_check(client, auth, monkeypatch):
    """Finding 6: sign-in took ~190 ms for a known email and ~15 ms for an unknown one."""
    auth.signup()
    auth.signout()
    checks = []
    real = people.check_password_hash

    def counted(password_hash, password):
        checks.append(password_hash.split("$")[0])          # the method and its cost parameters
        return real(password_hash, password)
    monkeypatch.setattr(people, "check_password_hash", counted)
    answers = {}
    for email in ("ana@example.com", "nobody@example.com"):
        r = auth.signin(email, "not the password")
        answers[email] = (r.status_code, r.get_data(as_text=True).count("don&#39;t match"))
    assert len(checks) == 2 and checks[0] == checks[1] and checks[0].startswith("scrypt:")
    assert answers["ana@example.com"] == answers["nobody@example.com"] == (401, 1)
    assert auth.signin("ana@example.com", PASSWORD).status_code == 302
